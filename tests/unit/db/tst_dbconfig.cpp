// SPDX-License-Identifier: AGPL-3.0-or-later
// Db::parseDatabaseUrl: the --database address (#15) in its parts, percent-decoding, libpq
// options, the refusals, and describeDatabase() leaving the password out.
#include <QTest>

#include "server/db/dbconfig.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestDbConfig : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void describesWithoutPassword();
};

void TestDbConfig::parses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::newRow("plain") << u"postgresql://blockhaus@db.school.example/scratch"_s
                           << u"blockhaus"_s << QString() << u"db.school.example"_s << 5432
                           << u"scratch"_s << QString();
    QTest::newRow("port and password")
        << u"postgresql://bh:s3cret@127.0.0.1:6543/bh"_s << u"bh"_s << u"s3cret"_s << u"127.0.0.1"_s
        << 6543 << u"bh"_s << QString();
    QTest::newRow("postgres scheme")
        << u"postgres://u@h/d"_s << u"u"_s << QString() << u"h"_s << 5432 << u"d"_s << QString();
    QTest::newRow("percent-encoded") << u"postgresql://a%40b:p%3Aw%2Fd@h/d"_s << u"a@b"_s
                                     << u"p:w/d"_s << u"h"_s << 5432 << u"d"_s << QString();
    QTest::newRow("options") << u"postgresql://u@h/d?sslmode=require&connect_timeout=10"_s << u"u"_s
                             << QString() << u"h"_s << 5432 << u"d"_s
                             << u"sslmode=require;connect_timeout=10"_s;
    QTest::newRow("spaces around") << u"  postgresql://u@h:1/d  "_s << u"u"_s << QString() << u"h"_s
                                   << 1 << u"d"_s << QString();
}

void TestDbConfig::parses()
{
    QFETCH(QString, url);
    const auto config = Db::parseDatabaseUrl(url);
    QVERIFY2(config.ok(), qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->driver, Db::Driver::Postgres);
    QTEST(config->pgUser, "user");
    QTEST(config->pgPassword, "password");
    QTEST(config->pgHost, "host");
    QTEST(config->pgPort, "port");
    QTEST(config->pgDatabase, "database");
    QTEST(config->pgConnectOptions, "options");
}

void TestDbConfig::refuses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("why"); // a word the sentence must contain
    QTest::newRow("sqlite file") << u"/var/lib/blockhaus/blockhaus.sqlite3"_s << u"only"_s;
    QTest::newRow("mysql") << u"mysql://u@h/d"_s << u"only"_s;
    QTest::newRow("no user") << u"postgresql://h/d"_s << u"user"_s;
    QTest::newRow("no host") << u"postgresql://u@/d"_s << u"host"_s;
    QTest::newRow("no database") << u"postgresql://u@h"_s << u"database"_s;
    QTest::newRow("empty database") << u"postgresql://u@h/"_s << u"database"_s;
    QTest::newRow("nested path") << u"postgresql://u@h/a/b"_s << u"database"_s;
    QTest::newRow("bad port") << u"postgresql://u@h:99999/d"_s << u"valid"_s;
    QTest::newRow("option injection")
        << u"postgresql://u@h/d?host=x%3Bpassword%3Dy"_s << u"option"_s;
    QTest::newRow("odd option name") << u"postgresql://u@h/d?Host=x"_s << u"option"_s;
    QTest::newRow("fragment") << u"postgresql://u@h/d#x"_s << u"#"_s;
}

void TestDbConfig::refuses()
{
    QFETCH(QString, url);
    QFETCH(QString, why);
    const auto config = Db::parseDatabaseUrl(url);
    QVERIFY(!config.ok());
    QCOMPARE(config.error().kind, ErrorKind::BadRequest);
    QVERIFY2(config.error().message.contains(u"postgresql://USER"_s),
             qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(why), qPrintable(config.error().message));
}

void TestDbConfig::describesWithoutPassword()
{
    const auto config = Db::parseDatabaseUrl(u"postgresql://bh:s3cret@db:6543/scratch"_s);
    QVERIFY(config.ok());
    const QString described = Db::describeDatabase(*config);
    QCOMPARE(described, u"postgresql://bh@db:6543/scratch"_s);
    Db::DbConfig sqlite;
    sqlite.sqlitePath = u"/data/blockhaus.sqlite3"_s;
    QCOMPARE(Db::describeDatabase(sqlite), u"/data/blockhaus.sqlite3"_s);
}

QTEST_GUILESS_MAIN(TestDbConfig)
#include "tst_dbconfig.moc"
