// SPDX-License-Identifier: AGPL-3.0-or-later
// Where `blockhaus --database` finds the PostgreSQL password (#15): BLOCKHAUS_DATABASE_PASSWORD,
// or a .pgpass file that libpq reads itself; never on the command line, so `ps` cannot show it.
// Without any password the start fails, naming the database but no password.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

class TestPgPassword : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passwordFromTheEnvironmentStaysOffTheCommandLine();
    void passwordFromPgpass();
    void noPasswordRefusesToStart();

private:
    // An environment in which neither variable carries the password (libpq treats an empty
    // PGPASSWORD as none), and PGPASSFILE names passFile.
    static QProcessEnvironment withoutPassword(const QString &passFile);

    QTemporaryDir m_dir;
    QString m_password;
};

void TestPgPassword::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_password = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    QVERIFY2(!m_password.isEmpty(), "the test cluster has a password");
}

QProcessEnvironment TestPgPassword::withoutPassword(const QString &passFile)
{
    QProcessEnvironment env;
    env.insert(u"BLOCKHAUS_DATABASE_PASSWORD"_s, QString());
    env.insert(u"PGPASSWORD"_s, QString());
    env.insert(u"PGPASSFILE"_s, passFile);
    return env;
}

void TestPgPassword::passwordFromTheEnvironmentStaysOffTheCommandLine()
{
    // A database of its own: each server makes its own first administrator.
    const auto database = std::make_unique<PgTestDatabase>();
    QVERIFY2(database->isValid(), qPrintable(database->errorText()));
    TestServer::Options options;
    options.extraArgs = {u"--database"_s, database->url()};
    options.extraEnv.insert(u"PGPASSFILE"_s, m_dir.filePath(u"none"_s));
    options.extraEnv.insert(u"PGPASSWORD"_s, QString());
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QVERIFY(statusIs(client.login(u"admin"_s, server.adminPassword()), 201));
    QFile cmdline(u"/proc/%1/cmdline"_s.arg(server.pid()));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    const QByteArray arguments = cmdline.readAll();
    QVERIFY(arguments.contains(database->url().toUtf8()));
    QVERIFY2(!arguments.contains(m_password.toUtf8()), "the password is on the command line");
    QVERIFY(server.stop());
}

void TestPgPassword::passwordFromPgpass()
{
    // A database of its own: each server makes its own first administrator.
    const auto database = std::make_unique<PgTestDatabase>();
    QVERIFY2(database->isValid(), qPrintable(database->errorText()));
    const QString passFile = m_dir.filePath(u"pgpass"_s);
    {
        QFile file(passFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const Blockhaus::Db::DbConfig &c = database->config();
        file.write(u"%1:%2:%3:%4:%5\n"_s
                       .arg(c.pgHost, QString::number(c.pgPort), c.pgDatabase, c.pgUser, m_password)
                       .toUtf8());
        // libpq ignores a password file that others may read.
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    }
    TestServer::Options options;
    options.extraArgs = {u"--database"_s, database->url()};
    options.extraEnv = withoutPassword(passFile);
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QVERIFY(statusIs(client.login(u"admin"_s, server.adminPassword()), 201));
    QVERIFY(server.stop());
}

void TestPgPassword::noPasswordRefusesToStart()
{
    // A database of its own: each server makes its own first administrator.
    const auto database = std::make_unique<PgTestDatabase>();
    QVERIFY2(database->isValid(), qPrintable(database->errorText()));
    TestServer::Options options;
    options.extraArgs = {u"--database"_s, database->url()};
    options.extraEnv = withoutPassword(m_dir.filePath(u"missing"_s));
    TestServer server(options);
    QVERIFY(!server.start(20'000));
    const QByteArray output = server.output();
    QVERIFY2(output.contains(database->url().toUtf8()), output.constData());
    QVERIFY2(!output.contains(m_password.toUtf8()), "the password is printed");
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(TestPgPassword)
#include "tst_pgpassword.moc"
