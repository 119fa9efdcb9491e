// SPDX-License-Identifier: AGPL-3.0-or-later
// SaveActivityLog: per student, today's saves, failed saves and conflicts and the last successful
// save, so the dashboard shows at a glance whose work is not safe. Counted in memory (like
// presence) and reset at local midnight; recorded by the project save route.
#pragma once

#include <QDate>
#include <QHash>
#include <QMutex>
#include <QPair>

#include "server/live/livetypes.h"

namespace Blockhaus::Live {

class SaveActivityLog
{
public:
    void recordSave(qint64 userId, const QDateTime &when);
    void recordFailure(qint64 userId, const QDateTime &when);
    void recordConflict(qint64 userId, const QDateTime &when);
    // The counters of the local day of `now` (older days read as zero; lastSave stays).
    QHash<qint64, SaveActivity> today(const QDateTime &now) const;
    // Forgets every student's counters (after a restore the ids name other accounts, #13).
    void clear();
    // Several processes on one database (#15): each record also adds to a delta that
    // takePending() hands over for the shared counters' next batch.
    void setKeepPending(bool keep);
    QList<SaveDelta> takePending();

private:
    SaveActivity &entryFor(qint64 userId, const QDateTime &when); // with m_mutex held
    SaveActivity *pendingFor(qint64 userId, const QDateTime &when); // null unless kept

    mutable QMutex m_mutex;
    QHash<qint64, SaveActivity> m_entries;
    QDate m_day; // local day the counters belong to
    bool m_keepPending = false;
    QHash<QPair<qint64, QDate>, SaveActivity> m_pending; // by user and local day
};

} // namespace Blockhaus::Live
