// SPDX-License-Identifier: AGPL-3.0-or-later
// Service::Maintenance on PostgreSQL (#15): the database's health says which driver answers, and
// a backup (the dashboard's "Back up now") is refused, even for an administrator, with a marked
// sentence that names pg_dump, leaving no file behind.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/service/maintenance.h"
#include "server/service/runner.h"
#include "tests/support/pgdatabase.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestPgMaintenance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void healthNamesPostgres();
    void backupIsRefusedWithPgDump();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::PgTestDatabase> m_pg;
    std::unique_ptr<Db::ConnectionPool> m_pool;
    std::unique_ptr<Service::Runner> m_runner;
};

void TestPgMaintenance::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pg = std::make_unique<Test::PgTestDatabase>();
    QVERIFY2(m_pg->isValid(), qPrintable(m_pg->errorText()));
    Db::DbConfig config = m_pg->config();
    config.poolSize = 2;
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    const auto migrated =
        m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
    QVERIFY2(migrated.ok(), qPrintable(migrated ? QString() : migrated.error().message));
    m_runner = std::make_unique<Service::Runner>(*m_pool);
}

void TestPgMaintenance::healthNamesPostgres()
{
    const auto health = m_runner->runSync<Service::DatabaseHealth>(
        [](Service::Work &work) -> Result<Service::DatabaseHealth> {
            return Service::databaseHealth(work);
        });
    QVERIFY(health.ok());
    QVERIFY(health->ok);
    QCOMPARE(health->driver, u"postgresql"_s);
    QCOMPARE(health->journalMode, QString()); // SQLite's settings only
}

void TestPgMaintenance::backupIsRefusedWithPgDump()
{
    const QString target = m_dir.filePath(u"copy.sqlite3"_s);
    const Core::Caller admin{7, Core::Role::Admin, u"admin"_s, u"Admin"_s, {}};
    const auto backup = m_runner->runSync<QString>(
        [&](Service::Work &work) { return Service::Maintenance().backup(work, admin, target); });
    QVERIFY(!backup.ok());
    QCOMPARE(backup.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(backup.error().message.contains(u"pg_dump"_s), qPrintable(backup.error().message));
    QVERIFY(!backup.error().source.isEmpty()); // a marked sentence, translated on the dashboard
    QVERIFY(!QFile::exists(target));
}

void TestPgMaintenance::cleanupTestCase()
{
    m_runner.reset();
    m_pool.reset();
    m_pg.reset();
}

QTEST_GUILESS_MAIN(TestPgMaintenance)
#include "tst_pgmaintenance.moc"
