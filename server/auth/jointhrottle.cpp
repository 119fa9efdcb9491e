// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/jointhrottle.h"

#include <algorithm>

#include "server/auth/boundedtable.h"
#include "server/auth/loginthrottle.h"

namespace Blockhaus::Auth {

using namespace Qt::StringLiterals;

namespace {

void prune(QList<qint64> &misses, qint64 horizonMs, int limit)
{
    misses.erase(misses.begin(), std::find_if(misses.begin(), misses.end(), [horizonMs](qint64 t) {
                     return t > horizonMs;
                 }));
    if (misses.size() > limit)
        misses.remove(0, misses.size() - limit);
}

} // namespace

int JoinThrottle::retryAfterSeconds(const QString &address, qint64 nowMs)
{
    if (LoginThrottle::isTrustedAddress(address))
        return 0;
    QMutexLocker lock(&m_mutex);
    auto it = m_addresses.find(address);
    if (it == m_addresses.end())
        return 0;
    prune(*it, nowMs - m_limits.windowMs, m_limits.misses);
    if (it->isEmpty()) {
        m_addresses.erase(it);
        return 0;
    }
    if (it->size() < m_limits.misses)
        return 0;
    const qint64 waitMs = it->first() + m_limits.windowMs - nowMs;
    return std::max(1, static_cast<int>((waitMs + 999) / 1000));
}

void JoinThrottle::recordMiss(const QString &address, qint64 nowMs)
{
    if (LoginThrottle::isTrustedAddress(address))
        return;
    QMutexLocker lock(&m_mutex);
    if (!m_addresses.contains(address)) {
        const qint64 windowMs = m_limits.windowMs;
        makeRoom(
            m_addresses, m_limits.maxAddresses,
            [&](const QList<qint64> &misses) {
                return misses.isEmpty() || misses.last() + windowMs <= nowMs;
            },
            [](const QList<qint64> &misses) { return misses.isEmpty() ? 0 : misses.last(); });
    }
    QList<qint64> &misses = m_addresses[address];
    misses.append(nowMs);
    prune(misses, nowMs - m_limits.windowMs, m_limits.misses);
}

QString JoinThrottle::keyOf(const QString &address)
{
    return u"join-address:"_s + address;
}

void JoinThrottle::importState(const QString &address, const QString &state)
{
    QList<qint64> misses;
    for (const QString &part : state.split(u' ', Qt::SkipEmptyParts))
        misses.append(part.toLongLong());
    QMutexLocker lock(&m_mutex);
    if (misses.isEmpty())
        m_addresses.remove(address);
    else
        m_addresses.insert(address, misses);
}

QString JoinThrottle::exportState(const QString &address) const
{
    QMutexLocker lock(&m_mutex);
    QStringList parts;
    for (const qint64 miss : m_addresses.value(address))
        parts.append(QString::number(miss));
    return parts.join(u' ');
}

qsizetype JoinThrottle::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_addresses.size();
}

} // namespace Blockhaus::Auth
