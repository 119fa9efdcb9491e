// SPDX-License-Identifier: AGPL-3.0-or-later
// Presence: who is online and on which project, kept in memory (G10: not a write per request).
#pragma once

#include <QHash>
#include <QMutex>

#include "server/live/livetypes.h"

namespace Blockhaus::Live {

class Presence
{
public:
    static constexpr qint64 onlineWindowSeconds = 120;

    // Called for every authenticated request, from any thread; memory only.
    void touch(qint64 userId, const QString &username, const QString &displayName,
               const QString &role, const QString &address, qint64 projectId = 0);
    QList<PresenceEntry> online(const QDateTime &now) const;
    bool isOnline(qint64 userId, const QDateTime &now) const;
    QDateTime lastSeen(qint64 userId) const;
    // The last-seen times changed since the previous call, for one batched database write.
    QHash<qint64, QString> takeDirty();
    // The same for several processes on one database (#15): the entries seen since the previous
    // call, whole, for one batched upsert of the shared presence table.
    QList<PresenceEntry> takeDirtyEntries();
    // Forgets everyone (after a restore the user ids name other accounts, #13).
    void clear();

private:
    mutable QMutex m_mutex;
    QHash<qint64, PresenceEntry> m_entries;
    QHash<qint64, QString> m_dirty;
};

} // namespace Blockhaus::Live
