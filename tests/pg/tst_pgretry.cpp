// SPDX-License-Identifier: AGPL-3.0-or-later
// Bounded automatic retry on PostgreSQL (#15): two write transactions that lock two rows in
// opposite order deadlock; PostgreSQL aborts one with 40P01, and Db::writeTransaction runs that
// one again as a whole, so both writes land exactly once. A serialization failure (40001) is
// retried the same way, and a transaction that keeps failing gives up after maxBusyRetries with
// a transient Unavailable instead of looping. A lock held elsewhere ends in Unavailable after the
// lock timeout, without a rerun (G10).
#include <atomic>

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "tests/support/pgdatabase.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestPgRetry : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deadlockedTransactionRunsAgain();
    void serializationFailureRunsAgain();
    void persistentFailureGivesUpBounded();
    void heldLockIsRefusedBounded();
    void cleanupTestCase();

private:
    Result<qint64> value(int id);

    std::unique_ptr<Test::PgTestDatabase> m_pg;
    std::unique_ptr<Db::ConnectionPool> m_pool;
};

void TestPgRetry::initTestCase()
{
    m_pg = std::make_unique<Test::PgTestDatabase>();
    QVERIFY2(m_pg->isValid(), qPrintable(m_pg->errorText()));
    Db::DbConfig config = m_pg->config();
    config.poolSize = 2;
    config.maxBusyRetries = 3;
    config.busyTimeoutMs = 300; // PostgreSQL's lock_timeout on every pool connection
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    const auto made = m_pool->runSync<int>([](Db::Connection &db) -> Result<int> {
        QSqlError error;
        // deadlock_timeout: how soon PostgreSQL looks for the deadlock (default 1 s).
        if (!db.execRaw(u"CREATE TABLE counters (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)"_s,
                        &error)
            || !db.execRaw(u"INSERT INTO counters VALUES (1, 0), (2, 0)"_s, &error)
            || !db.execRaw(u"ALTER DATABASE %1 SET deadlock_timeout = '100ms'"_s.arg(
                               db.database().databaseName()),
                           &error))
            return makeError(ErrorKind::Internal, error.text());
        return 0;
    });
    QVERIFY2(made.ok(), qPrintable(made ? QString() : made.error().message));
    // The pool's connections were opened before the ALTER: start new ones.
    m_pool.reset();
    m_pool = std::make_unique<Db::ConnectionPool>(config);
}

Result<qint64> TestPgRetry::value(int id)
{
    return m_pool->runSync<qint64>([id](Db::Connection &db) -> Result<qint64> {
        Db::Sql q(db, u"SELECT v FROM counters WHERE id = ?"_s);
        q.bind(id);
        if (!q.exec())
            return q.error();
        if (!q.next())
            return makeError(ErrorKind::NotFound);
        return q.value(0).toLongLong();
    });
}

void TestPgRetry::deadlockedTransactionRunsAgain()
{
    const quint64 retriesBefore = m_pool->stats().busyRetries;
    // Both first updates are made before either tries its second one (on the first attempt
    // only: a rerun must not wait for the other again). Bounded waits.
    QSemaphore firstDone;
    std::atomic<int> attempts{0};
    const auto writer = [&](int first, int second) {
        std::function<Result<int>(Db::Connection &)> job = [&, first, second](Db::Connection &db) {
            return Db::writeTransaction<int>(
                db, [&, first, second](Db::Connection &db) -> Result<int> {
                    const bool firstAttempt = attempts.fetch_add(1) < 2;
                    for (const int id : {first, second}) {
                        Db::Sql q(db, u"UPDATE counters SET v = v + 1 WHERE id = ?"_s);
                        q.bind(id);
                        if (!q.exec())
                            return q.error();
                        if (id == first && firstAttempt) {
                            firstDone.release();
                            if (!firstDone.tryAcquire(2, 10'000))
                                return makeError(ErrorKind::Internal, u"no partner"_s);
                            firstDone.release(2);
                        }
                    }
                    return 0;
                });
        };
        return m_pool->run<int>(std::move(job));
    };
    QFuture<Result<int>> a = writer(1, 2);
    QFuture<Result<int>> b = writer(2, 1);
    QTRY_VERIFY_WITH_TIMEOUT(a.isFinished() && b.isFinished(), 30'000);
    const Result<int> ra = a.result();
    const Result<int> rb = b.result();
    QVERIFY2(ra.ok(), qPrintable(ra ? QString() : ra.error().message));
    QVERIFY2(rb.ok(), qPrintable(rb ? QString() : rb.error().message));
    // Exactly once each: the deadlock victim's first attempt left nothing behind.
    QCOMPARE(*value(1), qint64(2));
    QCOMPARE(*value(2), qint64(2));
    QVERIFY2(attempts.load() >= 3, "no transaction was run again");
    QVERIFY(m_pool->stats().busyRetries > retriesBefore);
}

void TestPgRetry::serializationFailureRunsAgain()
{
    std::atomic<int> attempts{0};
    const auto result = m_pool->runSync<int>([&](Db::Connection &db) {
        return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
            QSqlError error;
            // The first attempt fails as a serialization failure would (SQLSTATE 40001).
            if (attempts.fetch_add(1) == 0
                && !db.execRaw(u"DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = "
                               "'40001'; END $$"_s,
                               &error))
                return db.dialect().toError(error, u"test"_s);
            Db::Sql q(db, u"UPDATE counters SET v = v + 10 WHERE id = 1"_s);
            if (!q.exec())
                return q.error();
            return 0;
        });
    });
    QVERIFY2(result.ok(), qPrintable(result ? QString() : result.error().message));
    QCOMPARE(attempts.load(), 2);
    QCOMPARE(*value(1), qint64(12));
}

void TestPgRetry::persistentFailureGivesUpBounded()
{
    std::atomic<int> attempts{0};
    const auto result = m_pool->runSync<int>([&](Db::Connection &db) {
        return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
            attempts.fetch_add(1);
            QSqlError error;
            db.execRaw(u"DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40P01'; "
                       "END $$"_s,
                       &error);
            return db.dialect().toError(error, u"test"_s);
        });
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unavailable);
    QVERIFY(result.error().transient);
    QCOMPARE(attempts.load(), 1 + 3); // the first run and maxBusyRetries reruns
}

void TestPgRetry::heldLockIsRefusedBounded()
{
    const qint64 before = *value(2);
    // Another session holds row 2's lock, as a psql left inside a transaction would.
    const Db::DbConfig &c = m_pg->config();
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(u"QPSQL"_s, u"holder"_s);
        holder.setHostName(c.pgHost);
        holder.setPort(c.pgPort);
        holder.setDatabaseName(c.pgDatabase);
        holder.setUserName(c.pgUser);
        holder.setPassword(c.pgPassword);
        QVERIFY2(holder.open(), qPrintable(holder.lastError().text()));
        {
            QSqlQuery lock(holder);
            QVERIFY(lock.exec(u"BEGIN"_s));
            QVERIFY(lock.exec(u"SELECT v FROM counters WHERE id = 2 FOR UPDATE"_s));

            std::atomic<int> attempts{0};
            std::function<Result<int>(Db::Connection &)> job = [&](Db::Connection &db) {
                return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
                    attempts.fetch_add(1);
                    Db::Sql q(db, u"UPDATE counters SET v = v + 1 WHERE id = 2"_s);
                    if (!q.exec())
                        return q.error();
                    return 0;
                });
            };
            QFuture<Result<int>> write = m_pool->run<int>(std::move(job));
            QTRY_VERIFY_WITH_TIMEOUT(write.isFinished(), 30'000);
            const Result<int> result = write.result();
            QVERIFY(!result.ok());
            QCOMPARE(result.error().kind, ErrorKind::Unavailable);
            QVERIFY(result.error().retryAfterSeconds > 0);
            QCOMPARE(attempts.load(), 1); // it waited once; a rerun would only wait again
            QVERIFY(lock.exec(u"ROLLBACK"_s));
        }
        holder.close();
    }
    QSqlDatabase::removeDatabase(u"holder"_s);
    QCOMPARE(*value(2), before);
}

void TestPgRetry::cleanupTestCase()
{
    m_pool.reset();
    m_pg.reset();
}

QTEST_GUILESS_MAIN(TestPgRetry)
#include "tst_pgretry.moc"
