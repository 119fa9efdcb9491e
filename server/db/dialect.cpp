// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/dialect.h"

#include <QLoggingCategory>

#include "server/db/dblog.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {
// SQLite primary result codes (the QSQLITE driver reports the extended code as text).
constexpr int sqliteBusy = 5;
constexpr int sqliteLocked = 6;
constexpr int sqliteFull = 13;
constexpr int sqliteConstraint = 19;
constexpr int sqliteIoErr = 10;

int sqlitePrimaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}
} // namespace

QString Dialect::qtDriverName() const
{
    return m_driver == Driver::Sqlite ? u"QSQLITE"_s : u"QPSQL"_s;
}

QStringList Dialect::connectionSetup(const DbConfig &config) const
{
    if (m_driver == Driver::Postgres)
        return {u"SET TIME ZONE 'UTC'"_s};
    QStringList setup{
        // Project bodies are ~150 KB: 16 KiB pages write a save in a quarter of the WAL frames
        // (and syscalls) that 4 KiB pages need. Only takes effect on a new, empty database.
        u"PRAGMA page_size=16384"_s,
        u"PRAGMA journal_mode=WAL"_s,
        // FULL: a save is acknowledged only when it is on disk, also across power loss.
        u"PRAGMA synchronous=FULL"_s,
        u"PRAGMA foreign_keys=ON"_s,
        u"PRAGMA busy_timeout=%1"_s.arg(config.busyTimeoutMs),
        u"PRAGMA temp_store=MEMORY"_s,
        // 8 MiB of page cache per connection (the default is 2 MiB).
        u"PRAGMA cache_size=-8192"_s,
        // Bodies are large; keep the WAL from growing without bound between checkpoints.
        u"PRAGMA journal_size_limit=67108864"_s,
    };
    if (config.sqliteMaxPageCount > 0)
        setup << u"PRAGMA max_page_count=%1"_s.arg(config.sqliteMaxPageCount);
    return setup;
}

QString Dialect::beginWrite() const
{
    return m_driver == Driver::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
}

QString Dialect::beginRead() const
{
    // SQLite: a deferred transaction is a WAL snapshot at its first read (G4).
    return m_driver == Driver::Sqlite ? u"BEGIN DEFERRED"_s
                                      : u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s;
}

bool Dialect::isBusy(const QSqlError &error) const
{
    if (m_driver == Driver::Sqlite) {
        const int code = sqlitePrimaryCode(error);
        return code == sqliteBusy || code == sqliteLocked;
    }
    const QString state = error.nativeErrorCode();
    return state == u"40001"_s || state == u"40P01"_s || state == u"55P03"_s;
}

bool Dialect::isStorageFull(const QSqlError &error) const
{
    if (m_driver == Driver::Sqlite)
        return sqlitePrimaryCode(error) == sqliteFull;
    return error.nativeErrorCode() == u"53100"_s;
}

bool Dialect::isUniqueViolation(const QSqlError &error) const
{
    if (m_driver == Driver::Sqlite)
        return sqlitePrimaryCode(error) == sqliteConstraint;
    return error.nativeErrorCode() == u"23505"_s;
}

bool Dialect::isConnectionBroken(const QSqlError &error) const
{
    if (m_driver == Driver::Sqlite)
        return sqlitePrimaryCode(error) == sqliteIoErr;
    return error.type() == QSqlError::ConnectionError;
}

Error Dialect::toError(const QSqlError &error, const QString &what) const
{
    if (isStorageFull(error)) {
        qCWarning(lcDb) << "storage full during" << what << error.text();
        return makeError(ErrorKind::StorageFull);
    }
    if (isBusy(error)) {
        qCWarning(lcDb) << "database busy during" << what << error.text();
        Error busy = makeError(ErrorKind::Unavailable);
        busy.transient = true;
        return busy;
    }
    qCCritical(lcDb) << "database error during" << what << error.nativeErrorCode() << error.text();
    return makeError(ErrorKind::Internal, {}, {});
}

} // namespace Blockhaus::Db
