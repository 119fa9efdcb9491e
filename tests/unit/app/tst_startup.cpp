// SPDX-License-Identifier: AGPL-3.0-or-later
// Starting the server as the executable does (app/startup.h over a real ServerController on
// 127.0.0.1): each obstacle has its kind and exit code, a taken port comes with a free one, and
// the port the teacher chooses starts a fresh server.
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "app/startup.h"
#include "tests/support/inprocessserver.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using Kind = App::StartError::Kind;

class TestStartup : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void portInUseSuggestsAFreePort();
    void theChosenPortStartsAFreshServer();
    void decliningThePortStartsNothing();
    void theTakenPortIsNeverTriedTwice();
    void portZeroIsNeverInUse();
    void aSecondServerOnTheFolderIsAlreadyRunning();
    void aFolderThatCannotBeCreatedIsADataFolderError();

private:
    // Options for a fresh data folder whose port another server (m_other) already holds.
    App::Options optionsOnTakenPort(const QString &adminPassword);

    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QTcpServer> m_other;
};

void TestStartup::init()
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
    m_other = std::make_unique<QTcpServer>();
    QVERIFY(m_other->listen(QHostAddress::LocalHost, 0));
}

App::Options TestStartup::optionsOnTakenPort(const QString &adminPassword)
{
    App::Options options = Test::inProcessServerOptions(m_dataDir->path(), adminPassword);
    options.port = m_other->serverPort();
    return options;
}

void TestStartup::portInUseSuggestsAFreePort()
{
    App::Options options = optionsOnTakenPort(u"startup-admin-1"_s);
    App::StartError error;
    QVERIFY(!App::startServer(options, {}, &error));
    QCOMPARE(error.kind, Kind::PortInUse);
    QCOMPARE(error.takenPort, m_other->serverPort());
    QVERIFY(error.suggestedPort != 0);
    QVERIFY(error.suggestedPort != m_other->serverPort());
    QCOMPARE(error.exitCode(), int(App::ExitPortInUse));
    QVERIFY2(App::consoleText(error).contains(u"--port %1"_s.arg(error.suggestedPort)),
             qPrintable(App::consoleText(error)));
    // The failed start left the folder unlocked.
    options.port = 0;
    QVERIFY(App::startServer(options, {}, &error));
}

void TestStartup::theChosenPortStartsAFreshServer()
{
    App::Options options = optionsOnTakenPort(u"startup-admin-2"_s);
    int asked = 0;
    quint16 offered = 0;
    App::StartError error;
    const auto server = App::startServer(
        options,
        [&](const App::StartError &question) {
            ++asked;
            offered = question.suggestedPort;
            return question.suggestedPort;
        },
        &error);
    QVERIFY2(server, qPrintable(error.message));
    QCOMPARE(asked, 1);
    QCOMPARE(server->port(), offered);
    QVERIFY(server->classroomService() != nullptr);
}

void TestStartup::decliningThePortStartsNothing()
{
    App::Options options = optionsOnTakenPort(u"startup-admin-3"_s);
    App::StartError error;
    QVERIFY(!App::startServer(
        options, [](const App::StartError &) { return quint16(0); }, &error));
    QCOMPARE(error.kind, Kind::PortInUse);
}

void TestStartup::theTakenPortIsNeverTriedTwice()
{
    App::Options options = optionsOnTakenPort(u"startup-admin-7"_s);
    int asked = 0;
    App::StartError error;
    QVERIFY(!App::startServer(
        options,
        [&](const App::StartError &question) {
            ++asked;
            return question.takenPort;
        },
        &error));
    QCOMPARE(asked, 1);
    QCOMPARE(error.kind, Kind::PortInUse);
}

void TestStartup::portZeroIsNeverInUse()
{
    App::Options options = Test::inProcessServerOptions(m_dataDir->path(), u"startup-admin-4"_s);
    App::StartError error;
    const auto server = App::startServer(options, {}, &error);
    QVERIFY2(server, qPrintable(error.message));
    QVERIFY(server->port() != 0);
}

void TestStartup::aSecondServerOnTheFolderIsAlreadyRunning()
{
    App::Options options = Test::inProcessServerOptions(m_dataDir->path(), u"startup-admin-5"_s);
    App::StartError error;
    const auto first = App::startServer(options, {}, &error);
    QVERIFY2(first, qPrintable(error.message));
    QVERIFY(!App::startServer(options, {}, &error));
    QCOMPARE(error.kind, Kind::AlreadyRunning);
    QCOMPARE(error.exitCode(), int(App::ExitStartFailed));
    QVERIFY2(error.message.contains(u"already running"_s), qPrintable(error.message));
}

void TestStartup::aFolderThatCannotBeCreatedIsADataFolderError()
{
    // A file where a folder would have to be.
    const QString file = m_dataDir->filePath(u"not-a-folder"_s);
    QFile blocker(file);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    App::Options options = Test::inProcessServerOptions(file + u"/data"_s, u"startup-admin-6"_s);
    App::StartError error;
    QVERIFY(!App::startServer(options, {}, &error));
    QCOMPARE(error.kind, Kind::DataFolder);
    QCOMPARE(error.exitCode(), int(App::ExitStartFailed));
    QVERIFY2(error.message.contains(u"not-a-folder"_s), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
