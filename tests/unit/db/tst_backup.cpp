// SPDX-License-Identifier: AGPL-3.0-or-later
// Db::backupDatabase on SQLite: a backup taken while another worker keeps saving is one
// consistent snapshot (integrity_check ok, every row committed before it started, never
// restarted by the saves), reports monotonic progress ending at 100, replaces an older file only
// when complete, and leaves no file behind when it fails or is cancelled. PostgreSQL is refused
// with a sentence.
#include <atomic>
#include <functional>
#include <memory>

#include <QDir>
#include <QFile>
#include <QFuture>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/backup.h"
#include "server/db/connectionpool.h"
#include "server/db/sql.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

// Every wait in this suite is bounded by this; none is expected to come near it.
constexpr int waitBoundMs = 20'000;
constexpr int initialRows = 300;
constexpr int blobRows = 48;
constexpr int blobBytes = 100 * 1024; // 48 x 100 KiB: a database of about 5 MB
// Small steps, so that a backup of this database takes many of them and the writer commits
// between them.
constexpr int testPagesPerStep = 8;

QByteArray blob(int seed)
{
    QByteArray bytes(blobBytes, Qt::Uninitialized);
    quint32 state = 2654435761u * static_cast<quint32>(seed + 1);
    for (char &byte : bytes) {
        state = state * 1664525u + 1013904223u;
        byte = static_cast<char>(state >> 24);
    }
    return bytes;
}

// Runs a job on one of the pool's workers and waits for it, bounded, without ever running it on
// the waiting thread (see tst_transaction's onWorker).
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
    return future.result();
}

Result<Ok> insertItem(Db::Connection &db, const QString &label, const QByteArray &body)
{
    Db::Sql insert(db, u"INSERT INTO items (label, body) VALUES (?, ?)"_s);
    insert.bind(label);
    insert.bind(body);
    if (!insert.exec())
        return insert.error();
    return Ok{};
}

Result<Ok> fill(Db::Connection &db)
{
    QSqlError error;
    if (!db.execRaw(u"CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL, "
                    "body BLOB NOT NULL)"_s,
                    &error))
        return makeError(ErrorKind::Internal, error.text());
    if (!db.execRaw(u"BEGIN IMMEDIATE"_s, &error))
        return makeError(ErrorKind::Internal, error.text());
    for (int i = 0; i < initialRows; ++i) {
        const QByteArray body = i < blobRows ? blob(i) : QByteArray::number(i);
        auto inserted = insertItem(db, u"initial %1"_s.arg(i), body);
        if (!inserted)
            return inserted.error();
    }
    if (!db.execRaw(u"COMMIT"_s, &error))
        return makeError(ErrorKind::Internal, error.text());
    return Ok{};
}

// Opens a backup file with Qt's SQLite driver and answers one query's first value.
QVariant valueIn(const QString &path, const QString &sql)
{
    static int serial = 0;
    const QString name = u"tst-backup-check-%1"_s.arg(++serial);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// Files in dir whose name contains "partial": the backup's unfinished copies.
QStringList partialFiles(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden).filter(u"partial"_s);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void backupWhileSavingIsOneConsistentSnapshot();
    void backupReplacesAnOlderFileOnlyWhenComplete();
    void failingTargetGivesAnErrorAndLeavesNoFile_data();
    void failingTargetGivesAnErrorAndLeavesNoFile();
    void cancelledBackupLeavesNoFile();
    void postgresIsRefusedWithASentence();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Db::ConnectionPool> m_pool;
};

void TestBackup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Db::DbConfig config;
    config.driver = Db::Driver::Sqlite;
    config.sqlitePath = m_dir->filePath(u"live.sqlite3"_s);
    config.poolSize = 3;
    config.acquireTimeoutMs = waitBoundMs;
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    auto filled = onWorker<Ok>(*m_pool, [](Db::Connection &db) { return fill(db); });
    QVERIFY2(filled.ok(), qPrintable(filled.ok() ? QString() : filled.error().message));
}

void TestBackup::cleanup()
{
    m_pool.reset();
    m_dir.reset();
}

void TestBackup::backupWhileSavingIsOneConsistentSnapshot()
{
    // The writer: one worker inserting rows (with bodies) in their own transactions until told to
    // stop; it signals every commit that happens while the backup is under way.
    std::atomic<bool> stop{false};
    std::atomic<bool> backupUnderWay{false};
    std::atomic<int> committed{0};
    std::atomic<int> failedWrites{0};
    QSemaphore savedDuringBackup;
    QFuture<Result<Ok>> writer = m_pool->run<Ok>([&](Db::Connection &db) -> Result<Ok> {
        for (int i = 0; !stop.load(); ++i) {
            if (!insertItem(db, u"during %1"_s.arg(i), blob(1000 + i % 7).left(16 * 1024))) {
                failedWrites.fetch_add(1);
                continue;
            }
            committed.fetch_add(1);
            if (backupUnderWay.load())
                savedDuringBackup.release();
        }
        return Ok{};
    });
    QTRY_VERIFY_WITH_TIMEOUT(committed.load() >= 5, waitBoundMs);

    const QString target = m_dir->filePath(u"backup.sqlite3"_s);
    struct Step
    {
        int remaining;
        int pageCount;
    };
    QList<Step> steps;
    int committedBeforeBackup = -1;
    bool writerKeptSaving = false;
    auto backup = onWorker<QString>(*m_pool, [&](Db::Connection &db) {
        committedBeforeBackup = committed.load();
        return Db::backupDatabase(
            db, target,
            [&](int remaining, int pageCount) {
                steps.append({remaining, pageCount});
                if (steps.size() == 1) {
                    // Proof that saves commit between the steps (and so would restart a backup
                    // that did not hold one snapshot).
                    backupUnderWay.store(true);
                    writerKeptSaving = savedDuringBackup.tryAcquire(3, waitBoundMs);
                }
                return true;
            },
            testPagesPerStep);
    });
    stop.store(true);
    writer.waitForFinished();
    QVERIFY2(backup.ok(), qPrintable(backup.ok() ? QString() : backup.error().message));
    QCOMPARE(*backup, QFileInfo(target).absoluteFilePath());
    QVERIFY(writerKeptSaving);
    QCOMPARE(failedWrites.load(), 0);

    // Progress: many steps, over one unchanging page count (no restart), ending at 100 %.
    QVERIFY2(steps.size() > 10, qPrintable(QString::number(steps.size())));
    int lastPercent = -1;
    for (const Step &step : std::as_const(steps)) {
        QCOMPARE(step.pageCount, steps.first().pageCount);
        const int percent = 100 * (step.pageCount - step.remaining) / step.pageCount;
        QVERIFY2(percent >= lastPercent,
                 qPrintable(u"%1 after %2"_s.arg(percent).arg(lastPercent)));
        lastPercent = percent;
    }
    QCOMPARE(steps.last().remaining, 0);
    QCOMPARE(lastPercent, 100);

    // The file: a sound database holding every row committed before the backup began, and no
    // unfinished copy beside it.
    QCOMPARE(valueIn(target, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(valueIn(target, u"SELECT count(*) FROM items WHERE label LIKE 'initial %'"_s).toInt(),
             initialRows);
    QCOMPARE(valueIn(target, u"SELECT sum(length(body)) FROM items WHERE id <= %1"_s.arg(blobRows))
                 .toLongLong(),
             qint64(blobRows) * blobBytes);
    QCOMPARE(valueIn(target, u"SELECT body FROM items WHERE id = 7"_s).toByteArray(), blob(6));
    const int during =
        valueIn(target, u"SELECT count(*) FROM items WHERE label LIKE 'during %'"_s).toInt();
    QVERIFY2(during >= committedBeforeBackup,
             qPrintable(u"%1 < %2"_s.arg(during).arg(committedBeforeBackup)));
    // One snapshot: the saves made while the copy ran are not in it.
    QVERIFY2(during < committed.load(), qPrintable(u"%1 / %2"_s.arg(during).arg(committed.load())));
    QVERIFY2(partialFiles(m_dir->path()).isEmpty(),
             qPrintable(partialFiles(m_dir->path()).join(u' ')));
}

void TestBackup::backupReplacesAnOlderFileOnlyWhenComplete()
{
    const QString target = m_dir->filePath(u"older backup.sqlite3"_s);
    {
        QFile older(target);
        QVERIFY(older.open(QIODevice::WriteOnly));
        older.write("not a database");
    }
    auto backup = onWorker<QString>(*m_pool, [&](Db::Connection &db) {
        return Db::backupDatabase(db, target, [&](int, int) {
            // Until the copy is complete the old file keeps its name and content.
            QFile older(target);
            return older.open(QIODevice::ReadOnly) && older.readAll() == "not a database";
        });
    });
    QVERIFY2(backup.ok(), qPrintable(backup.ok() ? QString() : backup.error().message));
    QCOMPARE(valueIn(target, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(valueIn(target, u"SELECT count(*) FROM items"_s).toInt(), initialRows);
}

void TestBackup::failingTargetGivesAnErrorAndLeavesNoFile_data()
{
    QTest::addColumn<QString>("relativeTarget");
    QTest::newRow("missing folder") << u"no such folder/backup.sqlite3"_s;
    QTest::newRow("target is a folder") << u"a folder"_s;
}

void TestBackup::failingTargetGivesAnErrorAndLeavesNoFile()
{
    QFETCH(QString, relativeTarget);
    QVERIFY(QDir(m_dir->path()).mkdir(u"a folder"_s));
    const QString target = m_dir->filePath(relativeTarget);
    const QStringList before = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden);
    auto backup = onWorker<QString>(
        *m_pool, [&](Db::Connection &db) { return Db::backupDatabase(db, target); });
    QVERIFY(!backup.ok());
    QVERIFY(!backup.error().message.isEmpty());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden), before);
    QVERIFY(QDir(m_dir->filePath(u"a folder"_s)).isEmpty());
}

void TestBackup::cancelledBackupLeavesNoFile()
{
    const QString target = m_dir->filePath(u"cancelled.sqlite3"_s);
    int calls = 0;
    auto backup = onWorker<QString>(*m_pool, [&](Db::Connection &db) {
        return Db::backupDatabase(
            db, target, [&](int, int) { return ++calls < 3; }, testPagesPerStep);
    });
    QVERIFY(!backup.ok());
    QCOMPARE(calls, 3);
    QVERIFY(!QFile::exists(target));
    QVERIFY2(partialFiles(m_dir->path()).isEmpty(),
             qPrintable(partialFiles(m_dir->path()).join(u' ')));
}

void TestBackup::postgresIsRefusedWithASentence()
{
    // Refused before the connection is used, so this needs no PostgreSQL server.
    Db::DbConfig config;
    config.driver = Db::Driver::Postgres;
    Db::Connection connection(u"tst-backup-pg"_s, config, nullptr, nullptr);
    const QString target = m_dir->filePath(u"pg.sqlite3"_s);
    auto backup = Db::backupDatabase(connection, target);
    QVERIFY(!backup.ok());
    QVERIFY2(backup.error().message.contains(u"PostgreSQL"_s), qPrintable(backup.error().message));
    QVERIFY(!QFile::exists(target));
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
