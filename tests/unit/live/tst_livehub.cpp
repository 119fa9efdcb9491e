// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveHub's snapshots of an idle server (#13): its own roster probe, queued on the pool for the
// next snapshot, is not a job the snapshot counts as waiting. (It was: the dashboard's status
// line said "Busy – Many saves at once" from the first start on, with nobody working; found by
// e2e.firsthour.)
#include <atomic>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/live/livehub.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestLiveHub : public QObject
{
    Q_OBJECT

private slots:
    void idlePoolHasNobodyWaiting();
};

void TestLiveHub::idlePoolHasNobodyWaiting()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Db::DbConfig config;
    config.driver = Db::Driver::Sqlite;
    config.sqlitePath = dir.filePath(u"blockhaus.sqlite"_s);
    config.poolSize = 2;
    Db::ConnectionPool pool(config);
    std::atomic<int> probes{0};
    {
        Live::LiveHub hub(pool, config.sqlitePath);
        hub.setRosterProbe([&probes](Db::Connection &) -> Result<qint64> {
            ++probes; // on a worker, one at a time
            return qint64(1);
        });
        QSignalSpy published(&hub, &Live::LiveHub::snapshotPublished);
        // Far apart: an idle worker has started the previous probe long before the next one.
        hub.start(100);
        constexpr int wanted = 12;
        QTRY_VERIFY_WITH_TIMEOUT(published.size() >= wanted, 20000);
        hub.stop();
        for (int i = 0; i < wanted; ++i) {
            const auto snapshot = published.at(i).at(0).value<Live::LiveSnapshotPtr>();
            QVERIFY(snapshot);
            QVERIFY2(snapshot->pool.waiting == 0,
                     qPrintable(u"snapshot %1 counts %2 waiting on an idle pool"_s.arg(i).arg(
                         snapshot->pool.waiting)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(pool.stats().inUse == 0 && pool.stats().waiting == 0, 5000);
    }
    QVERIFY2(probes > 0, "the roster probe ran");
    pool.shutdown();
}

QTEST_GUILESS_MAIN(TestLiveHub)
#include "tst_livehub.moc"
