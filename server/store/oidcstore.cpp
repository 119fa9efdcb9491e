// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/oidcstore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/classstore.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

// A school account never signs in with a password: no hash verifies against this.
constexpr QStringView noPassword = u"!oidc";
// How many free variants of a taken user name are tried (anna, anna-2, ... anna-50).
constexpr int usernameAttempts = 50;

// The one roster row that every account, class and membership change updates (triggers of
// schema 3). Taken first, so concurrent sign-ins on PostgreSQL queue here instead of meeting in
// the opposite order on a mapping row and the roster row (a deadlock). A no-op on SQLite, whose
// write transactions run one at a time anyway.
Result<Ok> lockRoster(Db::Connection &db)
{
    Sql lock(db, u"SELECT revision FROM roster_revision WHERE id = 1"_s + db.dialect().forUpdate());
    if (!lock.exec())
        return lock.error();
    return Ok{};
}

// Inserts (issuer, key) into a mapping table unless it is there, then reads its target id: 0
// when this transaction inserted the row (the caller makes the target and sets it). On
// PostgreSQL a concurrent insert of the same key waits for the other transaction; after its
// commit this statement does nothing and the read sees the other's target.
Result<qint64> mappedId(Db::Connection &db, const QString &table, const QString &keyColumn,
                        const QString &targetColumn, const QString &issuer, const QString &key)
{
    Sql insert(db,
               u"INSERT INTO %1 (issuer, %2, %3) VALUES (?, ?, NULL) ON CONFLICT DO NOTHING"_s.arg(
                   table, keyColumn, targetColumn));
    insert.bind(issuer).bind(key);
    if (!insert.exec())
        return insert.error();
    Sql read(
        db, u"SELECT %3 FROM %1 WHERE issuer = ? AND %2 = ?"_s.arg(table, keyColumn, targetColumn));
    read.bind(issuer).bind(key);
    if (!read.exec())
        return read.error();
    if (!read.next())
        return makeError(ErrorKind::Internal, u"A %1 row vanished."_s.arg(table));
    return read.value(0).isNull() ? 0 : read.value(0).toLongLong();
}

Result<Ok> setMappedId(Db::Connection &db, const QString &table, const QString &keyColumn,
                       const QString &targetColumn, const QString &issuer, const QString &key,
                       qint64 id)
{
    Sql update(
        db,
        u"UPDATE %1 SET %3 = ? WHERE issuer = ? AND %2 = ?"_s.arg(table, keyColumn, targetColumn));
    update.bind(id).bind(issuer).bind(key);
    if (!update.exec())
        return update.error();
    return Ok{};
}

// A new account under the wanted name or, when that is taken (by a local account or another
// school account), under the first free variant: a school sign-in never takes over an account
// it did not make.
Result<qint64> createUser(Db::Connection &db, const ExternalAccount &account)
{
    for (int attempt = 1; attempt <= usernameAttempts; ++attempt) {
        const QString name =
            attempt == 1 ? account.username : u"%1-%2"_s.arg(account.username).arg(attempt);
        Sql insert(db,
                   u"INSERT INTO users (username, display_name, role, password_hash, created_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"_s
                       + db.dialect().returningId());
        insert.bind(name)
            .bind(account.displayName)
            .bind(roleToString(account.role))
            .bind(noPassword.toString())
            .bind(nowText());
        if (!insert.exec())
            return insert.error();
        if (const qint64 id = insert.insertedId())
            return id;
    }
    return makeError(ErrorKind::Exists,
                     QT_TRANSLATE_NOOP("Sentence",
                                       "The user name \u201c%1\u201d and its variants are all "
                                       "taken. Please ask the teacher or IT for help."),
                     {account.username});
}

// Name and role follow the school's directory at every sign-in; an admin stays admin.
Result<Ok> updateUser(Db::Connection &db, qint64 id, const ExternalAccount &account)
{
    Sql update(db,
               u"UPDATE users SET display_name = ?, role = ? WHERE id = ? AND role <> 'admin' "
               "AND (display_name <> ? OR role <> ?)"_s);
    const QString role = roleToString(account.role);
    update.bind(account.displayName).bind(role).bind(id).bind(account.displayName).bind(role);
    if (!update.exec())
        return update.error();
    return Ok{};
}

Result<qint64> createClass(Db::Connection &db, const QString &name)
{
    // No creator (the school's directory made it) and no join code sign-in: school accounts
    // have no passwords to pick a name with.
    for (int attempt = 0; attempt < 20; ++attempt) {
        Sql insert(db,
                   u"INSERT INTO groups (name, join_code, join_open, created_by, created_at) "
                   "VALUES (?, ?, 0, NULL, ?) ON CONFLICT (join_code) DO NOTHING"_s
                       + db.dialect().returningId());
        insert.bind(name).bind(ClassStore::newJoinCode()).bind(nowText());
        if (!insert.exec())
            return insert.error();
        if (const qint64 id = insert.insertedId())
            return id;
    }
    return makeError(ErrorKind::Internal, u"No free join code was found."_s);
}

Result<Ok> setMembership(Db::Connection &db, qint64 groupId, qint64 userId, bool teaches)
{
    Sql upsert(db,
               u"INSERT INTO memberships (group_id, user_id, teaches) VALUES (?, ?, ?) "
               "ON CONFLICT (group_id, user_id) DO UPDATE SET teaches = excluded.teaches "
               "WHERE memberships.teaches <> excluded.teaches"_s);
    upsert.bind(groupId).bind(userId).bind(teaches ? 1 : 0);
    if (!upsert.exec())
        return upsert.error();
    return Ok{};
}

// Leaves the classes of this provider that the account's groups no longer name; their shares of
// the account's projects end, as when a teacher removes a member. Local classes are untouched.
Result<Ok> leaveOtherClasses(Db::Connection &db, qint64 userId, const QString &issuer,
                             const QList<qint64> &keep)
{
    QString notKept;
    for (qsizetype i = 0; i < keep.size(); ++i)
        notKept += i == 0 ? u"?"_s : u", ?"_s;
    const QString others = u"SELECT group_id FROM external_groups WHERE issuer = ? "
                           "AND group_id IS NOT NULL"_s
        + (keep.isEmpty() ? QString() : u" AND group_id NOT IN (%1)"_s.arg(notKept));
    Sql unshare(db,
                u"DELETE FROM project_shares WHERE group_id IN (%1) AND project_id IN "
                "(SELECT id FROM projects WHERE owner_id = ?)"_s.arg(others));
    Sql leave(db, u"DELETE FROM memberships WHERE group_id IN (%1) AND user_id = ?"_s.arg(others));
    for (Sql *statement : {&unshare, &leave}) {
        statement->bind(issuer);
        for (qint64 id : keep)
            statement->bind(id);
        statement->bind(userId);
        if (!statement->exec())
            return statement->error();
    }
    return Ok{};
}

} // namespace

Result<Ok> OidcStore::addPending(Db::Connection &db, const QString &stateHash,
                                 const PendingLogin &pending, const QString &expiresAt)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        // Abandoned sign-ins (the browser never came back) go with the next one that starts.
        Sql purge(db, u"DELETE FROM oidc_pending_logins WHERE expires_at < ?"_s);
        purge.bind(nowText());
        if (!purge.exec())
            return purge.error();
        Sql insert(db,
                   u"INSERT INTO oidc_pending_logins "
                   "(state_hash, nonce, code_verifier, redirect_uri, expires_at) "
                   "VALUES (?, ?, ?, ?, ?)"_s);
        insert.bind(stateHash)
            .bind(pending.nonce)
            .bind(pending.codeVerifier)
            .bind(pending.redirectUri)
            .bind(expiresAt);
        if (!insert.exec())
            return insert.error();
        return Ok{};
    });
}

Result<PendingLogin> OidcStore::takePending(Db::Connection &db, const QString &stateHash)
{
    return Db::writeTransaction<PendingLogin>(db, [&](Db::Connection &db) -> Result<PendingLogin> {
        // Read and delete under the row's lock (PostgreSQL) or the write lock (SQLite): of
        // two callbacks with one state, only the one whose DELETE removed the row goes on.
        Sql read(db,
                 u"SELECT nonce, code_verifier, redirect_uri, expires_at "
                 "FROM oidc_pending_logins WHERE state_hash = ?"_s
                     + db.dialect().forUpdate());
        read.bind(stateHash);
        if (!read.exec())
            return read.error();
        if (!read.next())
            return makeError(ErrorKind::NotFound);
        PendingLogin pending{read.value(0).toString(), read.value(1).toString(),
                             read.value(2).toString()};
        const bool expired = read.value(3).toString() < nowText();
        Sql remove(db, u"DELETE FROM oidc_pending_logins WHERE state_hash = ?"_s);
        remove.bind(stateHash);
        if (!remove.exec())
            return remove.error();
        if (remove.rowsAffected() != 1 || expired)
            return makeError(ErrorKind::NotFound);
        return pending;
    });
}

Result<qint64> OidcStore::upsertAccount(Db::Connection &db, const ExternalAccount &account)
{
    return Db::writeTransaction<qint64>(db, [&](Db::Connection &db) -> Result<qint64> {
        auto roster = lockRoster(db);
        if (!roster)
            return roster.error();
        auto userId = mappedId(db, u"external_identities"_s, u"subject"_s, u"user_id"_s,
                               account.issuer, account.subject);
        if (!userId)
            return userId.error();
        if (*userId == 0) {
            userId = createUser(db, account);
            if (!userId)
                return userId.error();
            auto mapped = setMappedId(db, u"external_identities"_s, u"subject"_s, u"user_id"_s,
                                      account.issuer, account.subject, *userId);
            if (!mapped)
                return mapped.error();
        } else if (auto updated = updateUser(db, *userId, account); !updated) {
            return updated.error();
        }
        // Sorted and without repeats (the service hands them so): every transaction meets the
        // mapping rows in the same order.
        QList<qint64> classIds;
        for (const QString &name : account.classes) {
            auto classId =
                mappedId(db, u"external_groups"_s, u"name"_s, u"group_id"_s, account.issuer, name);
            if (!classId)
                return classId.error();
            if (*classId == 0) {
                classId = createClass(db, name);
                if (!classId)
                    return classId.error();
                auto mapped = setMappedId(db, u"external_groups"_s, u"name"_s, u"group_id"_s,
                                          account.issuer, name, *classId);
                if (!mapped)
                    return mapped.error();
            }
            auto member = setMembership(db, *classId, *userId, account.role == Role::Teacher);
            if (!member)
                return member.error();
            classIds.append(*classId);
        }
        auto left = leaveOtherClasses(db, *userId, account.issuer, classIds);
        if (!left)
            return left.error();
        return *userId;
    });
}

} // namespace Blockhaus::Store
