// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/live/saveactivity.h"

#include <QMutexLocker>

namespace Blockhaus::Live {

SaveActivity &SaveActivityLog::entryFor(qint64 userId, const QDateTime &when)
{
    const QDate day = when.toLocalTime().date();
    if (day != m_day) {
        // A new school day: the counts start again, the last save is still worth knowing.
        for (SaveActivity &entry : m_entries) {
            entry.savesToday = 0;
            entry.failedToday = 0;
            entry.conflictsToday = 0;
        }
        m_day = day;
    }
    return m_entries[userId];
}

SaveActivity *SaveActivityLog::pendingFor(qint64 userId, const QDateTime &when)
{
    if (!m_keepPending)
        return nullptr;
    return &m_pending[qMakePair(userId, when.toLocalTime().date())];
}

void SaveActivityLog::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_pending.clear();
}

void SaveActivityLog::setKeepPending(bool keep)
{
    const QMutexLocker lock(&m_mutex);
    m_keepPending = keep;
}

QList<SaveDelta> SaveActivityLog::takePending()
{
    const QMutexLocker lock(&m_mutex);
    QList<SaveDelta> deltas;
    deltas.reserve(m_pending.size());
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        deltas.append(SaveDelta{it.key().first, it.key().second, it.value()});
    m_pending.clear();
    return deltas;
}

void SaveActivityLog::recordSave(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    SaveActivity &entry = entryFor(userId, when);
    entry.lastSave = when;
    ++entry.savesToday;
    if (SaveActivity *pending = pendingFor(userId, when)) {
        pending->lastSave = when;
        ++pending->savesToday;
    }
}

void SaveActivityLog::recordFailure(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    ++entryFor(userId, when).failedToday;
    if (SaveActivity *pending = pendingFor(userId, when))
        ++pending->failedToday;
}

void SaveActivityLog::recordConflict(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    ++entryFor(userId, when).conflictsToday;
    if (SaveActivity *pending = pendingFor(userId, when))
        ++pending->conflictsToday;
}

QHash<qint64, SaveActivity> SaveActivityLog::today(const QDateTime &now) const
{
    const QMutexLocker lock(&m_mutex);
    QHash<qint64, SaveActivity> result = m_entries;
    if (now.toLocalTime().date() != m_day) {
        for (SaveActivity &entry : result) {
            entry.savesToday = 0;
            entry.failedToday = 0;
            entry.conflictsToday = 0;
        }
    }
    return result;
}

} // namespace Blockhaus::Live
