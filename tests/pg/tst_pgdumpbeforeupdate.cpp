// SPDX-License-Identifier: AGPL-3.0-or-later
// The update routine on PostgreSQL (#15, step 6): when a newer Blockhaus migrates the schema of a
// PostgreSQL database, it first keeps a pg_dump of the database as it was (the counterpart of the
// SQLite copy), and pg_restore of that dump gives the old database back (the roll-back). Without
// a working pg_dump the update does not go ahead: the database stays as it was.
#include <QDir>
#include <QProcess>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/db/pgdump.h"
#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

class TestPgDumpBeforeUpdate : public QObject
{
    Q_OBJECT

private slots:
    void connectionString_data();
    void connectionString();
    void updateKeepsADumpThatRestores();
    void noUpdateWithoutADump_data();
    void noUpdateWithoutADump();

private:
    // A database at schema version 3: what an older Blockhaus left behind.
    static bool migrateTo(const Db::DbConfig &config, int version);
    static int schemaOf(const QString &address);
    static QStringList dumpsIn(const QString &dataDir);
};

bool TestPgDumpBeforeUpdate::migrateTo(const Db::DbConfig &config, int version)
{
    Db::DbConfig small = config;
    small.poolSize = 1;
    Db::ConnectionPool pool(small);
    auto migrated = pool.runSync<int>(
        [version](Db::Connection &db) { return Db::Migrations::migrate(db, version); });
    return static_cast<bool>(migrated);
}

int TestPgDumpBeforeUpdate::schemaOf(const QString &address)
{
    const auto rows =
        queryPostgres(address, u"SELECT value FROM schema_meta WHERE key = 'schema_version'"_s);
    return rows && !rows->isEmpty() ? rows->first().value(0).toInt() : -1;
}

QStringList TestPgDumpBeforeUpdate::dumpsIn(const QString &dataDir)
{
    return QDir(dataDir + u"/backups"_s).entryList(QDir::Files, QDir::Name);
}

void TestPgDumpBeforeUpdate::connectionString_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"db.school"_s << u"blockhaus"_s << u"scratch"_s << QString()
                           << u"dbname=blockhaus host=db.school port=5432 user=scratch"_s;
    QTest::newRow("quoted") << u"db"_s << u"my db"_s << u"o'neil\\x"_s << QString()
                            << u"dbname='my db' host=db port=5432 user='o\\'neil\\\\x'"_s;
    QTest::newRow("options") << u"db"_s << u"b"_s << u"u"_s
                             << u"sslmode=require;connect_timeout=10"_s
                             << u"dbname=b host=db port=5432 user=u sslmode=require "
                                u"connect_timeout=10"_s;
}

void TestPgDumpBeforeUpdate::connectionString()
{
    QFETCH(QString, host);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, options);
    QFETCH(QString, expected);
    Db::DbConfig config;
    config.driver = Db::Driver::Postgres;
    config.pgHost = host;
    config.pgDatabase = database;
    config.pgUser = user;
    config.pgPassword = u"secret"_s;
    config.pgConnectOptions = options;
    const QString conninfo = Db::pgDumpConnectionString(config);
    QCOMPARE(conninfo, expected);
    QVERIFY(!conninfo.contains(u"secret"_s)); // the password goes by PGPASSWORD only
}

void TestPgDumpBeforeUpdate::updateKeepsADumpThatRestores()
{
    PgTestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.errorText()));
    QVERIFY(migrateTo(database.config(), 3));
    QCOMPARE(schemaOf(database.url()), 3);

    TestServer::Options options;
    options.extraArgs = {u"--database"_s, database.url()};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const int latest = Db::Migrations::latestVersion(Db::Driver::Postgres);
    QCOMPARE(schemaOf(database.url()), latest);
    const QStringList dumps = dumpsIn(server.dataDir());
    QCOMPARE(dumps.size(), 1);
    QVERIFY2(dumps.first().startsWith(u"blockhaus-schema-3-before-%1-"_s.arg(latest)),
             qPrintable(dumps.first()));
    QVERIFY(dumps.first().endsWith(u".dump"_s));
    QVERIFY(server.stop());

    // A second start migrates nothing and keeps no second dump.
    QVERIFY2(server.start(), server.output().constData());
    QCOMPARE(dumpsIn(server.dataDir()).size(), 1);
    QVERIFY(server.stop());

    // The roll-back: pg_restore of the dump into an empty database is the database as it was.
    PgTestDatabase rolledBack;
    QVERIFY2(rolledBack.isValid(), qPrintable(rolledBack.errorText()));
    const QString pgDump = Db::findPgDump();
    QVERIFY(!pgDump.isEmpty());
    const QString pgRestore = QFileInfo(pgDump).dir().filePath(u"pg_restore"_s);
    QProcess restore;
    restore.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD"));
    restore.setProcessEnvironment(env);
    restore.start(pgRestore,
                  {u"--no-owner"_s, u"--exit-on-error"_s, u"--dbname"_s,
                   Db::pgDumpConnectionString(rolledBack.config()),
                   server.dataDir() + u"/backups/"_s + dumps.first()});
    QVERIFY(restore.waitForFinished(120'000));
    QVERIFY2(restore.exitCode() == 0, restore.readAll().constData());
    QCOMPARE(schemaOf(rolledBack.url()), 3);
}

void TestPgDumpBeforeUpdate::noUpdateWithoutADump_data()
{
    QTest::addColumn<QString>("pgDump");
    QTest::newRow("missing") << u"/nonexistent/pg_dump"_s;
    QTest::newRow("failing") << u"/bin/false"_s;
}

void TestPgDumpBeforeUpdate::noUpdateWithoutADump()
{
    QFETCH(QString, pgDump);
    PgTestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.errorText()));
    QVERIFY(migrateTo(database.config(), 3));

    TestServer::Options options;
    options.extraArgs = {u"--database"_s, database.url()};
    options.extraEnv.insert(u"BLOCKHAUS_PG_DUMP"_s, pgDump);
    TestServer server(options);
    QVERIFY(!server.start(30'000));
    QVERIFY2(server.output().contains("a copy of it is kept, and that copy failed"),
             server.output().constData());
    QCOMPARE(schemaOf(database.url()), 3); // not migrated
    QVERIFY(dumpsIn(server.dataDir()).isEmpty()); // no half-written dump left
}

QTEST_GUILESS_MAIN(TestPgDumpBeforeUpdate)
#include "tst_pgdumpbeforeupdate.moc"
