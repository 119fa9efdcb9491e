// SPDX-License-Identifier: AGPL-3.0-or-later
// ConnectionPool::close() and reopen(), which let a running server swap its database file (the
// dashboard's restore, #13): after close() no connection is open and every job is answered
// Unavailable without running; the file can then be replaced; after reopen() jobs run again on
// fresh connections that see the new file.

#include <atomic>

#include <QFile>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/sql.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

Result<QString> readMark(Db::Connection &db)
{
    Db::Sql select(db, u"SELECT mark FROM marks"_s);
    if (!select.exec())
        return select.error();
    if (!select.next())
        return QString();
    return select.value(0).toString();
}

// A database file at path holding one mark, written by a pool of its own.
bool makeDatabase(const QString &path, const QString &mark)
{
    Db::DbConfig config;
    config.sqlitePath = path;
    config.poolSize = 1;
    Db::ConnectionPool pool(config);
    auto made = pool.runSync<Ok>([mark](Db::Connection &db) -> Result<Ok> {
        QSqlError error;
        if (!db.execRaw(u"CREATE TABLE marks (mark TEXT NOT NULL)"_s, &error)
            || !db.execRaw(u"INSERT INTO marks (mark) VALUES ('%1')"_s.arg(mark), &error))
            return makeError(ErrorKind::Internal, error.text());
        return Ok{};
    });
    return bool(made);
}

} // namespace

class TestPoolClose : public QObject
{
    Q_OBJECT

private slots:
    void closedPoolRefusesJobsAndReopensOnTheNewFile();
};

void TestPoolClose::closedPoolRefusesJobsAndReopensOnTheNewFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"live.sqlite3"_s);
    const QString other = dir.filePath(u"other.sqlite3"_s);
    QVERIFY(makeDatabase(path, u"old"_s));
    QVERIFY(makeDatabase(other, u"new"_s));

    Db::DbConfig config;
    config.sqlitePath = path;
    config.poolSize = 2;
    Db::ConnectionPool pool(config);
    auto before = pool.runSync<QString>(&readMark);
    QVERIFY2(before, qPrintable(before ? QString() : before.error().message));
    QCOMPARE(*before, u"old"_s);
    QVERIFY(pool.stats().open > 0);

    pool.close();
    QVERIFY(pool.isClosed());
    QCOMPARE(pool.stats().open, 0);
    std::atomic<int> ran{0};
    auto refused = pool.run<int>([&ran](Db::Connection &) {
        ++ran;
        return Result<int>(1);
    });
    refused.waitForFinished();
    QVERIFY(!refused.result());
    QCOMPARE(refused.result().error().kind, ErrorKind::Unavailable);
    auto refusedSync = pool.runSync<int>([&ran](Db::Connection &) {
        ++ran;
        return Result<int>(1);
    });
    QVERIFY(!refusedSync);
    QCOMPARE(ran.load(), 0);
    QCOMPARE(pool.stats().open, 0); // a refused job opens no connection

    // Nothing holds the file: it can be replaced.
    QVERIFY(QFile::remove(path));
    QFile::remove(path + u"-wal"_s);
    QFile::remove(path + u"-shm"_s);
    QVERIFY(QFile::copy(other, path));

    pool.reopen();
    QVERIFY(!pool.isClosed());
    auto after = pool.runSync<QString>(&readMark);
    QVERIFY2(after, qPrintable(after ? QString() : after.error().message));
    QCOMPARE(*after, u"new"_s);
}

QTEST_GUILESS_MAIN(TestPoolClose)
#include "tst_poolclose.moc"
