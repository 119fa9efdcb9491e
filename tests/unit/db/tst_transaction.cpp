// SPDX-License-Identifier: AGPL-3.0-or-later
// Db::writeTransaction / readTransaction and Db::ConnectionPool on SQLite: rollback on error,
// commit visible to another connection, bounded busy retry (counted), one snapshot per read
// transaction, acquire timeout and the waiting-queue bound (G10).
#include <memory>

#include <QFuture>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "server/db/connectionpool.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

// Every wait in this suite is bounded by this; none is expected to come near it.
constexpr int waitBoundMs = 10'000;

// Runs a job on one of the pool's worker threads and waits for it, bounded. Unlike
// ConnectionPool::runSync it never waits through the QFuture before the job has run, because a
// QFuture wait takes a still-queued job and runs it on the waiting thread (see
// runSyncRunsTheJobOnAWorkerThread); nested calls would then share one connection.
template<typename T>
Result<T> onWorker(Db::ConnectionPool &pool, const std::function<Result<T>(Db::Connection &)> &job)
{
    QSemaphore done;
    QFuture<Result<T>> future = pool.run<T>([&done, &job](Db::Connection &c) {
        Result<T> result = job(c);
        done.release();
        return result;
    });
    if (!done.tryAcquire(1, waitBoundMs)) {
        future.waitForFinished(); // the job refers to this frame
        return makeError(ErrorKind::Internal, u"the job did not run in time"_s);
    }
    return future.result(); // the job has run; this only collects its result
}

// Calls ConnectionPool::runSync while the pool's only worker is busy, so that the job is still
// queued when runSync starts waiting. A correct runSync waits until the blocking job gives up
// (after busyBlockMs); a runSync that takes the job into the calling thread returns at once.
constexpr int busyBlockMs = 1000;

template<typename T>
Result<T> runSyncWhileWorkerBusy(Db::ConnectionPool &pool,
                                 const std::function<Result<T>(Db::Connection &)> &job)
{
    QSemaphore started;
    QSemaphore release;
    QFuture<Result<Ok>> blocker = pool.run<Ok>([&](Db::Connection &) -> Result<Ok> {
        started.release();
        release.tryAcquire(1, busyBlockMs);
        return Ok{};
    });
    if (!started.tryAcquire(1, waitBoundMs)) {
        release.release();
        blocker.waitForFinished();
        return makeError(ErrorKind::Internal, u"the blocking job did not start"_s);
    }
    Result<T> result = pool.runSync<T>(job);
    release.release();
    blocker.waitForFinished();
    return result;
}

struct Counts
{
    int before = -1;
    int after = -1;
};

Db::DbConfig configIn(const QTemporaryDir &dir, int poolSize)
{
    Db::DbConfig config;
    config.driver = Db::Driver::Sqlite;
    config.sqlitePath = dir.filePath(u"blockhaus.sqlite"_s);
    config.poolSize = poolSize;
    config.acquireTimeoutMs = waitBoundMs;
    return config;
}

Result<Ok> createItems(Db::Connection &connection)
{
    QSqlError error;
    if (!connection.execRaw(
            u"CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)"_s,
            &error))
        return makeError(ErrorKind::Internal, error.text());
    return Ok{};
}

Result<Ok> insertItem(Db::Connection &connection, const QString &label)
{
    Db::Sql insert(connection, u"INSERT INTO items (label) VALUES (?)"_s);
    insert.bind(label);
    if (!insert.exec())
        return insert.error();
    return Ok{};
}

Result<int> countItems(Db::Connection &connection)
{
    Db::Sql count(connection, u"SELECT count(*) FROM items"_s);
    if (!count.exec() || !count.next())
        return count.error();
    return count.value(0).toInt();
}

Error transientBusy()
{
    Error busy = makeError(ErrorKind::Unavailable, u"database is locked"_s);
    busy.transient = true;
    return busy;
}

// A pool over a fresh database holding an empty items table.
class TestPool
{
public:
    explicit TestPool(int poolSize, const std::function<void(Db::DbConfig &)> &adjust = {})
    {
        Db::DbConfig config = configIn(m_dir, poolSize);
        if (adjust)
            adjust(config);
        m_pool = std::make_unique<Db::ConnectionPool>(config);
        m_ready = m_dir.isValid()
            && onWorker<Ok>(*m_pool, [](Db::Connection &c) { return createItems(c); }).ok();
    }

    bool ready() const { return m_ready; }
    Db::ConnectionPool &pool() { return *m_pool; }
    const QTemporaryDir &dir() const { return m_dir; }
    int count()
    {
        const auto counted =
            onWorker<int>(*m_pool, [](Db::Connection &c) { return countItems(c); });
        return counted.ok() ? *counted : -1;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Db::ConnectionPool> m_pool;
    bool m_ready = false;
};

} // namespace

class TestTransaction : public QObject
{
    Q_OBJECT

private slots:
    void failedBodyRollsBackEveryRow();
    void committedWriteIsVisibleFromAnotherConnection();
    void transientErrorIsRetriedExactlyMaxBusyRetriesPlusOne_data();
    void transientErrorIsRetriedExactlyMaxBusyRetriesPlusOne();
    void transientErrorThenSuccessCommitsOnce();
    void writeLockHeldElsewhereIsRetriedThenUnavailable();
    void writeLockHeldForTheWholeBusyTimeoutIsNotWaitedForAgain();
    void readTransactionSeesOneSnapshot();
    void readOutsideTransactionSeesNewCommits();
    void acquireTimeoutExceededAnswersUnavailable();
    void jobWithinAcquireTimeoutRuns();
    void maxWaitingRefusesAtOnce();
    void runSyncRunsTheJobOnAWorkerThread();
    void newPoolNeverUsesAnEarlierPoolsConnection();
};

void TestTransaction::failedBodyRollsBackEveryRow()
{
    TestPool test(1);
    QVERIFY(test.ready());
    const auto result = onWorker<int>(test.pool(), [](Db::Connection &c) {
        return Db::writeTransaction<int>(c, [](Db::Connection &c) -> Result<int> {
            for (const QString &label : {u"first"_s, u"second"_s}) {
                if (auto inserted = insertItem(c, label); !inserted)
                    return inserted.error();
            }
            return makeError(ErrorKind::Unprocessable, u"refused after two inserts"_s);
        });
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unprocessable);
    QCOMPARE(result.error().message, u"refused after two inserts"_s);
    QCOMPARE(test.count(), 0);
    QCOMPARE(test.pool().stats().busyRetries, 0u);
}

void TestTransaction::committedWriteIsVisibleFromAnotherConnection()
{
    TestPool test(2);
    QVERIFY(test.ready());
    Db::ConnectionPool &pool = test.pool();
    const Db::Connection *reader = nullptr;
    const Db::Connection *writer = nullptr;
    const auto seen = onWorker<int>(pool, [&](Db::Connection &c) -> Result<int> {
        writer = &c;
        auto written = Db::writeTransaction<Ok>(
            c, [](Db::Connection &c) { return insertItem(c, u"saved"_s); });
        if (!written)
            return written.error();
        // This worker is busy until the read returns, so the read runs on the pool's other
        // thread, with that thread's own connection.
        return onWorker<int>(pool, [&reader](Db::Connection &other) {
            reader = &other;
            return countItems(other);
        });
    });
    QVERIFY(seen.ok());
    QVERIFY(reader && writer);
    QVERIFY(reader != writer);
    QCOMPARE(*seen, 1);
}

void TestTransaction::transientErrorIsRetriedExactlyMaxBusyRetriesPlusOne_data()
{
    QTest::addColumn<int>("maxBusyRetries");
    QTest::newRow("no retry") << 0;
    QTest::newRow("one retry") << 1;
    QTest::newRow("default bound") << Db::DbConfig().maxBusyRetries;
}

void TestTransaction::transientErrorIsRetriedExactlyMaxBusyRetriesPlusOne()
{
    QFETCH(int, maxBusyRetries);
    TestPool test(1, [maxBusyRetries](Db::DbConfig &c) { c.maxBusyRetries = maxBusyRetries; });
    QVERIFY(test.ready());
    int attempts = 0;
    const auto result = onWorker<Ok>(test.pool(), [&attempts](Db::Connection &c) {
        return Db::writeTransaction<Ok>(c, [&](Db::Connection &c) -> Result<Ok> {
            ++attempts;
            if (auto inserted = insertItem(c, u"attempt"_s); !inserted)
                return inserted.error();
            return transientBusy();
        });
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QVERIFY(result.error().transient);
    QCOMPARE(attempts, maxBusyRetries + 1);
    QCOMPARE(test.pool().stats().busyRetries, static_cast<quint64>(maxBusyRetries));
    QCOMPARE(test.count(), 0);
}

void TestTransaction::transientErrorThenSuccessCommitsOnce()
{
    TestPool test(1);
    QVERIFY(test.ready());
    int attempts = 0;
    const auto result = onWorker<Ok>(test.pool(), [&attempts](Db::Connection &c) {
        return Db::writeTransaction<Ok>(c, [&](Db::Connection &c) -> Result<Ok> {
            ++attempts;
            if (auto inserted = insertItem(c, u"attempt"_s); !inserted)
                return inserted.error();
            if (attempts == 1)
                return transientBusy();
            return Ok{};
        });
    });
    QVERIFY(result.ok());
    QCOMPARE(attempts, 2);
    QCOMPARE(test.pool().stats().busyRetries, 1u);
    // The first attempt's insert was rolled back; only the committed one remains.
    QCOMPARE(test.count(), 1);
}

void TestTransaction::writeLockHeldElsewhereIsRetriedThenUnavailable()
{
    constexpr int retries = 2;
    TestPool test(1, [](Db::DbConfig &c) {
        c.maxBusyRetries = retries;
        c.busyTimeoutMs = 0; // SQLite reports BUSY at once instead of waiting
    });
    QVERIFY(test.ready());
    // Another process's writer, played by a connection outside the pool (its own committer).
    Db::DbConfig otherConfig = configIn(test.dir(), 1);
    Db::PoolCounters otherCounters;
    Db::GroupCommitter otherCommitter(1);
    Db::Connection other(u"tst_transaction-other"_s, otherConfig, &otherCounters, &otherCommitter);
    QString openError;
    QVERIFY2(other.open(&openError), qPrintable(openError));
    QVERIFY(other.execRaw(u"BEGIN IMMEDIATE"_s));

    int attempts = 0;
    const auto result = onWorker<Ok>(test.pool(), [&attempts](Db::Connection &c) {
        return Db::writeTransaction<Ok>(c, [&](Db::Connection &c) -> Result<Ok> {
            ++attempts;
            return insertItem(c, u"blocked"_s);
        });
    });
    QVERIFY(other.execRaw(u"ROLLBACK"_s));

    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QVERIFY(result.error().transient);
    QCOMPARE(attempts, 0); // BEGIN IMMEDIATE itself was refused every time
    QCOMPARE(test.pool().stats().busyRetries, static_cast<quint64>(retries));
    QCOMPARE(test.count(), 0);
}

void TestTransaction::writeLockHeldForTheWholeBusyTimeoutIsNotWaitedForAgain()
{
    // BEGIN IMMEDIATE already waited the busy timeout inside SQLite: a retry would only wait
    // again, maxBusyRetries times, and a held lock would look like a hang (#12).
    TestPool test(1, [](Db::DbConfig &c) {
        c.maxBusyRetries = 5;
        c.busyTimeoutMs = 300;
    });
    QVERIFY(test.ready());
    Db::DbConfig otherConfig = configIn(test.dir(), 1);
    Db::PoolCounters otherCounters;
    Db::GroupCommitter otherCommitter(1);
    Db::Connection other(u"tst_transaction-holder"_s, otherConfig, &otherCounters, &otherCommitter);
    QString openError;
    QVERIFY2(other.open(&openError), qPrintable(openError));
    QVERIFY(other.execRaw(u"BEGIN IMMEDIATE"_s));

    int attempts = 0;
    const auto result = onWorker<Ok>(test.pool(), [&attempts](Db::Connection &c) {
        return Db::writeTransaction<Ok>(c, [&](Db::Connection &c) -> Result<Ok> {
            ++attempts;
            return insertItem(c, u"blocked"_s);
        });
    });
    QVERIFY(other.execRaw(u"ROLLBACK"_s));

    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QVERIFY(result.error().transient);
    QCOMPARE(attempts, 0);
    QCOMPARE(test.pool().stats().busyRetries, 0u); // one wait, no second one
    QCOMPARE(test.count(), 0);
}

void TestTransaction::readTransactionSeesOneSnapshot()
{
    TestPool test(2);
    QVERIFY(test.ready());
    Db::ConnectionPool &pool = test.pool();
    const auto counts = onWorker<Counts>(pool, [&pool](Db::Connection &c) {
        return Db::readTransaction<Counts>(c, [&]() -> Result<Counts> {
            Counts counts;
            const auto before = countItems(c);
            if (!before)
                return before.error();
            counts.before = *before;
            // A writer on the other connection commits while this snapshot is open.
            const auto written = onWorker<Ok>(pool, [](Db::Connection &writer) {
                return Db::writeTransaction<Ok>(writer, [](Db::Connection &writer) {
                    return insertItem(writer, u"concurrent"_s);
                });
            });
            if (!written)
                return written.error();
            const auto after = countItems(c);
            if (!after)
                return after.error();
            counts.after = *after;
            return counts;
        });
    });
    QVERIFY(counts.ok());
    QCOMPARE(counts->before, 0);
    QCOMPARE(counts->after, 0);
    // Once the read transaction has ended, the commit is visible.
    QCOMPARE(test.count(), 1);
}

void TestTransaction::readOutsideTransactionSeesNewCommits()
{
    // The control for readTransactionSeesOneSnapshot: without a transaction each read sees
    // the latest commit, so that test can tell a snapshot from none.
    TestPool test(2);
    QVERIFY(test.ready());
    Db::ConnectionPool &pool = test.pool();
    const auto counts = onWorker<Counts>(pool, [&pool](Db::Connection &c) -> Result<Counts> {
        Counts counts;
        const auto before = countItems(c);
        if (!before)
            return before.error();
        counts.before = *before;
        const auto written = onWorker<Ok>(pool, [](Db::Connection &writer) {
            return Db::writeTransaction<Ok>(
                writer, [](Db::Connection &writer) { return insertItem(writer, u"concurrent"_s); });
        });
        if (!written)
            return written.error();
        const auto after = countItems(c);
        if (!after)
            return after.error();
        counts.after = *after;
        return counts;
    });
    QVERIFY(counts.ok());
    QCOMPARE(counts->before, 0);
    QCOMPARE(counts->after, 1);
}

void TestTransaction::acquireTimeoutExceededAnswersUnavailable()
{
    // With a zero acquire timeout every queued job has waited too long (a hand-off to a worker
    // thread takes microseconds), so the refusal is deterministic without waiting in the test.
    bool ran = false;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Db::DbConfig config = configIn(dir, 1);
    config.acquireTimeoutMs = 0;
    Db::ConnectionPool pool(config);
    QFuture<Result<Ok>> future = pool.run<Ok>([&ran](Db::Connection &) -> Result<Ok> {
        ran = true;
        return Ok{};
    });
    const Result<Ok> result = future.result();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QVERIFY(result.error().retryAfterSeconds > 0);
    QVERIFY(!ran);
    const Db::PoolStats stats = pool.stats();
    QCOMPARE(stats.timeouts, 1u);
    QCOMPARE(stats.acquired, 1u);
    QCOMPARE(stats.waiting, 0);
    QCOMPARE(stats.inUse, 0);
}

void TestTransaction::jobWithinAcquireTimeoutRuns()
{
    TestPool test(1);
    QVERIFY(test.ready());
    bool ran = false;
    const auto result = onWorker<Ok>(test.pool(), [&ran](Db::Connection &) -> Result<Ok> {
        ran = true;
        return Ok{};
    });
    QVERIFY(result.ok());
    QVERIFY(ran);
    QCOMPARE(test.pool().stats().timeouts, 0u);
}

void TestTransaction::maxWaitingRefusesAtOnce()
{
    // Declared before the pool: the jobs use them until the pool has shut down.
    QSemaphore started;
    QSemaphore release;
    bool queuedRan = false;
    bool refusedRan = false;
    TestPool test(1, [](Db::DbConfig &c) { c.maxWaiting = 1; });
    QVERIFY(test.ready());
    Db::ConnectionPool &pool = test.pool();
    // Releases the blocking job however this test ends, so the pool can shut down.
    const auto unblock = qScopeGuard([&release] { release.release(); });

    QFuture<Result<Ok>> blocker = pool.run<Ok>([&](Db::Connection &) -> Result<Ok> {
        started.release();
        if (!release.tryAcquire(1, waitBoundMs))
            return makeError(ErrorKind::Internal, u"never released"_s);
        return Ok{};
    });
    QVERIFY(started.tryAcquire(1, waitBoundMs));

    QFuture<Result<Ok>> queued = pool.run<Ok>([&queuedRan](Db::Connection &) -> Result<Ok> {
        queuedRan = true;
        return Ok{};
    });
    QCOMPARE(pool.stats().waiting, 1);

    QFuture<Result<Ok>> refused = pool.run<Ok>([&refusedRan](Db::Connection &) -> Result<Ok> {
        refusedRan = true;
        return Ok{};
    });
    // Refused without queueing: the future is already finished.
    QVERIFY(refused.isFinished());
    QVERIFY(!refused.result().ok());
    QCOMPARE(refused.result().error().kind, ErrorKind::Unavailable);
    QVERIFY(refused.result().error().retryAfterSeconds > 0);
    QCOMPARE(pool.stats().timeouts, 1u);

    release.release();
    blocker.waitForFinished();
    queued.waitForFinished();
    QVERIFY(blocker.result().ok());
    QVERIFY(queued.result().ok());
    QVERIFY(queuedRan);
    QVERIFY(!refusedRan);
    QCOMPARE(pool.stats().waiting, 0);
    QCOMPARE(pool.stats().timeouts, 1u);
}

void TestTransaction::runSyncRunsTheJobOnAWorkerThread()
{
    // Start-up work (migrations, the first admin account) goes through runSync from the GUI
    // thread, which must never run SQL nor own a connection: connections live in the pool's
    // worker threads only.
    TestPool test(1);
    QVERIFY(test.ready());
    QThread *ranOn = nullptr;
    const auto result =
        runSyncWhileWorkerBusy<Ok>(test.pool(), [&ranOn](Db::Connection &) -> Result<Ok> {
            ranOn = QThread::currentThread();
            return Ok{};
        });
    QVERIFY(result.ok());
    QVERIFY(ranOn);
    QVERIFY2(ranOn != QThread::currentThread(), "runSync ran the job on the calling thread");
}

void TestTransaction::newPoolNeverUsesAnEarlierPoolsConnection()
{
    // A pool is destroyed and another one opened on a different database (a server restart
    // from the dashboard, or the next test). Its jobs must use its own database.
    QString firstPath;
    {
        TestPool first(1);
        QVERIFY(first.ready());
        const auto path =
            runSyncWhileWorkerBusy<QString>(first.pool(), [](Db::Connection &c) -> Result<QString> {
                return c.database().databaseName();
            });
        QVERIFY(path.ok());
        firstPath = *path;
    }
    TestPool second(1);
    QVERIFY(second.ready());
    const auto path =
        runSyncWhileWorkerBusy<QString>(second.pool(), [](Db::Connection &c) -> Result<QString> {
            return c.database().databaseName();
        });
    QVERIFY(path.ok());
    QVERIFY(*path != firstPath);
    QCOMPARE(*path, second.pool().config().sqlitePath);
}

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
