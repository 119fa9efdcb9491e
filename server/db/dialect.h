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
    // Write transactions take the write lock up front so two writers never deadlock upgrading.
    QString beginWrite() const;
    QString beginRead() const;
    // Classification of driver errors.
    bool isBusy(const QSqlError &error) const; // SQLITE_BUSY/LOCKED, PG 40001/40P01/55P03
    bool isStorageFull(const QSqlError &error) const; // SQLITE_FULL, PG 53100
    bool isUniqueViolation(const QSqlError &error) const; // SQLITE_CONSTRAINT_UNIQUE, PG 23505
    bool isConnectionBroken(const QSqlError &error) const;
    // A Result error for a failed statement, classified.
    Error toError(const QSqlError &error, const QString &what) const;

private:
    Driver m_driver;
};

} // namespace Blockhaus::Db
