// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/poolcounters.h"

#include <algorithm>
#include <vector>

namespace Blockhaus::Db {

void PoolCounters::recordAcquire(double milliseconds)
{
    m_acquired.fetch_add(1, std::memory_order_relaxed);
    QMutexLocker lock(&m_sampleMutex);
    m_samples[static_cast<size_t>(m_sampleNext)] = static_cast<float>(milliseconds);
    m_sampleNext = (m_sampleNext + 1) % sampleCount;
    m_sampleFilled = std::min(m_sampleFilled + 1, sampleCount);
}

PoolStats PoolCounters::snapshot(int poolSize) const
{
    PoolStats stats;
    stats.size = poolSize;
    stats.open = m_open.load(std::memory_order_relaxed);
    stats.inUse = std::max(0, m_inUse.load(std::memory_order_relaxed));
    stats.idle = std::max(0, stats.open - stats.inUse);
    stats.waiting = std::max(0, m_waiting.load(std::memory_order_relaxed));
    stats.acquired = m_acquired.load(std::memory_order_relaxed);
    stats.timeouts = m_timeouts.load(std::memory_order_relaxed);
    stats.busyRetries = m_busyRetries.load(std::memory_order_relaxed);
    stats.recycled = m_recycled.load(std::memory_order_relaxed);
    std::vector<float> samples;
    {
        QMutexLocker lock(&m_sampleMutex);
        samples.assign(m_samples.begin(), m_samples.begin() + m_sampleFilled);
    }
    if (!samples.empty()) {
        auto percentile = [&samples](double p) {
            const auto index = static_cast<size_t>(p * static_cast<double>(samples.size() - 1));
            std::nth_element(samples.begin(), samples.begin() + static_cast<long>(index),
                             samples.end());
            return static_cast<double>(samples[index]);
        };
        stats.acquireP50Ms = percentile(0.50);
        stats.acquireP99Ms = percentile(0.99);
    }
    return stats;
}

} // namespace Blockhaus::Db
