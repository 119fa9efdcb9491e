// SPDX-License-Identifier: AGPL-3.0-or-later
// Db::GroupCommitter: writers that queue while a batch runs share one COMMIT; a refused write is
// undone alone; a database failure in a batch reruns every task alone; every writer is answered
// only after its own data is committed (or known not to be).

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <QDeadlineTimer>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "server/db/connection.h"
#include "server/db/groupcommitter.h"
#include "server/db/poolcounters.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

Result<Ok> insertLabel(Db::Connection &db, const QString &label)
{
    Db::Sql q(db, u"INSERT INTO items (label) VALUES (?)"_s);
    q.bind(label);
    if (!q.exec())
        return q.error();
    return Ok{};
}

// Waits (bounded, without sleeping) until the committer has `count` tasks queued.
bool waitForQueued(Db::GroupCommitter &committer, int count)
{
    QDeadlineTimer deadline(10'000);
    while (committer.queued() < count) {
        if (deadline.hasExpired())
            return false;
        QThread::yieldCurrentThread();
    }
    return true;
}

} // namespace

class TestGroupCommitter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void queuedWritersShareOneCommitAndRefusalsAreUndoneAlone();
    void databaseFailureInABatchRerunsEveryTaskAlone();

private:
    // Runs `writers` writeTransactions from their own threads and connections while a first,
    // leading writer holds the batch open until all of them are queued.
    using Body = std::function<Result<Ok>(Db::Connection &, int)>;
    QList<Result<Ok>> runQueuedBehindLeader(int writers, const Body &body);
    std::unique_ptr<Db::Connection> connection(int index);

    std::unique_ptr<QTemporaryDir> m_dir;
    Db::DbConfig m_config;
    Db::PoolCounters m_counters;
    std::unique_ptr<Db::GroupCommitter> m_committer;
};

void TestGroupCommitter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config.sqlitePath = m_dir->filePath(u"test.sqlite3"_s);
    m_committer = std::make_unique<Db::GroupCommitter>(64);
    auto setup = connection(99);
    QVERIFY(setup->execRaw(u"CREATE TABLE items (label TEXT NOT NULL UNIQUE)"_s));
}

void TestGroupCommitter::cleanup()
{
    m_committer.reset();
    m_dir.reset();
}

std::unique_ptr<Db::Connection> TestGroupCommitter::connection(int index)
{
    auto db = std::make_unique<Db::Connection>(
        u"tst_groupcommitter-%1-%2"_s.arg(reinterpret_cast<quintptr>(QThread::currentThread()))
            .arg(index),
        m_config, &m_counters, m_committer.get());
    QString error;
    if (!db->open(&error))
        qWarning() << error;
    return db;
}

QList<Result<Ok>> TestGroupCommitter::runQueuedBehindLeader(int writers, const Body &body)
{
    QList<Result<Ok>> results(writers, Result<Ok>(makeError(ErrorKind::Internal, u"not run"_s)));
    QSemaphore leaderInside;
    QSemaphore releaseLeader;
    std::vector<std::thread> threads;
    // The leader: its body waits until every other writer is queued behind it.
    threads.emplace_back([&]() {
        auto db = connection(0);
        results[0] = Db::writeTransaction<Ok>(*db, [&](Db::Connection &c) -> Result<Ok> {
            leaderInside.release();
            releaseLeader.acquire();
            return body(c, 0);
        });
    });
    leaderInside.acquire();
    for (int i = 1; i < writers; ++i) {
        threads.emplace_back([&, i]() {
            auto db = connection(i);
            results[i] =
                Db::writeTransaction<Ok>(*db, [&body, i](Db::Connection &c) { return body(c, i); });
        });
    }
    const bool queued = waitForQueued(*m_committer, writers - 1);
    releaseLeader.release();
    for (std::thread &thread : threads)
        thread.join();
    if (!queued)
        qWarning("the writers did not queue in time");
    return results;
}

void TestGroupCommitter::queuedWritersShareOneCommitAndRefusalsAreUndoneAlone()
{
    constexpr int writers = 9;
    // Odd writers insert and then refuse (like a 412): their rows must vanish, the others stay.
    const auto results = runQueuedBehindLeader(writers, [](Db::Connection &c, int i) -> Result<Ok> {
        if (auto inserted = insertLabel(c, u"row %1"_s.arg(i)); !inserted)
            return inserted;
        if (i % 2 == 1)
            return makeError(ErrorKind::PreconditionFailed, u"refused %1"_s.arg(i));
        return Ok{};
    });
    for (int i = 0; i < writers; ++i) {
        if (i % 2 == 1) {
            QVERIFY2(!results[i].ok(), qPrintable(u"writer %1 should be refused"_s.arg(i)));
            QCOMPARE(results[i].error().kind, ErrorKind::PreconditionFailed);
        } else {
            // (QVERIFY2 evaluates its message eagerly, so the error is read only on failure.)
            if (!results[i].ok())
                QFAIL(qPrintable(u"writer %1: %2"_s.arg(i).arg(results[i].error().message)));
        }
    }
    auto check = connection(100);
    Db::Sql q(*check, u"SELECT label FROM items ORDER BY label"_s);
    QVERIFY(q.exec());
    QStringList labels;
    while (q.next())
        labels << q.value(0).toString();
    QCOMPARE(labels, (QStringList{u"row 0"_s, u"row 2"_s, u"row 4"_s, u"row 6"_s, u"row 8"_s}));
    // The eight queued writers ran as one batch with one COMMIT.
    QCOMPARE(m_committer->sharedCommits(), 1u);
    QCOMPARE(m_committer->sharedTasks(), static_cast<quint64>(writers - 1));
}

void TestGroupCommitter::databaseFailureInABatchRerunsEveryTaskAlone()
{
    constexpr int writers = 5;
    // Writer 3 hits a real database error (a NOT NULL violation stands in for "disk full"),
    // whatever the order of the batch: it must not take the others down with it.
    const auto results = runQueuedBehindLeader(writers, [](Db::Connection &c, int i) -> Result<Ok> {
        return insertLabel(c, i == 3 ? QString() : u"row %1"_s.arg(i));
    });
    QVERIFY(results[0].ok());
    QVERIFY(results[1].ok());
    QVERIFY(results[2].ok());
    QVERIFY(!results[3].ok());
    QVERIFY(results[4].ok());
    auto check = connection(100);
    Db::Sql q(*check, u"SELECT COUNT(*) FROM items"_s);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toInt(), 4);
    QCOMPARE(m_committer->sharedCommits(), 0u); // the batch was rolled back and rerun alone
}

QTEST_GUILESS_MAIN(TestGroupCommitter)
#include "tst_groupcommitter.moc"
