// SPDX-License-Identifier: AGPL-3.0-or-later
// In-memory throttling of join-code lookups (GET /api/v1/join/{code}) per client address.
#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace Blockhaus::Auth {

// A join code opens a class's name picker, so guessing codes must be slow (issue #12): an
// address that misses 20 times within a sliding minute gets 429 until the oldest of those
// misses leaves the minute. Hits never count, so a whole class behind one NAT address opening
// the right link is never stopped, and a child who mistypes a code a few times is not either.
// The teacher's own machine (LoginThrottle::isTrustedAddress) is never throttled. The table is
// keyed by address, capped, and evicts the longest idle addresses first.
class JoinThrottle
{
public:
    struct Limits
    {
        int misses = 20;
        qint64 windowMs = 60'000;
        qsizetype maxAddresses = 10'000;
    };

    JoinThrottle() = default;
    explicit JoinThrottle(Limits limits)
        : m_limits(limits)
    {
    }

    // 0 when a lookup may proceed, otherwise the seconds to wait (Retry-After).
    int retryAfterSeconds(const QString &address, qint64 nowMs);
    void recordMiss(const QString &address, qint64 nowMs);
    qsizetype size() const;
    Limits limits() const { return m_limits; }

    // Several processes on one database (#15): an address's misses as text under keyOf(), for a
    // fresh throttle to import, apply one rule to, and export (empty: no state).
    static QString keyOf(const QString &address);
    void importState(const QString &address, const QString &state);
    QString exportState(const QString &address) const;

private:
    Limits m_limits;
    mutable QMutex m_mutex;
    QHash<QString, QList<qint64>> m_addresses; // address -> the newest miss times
};

} // namespace Blockhaus::Auth
