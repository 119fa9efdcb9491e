// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/dialect.h"

#include <algorithm>

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
    if (m_driver == Driver::Postgres) {
        // A lock held elsewhere (a psql session left in a transaction, another process's long
        // write) is waited for as long as SQLite's busy_timeout, then the request gets 503
        // instead of holding its worker for ever (G10, #15).
        return {u"SET TIME ZONE 'UTC'"_s,
                u"SET lock_timeout = %1"_s.arg(std::max(1, config.busyTimeoutMs))};
    }
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

QString Dialect::returningId() const
{
    return m_driver == Driver::Sqlite ? QString() : u" RETURNING id"_s;
}

QString Dialect::greatest(const QString &a, const QString &b) const
{
    return u"%1(%2, %3)"_s.arg(m_driver == Driver::Sqlite ? u"MAX"_s : u"GREATEST"_s, a, b);
}

QString Dialect::nocase(const QString &expression) const
{
    return m_driver == Driver::Sqlite ? expression + u" COLLATE NOCASE"_s
                                      : u"lower(%1)"_s.arg(expression);
}

QString Dialect::equalsIgnoringCase(const QString &column) const
{
    // SQLite: the column's own NOCASE collation applies to "=".
    return m_driver == Driver::Sqlite ? column + u" = ?"_s : u"lower(%1) = lower(?)"_s.arg(column);
}

QString Dialect::forUpdate() const
{
    // NO KEY: rows of other tables that reference the locked one may still be inserted.
    return m_driver == Driver::Sqlite ? QString() : u" FOR NO KEY UPDATE"_s;
}

QString Dialect::beginWrite() const
{
    // SQLite: one writer at a time, so a read that decides a write inside the transaction can
    // trust what it read. PostgreSQL runs writers side by side at READ COMMITTED: the store
    // locks the row a decision rests on (forUpdate(): the project, the user whose quota is
    // checked), guarded updates re-check their WHERE after a lock wait, and a race that ends in
    // a unique violation reruns the whole transaction (toError), whose own check then answers
    // (#15). SERIALIZABLE was tried first: its predicate locks made a save storm fail with
    // serialization errors beyond any sensible retry bound.
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
    return state == u"40001"_s || state == u"40P01"_s;
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
    // PostgreSQL's lock_timeout (55P03): the lock stayed taken for the whole busy timeout, so a
    // rerun would only wait again: 503 with Retry-After at once, as SQLite's exhausted busy wait.
    if (m_driver == Driver::Postgres && error.nativeErrorCode() == u"55P03"_s) {
        qCWarning(lcDb) << "lock held elsewhere during" << what << error.text();
        Error busy = makeError(ErrorKind::Unavailable);
        busy.retryAfterSeconds = 2;
        return busy;
    }
    // PostgreSQL: two writers that both found a name free and both inserted it; the loser's
    // whole transaction runs again (bounded, GroupCommitter) and its own check then says
    // "taken". SQLite's single writer never gets here (#15).
    if (isBusy(error) || (m_driver == Driver::Postgres && isUniqueViolation(error))) {
        qCWarning(lcDb) << "database busy during" << what << error.text();
        Error busy = makeError(ErrorKind::Unavailable);
        busy.transient = true;
        return busy;
    }
    qCCritical(lcDb) << "database error during" << what << error.nativeErrorCode() << error.text();
    return makeError(ErrorKind::Internal, {}, {});
}

} // namespace Blockhaus::Db
