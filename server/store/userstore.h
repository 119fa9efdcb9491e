// SPDX-License-Identifier: AGPL-3.0-or-later
// UserStore: accounts, their password hashes and the batched presence flush.
#pragma once

#include <QDateTime>
#include <QHash>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

struct LoginRecord
{
    qint64 id = 0;
    QString passwordHash;
    bool disabled = false;
};

class UserStore
{
public:
    static Result<bool> hasAdmin(Db::Connection &db);
    // G8: the username is unique (case-insensitive); a taken name is Exists, never a duplicate.
    static Result<NewAccount> create(Db::Connection &db, const QString &username,
                                     const QString &displayName, Role role,
                                     const QString &passwordHash);
    static Result<LoginRecord> loginRecord(Db::Connection &db, const QString &username);
    static Result<User> user(Db::Connection &db, qint64 id);
    // Teacher and admin accounts that are not disabled, by display name (#13).
    static Result<QList<User>> staff(Db::Connection &db);
    // Replaces the password and, in the same transaction, ends every session of the account: a
    // reset must also shut out whoever knew the old password (issue #12). The caller also drops
    // the sessions from any cache (Auth::AuthService::resetPassword does both).
    static Result<Ok> setPasswordHash(Db::Connection &db, qint64 id, const QString &passwordHash);
    // The same, also setting the display name, in the same transaction (the dashboard's own
    // account, #13).
    static Result<Ok> setNameAndPasswordHash(Db::Connection &db, qint64 id,
                                             const QString &displayName,
                                             const QString &passwordHash);
    // G10: presence is written here in one batch, never on every request.
    static Result<int> flushLastSeen(Db::Connection &db, const QHash<qint64, QString> &lastSeen);
};

// How long a session lives: it slides while used, but never past an absolute limit counted
// from the login, so a stolen token that is used all the time still ends.
struct SessionLifetime
{
    qint64 slidingSeconds = 0; // a fresh or refreshed session expires this long after now
    qint64 refreshBelowSeconds = 0; // refresh when less than this remains
    qint64 absoluteSeconds = 0; // never valid longer than this after created_at
};

// SessionStore: login sessions keyed by the SHA-256 of their token (G9).
class SessionStore
{
public:
    static Result<Ok> create(Db::Connection &db, qint64 userId, const QString &tokenHash,
                             const QString &expiresAt);
    // Resolves a token hash to its user; Unauthorized when unknown, expired or older than the
    // absolute lifetime. When less than refreshBelowSeconds remains, the expiry is moved to
    // now + slidingSeconds, capped at created_at + absoluteSeconds, in one write transaction
    // (G9): concurrent refreshes both succeed and leave one row.
    static Result<SessionInfo> resolve(Db::Connection &db, const QString &tokenHash,
                                       const QDateTime &now, const SessionLifetime &lifetime);
    static Result<Ok> remove(Db::Connection &db, const QString &tokenHash);
    // Ends every session of a user ("log out everywhere"); the number ended.
    static Result<int> removeAllOf(Db::Connection &db, qint64 userId);
    // Ends every session of every account (after a restore, #13); the number ended.
    static Result<int> removeAll(Db::Connection &db);
    static Result<int> purgeExpired(Db::Connection &db, const QString &now);
};

} // namespace Blockhaus::Store
