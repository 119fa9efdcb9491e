// SPDX-License-Identifier: AGPL-3.0-or-later
// Live figures of the connection pool, shared by /api/v1/health, /metrics and the dashboard.
#pragma once

#include <array>
#include <atomic>

#include <QMutex>

#include "server/core/poolstats.h"

namespace Blockhaus::Db {

// PoolStats is core/ vocabulary: db produces it, live/ forwards it, the dashboard shows it.
using Core::PoolStats;

// Thread-safe counters. Acquire latencies are kept in a ring of the most recent samples, so the
// percentiles describe the last few seconds of load rather than the whole uptime.
class PoolCounters
{
public:
    void addWaiting(int delta) { m_waiting.fetch_add(delta, std::memory_order_relaxed); }
    void addInUse(int delta) { m_inUse.fetch_add(delta, std::memory_order_relaxed); }
    void addOpen(int delta) { m_open.fetch_add(delta, std::memory_order_relaxed); }
    void addTimeout() { m_timeouts.fetch_add(1, std::memory_order_relaxed); }
    void addBusyRetry() { m_busyRetries.fetch_add(1, std::memory_order_relaxed); }
    void addRecycled() { m_recycled.fetch_add(1, std::memory_order_relaxed); }
    void recordAcquire(double milliseconds);
    int waiting() const { return m_waiting.load(std::memory_order_relaxed); }

    PoolStats snapshot(int poolSize) const;

private:
    static constexpr int sampleCount = 2048;
    std::atomic<int> m_waiting{0};
    std::atomic<int> m_inUse{0};
    std::atomic<int> m_open{0};
    std::atomic<quint64> m_acquired{0};
    std::atomic<quint64> m_timeouts{0};
    std::atomic<quint64> m_busyRetries{0};
    std::atomic<quint64> m_recycled{0};
    mutable QMutex m_sampleMutex;
    std::array<float, sampleCount> m_samples{};
    int m_sampleNext = 0;
    int m_sampleFilled = 0;
};

} // namespace Blockhaus::Db
