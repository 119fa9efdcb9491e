// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveHub: gathers presence, conflicts, request and pool figures into immutable snapshots and
// publishes them a few times per second by queued signal (the dashboard renders them).
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include "server/db/connectionpool.h"
#include "server/live/classevents.h"
#include "server/live/conflictlog.h"
#include "server/live/livetypes.h"
#include "server/live/presence.h"
#include "server/live/saveactivity.h"

namespace Blockhaus::Live {

class LiveHub : public QObject
{
    Q_OBJECT

public:
    LiveHub(Db::ConnectionPool &pool, const QString &databasePath, QObject *parent = nullptr);

    Presence &presence() { return m_presence; }
    ConflictLog &conflicts() { return m_conflicts; }
    RequestMetrics &requests() { return m_requests; }
    SaveActivityLog &saves() { return m_saves; }
    // Pencils down, projects sent (#16): published by service/, streamed to pages by http/.
    ClassEvents &classEvents() { return m_classEvents; }
    qint64 uptimeSeconds() const { return m_uptime.elapsed() / 1000; }

    // Builds a snapshot now (thread-safe; used by /api/v1/health and /metrics as well).
    LiveSnapshotPtr snapshot() const;
    // Reads the roster revision (a store query, given by the wiring so that live/ needs no store)
    // on a pool worker between snapshots, skipped while jobs wait for a connection.
    using RosterProbe = std::function<Result<qint64>(Db::Connection &)>;
    void setRosterProbe(RosterProbe probe) { m_rosterProbe = std::move(probe); }
    // The database's size when it is not a file here (PostgreSQL, #15): asked the same way, a
    // few times a second at most; snapshots then report it as databaseBytes.
    using SizeProbe = std::function<Result<qint64>(Db::Connection &)>;
    void setSizeProbe(SizeProbe probe) { m_sizeProbe = std::move(probe); }
    // Several processes on one database (#15, always so on PostgreSQL): about once a second the
    // hub hands what this process saw (presence, conflicts, save counts) to `sync`, which writes it
    // in one batch and reads back what every process saw; snapshots, health and the roster then
    // show that shared state, merged with this process's newest.
    struct SharedBatch
    {
        QList<PresenceEntry> seen;
        QList<ConflictEntry> conflicts;
        QList<SaveDelta> saves;
        QDateTime onlineSince; // read back who was seen since
        QDate today; // and today's save counters (local day)
    };
    using SharedSync =
        std::function<Result<SharedLiveState>(Db::Connection &, const SharedBatch &)>;
    void setSharedSync(SharedSync sync);
    bool isShared() const { return static_cast<bool>(m_sharedSync); }
    void start(int intervalMs = 250);
    void stop();
    // Forgets who was online, their saves and the conflict log, and the roster revision: the
    // database was replaced by a backup (#13), whose ids name other accounts and projects.
    void forgetDatabase();

signals:
    void snapshotPublished(Blockhaus::Live::LiveSnapshotPtr snapshot);

private:
    void publish();
    void probeRoster();
    void probeSize();
    void syncShared();
    void mergeShared(LiveSnapshot &snapshot) const;

    Db::ConnectionPool &m_pool;
    QString m_databasePath;
    Presence m_presence;
    ConflictLog m_conflicts;
    RequestMetrics m_requests;
    SaveActivityLog m_saves;
    ClassEvents m_classEvents;
    QElapsedTimer m_uptime;
    QTimer m_timer;
    quint64 m_lastTotal = 0;
    quint64 m_lastErrors = 0;
    QElapsedTimer m_sinceLast;
    RosterProbe m_rosterProbe;
    std::atomic<qint64> m_rosterRevision{-1};
    bool m_rosterProbeRunning = false; // touched on the hub's thread only
    SizeProbe m_sizeProbe;
    std::atomic<qint64> m_probedBytes{0};
    bool m_sizeProbeRunning = false; // touched on the hub's thread only
    QElapsedTimer m_sinceSizeProbe;
    SharedSync m_sharedSync;
    bool m_syncRunning = false; // touched on the hub's thread only
    QElapsedTimer m_sinceSync;
    mutable QMutex m_sharedMutex;
    std::optional<SharedLiveState> m_shared; // the last state read, guarded by m_sharedMutex
};

// Prometheus text exposition (version 0.0.4) of a snapshot.
QByteArray prometheusText(const LiveSnapshot &snapshot);

} // namespace Blockhaus::Live
