// SPDX-License-Identifier: AGPL-3.0-or-later
// server/live owns presence, the conflict log and request metrics, published as snapshots.
#pragma once

#include <memory>

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include "server/core/poolstats.h"

namespace Blockhaus::Live {

struct PresenceEntry
{
    qint64 userId = 0;
    QString username;
    QString displayName;
    QString role;
    qint64 projectId = 0; // 0: none
    QDateTime lastSeen;
    QString address;
};

struct ConflictEntry
{
    QDateTime when;
    qint64 userId = 0;
    QString username;
    QString displayName;
    qint64 projectId = 0;
    int staleVersion = 0;
    int currentVersion = 0;
    QString currentSavedBy; // username of whoever saved the current version
};

struct SaveActivity
{
    QDateTime lastSave; // invalid: none since the server started
    int savesToday = 0;
    int failedToday = 0; // refused or failed saves (not conflicts)
    int conflictsToday = 0;
    bool operator==(const SaveActivity &) const = default;
};

struct RequestFigures
{
    quint64 total = 0;
    quint64 errors4xx = 0;
    quint64 errors5xx = 0;
    quint64 saves = 0;
    quint64 conflicts = 0;
    double requestsPerSecond = 0; // over the last snapshot interval
    double errorsPerSecond = 0;
};

// What the dashboard renders; immutable once published.
struct LiveSnapshot
{
    QDateTime takenAt;
    qint64 uptimeSeconds = 0;
    QList<PresenceEntry> online; // seen within the online window, any role
    int studentsOnline = 0; // the students among them
    QList<ConflictEntry> recentConflicts; // newest first
    Core::PoolStats pool;
    RequestFigures requests;
    qint64 databaseBytes = 0;
    qint64 freeDiskBytes = -1;
    QHash<qint64, SaveActivity> saveActivity; // by user id, today's counters
    // Moves whenever an account, class or membership changes, through any door (-1: not read
    // yet). The dashboard reloads its class list and roster when it does.
    qint64 rosterRevision = -1;
};

// What several processes on one database share (#15), read from it: who was seen recently, the
// newest conflicts and how many there were in all.
struct SharedLiveState
{
    QList<PresenceEntry> online;
    QList<ConflictEntry> recentConflicts; // newest first
    quint64 conflictTotal = 0;
    QHash<qint64, SaveActivity> saveActivity; // today's (local day), by user id
};

// Save counters one process counted since its last batch, to be added to the shared ones.
struct SaveDelta
{
    qint64 userId = 0;
    QDate day; // local day the saves happened on
    SaveActivity counts; // lastSave: the newest of them, invalid when only failures
};

using LiveSnapshotPtr = std::shared_ptr<const LiveSnapshot>;

} // namespace Blockhaus::Live

Q_DECLARE_METATYPE(Blockhaus::Live::LiveSnapshotPtr)
