// SPDX-License-Identifier: AGPL-3.0-or-later
// LoginLinks: one-time sign-in links for the browser on the computer that runs Blockhaus (#13).
// The dashboard opens the web pages already signed in without ever putting a password in a URL:
// it asks for a random single-use token, the browser brings it back once to /login/once and gets
// a normal session cookie for it.
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QMutex>
#include <QString>

namespace Blockhaus::Auth {

// Kept in memory only (a restart forgets every link, which is what a 60-second link wants), and
// only as the SHA-256 of the token, like sessions (G9). Thread-safe: the dashboard issues on a
// pool worker, the HTTP route redeems on another.
class LoginLinks
{
public:
    static constexpr qint64 defaultLifetimeMs = 60'000;
    // A dashboard clicked many times makes at most this many links wait; the oldest go first.
    static constexpr int maxPending = 64;
    using Clock = std::function<qint64()>; // milliseconds since the epoch

    // A new token (256 random bits, base64url) for the account; valid once, for the lifetime.
    QString issue(qint64 userId);
    // The account of a token that is known, unused and not expired; the token is used up by
    // this call, whatever follows. Nothing for any other token.
    std::optional<qint64> redeem(const QString &token);
    // The computer the link was issued for: only a browser there may use it. The same rule as
    // the throttles' "teacher's own machine": 127.0.0.1 or ::1 (also IPv4-mapped), not the rest
    // of 127/8, and never a forwarded address (there is no such header policy: the TCP peer).
    static bool isLocalPeer(const QString &address);

    // For tests: the clock and the lifetime, so that expiry is tested without waiting.
    void setClock(Clock clock);
    void setLifetimeMs(qint64 lifetimeMs);
    int pendingCount() const;
    // Forgets every link (after a restore the account ids name other accounts, #13).
    void clear();

private:
    struct Pending
    {
        qint64 userId = 0;
        qint64 expiresAtMs = 0;
    };
    qint64 now() const;
    void pruneLocked(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<QString, Pending> m_pending; // by token hash
    Clock m_clock;
    qint64 m_lifetimeMs = defaultLifetimeMs;
};

} // namespace Blockhaus::Auth
