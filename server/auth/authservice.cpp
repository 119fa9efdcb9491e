// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/authservice.h"

#include <QDateTime>
#include <QLoggingCategory>

#include "server/auth/passwordhasher.h"
#include "server/auth/tokens.h"
#include "server/core/timetext.h"
#include "server/store/throttlestore.h"
#include "server/store/userstore.h"

namespace Blockhaus::Auth {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAuth, "blockhaus.auth")

namespace {
Error throttled(int seconds)
{
    Error error = makeError(ErrorKind::TooManyRequests,
                            u"Too many wrong passwords. Please wait a little and try again."_s,
                            {{u"retry_after"_s, seconds}});
    error.retryAfterSeconds = seconds;
    return error;
}
} // namespace

Result<LoginResult> AuthService::login(Db::Connection &db, const QString &username,
                                       const QString &password, const QString &clientAddress)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const int wait = loginRetryAfter(db, username, clientAddress, now))
        return throttled(wait);
    auto record = Store::UserStore::loginRecord(db, username);
    if (!record && record.error().kind != ErrorKind::NotFound)
        return record.error();
    // Unknown names cost a hash too, so timing does not reveal which usernames exist.
    const QString &hash = record ? record->passwordHash : PasswordHasher::dummyHash();
    const bool good = PasswordHasher::verify(hash, password) && record && !record->disabled;
    if (!good) {
        if (const int wait = recordLoginFailure(db, username, clientAddress, now))
            return throttled(wait);
        return makeError(ErrorKind::Unauthorized,
                         u"The username or the password is not right. Please try again."_s);
    }
    recordLoginSuccess(db, username, clientAddress);
    return openSession(db, record->id);
}

int AuthService::loginRetryAfter(Db::Connection &db, const QString &username,
                                 const QString &address, qint64 nowMs)
{
    if (!m_shared || LoginThrottle::isTrustedAddress(address))
        return m_throttle.retryAfterSeconds(username, address, nowMs);
    const QStringList keys = LoginThrottle::keysOf(username, address);
    auto states = Store::ThrottleStore::read(db, keys);
    if (!states) {
        qCWarning(lcAuth, "Login throttle state unreadable: %s",
                  qPrintable(states.error().message));
        return 0;
    }
    LoginThrottle scratch(m_throttle.limits());
    scratch.importStates(username, address, *states);
    return scratch.retryAfterSeconds(username, address, nowMs);
}

int AuthService::recordLoginFailure(Db::Connection &db, const QString &username,
                                    const QString &address, qint64 nowMs)
{
    if (!m_shared || LoginThrottle::isTrustedAddress(address))
        return m_throttle.recordFailure(username, address, nowMs);
    int wait = 0;
    auto updated = Store::ThrottleStore::update(
        db, LoginThrottle::keysOf(username, address), nowMs, [&](QStringList &states) {
            LoginThrottle scratch(m_throttle.limits());
            scratch.importStates(username, address, states);
            wait = scratch.recordFailure(username, address, nowMs);
            states = scratch.exportStates(username, address);
        });
    if (!updated)
        qCWarning(lcAuth, "Login throttle state not written: %s",
                  qPrintable(updated.error().message));
    return wait;
}

void AuthService::recordLoginSuccess(Db::Connection &db, const QString &username,
                                     const QString &address)
{
    if (!m_shared || LoginThrottle::isTrustedAddress(address)) {
        m_throttle.recordSuccess(username, address);
        return;
    }
    // Most logins have no failure to forget: a read first keeps them free of writes.
    const QStringList keys = LoginThrottle::keysOf(username, address);
    auto states = Store::ThrottleStore::read(db, keys);
    if (states && states->value(0).isEmpty() && states->value(1).isEmpty())
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    auto updated = Store::ThrottleStore::update(db, keys, nowMs, [&](QStringList &states) {
        LoginThrottle scratch(m_throttle.limits());
        scratch.importStates(username, address, states);
        scratch.recordSuccess(username, address);
        states = scratch.exportStates(username, address);
    });
    if (!updated)
        qCWarning(lcAuth, "Login throttle state not written: %s",
                  qPrintable(updated.error().message));
}

int AuthService::joinRetryAfterSeconds(Db::Connection &db, const QString &address, qint64 nowMs)
{
    if (!m_shared || LoginThrottle::isTrustedAddress(address))
        return m_joinThrottle.retryAfterSeconds(address, nowMs);
    auto states = Store::ThrottleStore::read(db, {JoinThrottle::keyOf(address)});
    if (!states) {
        qCWarning(lcAuth, "Join throttle state unreadable: %s", qPrintable(states.error().message));
        return 0;
    }
    JoinThrottle scratch(m_joinThrottle.limits());
    scratch.importState(address, states->value(0));
    return scratch.retryAfterSeconds(address, nowMs);
}

void AuthService::recordJoinMiss(Db::Connection &db, const QString &address, qint64 nowMs)
{
    if (!m_shared || LoginThrottle::isTrustedAddress(address)) {
        m_joinThrottle.recordMiss(address, nowMs);
        return;
    }
    auto updated = Store::ThrottleStore::update(
        db, {JoinThrottle::keyOf(address)}, nowMs, [&](QStringList &states) {
            JoinThrottle scratch(m_joinThrottle.limits());
            scratch.importState(address, states.value(0));
            scratch.recordMiss(address, nowMs);
            states = QStringList{scratch.exportState(address)};
        });
    if (!updated)
        qCWarning(lcAuth, "Join throttle state not written: %s",
                  qPrintable(updated.error().message));
}

Result<LoginResult> AuthService::openSession(Db::Connection &db, qint64 userId)
{
    const QString token = Tokens::newSessionToken();
    const QString expiresAt =
        Core::toText(QDateTime::currentDateTimeUtc().addSecs(sessionLifetimeSeconds));
    auto created = Store::SessionStore::create(db, userId, Tokens::hashToken(token), expiresAt);
    if (!created)
        return created.error();
    auto user = Store::UserStore::user(db, userId);
    if (!user)
        return user.error();
    return LoginResult{token, expiresAt, *user};
}

Result<LoginResult> AuthService::startSession(Db::Connection &db, qint64 userId)
{
    const Error refused = makeError(ErrorKind::Unauthorized);
    auto user = Store::UserStore::user(db, userId);
    if (!user)
        return user.error().kind == ErrorKind::NotFound ? refused : user.error();
    auto record = Store::UserStore::loginRecord(db, user->username);
    if (!record)
        return record.error().kind == ErrorKind::NotFound ? refused : record.error();
    if (record->disabled || record->id != userId)
        return refused;
    return openSession(db, userId);
}

Result<CallerSession> AuthService::resolve(Db::Connection &db, const QString &token)
{
    if (token.isEmpty() || token.size() > 256)
        return makeError(ErrorKind::Unauthorized);
    const QString tokenHash = Tokens::hashToken(token);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QString nowText = Core::toText(now);
    quint64 generation = 0;
    if (!m_shared) {
        QMutexLocker lock(&m_cacheMutex);
        generation = m_generation;
        const auto it = m_cache.constFind(tokenHash);
        if (it != m_cache.constEnd() && it->validUntilMs > nowMs
            && it->session.session.expiresAt > nowText)
            return it->session;
    }
    const Store::SessionLifetime lifetime{sessionLifetimeSeconds, refreshWhenBelowSeconds,
                                          sessionAbsoluteSeconds};
    auto session = Store::SessionStore::resolve(db, tokenHash, now, lifetime);
    if (!session)
        return session.error();
    const Core::User &user = session->user;
    Core::Caller caller = Core::Caller::of(user);
    caller.sessionExpiresAt = session->expiresAt;
    CallerSession resolved{caller, *session};
    if (m_shared)
        return resolved;
    QMutexLocker lock(&m_cacheMutex);
    if (generation != m_generation)
        return resolved; // sessions were ended meanwhile: answer this request, cache nothing
    if (m_cache.size() >= cacheMaxEntries)
        m_cache.clear();
    m_cache.insert(tokenHash, {resolved, nowMs + cacheTtlMs});
    return resolved;
}

void AuthService::dropCached(const QString &tokenHash, qint64 userId)
{
    QMutexLocker lock(&m_cacheMutex);
    ++m_generation;
    if (!tokenHash.isEmpty())
        m_cache.remove(tokenHash);
    if (userId > 0) {
        m_cache.removeIf([userId](QHash<QString, CachedSession>::iterator it) {
            return it->session.caller.userId == userId;
        });
    }
}

Result<Ok> AuthService::logout(Db::Connection &db, const QString &token)
{
    const QString tokenHash = Tokens::hashToken(token);
    auto removed = Store::SessionStore::remove(db, tokenHash);
    // Dropped whatever the delete returned: the cache must never be the reason a token works.
    dropCached(tokenHash, 0);
    return removed;
}

Result<int> AuthService::logoutEverywhere(Db::Connection &db, qint64 userId)
{
    auto removed = Store::SessionStore::removeAllOf(db, userId);
    dropCached({}, userId);
    return removed;
}

Result<int> AuthService::endAllSessions(Db::Connection &db)
{
    auto removed = Store::SessionStore::removeAll(db);
    {
        QMutexLocker lock(&m_cacheMutex);
        ++m_generation;
        m_cache.clear();
    }
    m_loginLinks.clear();
    return removed;
}

Result<Ok> AuthService::resetPassword(Db::Connection &db, qint64 userId, const QString &username,
                                      const QString &passwordHash,
                                      const std::optional<QString> &displayName)
{
    auto done = displayName
        ? Store::UserStore::setNameAndPasswordHash(db, userId, *displayName, passwordHash)
        : Store::UserStore::setPasswordHash(db, userId, passwordHash);
    dropCached({}, userId);
    if (!done)
        return done.error();
    m_throttle.forgetAccount(username); // a fresh start with the new password
    if (m_shared) {
        auto forgotten = Store::ThrottleStore::forget(db, {LoginThrottle::accountKey(username)},
                                                      LoginThrottle::accountPairPrefix(username));
        if (!forgotten)
            qCWarning(lcAuth, "Login throttle state not forgotten: %s",
                      qPrintable(forgotten.error().message));
    }
    return Ok{};
}

} // namespace Blockhaus::Auth
