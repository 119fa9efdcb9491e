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

void SaveActivityLog::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

void SaveActivityLog::recordSave(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    SaveActivity &entry = entryFor(userId, when);
    entry.lastSave = when;
    ++entry.savesToday;
}

void SaveActivityLog::recordFailure(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    ++entryFor(userId, when).failedToday;
}

void SaveActivityLog::recordConflict(qint64 userId, const QDateTime &when)
{
    const QMutexLocker lock(&m_mutex);
    ++entryFor(userId, when).conflictsToday;
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
