// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/live/livehub.h"

#include <algorithm>

#include <QFileInfo>
#include <QStorageInfo>

namespace Blockhaus::Live {

using namespace Qt::StringLiterals;

LiveHub::LiveHub(Db::ConnectionPool &pool, const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_databasePath(databasePath)
    , m_timer(this) // a child, so that moveToThread() takes the timer along
{
    qRegisterMetaType<LiveSnapshotPtr>();
    m_uptime.start();
    m_sinceLast.start();
    connect(&m_timer, &QTimer::timeout, this, &LiveHub::publish);
}

LiveSnapshotPtr LiveHub::snapshot() const
{
    auto snapshot = std::make_shared<LiveSnapshot>();
    snapshot->takenAt = QDateTime::currentDateTimeUtc();
    snapshot->uptimeSeconds = uptimeSeconds();
    snapshot->online = m_presence.online(snapshot->takenAt);
    snapshot->recentConflicts = m_conflicts.recent(200);
    snapshot->requests = m_requests.figures();
    snapshot->requests.conflicts = m_conflicts.total();
    snapshot->pool = m_pool.stats();
    snapshot->saveActivity = m_saves.today(snapshot->takenAt);
    mergeShared(*snapshot); // several processes on one database: what all of them saw
    for (const PresenceEntry &entry : std::as_const(snapshot->online))
        snapshot->studentsOnline += entry.role == u"student"_s ? 1 : 0;
    snapshot->rosterRevision = m_rosterRevision.load();
    if (!m_databasePath.isEmpty()) {
        qint64 bytes = 0;
        for (const QString &suffix : {QString(), u"-wal"_s}) {
            const QFileInfo file(m_databasePath + suffix);
            if (file.exists())
                bytes += file.size();
        }
        snapshot->databaseBytes = bytes;
        const QStorageInfo storage(QFileInfo(m_databasePath).absolutePath());
        snapshot->freeDiskBytes = storage.isValid() ? storage.bytesAvailable() : -1;
    } else if (m_sizeProbe) {
        snapshot->databaseBytes = m_probedBytes.load();
    }
    return snapshot;
}

void LiveHub::mergeShared(LiveSnapshot &snapshot) const
{
    const QMutexLocker lock(&m_sharedMutex);
    if (!m_shared)
        return;
    // Everyone any process saw, this process's own sightings (newer by up to a sync) winning.
    QHash<qint64, PresenceEntry> byUser;
    for (const PresenceEntry &entry : m_shared->online) {
        if (entry.lastSeen.secsTo(snapshot.takenAt) <= Presence::onlineWindowSeconds)
            byUser.insert(entry.userId, entry);
    }
    for (const PresenceEntry &entry : std::as_const(snapshot.online)) {
        const auto it = byUser.constFind(entry.userId);
        if (it == byUser.constEnd() || it->lastSeen <= entry.lastSeen)
            byUser.insert(entry.userId, entry);
    }
    QList<PresenceEntry> online = byUser.values();
    std::sort(online.begin(), online.end(), [](const PresenceEntry &a, const PresenceEntry &b) {
        return a.displayName.compare(b.displayName, Qt::CaseInsensitive) < 0;
    });
    snapshot.online = online;
    // The shared log holds every process's conflicts, this one's up to the last sync.
    snapshot.recentConflicts = m_shared->recentConflicts.mid(0, 200);
    snapshot.requests.conflicts = std::max<quint64>(m_shared->conflictTotal, m_conflicts.total());
    // Today's counts as all processes counted them; a last save from before today, known only
    // here, stays.
    QHash<qint64, SaveActivity> activity = m_shared->saveActivity;
    for (auto it = snapshot.saveActivity.cbegin(); it != snapshot.saveActivity.cend(); ++it) {
        auto shared = activity.find(it.key());
        if (shared == activity.end())
            activity.insert(it.key(), it.value());
        else if (it->lastSave.isValid()
                 && (!shared->lastSave.isValid() || shared->lastSave < it->lastSave))
            shared->lastSave = it->lastSave;
    }
    snapshot.saveActivity = activity;
}

void LiveHub::setSharedSync(SharedSync sync)
{
    m_sharedSync = std::move(sync);
    m_conflicts.setKeepPending(static_cast<bool>(m_sharedSync));
    m_saves.setKeepPending(static_cast<bool>(m_sharedSync));
}

void LiveHub::syncShared()
{
    // G10: one batch a second for presence and conflicts, whatever the request rate.
    constexpr qint64 intervalMs = 1000;
    if (!m_sharedSync || m_syncRunning
        || (m_sinceSync.isValid() && m_sinceSync.elapsed() < intervalMs))
        return;
    m_syncRunning = true;
    m_sinceSync.start();
    // Taken on the worker, when the job runs: a job the pool refuses (a full queue) loses
    // nothing, the next one sends it. The hub outlives the pool's jobs (ServerController::stop).
    std::function<Result<SharedLiveState>(Db::Connection &)> job = [this](Db::Connection &db) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const SharedBatch batch{m_presence.takeDirtyEntries(), m_conflicts.takePending(),
                                m_saves.takePending(), now.addSecs(-Presence::onlineWindowSeconds),
                                now.toLocalTime().date()};
        return m_sharedSync(db, batch);
    };
    m_pool.run<SharedLiveState>(std::move(job))
        .then(this, [this](const Result<SharedLiveState> &state) {
            m_syncRunning = false;
            if (!state)
                return; // the next sync sends what is seen then; the shared view waits a beat
            const QMutexLocker lock(&m_sharedMutex);
            m_shared = *state;
        });
}

void LiveHub::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void LiveHub::stop()
{
    m_timer.stop();
}

void LiveHub::forgetDatabase()
{
    m_presence.clear();
    m_conflicts.clear();
    m_saves.clear();
    m_rosterRevision = -1;
}

void LiveHub::probeRoster()
{
    // A busy pool serves students first: the roster may lag a storm by a few snapshots.
    if (!m_rosterProbe || m_rosterProbeRunning || m_pool.stats().waiting > 0)
        return;
    m_rosterProbeRunning = true;
    m_pool.run<qint64>(m_rosterProbe).then(this, [this](const Result<qint64> &revision) {
        m_rosterProbeRunning = false;
        if (revision)
            m_rosterRevision = *revision;
    });
}

void LiveHub::probeSize()
{
    // The size grows slowly: once a second is plenty; never while students wait for a worker.
    constexpr qint64 intervalMs = 1000;
    if (!m_sizeProbe || m_sizeProbeRunning || m_pool.stats().waiting > 0
        || (m_sinceSizeProbe.isValid() && m_sinceSizeProbe.elapsed() < intervalMs))
        return;
    m_sizeProbeRunning = true;
    m_sinceSizeProbe.start();
    m_pool.run<qint64>(m_sizeProbe).then(this, [this](const Result<qint64> &bytes) {
        m_sizeProbeRunning = false;
        if (bytes)
            m_probedBytes = *bytes;
    });
}

void LiveHub::publish()
{
    // The figures first, then the probes for the next snapshot: queued before them, the
    // hub's own probes counted as jobs waiting for a connection, and an idle server looked busy.
    auto snapshot = std::const_pointer_cast<LiveSnapshot>(this->snapshot());
    probeRoster();
    probeSize();
    syncShared();
    const double seconds = std::max(0.001, static_cast<double>(m_sinceLast.restart()) / 1000.0);
    const quint64 errors = snapshot->requests.errors4xx + snapshot->requests.errors5xx;
    snapshot->requests.requestsPerSecond =
        static_cast<double>(snapshot->requests.total - m_lastTotal) / seconds;
    snapshot->requests.errorsPerSecond = static_cast<double>(errors - m_lastErrors) / seconds;
    m_lastTotal = snapshot->requests.total;
    m_lastErrors = errors;
    emit snapshotPublished(snapshot);
}

QByteArray prometheusText(const LiveSnapshot &s)
{
    QByteArray out;
    auto metric = [&out](const char *name, const char *type, const char *help, double value) {
        out += "# HELP "_ba + name + ' ' + help + "\n# TYPE "_ba + name + ' ' + type + '\n' + name
            + ' ' + QByteArray::number(value, 'g', 12) + '\n';
    };
    metric("blockhaus_uptime_seconds", "gauge", "Seconds since the server started.",
           static_cast<double>(s.uptimeSeconds));
    metric("blockhaus_pool_size", "gauge", "Configured database connections.", s.pool.size);
    metric("blockhaus_pool_open", "gauge", "Open database connections.", s.pool.open);
    metric("blockhaus_pool_in_use", "gauge", "Connections running a job.", s.pool.inUse);
    metric("blockhaus_pool_idle", "gauge", "Open connections without a job.", s.pool.idle);
    metric("blockhaus_pool_waiting", "gauge", "Jobs waiting for a connection.", s.pool.waiting);
    metric("blockhaus_pool_acquire_p50_ms", "gauge", "Median wait for a connection.",
           s.pool.acquireP50Ms);
    metric("blockhaus_pool_acquire_p99_ms", "gauge", "99th percentile wait for a connection.",
           s.pool.acquireP99Ms);
    metric("blockhaus_pool_timeouts_total", "counter", "Jobs refused for want of a connection.",
           static_cast<double>(s.pool.timeouts));
    metric("blockhaus_pool_busy_retries_total", "counter",
           "Write transactions retried because the database was busy.",
           static_cast<double>(s.pool.busyRetries));
    metric("blockhaus_pool_recycled_total", "counter", "Broken connections reopened.",
           static_cast<double>(s.pool.recycled));
    metric("blockhaus_requests_total", "counter", "HTTP requests answered.",
           static_cast<double>(s.requests.total));
    metric("blockhaus_requests_errors_4xx_total", "counter", "Requests answered 4xx.",
           static_cast<double>(s.requests.errors4xx));
    metric("blockhaus_requests_errors_5xx_total", "counter", "Requests answered 5xx.",
           static_cast<double>(s.requests.errors5xx));
    metric("blockhaus_saves_total", "counter", "Project saves committed.",
           static_cast<double>(s.requests.saves));
    metric("blockhaus_conflicts_total", "counter", "Saves refused as stale (412).",
           static_cast<double>(s.requests.conflicts));
    metric("blockhaus_students_online", "gauge", "Students seen in the last two minutes.",
           static_cast<double>(s.studentsOnline));
    metric("blockhaus_database_bytes", "gauge", "Size of the database files.",
           static_cast<double>(s.databaseBytes));
    metric("blockhaus_free_disk_bytes", "gauge", "Free space where the database lives.",
           static_cast<double>(s.freeDiskBytes));
    return out;
}

} // namespace Blockhaus::Live
