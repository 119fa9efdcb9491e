// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/userstore.h"

#include <algorithm>

#include <QCoreApplication>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<bool> UserStore::hasAdmin(Db::Connection &db)
{
    Sql q(db, u"SELECT 1 FROM users WHERE role = 'admin' LIMIT 1"_s);
    if (!q.exec())
        return q.error();
    return q.next();
}

Result<NewAccount> UserStore::create(Db::Connection &db, const QString &username,
                                     const QString &displayName, Role role,
                                     const QString &passwordHash)
{
    return Db::writeTransaction<NewAccount>(db, [&](Db::Connection &db) -> Result<NewAccount> {
        // No conflict target: the username's unique key is case-insensitive, a NOCASE column in
        // SQLite and an index on lower(username) in PostgreSQL; it is the only one that can clash.
        Sql insert(db,
                   u"INSERT INTO users (username, display_name, role, password_hash, created_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s
                       + db.dialect().returningId());
        insert.bind(username)
            .bind(displayName)
            .bind(roleToString(role))
            .bind(passwordHash)
            .bind(nowText());
        if (!insert.exec())
            return insert.error();
        const qint64 id = insert.insertedId();
        if (id == 0) {
            Error error = makeError(
                ErrorKind::Exists,
                QT_TRANSLATE_NOOP("Sentence", "The username \u201c%1\u201d is taken."), {username});
            error.extra = {{u"field"_s, u"username"_s}};
            return error;
        }
        return NewAccount{id, username, displayName, {}, role};
    });
}

Result<LoginRecord> UserStore::loginRecord(Db::Connection &db, const QString &username)
{
    Sql q(db,
          u"SELECT id, password_hash, disabled FROM users WHERE "_s
              + db.dialect().equalsIgnoringCase(u"username"_s));
    q.bind(username);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound);
    return LoginRecord{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toBool()};
}

Result<User> UserStore::user(Db::Connection &db, qint64 id)
{
    Sql q(db,
          u"SELECT id, username, display_name, role FROM users WHERE id = ? AND disabled = 0"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such user."));
    User user{q.value(0).toLongLong(),
              q.value(1).toString(),
              q.value(2).toString(),
              roleFromString(q.value(3).toString()),
              {}};
    Sql groups(db,
               u"SELECT g.id, g.name FROM memberships m JOIN groups g ON g.id = m.group_id "
               "WHERE m.user_id = ? ORDER BY g.name"_s);
    groups.bind(id);
    if (!groups.exec())
        return groups.error();
    while (groups.next())
        user.groups.append({groups.value(0).toLongLong(), groups.value(1).toString()});
    return user;
}

Result<QList<User>> UserStore::staff(Db::Connection &db)
{
    Sql q(db,
          u"SELECT id, username, display_name, role FROM users "
          "WHERE role IN ('teacher', 'admin') AND disabled = 0 "
          "ORDER BY "_s
              + db.dialect().nocase(u"display_name"_s) + u", id"_s);
    if (!q.exec())
        return q.error();
    QList<User> users;
    while (q.next())
        users.append({q.value(0).toLongLong(),
                      q.value(1).toString(),
                      q.value(2).toString(),
                      roleFromString(q.value(3).toString()),
                      {}});
    return users;
}

namespace {

// Runs update (a bound UPDATE of one account's password) and ends every session of the account,
// inside the caller's write transaction: there is no moment in which the new password is set
// while a session opened with the old one still works.
Result<Ok> updateThenEndSessions(Db::Connection &db, Sql &update, qint64 id)
{
    if (!update.exec())
        return update.error();
    if (update.rowsAffected() != 1)
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such user."));
    Sql sessions(db, u"DELETE FROM sessions WHERE user_id = ?"_s);
    sessions.bind(id);
    if (!sessions.exec())
        return sessions.error();
    return Ok{};
}

} // namespace

Result<Ok> UserStore::setPasswordHash(Db::Connection &db, qint64 id, const QString &passwordHash)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        Sql q(db, u"UPDATE users SET password_hash = ? WHERE id = ?"_s);
        q.bind(passwordHash).bind(id);
        return updateThenEndSessions(db, q, id);
    });
}

Result<Ok> UserStore::setNameAndPasswordHash(Db::Connection &db, qint64 id,
                                             const QString &displayName,
                                             const QString &passwordHash)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        Sql q(db, u"UPDATE users SET display_name = ?, password_hash = ? WHERE id = ?"_s);
        q.bind(displayName).bind(passwordHash).bind(id);
        return updateThenEndSessions(db, q, id);
    });
}

Result<int> UserStore::flushLastSeen(Db::Connection &db, const QHash<qint64, QString> &lastSeen)
{
    if (lastSeen.isEmpty())
        return 0;
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        int written = 0;
        for (auto it = lastSeen.cbegin(); it != lastSeen.cend(); ++it) {
            Sql q(db,
                  u"UPDATE users SET last_seen = ? WHERE id = ? "
                  "AND (last_seen IS NULL OR last_seen < ?)"_s);
            q.bind(it.value()).bind(it.key()).bind(it.value());
            if (!q.exec())
                return q.error();
            written += q.rowsAffected();
        }
        return written;
    });
}

Result<Ok> SessionStore::create(Db::Connection &db, qint64 userId, const QString &tokenHash,
                                const QString &expiresAt)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        Sql q(db,
              u"INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
              "VALUES (?, ?, ?, ?)"_s);
        q.bind(tokenHash).bind(userId).bind(nowText()).bind(expiresAt);
        if (!q.exec())
            return q.error();
        return Ok{};
    });
}

Result<SessionInfo> SessionStore::resolve(Db::Connection &db, const QString &tokenHash,
                                          const QDateTime &now, const SessionLifetime &lifetime)
{
    const QString nowText = toText(now);
    qint64 userId = 0;
    QString expiresAt;
    QString endOfLife; // created_at + the absolute lifetime
    {
        // Scoped: an unfinished SELECT would keep a read snapshot open on this connection, and
        // a write transaction started on top of a stale snapshot fails as busy.
        Sql q(db, u"SELECT user_id, expires_at, created_at FROM sessions WHERE token_hash = ?"_s);
        q.bind(tokenHash);
        if (!q.exec())
            return q.error();
        if (!q.next() || q.value(1).toString() <= nowText)
            return makeError(ErrorKind::Unauthorized);
        userId = q.value(0).toLongLong();
        expiresAt = q.value(1).toString();
        const QDateTime created = fromText(q.value(2).toString());
        // A row whose created_at cannot be read is treated as too old, not as immortal.
        endOfLife = created.isValid() ? toText(created.addSecs(lifetime.absoluteSeconds)) : nowText;
    }
    if (endOfLife <= nowText)
        return makeError(ErrorKind::Unauthorized);
    expiresAt = std::min(expiresAt, endOfLife);
    const QString refreshBefore = toText(now.addSecs(lifetime.refreshBelowSeconds));
    const QString newExpiry = std::min(toText(now.addSecs(lifetime.slidingSeconds)), endOfLife);
    if (expiresAt < refreshBefore && expiresAt < newExpiry) {
        // One guarded write: it never revives an expired or deleted session.
        auto refreshed = Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
            Sql update(db,
                       u"UPDATE sessions SET expires_at = ? WHERE token_hash = ? "
                       "AND expires_at > ? AND expires_at < ?"_s);
            update.bind(newExpiry).bind(tokenHash).bind(nowText).bind(newExpiry);
            if (!update.exec())
                return update.error();
            return Ok{};
        });
        if (!refreshed)
            return refreshed.error();
        expiresAt = newExpiry;
    }
    auto user = UserStore::user(db, userId);
    if (!user) {
        if (user.error().kind == ErrorKind::NotFound)
            return makeError(ErrorKind::Unauthorized);
        return user.error();
    }
    return SessionInfo{*user, expiresAt};
}

Result<Ok> SessionStore::remove(Db::Connection &db, const QString &tokenHash)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        Sql q(db, u"DELETE FROM sessions WHERE token_hash = ?"_s);
        q.bind(tokenHash);
        if (!q.exec())
            return q.error();
        return Ok{};
    });
}

Result<int> SessionStore::removeAll(Db::Connection &db)
{
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        Sql q(db, u"DELETE FROM sessions"_s);
        if (!q.exec())
            return q.error();
        return q.rowsAffected();
    });
}

Result<int> SessionStore::removeAllOf(Db::Connection &db, qint64 userId)
{
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        Sql q(db, u"DELETE FROM sessions WHERE user_id = ?"_s);
        q.bind(userId);
        if (!q.exec())
            return q.error();
        return q.rowsAffected();
    });
}

Result<int> SessionStore::purgeExpired(Db::Connection &db, const QString &now)
{
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        Sql q(db, u"DELETE FROM sessions WHERE expires_at <= ?"_s);
        q.bind(now);
        if (!q.exec())
            return q.error();
        return q.rowsAffected();
    });
}

} // namespace Blockhaus::Store
