// SPDX-License-Identifier: AGPL-3.0-or-later
// The windowed blockhaus (the dashboard in a real X window under Xvfb) stops cleanly on SIGTERM
// and SIGINT, as logout, shutdown and service managers send them (#12): no question dialog,
// the request in flight is answered, exit code 0, "Blockhaus stopped." and a sound database.

#include <csignal>

#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/types.h>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr char adminPassword[] = "windowed-stop-admin-1";
constexpr int startTimeoutMs = 60'000;
constexpr int stepTimeoutMs = 30'000;

// True when nothing listens on the port any more: the server has begun its stop.
bool refusesConnections(quint16 port)
{
    QTcpSocket probe;
    probe.connectToHost(u"127.0.0.1"_s, port);
    const bool connected = probe.waitForConnected(2000);
    probe.abort();
    return !connected && probe.error() == QAbstractSocket::ConnectionRefusedError;
}

// Reads one complete response with a Content-Length (bounded); status 0 when none came. 1xx
// interim answers are skipped.
HttpReply readFinalReply(QTcpSocket &socket, QByteArray &buffer, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        buffer += socket.readAll();
        while (buffer.startsWith("HTTP/1.1 1")) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                break;
            buffer.remove(0, end + 4);
        }
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0 && !buffer.startsWith("HTTP/1.1 1")) {
            HttpReply reply;
            const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
            reply.status = lines.first().split(' ').value(1).toInt();
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                const QByteArray name = lines.at(i).left(colon).trimmed().toLower();
                const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
                reply.headers.append({name, value});
                if (name == "content-length")
                    length = value.toLongLong();
            }
            if (buffer.size() >= headEnd + 4 + length) {
                reply.body = buffer.mid(headEnd + 4, length);
                return reply;
            }
        }
        if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
            return {};
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
}

// The windows of the X display, as `xwininfo -root -tree` lists them.
QByteArray windowTree()
{
    QProcess xwininfo;
    xwininfo.start(u"xwininfo"_s, {u"-root"_s, u"-tree"_s});
    if (!xwininfo.waitForFinished(10'000))
        return {};
    return xwininfo.readAllStandardOutput();
}

} // namespace

class TestWindowedStop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signalStopsTheDashboardWithoutAQuestion_data();
    void signalStopsTheDashboardWithoutAQuestion();
};

void TestWindowedStop::initTestCase()
{
    // Registered under xvfb-run: the server below must get a display, or it would run headless
    // and prove nothing about the window.
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "run under xvfb-run (ctest -L screenshot)");
    QVERIFY2(!QStandardPaths::findExecutable(u"xwininfo"_s).isEmpty(),
             "xwininfo (Debian x11-utils) is needed to see the window");
}

void TestWindowedStop::signalStopsTheDashboardWithoutAQuestion_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestWindowedStop::signalStopsTheDashboardWithoutAQuestion()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dataDir;
    QTemporaryDir configDir; // the dashboard's saved settings stay out of the user's own
    QVERIFY(dataDir.isValid() && configDir.isValid());

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BLOCKHAUS_ADMIN_PASSWORD"_s, QString::fromLatin1(adminPassword));
    environment.insert(u"BLOCKHAUS_LANGUAGE"_s, u"en"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, configDir.path());
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.setProcessEnvironment(environment);
    // No --headless: the dashboard window opens on the Xvfb display.
    server.start(QStringLiteral(BLOCKHAUS_BINARY),
                 {u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s,
                  dataDir.path(), u"--library-upstream"_s, u"none"_s});
    QVERIFY2(server.waitForStarted(startTimeoutMs), qPrintable(server.errorString()));
    const auto killOnFailure = qScopeGuard([&server] {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished(stepTimeoutMs);
        }
    });
    QByteArray output;
    const QRegularExpression ready(u"listening on port (\\d+)"_s);
    QRegularExpressionMatch match;
    QTRY_VERIFY2_WITH_TIMEOUT((output += server.readAll(),
                               match = ready.match(QString::fromUtf8(output)), match.hasMatch()),
                              output.constData(), startTimeoutMs);
    const auto port = static_cast<quint16>(match.captured(1).toUInt());
    // It is the windowed build: the dashboard, whose title ends in its port, is on the display.
    const QByteArray title = " port " + QByteArray::number(port) + '"';
    QTRY_VERIFY2_WITH_TIMEOUT(windowTree().contains(title), windowTree().constData(),
                              stepTimeoutMs);

    Client admin(port);
    QCOMPARE(admin.login(u"admin"_s, QString::fromLatin1(adminPassword)).status, 201);
    const HttpReply created =
        admin.post("/api/v1/projects?title=Signal"_ba, scratchProject({}, 0, u"signal-v1"_s));
    QVERIFY2(created.status == 201, qPrintable(describe(created)));
    const int id = created.object().value("id"_L1).toInt();

    // A slow save: the head is read (the server says 100 Continue), half of the body is sent.
    const QByteArray body = scratchProject({}, 4000, u"signal-v2-saved-during-stop"_s);
    QTcpSocket slow;
    slow.connectToHost(u"127.0.0.1"_s, port);
    QVERIFY(slow.waitForConnected(stepTimeoutMs));
    slow.write("PUT /api/v1/projects/" + QByteArray::number(id)
               + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin.bearer()
               + "\r\nContent-Type: application/json\r\nIf-Match: \"1\"\r\n"
                 "Expect: 100-continue\r\nContent-Length: "
               + QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += slow.readAll(), received.contains("100 Continue")),
                             stepTimeoutMs);
    const qsizetype half = body.size() / 2;
    slow.write(body.left(half));
    QVERIFY(slow.waitForBytesWritten(stepTimeoutMs));

    QCOMPARE(::kill(pid_t(server.processId()), signalNumber), 0);
    // The stop begins without anyone answering a question: the listener closes.
    QTRY_VERIFY_WITH_TIMEOUT(refusesConnections(port), stepTimeoutMs);

    // The save that was in flight still gets its answer, and it is committed.
    slow.write(body.mid(half));
    const HttpReply saved = readFinalReply(slow, received, stepTimeoutMs);
    QVERIFY2(saved.status == 200, qPrintable(describe(saved)));
    QCOMPARE(saved.object().value("version"_L1).toInt(), 2);

    QVERIFY2(server.waitForFinished(stepTimeoutMs), output.constData());
    output += server.readAll();
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY2(server.exitCode() == 0, output.constData());
    QVERIFY2(output.contains("Blockhaus stopped."), output.constData());

    // Reopened: intact, and the save that was answered is there.
    const QString database = dataDir.filePath(u"blockhaus.sqlite3"_s);
    QCOMPARE(sqlValue(database, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(sqlValue(database, u"SELECT version FROM projects WHERE id = %1"_s.arg(id)).toInt(),
             2);
    QVERIFY(
        sqlValue(
            database,
            u"SELECT body FROM project_versions WHERE project_id = %1 AND version = 2"_s.arg(id))
            .toByteArray()
            .contains("signal-v2-saved-during-stop"));
}

QTEST_GUILESS_MAIN(TestWindowedStop)
#include "tst_windowedstop.moc"
