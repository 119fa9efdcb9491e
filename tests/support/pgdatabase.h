// SPDX-License-Identifier: AGPL-3.0-or-later
// tests/support for PostgreSQL (#15): a fresh database per test on the cluster that
// BLOCKHAUS_TEST_DATABASE names (tools/pg-cluster.sh), dropped again afterwards.
#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include "server/db/dbconfig.h"

namespace Blockhaus::Test {

class PgTestDatabase
{
public:
    // Creates a database with a random name, from BLOCKHAUS_TEST_DATABASE (the maintenance
    // database to connect to) and BLOCKHAUS_DATABASE_PASSWORD. Check isValid().
    PgTestDatabase();
    ~PgTestDatabase(); // drops the database, closing whatever still uses it
    PgTestDatabase(const PgTestDatabase &) = delete;
    PgTestDatabase &operator=(const PgTestDatabase &) = delete;

    bool isValid() const { return m_valid; }
    // Why it is not valid: no BLOCKHAUS_TEST_DATABASE, a bad address, the cluster refused.
    QString errorText() const { return m_error; }
    // The fresh database: for a Db::ConnectionPool, or as --database (url(), the password stays
    // in BLOCKHAUS_DATABASE_PASSWORD).
    const Db::DbConfig &config() const { return m_config; }
    QString url() const { return Db::describeDatabase(m_config); }
    QString name() const { return m_config.pgDatabase; }

private:
    bool adminExec(const QString &sql);

    Db::DbConfig m_admin;
    Db::DbConfig m_config;
    bool m_valid = false;
    QString m_error;
};

// A disk that fills up, for PostgreSQL (#15). SQLite's full disk is simulated with a page ceiling
// (max_page_count); PostgreSQL has no such thing, so a database is moved onto a small filesystem
// of its own (a tmpfs this object mounts, as a tablespace) and that filesystem is filled with a
// file until only a little room is left: the next write that needs more fails inside PostgreSQL
// exactly as on a real full disk (SQLSTATE 53100, "could not extend file"). The write-ahead log
// stays on the cluster's own disk, as a school's database would keep it. Mounting needs root,
// which tools/test.sh and CI are; isValid() is false otherwise, with the reason.
class PgSmallDisk
{
public:
    explicit PgSmallDisk(qint64 sizeBytes = 96LL * 1024 * 1024);
    ~PgSmallDisk(); // drops the tablespace (move every database off it first) and unmounts
    PgSmallDisk(const PgSmallDisk &) = delete;
    PgSmallDisk &operator=(const PgSmallDisk &) = delete;

    bool isValid() const { return m_valid; }
    QString errorText() const { return m_error; }
    // Moves the database at this address (tables, indexes, catalogs) onto the small disk. Nobody
    // may be connected to it: stop the server first.
    bool moveDatabase(const QString &address);
    // Puts it back on the cluster's own disk (before this object goes).
    bool moveBack(const QString &address);
    // Fills the disk until about leaveFreeBytes are free; unfill() removes the filler again.
    bool fill(qint64 leaveFreeBytes);
    bool unfill();
    qint64 freeBytes() const;

private:
    bool fail(const QString &why);
    bool alterDatabase(const QString &address, const QString &tablespace);

    QString m_mountPoint;
    QString m_tablespace;
    bool m_mounted = false;
    bool m_valid = false;
    QString m_error;
};

// The database of an in-process test pool (#15): the SQLite file at sqlitePath, or, with
// BLOCKHAUS_TEST_DATABASE set (the *.pg run of a suite), a fresh PostgreSQL database that holder
// keeps until it is reset (declare it before the pool, so that the pool closes first). nullopt,
// with a warning, when PostgreSQL was asked for and cannot be had.
std::optional<Db::DbConfig> testDatabase(const QString &sqlitePath,
                                         std::unique_ptr<PgTestDatabase> &holder);

// The *.pg run of a suite whose server runs in the test process (App::Options::database, #15):
// with BLOCKHAUS_TEST_DATABASE set, a fresh database that holder keeps (declare it before the
// server) and its address; else an empty string, which means SQLite in the data folder. An
// empty address with BLOCKHAUS_TEST_DATABASE set means the database could not be made (a
// warning says why): callers check TestServer::postgresRequested() == !address.isEmpty().
QString requestedPostgresAddress(std::unique_ptr<PgTestDatabase> &holder);

// Whether a TestServer's databasePath() is a PostgreSQL address rather than a SQLite file.
bool isPostgresAddress(const QString &database);
// One statement on the PostgreSQL database at this address (password from
// BLOCKHAUS_DATABASE_PASSWORD), the rows as text (NULL -> null QString), as queryDatabase() does
// for a SQLite file; nullopt when it fails.
std::optional<QList<QStringList>> queryPostgres(const QString &address, const QString &sql,
                                                const QVariantList &binds = {},
                                                int *rowsAffected = nullptr);
// PostgreSQL's counterpart of SQLite's PRAGMA integrity_check: amcheck's bt_index_check on every
// B-tree index of the database (heap and index agree); "ok", or what failed.
QString postgresIntegrityCheck(const QString &address);

} // namespace Blockhaus::Test
