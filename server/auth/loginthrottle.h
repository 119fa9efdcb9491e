// SPDX-License-Identifier: AGPL-3.0-or-later
// In-memory login throttling per account and per client address.
#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace Blockhaus::Auth {

// Per account: 5 consecutive failures lock it for 30 s, each further lockout doubles the wait
// up to 15 minutes; a success resets the account. Per address: 100 failures within 15 minutes
// lock the address until the window slides. A class of 30 children on one NAT address who each
// mistype twice (60 failures) is never locked out; a guesser gets about 5 tries per 15 minutes.
class LoginThrottle
{
public:
    struct Limits
    {
        int accountFailures = 5;
        qint64 accountBaseLockMs = 30'000;
        qint64 accountMaxLockMs = 15 * 60'000;
        int addressFailures = 100;
        qint64 addressWindowMs = 15 * 60'000;
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Limits limits)
        : m_limits(limits)
    {
    }

    // 0 when a login attempt may proceed, otherwise the seconds to wait (Retry-After).
    int retryAfterSeconds(const QString &username, const QString &address, qint64 nowMs);
    // Records a failure; returns the seconds to wait if this failure triggered a lock, else 0.
    int recordFailure(const QString &username, const QString &address, qint64 nowMs);
    void recordSuccess(const QString &username);

private:
    struct Account
    {
        int failures = 0;
        int lockouts = 0;
        qint64 lockedUntilMs = 0;
    };
    static int seconds(qint64 ms) { return static_cast<int>((ms + 999) / 1000); }
    void pruneAddress(QList<qint64> &failures, qint64 nowMs) const;

    Limits m_limits;
    QMutex m_mutex;
    QHash<QString, Account> m_accounts;
    QHash<QString, QList<qint64>> m_addresses;
};

} // namespace Blockhaus::Auth
