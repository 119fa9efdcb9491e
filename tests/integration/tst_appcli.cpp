// SPDX-License-Identifier: AGPL-3.0-or-later
// The blockhaus executable itself: --help, --version, one server per data folder, a taken port
// answered with a free one and its own exit code, a clean stop on SIGTERM, and no default
// credentials (a generated admin password is shown once).

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

// Runs the binary to completion (bounded) and returns its exit code and output.
FinishedRun runToEnd(const QStringList &arguments, const QProcessEnvironment &environment)
{
    return Blockhaus::Test::runToEnd(QStringLiteral(BLOCKHAUS_BINARY), arguments, environment);
}

QProcessEnvironment withoutAdminPassword()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"BLOCKHAUS_ADMIN_PASSWORD"_s);
    return environment;
}

} // namespace

class TestAppCli : public QObject
{
    Q_OBJECT

private slots:
    void versionPrintsTheVersion();
    void helpListsTheOptions();
    void unknownArgumentIsRefused();
    void unknownOptionExitsWithTheUsageCode();
    void secondServerOnTheSameDataFolderRefusesToStart();
    void takenPortExitsWithThreeAndNamesAFreePort();
    void sigtermStopsCleanlyAndReleasesTheFolder();
    void firstStartWithoutPasswordPrintsAGeneratedOneThatWorks();
};

void TestAppCli::versionPrintsTheVersion()
{
    const FinishedRun run = runToEnd({u"--version"_s}, withoutAdminPassword());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.output.contains(BLOCKHAUS_VERSION), run.output.constData());
}

void TestAppCli::helpListsTheOptions()
{
    const FinishedRun run = runToEnd({u"--help"_s}, withoutAdminPassword());
    QCOMPARE(run.exitCode, 0);
    for (const char *option :
         {"--headless", "--port", "--listen", "--data-dir", "--pool-size", "--acquire-timeout-ms"})
        QVERIFY2(run.output.contains(option), option);
}

void TestAppCli::unknownArgumentIsRefused()
{
    QTemporaryDir dir;
    const FinishedRun run =
        runToEnd({u"--headless"_s, u"--port"_s, u"notaport"_s, u"--data-dir"_s, dir.path()},
                 withoutAdminPassword());
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.output.contains("--port"), run.output.constData());
}

void TestAppCli::unknownOptionExitsWithTheUsageCode()
{
    const FinishedRun run =
        runToEnd({u"--headless"_s, u"--no-such-option"_s}, withoutAdminPassword());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errors.contains("no-such-option"), run.errors.constData());
}

void TestAppCli::secondServerOnTheSameDataFolderRefusesToStart()
{
    TestServer first;
    QVERIFY2(first.start(), first.output().constData());
    const FinishedRun second = runToEnd({u"--headless"_s, u"--listen"_s, u"127.0.0.1"_s,
                                         u"--port"_s, u"0"_s, u"--data-dir"_s, first.dataDir()},
                                        withoutAdminPassword());
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.errors.contains("already"), second.output.constData());
    // The first server is unharmed.
    Client client(first.port());
    QCOMPARE(client.get("/api/v1/status").status, 200);
    QVERIFY(client.login(u"admin"_s, first.adminPassword()).status == 201);
}

void TestAppCli::takenPortExitsWithThreeAndNamesAFreePort()
{
    QTcpServer other; // "another program" on the port
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = other.serverPort();
    QTemporaryDir dir;
    QProcessEnvironment environment = withoutAdminPassword();
    environment.insert(u"BLOCKHAUS_LANGUAGE"_s, u"en"_s);
    const FinishedRun run = runToEnd({u"--headless"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s,
                                      QString::number(taken), u"--data-dir"_s, dir.path()},
                                     environment);
    QCOMPARE(run.exitCode, 3);
    const QRegularExpression line(
        u"^blockhaus: Port (\\d+) is already in use by another program\\. Port (\\d+) is free: "
        "start again with --port (\\d+)\\.$"_s,
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(run.errors));
    QVERIFY2(match.hasMatch(), run.errors.constData());
    QCOMPARE(match.captured(1).toUInt(), taken);
    const uint suggested = match.captured(2).toUInt();
    QCOMPARE(match.captured(3).toUInt(), suggested);
    QVERIFY(suggested != taken);
    QVERIFY(suggested > taken && suggested <= taken + 20u);
    // Nothing started: no banner, and the data folder is not locked.
    QVERIFY2(!run.output.contains("listening on port"), run.output.constData());
    QVERIFY(!QFile::exists(dir.filePath(u"blockhaus.lock"_s)));
    // The suggested port works.
    QTcpServer ours;
    QVERIFY2(ours.listen(QHostAddress::LocalHost, static_cast<quint16>(suggested)),
             qPrintable(ours.errorString()));
}

void TestAppCli::sigtermStopsCleanlyAndReleasesTheFolder()
{
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    QVERIFY2(server.stop(), server.output().constData()); // SIGTERM, exit code 0
    QVERIFY(server.output().contains("Blockhaus stopped."));
    // The lock is gone: the same folder starts again and keeps its data.
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(u"admin"_s, server.adminPassword()).status, 201);
}

void TestAppCli::firstStartWithoutPasswordPrintsAGeneratedOneThatWorks()
{
    QTemporaryDir dir;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(withoutAdminPassword());
    process.start(QStringLiteral(BLOCKHAUS_BINARY),
                  {u"--headless"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                   u"--data-dir"_s, dir.path()});
    QByteArray output;
    const QRegularExpression ready(u"listening on port (\\d+)"_s);
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((output += process.readAll(),
                              match = ready.match(QString::fromUtf8(output)), match.hasMatch()),
                             30'000);
    const QRegularExpression shown(u"password\\s+(\\S{12,})\\s"_s);
    const QRegularExpressionMatch password = shown.match(QString::fromUtf8(output));
    QVERIFY2(password.hasMatch(), output.constData());
    Client client(static_cast<quint16>(match.captured(1).toUInt()));
    QCOMPARE(client.login(u"admin"_s, password.captured(1)).status, 201);
    QCOMPARE(client.login(u"admin"_s, u"admin"_s).status, 401); // no default credentials
    process.terminate();
    QVERIFY(process.waitForFinished(30'000));
    QCOMPARE(process.exitCode(), 0);
    // Shown once: a second start of the same folder prints no password.
    QProcess again;
    again.setProcessChannelMode(QProcess::MergedChannels);
    again.setProcessEnvironment(withoutAdminPassword());
    again.start(QStringLiteral(BLOCKHAUS_BINARY),
                {u"--headless"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                 u"--data-dir"_s, dir.path()});
    QByteArray secondOutput;
    QTRY_VERIFY_WITH_TIMEOUT(
        (secondOutput += again.readAll(), secondOutput.contains("listening on port")), 30'000);
    QVERIFY2(!secondOutput.contains(password.captured(1).toUtf8()), secondOutput.constData());
    again.terminate();
    QVERIFY(again.waitForFinished(30'000));
}

QTEST_GUILESS_MAIN(TestAppCli)
#include "tst_appcli.moc"
