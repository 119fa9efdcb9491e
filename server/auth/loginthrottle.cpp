// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/loginthrottle.h"

#include <algorithm>

namespace Blockhaus::Auth {

void LoginThrottle::pruneAddress(QList<qint64> &failures, qint64 nowMs) const
{
    const qint64 horizon = nowMs - m_limits.addressWindowMs;
    failures.erase(failures.begin(),
                   std::find_if(failures.begin(), failures.end(),
                                [horizon](qint64 t) { return t > horizon; }));
}

int LoginThrottle::retryAfterSeconds(const QString &username, const QString &address, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    qint64 waitMs = 0;
    const auto account = m_accounts.constFind(username.toLower());
    if (account != m_accounts.constEnd() && account->lockedUntilMs > nowMs)
        waitMs = account->lockedUntilMs - nowMs;
    auto addressIt = m_addresses.find(address);
    if (addressIt != m_addresses.end()) {
        pruneAddress(*addressIt, nowMs);
        if (addressIt->size() >= m_limits.addressFailures) {
            const qint64 freeAt = addressIt->at(addressIt->size() - m_limits.addressFailures)
                + m_limits.addressWindowMs;
            waitMs = std::max(waitMs, freeAt - nowMs);
        }
        if (addressIt->isEmpty())
            m_addresses.erase(addressIt);
    }
    return waitMs > 0 ? std::max(1, seconds(waitMs)) : 0;
}

int LoginThrottle::recordFailure(const QString &username, const QString &address, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    QList<qint64> &failures = m_addresses[address];
    pruneAddress(failures, nowMs);
    failures.append(nowMs);
    Account &account = m_accounts[username.toLower()];
    if (++account.failures < m_limits.accountFailures)
        return 0;
    account.failures = 0;
    const int shift = std::min(account.lockouts++, 20);
    const qint64 lockMs = std::min(m_limits.accountBaseLockMs << shift, m_limits.accountMaxLockMs);
    account.lockedUntilMs = nowMs + lockMs;
    return seconds(lockMs);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    QMutexLocker lock(&m_mutex);
    m_accounts.remove(username.toLower());
}

} // namespace Blockhaus::Auth
