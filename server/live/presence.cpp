// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/live/presence.h"

#include <algorithm>

namespace Blockhaus::Live {

using namespace Qt::StringLiterals;

void Presence::clear()
{
    const QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_dirty.clear();
}

void Presence::touch(qint64 userId, const QString &username, const QString &displayName,
                     const QString &role, const QString &address, qint64 projectId)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    PresenceEntry &entry = m_entries[userId];
    entry.userId = userId;
    entry.username = username;
    entry.displayName = displayName;
    entry.role = role;
    entry.address = address;
    entry.lastSeen = now;
    if (projectId > 0)
        entry.projectId = projectId;
    m_dirty.insert(userId, now.toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s));
}

QList<PresenceEntry> Presence::online(const QDateTime &now) const
{
    QList<PresenceEntry> list;
    {
        QMutexLocker lock(&m_mutex);
        for (const PresenceEntry &entry : m_entries) {
            if (entry.lastSeen.secsTo(now) <= onlineWindowSeconds)
                list.append(entry);
        }
    }
    std::sort(list.begin(), list.end(), [](const PresenceEntry &a, const PresenceEntry &b) {
        return a.displayName.compare(b.displayName, Qt::CaseInsensitive) < 0;
    });
    return list;
}

bool Presence::isOnline(qint64 userId, const QDateTime &now) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(userId);
    return it != m_entries.constEnd() && it->lastSeen.secsTo(now) <= onlineWindowSeconds;
}

QDateTime Presence::lastSeen(qint64 userId) const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.value(userId).lastSeen;
}

QHash<qint64, QString> Presence::takeDirty()
{
    QMutexLocker lock(&m_mutex);
    QHash<qint64, QString> dirty;
    dirty.swap(m_dirty);
    return dirty;
}

QList<PresenceEntry> Presence::takeDirtyEntries()
{
    QMutexLocker lock(&m_mutex);
    QList<PresenceEntry> entries;
    entries.reserve(m_dirty.size());
    for (auto it = m_dirty.cbegin(); it != m_dirty.cend(); ++it) {
        const auto entry = m_entries.constFind(it.key());
        if (entry != m_entries.constEnd())
            entries.append(*entry);
    }
    m_dirty.clear();
    return entries;
}

} // namespace Blockhaus::Live
