// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/live/conflictlog.h"

#include <algorithm>

namespace Blockhaus::Live {

void ConflictLog::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_pending.clear();
}

void ConflictLog::setKeepPending(bool keep)
{
    const QMutexLocker lock(&m_mutex);
    m_keepPending = keep;
}

QList<ConflictEntry> ConflictLog::takePending()
{
    const QMutexLocker lock(&m_mutex);
    QList<ConflictEntry> pending;
    pending.swap(m_pending);
    return pending;
}

void ConflictLog::record(const ConflictEntry &entry)
{
    QMutexLocker lock(&m_mutex);
    m_entries.append(entry);
    if (m_entries.size() > capacity)
        m_entries.remove(0, m_entries.size() - capacity);
    ++m_total;
    if (m_keepPending && m_pending.size() < capacity)
        m_pending.append(entry);
}

QList<ConflictEntry> ConflictLog::recent(int max) const
{
    QMutexLocker lock(&m_mutex);
    QList<ConflictEntry> list;
    for (qsizetype i = m_entries.size() - 1; i >= 0 && list.size() < max; --i)
        list.append(m_entries.at(i));
    return list;
}

quint64 ConflictLog::total() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

void RequestMetrics::record(int status)
{
    m_total.fetch_add(1, std::memory_order_relaxed);
    if (status >= 500)
        m_errors5xx.fetch_add(1, std::memory_order_relaxed);
    else if (status >= 400)
        m_errors4xx.fetch_add(1, std::memory_order_relaxed);
}

RequestFigures RequestMetrics::figures() const
{
    RequestFigures figures;
    figures.total = m_total.load(std::memory_order_relaxed);
    figures.errors4xx = m_errors4xx.load(std::memory_order_relaxed);
    figures.errors5xx = m_errors5xx.load(std::memory_order_relaxed);
    figures.saves = m_saves.load(std::memory_order_relaxed);
    return figures;
}

} // namespace Blockhaus::Live
