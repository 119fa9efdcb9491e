// SPDX-License-Identifier: AGPL-3.0-or-later
// The conflict log: every 412 (who, which project, stale vs current version, when).
#pragma once

#include <QList>
#include <QMutex>

#include "server/live/livetypes.h"

namespace Blockhaus::Live {

class ConflictLog
{
public:
    static constexpr int capacity = 1000;

    void record(const ConflictEntry &entry);
    QList<ConflictEntry> recent(int max = capacity) const; // newest first
    quint64 total() const;
    // Forgets the entries (after a restore they name other projects and accounts, #13).
    void clear();
    // Several processes on one database (#15): record() also keeps each entry until
    // takePending() hands it over for the shared log's next batch.
    void setKeepPending(bool keep);
    QList<ConflictEntry> takePending();

private:
    mutable QMutex m_mutex;
    QList<ConflictEntry> m_entries; // oldest first, at most capacity
    QList<ConflictEntry> m_pending; // not yet in the shared log, at most capacity
    bool m_keepPending = false;
    quint64 m_total = 0;
};

// Request counters, updated from the server thread and read by snapshots.
class RequestMetrics
{
public:
    void record(int status);
    void recordSave() { m_saves.fetch_add(1, std::memory_order_relaxed); }
    RequestFigures figures() const;

private:
    std::atomic<quint64> m_total{0};
    std::atomic<quint64> m_errors4xx{0};
    std::atomic<quint64> m_errors5xx{0};
    std::atomic<quint64> m_saves{0};
};

} // namespace Blockhaus::Live
