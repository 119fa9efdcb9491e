// SPDX-License-Identifier: AGPL-3.0-or-later
// AuthService: login, session resolution and logout on top of the user and session stores.
#pragma once

#include <QHash>
#include <QMutex>

#include "server/auth/loginthrottle.h"
#include "server/db/connection.h"
#include "server/db/result.h"
#include "server/store/types.h"

namespace Blockhaus::Auth {

struct LoginResult
{
    QString token; // handed to the client once, never stored
    QString expiresAt;
    Store::User user;
};

struct CallerSession
{
    Store::Caller caller;
    Store::SessionInfo session;
};

// All functions run on a worker thread with its connection; the throttle is shared.
class AuthService
{
public:
    static constexpr qint64 sessionLifetimeSeconds = 12 * 3600; // a school day
    static constexpr qint64 refreshWhenBelowSeconds = 6 * 3600;

    Result<LoginResult> login(Db::Connection &db, const QString &username, const QString &password,
                              const QString &clientAddress);
    Result<CallerSession> resolve(Db::Connection &db, const QString &token);
    Result<Ok> logout(Db::Connection &db, const QString &token);
    LoginThrottle &throttle() { return m_throttle; }

private:
    // Every request resolves its session; a short-lived in-memory cache saves the three reads.
    // Logout removes the entry at once, so a deleted token never outlives its DELETE here.
    struct CachedSession
    {
        CallerSession session;
        qint64 validUntilMs = 0;
    };
    static constexpr qint64 cacheTtlMs = 30'000;
    static constexpr int cacheMaxEntries = 20'000;

    LoginThrottle m_throttle;
    QMutex m_cacheMutex;
    QHash<QString, CachedSession> m_cache; // by token hash
};

} // namespace Blockhaus::Auth
