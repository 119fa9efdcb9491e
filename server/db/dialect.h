// SPDX-License-Identifier: AGPL-3.0-or-later
// The one place where SQLite and PostgreSQL differ: pragmas, BEGIN, error classification.
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include "server/core/result.h"
#include "server/db/dbconfig.h"

namespace Blockhaus::Db {

class Dialect
{
public:
    explicit Dialect(Driver driver)
        : m_driver(driver)
    {
    }

    Driver driver() const { return m_driver; }
    QString qtDriverName() const;
    // Whether Qt can load the driver plugin; a package without it cannot open any database.
    bool isDriverAvailable() const { return QSqlDatabase::isDriverAvailable(qtDriverName()); }
    // Statements run once on every new connection (pragmas / session settings).
    QStringList connectionSetup(const DbConfig &config) const;
    // SQL that differs (#15); the store writes one statement with these parts for both drivers.
    // Appended to an INSERT whose new id is then read with Sql::insertedId(): SQLite reports
    // it (last_insert_rowid), PostgreSQL returns it ("" or " RETURNING id").
    QString returningId() const;
    // The larger of two values of one row: MAX(a, b) in SQLite, GREATEST(a, b) in PostgreSQL.
    QString greatest(const QString &a, const QString &b) const;
    // A text sorted ignoring case, as SQLite's COLLATE NOCASE: "x COLLATE NOCASE" or "lower(x)".
    QString nocase(const QString &expression) const;
    // "column = ?" ignoring case, for the columns SQLite declares COLLATE NOCASE (PostgreSQL's
    // unique indexes on lower(column) serve "lower(column) = lower(?)").
    QString equalsIgnoringCase(const QString &column) const;
    // Appended to a SELECT whose rows decide a write in the same transaction: PostgreSQL locks
    // them (" FOR NO KEY UPDATE"); SQLite's write transaction already holds the database's
    // write lock ("").
    QString forUpdate() const;
    // Write transactions take the write lock up front so two writers never deadlock upgrading.
    QString beginWrite() const;
    QString beginRead() const;
    // Classification of driver errors.
    bool isBusy(const QSqlError &error) const; // SQLITE_BUSY/LOCKED, PG 40001/40P01
    // toError(): PostgreSQL's lock_timeout (55P03) is Unavailable at once, not rerun.
    // toError() also makes a PostgreSQL unique violation transient: a lost race, rerun.
    bool isStorageFull(const QSqlError &error) const; // SQLITE_FULL, PG 53100
    bool isUniqueViolation(const QSqlError &error) const; // SQLITE_CONSTRAINT_UNIQUE, PG 23505
    bool isConnectionBroken(const QSqlError &error) const;
    // A Result error for a failed statement, classified.
    Error toError(const QSqlError &error, const QString &what) const;

private:
    Driver m_driver;
};

} // namespace Blockhaus::Db
