// SPDX-License-Identifier: AGPL-3.0-or-later
// Live::Presence (in-memory last-seen, online window, batched dirty set for G10), the
// ConflictLog ring, RequestMetrics and the Prometheus exposition of a snapshot.
#include <memory>

#include <QTest>
#include <QThread>

#include "server/live/conflictlog.h"
#include "server/live/livehub.h"
#include "server/live/presence.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

constexpr int waitBoundMs = 10'000;

void touchStudent(Live::Presence &presence, qint64 userId, qint64 projectId = 0)
{
    presence.touch(userId, u"student%1"_s.arg(userId), u"Student %1"_s.arg(userId), u"student"_s,
                   u"192.0.2.%1"_s.arg(userId % 250), projectId);
}

Live::ConflictEntry conflict(int serial)
{
    Live::ConflictEntry entry;
    entry.when = QDateTime(QDate(2026, 11, 22), QTime(8, 0), Qt::UTC).addSecs(serial);
    entry.userId = serial;
    entry.username = u"user%1"_s.arg(serial);
    entry.projectId = 1000 + serial;
    entry.staleVersion = serial;
    entry.currentVersion = serial + 1;
    entry.currentSavedBy = u"other"_s;
    return entry;
}

// The value of an unlabelled sample line "name value", or NaN when there is none.
double sampleValue(const QByteArray &text, const QByteArray &name)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    }
    return qQNaN();
}

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

private slots:
    void touchedUserIsOnline();
    void touchRecordsWhoAndWhere();
    void touchWithoutProjectKeepsTheLastProject();
    void onlineWindowIs120Seconds_data();
    void onlineWindowIs120Seconds();
    void unknownUserIsOffline();
    void onlineIsSortedByDisplayName();
    void takeDirtyHasOneEntryPerUser();
    void takeDirtyEmptiesTheBatch();
    void takeDirtyCarriesLastSeen();
    void concurrentTouchesBatchPerUser();

    void conflictLogIsNewestFirst();
    void conflictLogKeepsCapacity();
    void conflictLogRecentHonoursMax();
    void requestMetricsCountByClass();

    void prometheusTextHasEveryMetric_data();
    void prometheusTextHasEveryMetric();
};

void TestPresence::touchedUserIsOnline()
{
    Live::Presence presence;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    touchStudent(presence, 7);
    const QDateTime seen = presence.lastSeen(7);
    QVERIFY(seen.isValid());
    QVERIFY(seen >= before.addMSecs(-1));
    QVERIFY(presence.isOnline(7, seen));
    const auto online = presence.online(seen);
    QCOMPARE(online.size(), 1);
    QCOMPARE(online.first().userId, 7);
}

void TestPresence::touchRecordsWhoAndWhere()
{
    Live::Presence presence;
    presence.touch(3, u"anna"_s, u"Anna M."_s, u"student"_s, u"192.0.2.3"_s, 42);
    const auto online = presence.online(presence.lastSeen(3));
    QCOMPARE(online.size(), 1);
    const Live::PresenceEntry &entry = online.first();
    QCOMPARE(entry.userId, 3);
    QCOMPARE(entry.username, u"anna"_s);
    QCOMPARE(entry.displayName, u"Anna M."_s);
    QCOMPARE(entry.role, u"student"_s);
    QCOMPARE(entry.address, u"192.0.2.3"_s);
    QCOMPARE(entry.projectId, 42);
    QCOMPARE(entry.lastSeen, presence.lastSeen(3));
}

void TestPresence::touchWithoutProjectKeepsTheLastProject()
{
    Live::Presence presence;
    touchStudent(presence, 3, 42);
    touchStudent(presence, 3); // e.g. an asset request: no project named
    QCOMPARE(presence.online(presence.lastSeen(3)).first().projectId, 42);
    touchStudent(presence, 3, 43);
    QCOMPARE(presence.online(presence.lastSeen(3)).first().projectId, 43);
}

void TestPresence::onlineWindowIs120Seconds_data()
{
    QTest::addColumn<qint64>("secondsLater");
    QTest::addColumn<bool>("online");
    QTest::newRow("at once") << qint64(0) << true;
    QTest::newRow("a minute") << qint64(60) << true;
    QTest::newRow("at the window") << Live::Presence::onlineWindowSeconds << true;
    QTest::newRow("just past the window") << Live::Presence::onlineWindowSeconds + 1 << false;
    QTest::newRow("an hour") << qint64(3600) << false;
}

void TestPresence::onlineWindowIs120Seconds()
{
    QFETCH(qint64, secondsLater);
    QFETCH(bool, online);
    QCOMPARE(Live::Presence::onlineWindowSeconds, 120);
    Live::Presence presence;
    touchStudent(presence, 5);
    const QDateTime now = presence.lastSeen(5).addSecs(secondsLater);
    QCOMPARE(presence.isOnline(5, now), online);
    QCOMPARE(presence.online(now).size(), online ? 1 : 0);
    // Going offline forgets nothing: last seen is still known.
    QVERIFY(presence.lastSeen(5).isValid());
}

void TestPresence::unknownUserIsOffline()
{
    Live::Presence presence;
    touchStudent(presence, 1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(!presence.isOnline(2, now));
    QVERIFY(!presence.lastSeen(2).isValid());
    QCOMPARE(presence.online(now).size(), 1);
}

void TestPresence::onlineIsSortedByDisplayName()
{
    Live::Presence presence;
    presence.touch(1, u"zoe"_s, u"Zoe"_s, u"student"_s, u"a"_s);
    presence.touch(2, u"adam"_s, u"adam"_s, u"student"_s, u"a"_s);
    presence.touch(3, u"mia"_s, u"Mia"_s, u"teacher"_s, u"a"_s);
    presence.touch(4, u"ben"_s, u"Ben"_s, u"student"_s, u"a"_s);
    const auto online = presence.online(QDateTime::currentDateTimeUtc());
    QStringList names;
    for (const Live::PresenceEntry &entry : online)
        names << entry.displayName;
    QCOMPARE(names, (QStringList{u"adam"_s, u"Ben"_s, u"Mia"_s, u"Zoe"_s}));
}

void TestPresence::takeDirtyHasOneEntryPerUser()
{
    Live::Presence presence;
    for (int i = 0; i < 50; ++i)
        touchStudent(presence, 1);
    for (int i = 0; i < 7; ++i)
        touchStudent(presence, 2);
    touchStudent(presence, 3);
    const QHash<qint64, QString> dirty = presence.takeDirty();
    QCOMPARE(dirty.size(), 3);
    QVERIFY(dirty.contains(1));
    QVERIFY(dirty.contains(2));
    QVERIFY(dirty.contains(3));
}

void TestPresence::takeDirtyEmptiesTheBatch()
{
    Live::Presence presence;
    touchStudent(presence, 1);
    touchStudent(presence, 2);
    QCOMPARE(presence.takeDirty().size(), 2);
    QVERIFY(presence.takeDirty().isEmpty());
    touchStudent(presence, 2);
    touchStudent(presence, 2);
    const QHash<qint64, QString> next = presence.takeDirty();
    QCOMPARE(next.size(), 1);
    QVERIFY(next.contains(2));
    // Presence stays known after its batch was taken.
    QVERIFY(presence.lastSeen(1).isValid());
}

void TestPresence::takeDirtyCarriesLastSeen()
{
    Live::Presence presence;
    touchStudent(presence, 1);
    touchStudent(presence, 1);
    const QHash<qint64, QString> dirty = presence.takeDirty();
    const QString text = dirty.value(1);
    QVERIFY2(text.endsWith(u'Z'), qPrintable(text)); // ISO-8601 UTC, like every stored time
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    QVERIFY2(parsed.isValid(), qPrintable(text));
    QCOMPARE(parsed.toUTC(), presence.lastSeen(1).toUTC()); // the latest touch
}

void TestPresence::concurrentTouchesBatchPerUser()
{
    constexpr int threads = 4;
    constexpr int users = 10;
    constexpr int touchesPerThread = 2000;
    Live::Presence presence;
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&presence] {
            for (int i = 0; i < touchesPerThread; ++i)
                touchStudent(presence, 1 + i % users, i);
        }));
        workers.back()->start();
    }
    for (const auto &worker : workers)
        QVERIFY(worker->wait(QDeadlineTimer(waitBoundMs)));
    const QHash<qint64, QString> dirty = presence.takeDirty();
    QCOMPARE(dirty.size(), users);
    QCOMPARE(presence.online(QDateTime::currentDateTimeUtc()).size(), users);
}

void TestPresence::conflictLogIsNewestFirst()
{
    Live::ConflictLog log;
    QVERIFY(log.recent().isEmpty());
    QCOMPARE(log.total(), 0u);
    for (int i = 1; i <= 3; ++i)
        log.record(conflict(i));
    const auto recent = log.recent();
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent.at(0).staleVersion, 3);
    QCOMPARE(recent.at(1).staleVersion, 2);
    QCOMPARE(recent.at(2).staleVersion, 1);
    QCOMPARE(recent.at(0).username, u"user3"_s);
    QCOMPARE(recent.at(0).currentVersion, 4);
    QCOMPARE(recent.at(0).when, conflict(3).when);
    QCOMPARE(log.total(), 3u);
}

void TestPresence::conflictLogKeepsCapacity()
{
    Live::ConflictLog log;
    const int extra = 25;
    const int recorded = Live::ConflictLog::capacity + extra;
    for (int i = 0; i < recorded; ++i)
        log.record(conflict(i));
    const auto recent = log.recent();
    QCOMPARE(recent.size(), Live::ConflictLog::capacity);
    QCOMPARE(recent.first().staleVersion, recorded - 1); // the newest
    QCOMPARE(recent.last().staleVersion, extra); // the oldest still kept
    QCOMPARE(log.total(), static_cast<quint64>(recorded)); // the total counts every one
}

void TestPresence::conflictLogRecentHonoursMax()
{
    Live::ConflictLog log;
    for (int i = 0; i < 10; ++i)
        log.record(conflict(i));
    const auto three = log.recent(3);
    QCOMPARE(three.size(), 3);
    QCOMPARE(three.at(0).staleVersion, 9);
    QCOMPARE(three.at(2).staleVersion, 7);
    QVERIFY(log.recent(0).isEmpty());
    QCOMPARE(log.recent(100).size(), 10);
}

void TestPresence::requestMetricsCountByClass()
{
    Live::RequestMetrics metrics;
    for (int status : {200, 201, 204, 304, 400, 404, 412, 428, 500, 503, 507})
        metrics.record(status);
    metrics.recordSave();
    metrics.recordSave();
    const Live::RequestFigures figures = metrics.figures();
    QCOMPARE(figures.total, 11u);
    QCOMPARE(figures.errors4xx, 4u);
    QCOMPARE(figures.errors5xx, 3u);
    QCOMPARE(figures.saves, 2u);
}

void TestPresence::prometheusTextHasEveryMetric_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<double>("value");
    // The values of the snapshot built in prometheusTextHasEveryMetric, all different.
    QTest::newRow("uptime") << QByteArray("blockhaus_uptime_seconds") << QByteArray("gauge")
                            << 3601.0;
    QTest::newRow("pool size") << QByteArray("blockhaus_pool_size") << QByteArray("gauge") << 8.0;
    QTest::newRow("pool open") << QByteArray("blockhaus_pool_open") << QByteArray("gauge") << 7.0;
    QTest::newRow("pool in use") << QByteArray("blockhaus_pool_in_use") << QByteArray("gauge")
                                 << 3.0;
    QTest::newRow("pool idle") << QByteArray("blockhaus_pool_idle") << QByteArray("gauge") << 4.0;
    QTest::newRow("pool waiting") << QByteArray("blockhaus_pool_waiting") << QByteArray("gauge")
                                  << 2.0;
    QTest::newRow("acquire p50") << QByteArray("blockhaus_pool_acquire_p50_ms")
                                 << QByteArray("gauge") << 1.5;
    QTest::newRow("acquire p99") << QByteArray("blockhaus_pool_acquire_p99_ms")
                                 << QByteArray("gauge") << 12.25;
    QTest::newRow("timeouts") << QByteArray("blockhaus_pool_timeouts_total")
                              << QByteArray("counter") << 5.0;
    QTest::newRow("busy retries") << QByteArray("blockhaus_pool_busy_retries_total")
                                  << QByteArray("counter") << 6.0;
    QTest::newRow("recycled") << QByteArray("blockhaus_pool_recycled_total")
                              << QByteArray("counter") << 9.0;
    QTest::newRow("requests") << QByteArray("blockhaus_requests_total") << QByteArray("counter")
                              << 12345.0;
    QTest::newRow("4xx") << QByteArray("blockhaus_requests_errors_4xx_total")
                         << QByteArray("counter") << 67.0;
    QTest::newRow("5xx") << QByteArray("blockhaus_requests_errors_5xx_total")
                         << QByteArray("counter") << 13.0;
    QTest::newRow("saves") << QByteArray("blockhaus_saves_total") << QByteArray("counter")
                           << 4321.0;
    QTest::newRow("conflicts") << QByteArray("blockhaus_conflicts_total") << QByteArray("counter")
                               << 11.0;
    QTest::newRow("students online")
        << QByteArray("blockhaus_students_online") << QByteArray("gauge") << 27.0;
    QTest::newRow("database bytes")
        << QByteArray("blockhaus_database_bytes") << QByteArray("gauge") << 123456789.0;
    QTest::newRow("free disk") << QByteArray("blockhaus_free_disk_bytes") << QByteArray("gauge")
                               << 9876543210.0;
}

void TestPresence::prometheusTextHasEveryMetric()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, type);
    QFETCH(double, value);

    Live::LiveSnapshot snapshot;
    snapshot.uptimeSeconds = 3601;
    snapshot.pool.size = 8;
    snapshot.pool.open = 7;
    snapshot.pool.inUse = 3;
    snapshot.pool.idle = 4;
    snapshot.pool.waiting = 2;
    snapshot.pool.acquireP50Ms = 1.5;
    snapshot.pool.acquireP99Ms = 12.25;
    snapshot.pool.timeouts = 5;
    snapshot.pool.busyRetries = 6;
    snapshot.pool.recycled = 9;
    snapshot.requests.total = 12345;
    snapshot.requests.errors4xx = 67;
    snapshot.requests.errors5xx = 13;
    snapshot.requests.saves = 4321;
    snapshot.requests.conflicts = 11;
    snapshot.studentsOnline = 27;
    snapshot.databaseBytes = 123456789;
    snapshot.freeDiskBytes = 9876543210;

    const QByteArray text = Live::prometheusText(snapshot);
    QVERIFY(text.endsWith('\n'));
    QVERIFY2(text.contains(QByteArray("# TYPE " + name + ' ' + type + '\n')), name.constData());
    QVERIFY2(text.contains(QByteArray("# HELP " + name + ' ')), name.constData());
    const double exposed = sampleValue(text, name);
    QVERIFY2(!qIsNaN(exposed), name.constData());
    QCOMPARE(exposed, value);
}

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
