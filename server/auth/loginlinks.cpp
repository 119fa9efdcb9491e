// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/loginlinks.h"

#include <QDateTime>

#include "server/auth/loginthrottle.h"
#include "server/auth/tokens.h"

namespace Blockhaus::Auth {

QString LoginLinks::issue(qint64 userId)
{
    const QString token = Tokens::newSessionToken();
    QMutexLocker lock(&m_mutex);
    const qint64 nowMs = now();
    pruneLocked(nowMs);
    while (m_pending.size() >= maxPending) {
        auto oldest = m_pending.begin();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            if (it->expiresAtMs < oldest->expiresAtMs)
                oldest = it;
        }
        m_pending.erase(oldest);
    }
    m_pending.insert(Tokens::hashToken(token), {userId, nowMs + m_lifetimeMs});
    return token;
}

std::optional<qint64> LoginLinks::redeem(const QString &token)
{
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    const QString hash = Tokens::hashToken(token);
    QMutexLocker lock(&m_mutex);
    const qint64 nowMs = now();
    // take(): a token answers once, also when it turns out to be expired.
    const auto it = m_pending.constFind(hash);
    if (it == m_pending.constEnd())
        return std::nullopt;
    const Pending pending = *it;
    m_pending.erase(it);
    if (pending.expiresAtMs <= nowMs)
        return std::nullopt;
    return pending.userId;
}

bool LoginLinks::isLocalPeer(const QString &address)
{
    return LoginThrottle::isTrustedAddress(address);
}

void LoginLinks::setClock(Clock clock)
{
    QMutexLocker lock(&m_mutex);
    m_clock = std::move(clock);
}

void LoginLinks::setLifetimeMs(qint64 lifetimeMs)
{
    QMutexLocker lock(&m_mutex);
    m_lifetimeMs = lifetimeMs;
}

void LoginLinks::clear()
{
    QMutexLocker lock(&m_mutex);
    m_pending.clear();
}

int LoginLinks::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_pending.size());
}

qint64 LoginLinks::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void LoginLinks::pruneLocked(qint64 nowMs)
{
    m_pending.removeIf(
        [nowMs](QHash<QString, Pending>::iterator it) { return it->expiresAtMs <= nowMs; });
}

} // namespace Blockhaus::Auth
