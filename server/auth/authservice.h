// SPDX-License-Identifier: AGPL-3.0-or-later
// AuthService: login, session resolution and logout on top of the user and session stores.
#pragma once

#include <optional>

#include <QHash>
#include <QMutex>

#include "server/auth/jointhrottle.h"
#include "server/auth/loginlinks.h"
#include "server/auth/loginthrottle.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Auth {

struct LoginResult
{
    QString token; // handed to the client once, never stored
    QString expiresAt;
    Core::User user;
};

struct CallerSession
{
    Core::Caller caller;
    Core::SessionInfo session;
};

// All functions run on a worker thread with its connection; the throttles are shared.
class AuthService
{
public:
    // Sessions slide: a session used within its last 6 hours is extended to 12 hours from then
    // (a school day), but never beyond 7 days after its login (a school week), so a stolen
    // token that is used all the time still ends (issue #12).
    static constexpr qint64 sessionLifetimeSeconds = 12 * 3600;
    static constexpr qint64 refreshWhenBelowSeconds = 6 * 3600;
    static constexpr qint64 sessionAbsoluteSeconds = 7 * 24 * 3600;

    Result<LoginResult> login(Db::Connection &db, const QString &username, const QString &password,
                              const QString &clientAddress);
    Result<CallerSession> resolve(Db::Connection &db, const QString &token);
    Result<Ok> logout(Db::Connection &db, const QString &token);
    // Ends every session of the user, this cache's entries included; how many were ended.
    Result<int> logoutEverywhere(Db::Connection &db, qint64 userId);
    // Ends every session in the database and forgets every cached session and pending sign-in
    // link: after a restore (#13) the database is another one, whose sessions and ids must not
    // meet the old ones. Everyone signs in again. The number of sessions ended.
    Result<int> endAllSessions(Db::Connection &db);
    // Sets a new password and ends every session of the user at once, cached ones included, so
    // a reset shuts out whoever knew the old password; forgets the account's login failures.
    // The one way to change a password (HTTP route and dashboard alike).
    Result<Ok> resetPassword(Db::Connection &db, qint64 userId, const QString &username,
                             const QString &passwordHash,
                             const std::optional<QString> &displayName = std::nullopt);
    // A session for an account that proved itself another way than by its password (a one-time
    // sign-in link, #13); Unauthorized when the account is gone or disabled.
    Result<LoginResult> startSession(Db::Connection &db, qint64 userId);
    // Several processes on one database (#15): no session cache at all, so a logout or a
    // password reset in another process ends the session here as soon as its call returned
    // (costs the session's reads on every request); the login and join-code throttles keep
    // their state in the database (a read per login or join lookup, a write per failure).
    // Set before serving.
    void setShared(bool shared) { m_shared = shared; }
    bool isShared() const { return m_shared; }
    // The join-code throttle (GET /join/{code}), in memory or shared: 0 or the seconds to wait.
    int joinRetryAfterSeconds(Db::Connection &db, const QString &address, qint64 nowMs);
    void recordJoinMiss(Db::Connection &db, const QString &address, qint64 nowMs);
    LoginThrottle &throttle() { return m_throttle; }
    LoginLinks &loginLinks() { return m_loginLinks; }
    JoinThrottle &joinThrottle() { return m_joinThrottle; }

private:
    // Every request resolves its session; a short-lived in-memory cache saves the three reads.
    // Ending sessions (logout, log out everywhere, password reset) first commits the delete,
    // then drops the cache entries and bumps m_generation; a resolve that read the database
    // before the delete only caches its result if no generation passed meanwhile. So an ended
    // session never answers again once its ending call returned.
    struct CachedSession
    {
        CallerSession session;
        qint64 validUntilMs = 0;
    };
    static constexpr qint64 cacheTtlMs = 30'000;
    static constexpr int cacheMaxEntries = 20'000;
    void dropCached(const QString &tokenHash, qint64 userId);
    // The login throttle, in memory or, shared, in the database (a failing database never
    // locks anyone out: the attempt goes on to the password check, whose session write fails).
    int loginRetryAfter(Db::Connection &db, const QString &username, const QString &address,
                        qint64 nowMs);
    int recordLoginFailure(Db::Connection &db, const QString &username, const QString &address,
                           qint64 nowMs);
    void recordLoginSuccess(Db::Connection &db, const QString &username, const QString &address);
    // A new session for an account already checked (password or sign-in link).
    Result<LoginResult> openSession(Db::Connection &db, qint64 userId);

    LoginThrottle m_throttle;
    JoinThrottle m_joinThrottle;
    LoginLinks m_loginLinks;
    QMutex m_cacheMutex;
    QHash<QString, CachedSession> m_cache; // by token hash
    quint64 m_generation = 0; // guarded by m_cacheMutex
    bool m_shared = false; // set before serving
};

} // namespace Blockhaus::Auth
