// SPDX-License-Identifier: AGPL-3.0-or-later
// UserStore: accounts, their password hashes and the batched presence flush.
#pragma once

#include <QHash>

#include "server/db/connection.h"
#include "server/db/result.h"
#include "server/store/types.h"

namespace Blockhaus::Store {

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
    static Result<Ok> setPasswordHash(Db::Connection &db, qint64 id, const QString &passwordHash);
    // G10: presence is written here in one batch, never on every request.
    static Result<int> flushLastSeen(Db::Connection &db, const QHash<qint64, QString> &lastSeen);
};

// SessionStore: login sessions keyed by the SHA-256 of their token (G9).
class SessionStore
{
public:
    static Result<Ok> create(Db::Connection &db, qint64 userId, const QString &tokenHash,
                             const QString &expiresAt);
    // Resolves a token hash to its user. When less than refreshBefore remains, the expiry is
    // extended to newExpiry in one write transaction (G9): concurrent refreshes both succeed
    // and leave one row.
    static Result<SessionInfo> resolve(Db::Connection &db, const QString &tokenHash,
                                       const QString &now, const QString &refreshBefore,
                                       const QString &newExpiry);
    static Result<Ok> remove(Db::Connection &db, const QString &tokenHash);
    static Result<int> purgeExpired(Db::Connection &db, const QString &now);
};

} // namespace Blockhaus::Store
