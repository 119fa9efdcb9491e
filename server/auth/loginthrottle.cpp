// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/loginthrottle.h"

#include <algorithm>

#include <QHostAddress>

#include "server/auth/boundedtable.h"

namespace Blockhaus::Auth {

using namespace Qt::StringLiterals;

bool LoginThrottle::isTrustedAddress(const QString &address)
{
    const QHostAddress host(address);
    bool v4 = false;
    const quint32 ip = host.toIPv4Address(&v4); // also ::ffff:127.0.0.1 on dual-stack sockets
    if (v4)
        return ip == 0x7f000001;
    return host == QHostAddress(QHostAddress::LocalHostIPv6);
}

QString LoginThrottle::pairKey(const QString &account, const QString &address)
{
    // An address never holds a newline, so the key splits uniquely at its last one.
    return account + u'\n' + address;
}

void LoginThrottle::prune(QList<qint64> &failures, qint64 horizonMs, int limit)
{
    failures.erase(failures.begin(),
                   std::find_if(failures.begin(), failures.end(),
                                [horizonMs](qint64 t) { return t > horizonMs; }));
    if (failures.size() > limit)
        failures.remove(0, failures.size() - limit);
}

qint64 LoginThrottle::windowWaitMs(const QList<qint64> &failures, int limit, qint64 windowMs,
                                   qint64 nowMs)
{
    if (failures.size() < limit)
        return 0;
    return std::max<qint64>(0, failures.at(failures.size() - limit) + windowMs - nowMs);
}

void LoginThrottle::makeRoomForPair(qint64 nowMs)
{
    makeRoom(
        m_pairs, m_limits.maxPairs,
        [&](const Pair &pair) {
            return pair.lockedUntilMs <= nowMs
                && pair.lastFailureMs + m_limits.pairForgetMs <= nowMs;
        },
        // A lock that lasts longer is worth more than an idle count.
        [](const Pair &pair) { return std::max(pair.lastFailureMs, pair.lockedUntilMs); });
}

void LoginThrottle::makeRoomForWindow(QHash<QString, QList<qint64>> &table, qsizetype cap,
                                      qint64 windowMs, qint64 nowMs)
{
    makeRoom(
        table, cap,
        [&](const QList<qint64> &failures) {
            return failures.isEmpty() || failures.last() + windowMs <= nowMs;
        },
        [](const QList<qint64> &failures) { return failures.isEmpty() ? 0 : failures.last(); });
}

int LoginThrottle::retryAfterSeconds(const QString &username, const QString &address, qint64 nowMs)
{
    if (isTrustedAddress(address))
        return 0;
    const QString account = username.toLower();
    QMutexLocker lock(&m_mutex);
    qint64 waitMs = 0;
    const auto pair = m_pairs.constFind(pairKey(account, address));
    if (pair != m_pairs.constEnd() && pair->lockedUntilMs > nowMs)
        waitMs = pair->lockedUntilMs - nowMs;
    // Pruned on the way, and dropped once empty, so reads also shrink the tables.
    const auto windowRule = [&](QHash<QString, QList<qint64>> &table, const QString &key, int limit,
                                qint64 windowMs) {
        auto it = table.find(key);
        if (it == table.end())
            return;
        prune(*it, nowMs - windowMs, limit);
        waitMs = std::max(waitMs, windowWaitMs(*it, limit, windowMs, nowMs));
        if (it->isEmpty())
            table.erase(it);
    };
    windowRule(m_accounts, account, m_limits.accountFailures, m_limits.accountWindowMs);
    windowRule(m_addresses, address, m_limits.addressFailures, m_limits.addressWindowMs);
    return waitMs > 0 ? std::max(1, seconds(waitMs)) : 0;
}

int LoginThrottle::recordFailure(const QString &username, const QString &address, qint64 nowMs)
{
    if (isTrustedAddress(address))
        return 0;
    const QString account = username.toLower();
    QMutexLocker lock(&m_mutex);
    qint64 waitMs = 0;

    const QString key = pairKey(account, address);
    if (!m_pairs.contains(key))
        makeRoomForPair(nowMs);
    Pair &pair = m_pairs[key];
    pair.lastFailureMs = nowMs;
    if (++pair.failures >= m_limits.pairFailures) {
        pair.failures = 0;
        const int shift = std::min(pair.lockouts++, 20);
        const qint64 lockMs = std::min(m_limits.pairBaseLockMs << shift, m_limits.pairMaxLockMs);
        pair.lockedUntilMs = nowMs + lockMs;
        waitMs = lockMs;
    }

    const auto windowRule = [&](QHash<QString, QList<qint64>> &table, const QString &tableKey,
                                qsizetype cap, int limit, qint64 windowMs) {
        if (!table.contains(tableKey))
            makeRoomForWindow(table, cap, windowMs, nowMs);
        QList<qint64> &failures = table[tableKey];
        failures.append(nowMs);
        prune(failures, nowMs - windowMs, limit);
        waitMs = std::max(waitMs, windowWaitMs(failures, limit, windowMs, nowMs));
    };
    windowRule(m_accounts, account, m_limits.maxAccounts, m_limits.accountFailures,
               m_limits.accountWindowMs);
    windowRule(m_addresses, address, m_limits.maxAddresses, m_limits.addressFailures,
               m_limits.addressWindowMs);
    return waitMs > 0 ? std::max(1, seconds(waitMs)) : 0;
}

void LoginThrottle::recordSuccess(const QString &username, const QString &address)
{
    const QString account = username.toLower();
    QMutexLocker lock(&m_mutex);
    m_pairs.remove(pairKey(account, address));
    m_accounts.remove(account);
}

void LoginThrottle::forgetAccount(const QString &username)
{
    const QString prefix = username.toLower() + u'\n';
    QMutexLocker lock(&m_mutex);
    m_pairs.removeIf(
        [&](QHash<QString, Pair>::iterator it) { return it.key().startsWith(prefix); });
    m_accounts.remove(username.toLower());
}

namespace {

QString listText(const QList<qint64> &times)
{
    QStringList parts;
    parts.reserve(times.size());
    for (const qint64 time : times)
        parts.append(QString::number(time));
    return parts.join(u' ');
}

QList<qint64> listFromText(const QString &text)
{
    QList<qint64> times;
    for (const QString &part : text.split(u' ', Qt::SkipEmptyParts))
        times.append(part.toLongLong());
    return times;
}

} // namespace

QStringList LoginThrottle::keysOf(const QString &username, const QString &address)
{
    const QString account = username.toLower();
    return {u"login-pair:"_s + pairKey(account, address), accountKey(username),
            u"login-address:"_s + address};
}

QString LoginThrottle::accountKey(const QString &username)
{
    return u"login-account:"_s + username.toLower();
}

QString LoginThrottle::accountPairPrefix(const QString &username)
{
    return u"login-pair:"_s + username.toLower() + u'\n';
}

void LoginThrottle::importStates(const QString &username, const QString &address,
                                 const QStringList &states)
{
    const QString account = username.toLower();
    QMutexLocker lock(&m_mutex);
    const QStringList pair = states.value(0).split(u' ', Qt::SkipEmptyParts);
    if (pair.size() == 4) {
        m_pairs.insert(pairKey(account, address),
                       Pair{pair.at(0).toInt(), pair.at(1).toInt(), pair.at(2).toLongLong(),
                            pair.at(3).toLongLong()});
    }
    if (const QList<qint64> times = listFromText(states.value(1)); !times.isEmpty())
        m_accounts.insert(account, times);
    if (const QList<qint64> times = listFromText(states.value(2)); !times.isEmpty())
        m_addresses.insert(address, times);
}

QStringList LoginThrottle::exportStates(const QString &username, const QString &address) const
{
    const QString account = username.toLower();
    QMutexLocker lock(&m_mutex);
    QString pairText;
    if (const auto pair = m_pairs.constFind(pairKey(account, address));
        pair != m_pairs.constEnd()) {
        pairText = u"%1 %2 %3 %4"_s.arg(pair->failures)
                       .arg(pair->lockouts)
                       .arg(pair->lockedUntilMs)
                       .arg(pair->lastFailureMs);
    }
    return {pairText, listText(m_accounts.value(account)), listText(m_addresses.value(address))};
}

LoginThrottle::Sizes LoginThrottle::sizes() const
{
    QMutexLocker lock(&m_mutex);
    return {m_pairs.size(), m_accounts.size(), m_addresses.size()};
}

} // namespace Blockhaus::Auth
