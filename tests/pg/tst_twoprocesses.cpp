// SPDX-License-Identifier: AGPL-3.0-or-later
// Two real `blockhaus --headless` processes on one PostgreSQL database, as behind a load balancer
// (issue #15, step 3): every client alternates between them request by request. Saves, conflicts,
// presence, the conflict log, sessions, login locks and join codes must be one classroom, not two.
#include <memory>

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QByteArray projectPath(int id, const QByteArray &suffix = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + suffix;
}

HttpRequest saveRequest(quint16 port, const QByteArray &token, int id, int baseVersion,
                        const QString &marker)
{
    HttpRequest request;
    request.method = "PUT";
    request.path = projectPath(id);
    request.body = scratchProject({}, 2000, marker);
    request.headers = bearerHeader(token);
    request.headers.append({"Content-Type"_ba, "application/json"_ba});
    request.headers.append({"If-Match"_ba, ifMatch(baseVersion)});
    request.port = port;
    return request;
}

QString marker(const char *prefix, int project, int version)
{
    // Fixed width, so that no marker is a prefix of another.
    return u"%1-p%2-v%3-end"_s.arg(QLatin1StringView(prefix))
        .arg(project, 4, 10, QChar(u'0'))
        .arg(version, 4, 10, QChar(u'0'));
}

// One figure of GET /metrics (loopback peer: no login needed); -1 when absent.
double metric(quint16 port, const QByteArray &name)
{
    Client client(port);
    const HttpReply reply = client.get("/metrics"_ba);
    if (reply.status != 200)
        return -1;
    for (const QByteArray &line : reply.body.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    }
    return -1;
}

int studentsOnline(quint16 port)
{
    Client client(port);
    const HttpReply reply = client.get("/api/v1/health"_ba);
    return reply.status == 200 ? reply.object().value("students_online"_L1).toInt() : -1;
}

// What a teacher's roster on this process says about one student: online?
bool onlineInRoster(quint16 port, const QByteArray &teacherToken, int studentId)
{
    Client client(port);
    client.setBearer(teacherToken);
    const HttpReply reply = client.get("/api/v1/teacher/students"_ba);
    const QJsonArray students = reply.object().value("students"_L1).toArray();
    for (const QJsonValue &student : students) {
        if (student.toObject().value("id"_L1).toInt() == studentId)
            return student.toObject().value("online"_L1).toBool();
    }
    return false;
}

// One request on a fresh connection bound to `source` (127.0.0.2... are other classroom machines
// to the server; 127.0.0.1 is the teacher's own, never throttled). Status 0 when it failed.
HttpReply requestFrom(quint16 port, const QString &source, const QByteArray &method,
                      const QByteArray &path, const QByteArray &body = {})
{
    HttpReply reply;
    QTcpSocket socket;
    if (!socket.bind(QHostAddress(source))) {
        reply.transportError = socket.errorString();
        return reply;
    }
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10'000)) {
        reply.transportError = socket.errorString();
        return reply;
    }
    QByteArray head = method + ' ' + path
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nConnection: close\r\n";
    if (method == "POST")
        head += "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
    socket.write(head + "\r\n" + body);
    // Connection: close, so the reply ends when the server closes; bounded.
    QByteArray data;
    const QDeadlineTimer deadline(30'000);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.bytesAvailable() == 0
            && !socket.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break;
        data += socket.readAll();
    }
    data += socket.readAll();
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return reply;
    reply.status = data.mid(9, 3).toInt();
    reply.body = data.mid(headEnd + 4);
    return reply;
}

HttpReply loginFrom(quint16 port, const QString &source, const QString &username,
                    const QString &password)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"username"_s, username}, {u"password"_s, password}})
            .toJson(QJsonDocument::Compact);
    return requestFrom(port, source, "POST", "/api/v1/session", body);
}

} // namespace

class TestTwoProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void saveStormAcrossBothLosesNothing();
    void conflictBurstAcrossBothHasOneWinnerPerVersion();
    void presenceIsSeenByBoth();
    void conflictLogIsSeenByBoth();
    void logoutOnOneEndsTheSessionOnTheOther();
    void passwordResetOnOneEndsSessionsOnTheOther();
    void joinCodeMadeOnOneWorksOnTheOther();
    void loginLockReachedThroughOneHoldsOnTheOther();
    void joinCodeGuessesAreCountedAcrossBoth();
    void pencilsDownOnOneReachesStreamsOnTheOther();

private:
    int createProject(quint16 port, const QByteArray &token, const QString &title,
                      const QString &marker);
    quint16 portFor(int client, int step) const { return (client + step) % 2 ? m_b : m_a; }

    std::unique_ptr<TestServer> m_serverA;
    std::unique_ptr<TestServer> m_serverB;
    quint16 m_a = 0;
    quint16 m_b = 0;
    Classroom m_classroom;
    int m_conflicts = 0; // 412s answered by both processes together
};

void TestTwoProcesses::initTestCase()
{
    QVERIFY2(TestServer::postgresRequested(),
             "runs on PostgreSQL only: BLOCKHAUS_TEST_DATABASE (tools/pg-cluster.sh)");
    m_serverA = std::make_unique<TestServer>();
    QVERIFY2(m_serverA->start(), m_serverA->output().constData());
    // The second process on the first one's database; it finds the administrator there.
    TestServer::Options options;
    options.extraArgs = {u"--database"_s, m_serverA->databasePath()};
    m_serverB = std::make_unique<TestServer>(options);
    QVERIFY2(m_serverB->start(), m_serverB->output().constData());
    m_a = m_serverA->port();
    m_b = m_serverB->port();
    QVERIFY(m_a != m_b);

    QStringList names;
    for (int i = 0; i < 20; ++i)
        names.append(u"Student %1"_s.arg(i));
    m_classroom = makeClassroom(m_a, m_serverA->adminPassword(), u"Two processes"_s, names);
    QCOMPARE(m_classroom.students.size(), 20);
}

void TestTwoProcesses::cleanupTestCase()
{
    // B first: A owns the database, which goes with it.
    if (m_serverB)
        QVERIFY2(m_serverB->stop(), m_serverB->output().right(4000).constData());
    if (m_serverA) {
        QVERIFY2(m_serverA->stop(), m_serverA->output().right(4000).constData());
        QCOMPARE(sqlValue(m_serverA->databasePath(), u"PRAGMA integrity_check"_s).toString(),
                 u"ok"_s);
    }
}

int TestTwoProcesses::createProject(quint16 port, const QByteArray &token, const QString &title,
                                    const QString &marker)
{
    Client client(port);
    client.setBearer(token);
    const HttpReply reply =
        client.post("/api/v1/projects?title="_ba + QUrl::toPercentEncoding(title),
                    scratchProject({}, 2000, marker));
    if (reply.status != 201)
        qWarning("create: %s", qPrintable(describe(reply)));
    return reply.status == 201 ? reply.object().value("id"_L1).toInt() : 0;
}

// 100 clients, one project each, save in rounds; each client's requests alternate between the
// processes. Catches: a save acknowledged by one process that the other cannot read (a cache or
// write-behind per process), a version chain that forks between processes, any 5xx.
void TestTwoProcesses::saveStormAcrossBothLosesNothing()
{
    constexpr int clients = 100;
    constexpr int rounds = 6;
    QList<int> ids;
    QList<QByteArray> tokens;
    for (int c = 0; c < clients; ++c) {
        const QByteArray token = m_classroom.students.at(c % m_classroom.students.size()).token;
        const int id =
            createProject(portFor(c, 0), token, u"Storm %1"_s.arg(c), marker("storm", c, 1));
        QVERIFY(id);
        ids.append(id);
        tokens.append(token);
    }
    for (int round = 1; round <= rounds; ++round) {
        QList<HttpRequest> requests;
        for (int c = 0; c < clients; ++c)
            requests.append(saveRequest(portFor(c, round), tokens.at(c), ids.at(c), round,
                                        marker("storm", c, round + 1)));
        const QList<HttpReply> replies = runConcurrently(m_a, requests);
        QCOMPARE(replies.size(), clients);
        for (int c = 0; c < clients; ++c) {
            const HttpReply &reply = replies.at(c);
            QVERIFY2(reply.status == 200,
                     qPrintable(u"client %1 round %2: "_s.arg(c).arg(round) + describe(reply)));
            QCOMPARE(reply.object().value("version"_L1).toInt(), round + 1);
        }
    }
    // Every acknowledged save, read back from the other process than the one that took it.
    for (int c = 0; c < clients; ++c) {
        for (int v = 1; v <= rounds + 1; ++v) {
            Client client(portFor(c, v));
            client.setBearer(tokens.at(c));
            const HttpReply reply =
                client.get(projectPath(ids.at(c), "/versions/"_ba + QByteArray::number(v)));
            QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
            QVERIFY2(reply.body.contains(marker("storm", c, v).toUtf8()),
                     qPrintable(u"client %1 version %2 has the wrong content"_s.arg(c).arg(v)));
        }
    }
    QCOMPARE(metric(m_a, "blockhaus_requests_errors_5xx_total"), 0.0);
    QCOMPARE(metric(m_b, "blockhaus_requests_errors_5xx_total"), 0.0);
}

// 50 saves of one project from the same base version, half to each process, three times.
// Catches: a version check that holds within one process only (two winners, one per process), a
// 412 naming a version the other process has not committed, gaps or duplicates in the chain.
void TestTwoProcesses::conflictBurstAcrossBothHasOneWinnerPerVersion()
{
    constexpr int clients = 50;
    constexpr int bursts = 3;
    const Classroom::Account &owner = m_classroom.students.at(0);
    const int id = createProject(m_a, owner.token, u"Burst"_s, marker("burst", 0, 1));
    QVERIFY(id);
    for (int base = 1; base <= bursts; ++base) {
        QList<HttpRequest> requests;
        for (int c = 0; c < clients; ++c)
            requests.append(
                saveRequest(portFor(c, base), owner.token, id, base, marker("burst", c, base + 1)));
        const QList<HttpReply> replies = runConcurrently(m_a, requests);
        int winner = -1;
        for (int c = 0; c < clients; ++c) {
            const HttpReply &reply = replies.at(c);
            if (reply.status == 200) {
                QVERIFY2(winner < 0, "two saves from the same base version both won");
                winner = c;
                QCOMPARE(reply.object().value("version"_L1).toInt(), base + 1);
                continue;
            }
            QVERIFY2(reply.status == 412, qPrintable(describe(reply)));
            QCOMPARE(reply.object().value("current_version"_L1).toInt(), base + 1);
            ++m_conflicts;
        }
        QVERIFY2(winner >= 0, "no save won");
        for (const quint16 port : {m_a, m_b}) {
            Client client(port);
            client.setBearer(owner.token);
            const HttpReply content = client.get(projectPath(id));
            QCOMPARE(content.header("etag"_ba), ifMatch(base + 1));
            QVERIFY2(content.body.contains(marker("burst", winner, base + 1).toUtf8()),
                     "the stored content is not the winner's");
        }
    }
    // The chain 1..bursts+1, each version once, as both processes list it.
    for (const quint16 port : {m_a, m_b}) {
        Client client(port);
        client.setBearer(owner.token);
        const QJsonArray versions =
            client.get(projectPath(id, "/versions"_ba)).object().value("versions"_L1).toArray();
        QList<int> chain;
        for (const QJsonValue &version : versions)
            chain.append(version.toObject().value("version"_L1).toInt());
        QCOMPARE(chain, (QList<int>{4, 3, 2, 1}));
    }
    QCOMPARE(m_conflicts, bursts * (clients - 1));
}

// A student seen by process A only is online on process B: in its health figures and in a
// teacher's roster there. Catches presence kept per process (G10's memory without the batch
// through the database).
void TestTwoProcesses::presenceIsSeenByBoth()
{
    // A new member of the class, signed in and seen by A only.
    Client admin(m_a);
    admin.setBearer(m_classroom.adminToken);
    const HttpReply added = admin.postJson(
        "/api/v1/classes/"_ba + QByteArray::number(m_classroom.classId) + "/students",
        {{u"names"_s, QJsonArray{u"Newcomer N."_s}}});
    QVERIFY(statusIs(added, 201));
    const QJsonObject newcomer = added.object().value("students"_L1).toArray().first().toObject();
    Client onA(m_a);
    QVERIFY(statusIs(onA.login(newcomer.value("username"_L1).toString(),
                               newcomer.value("password"_L1).toString()),
                     201));
    QVERIFY(statusIs(onA.get("/api/v1/me"_ba), 200));
    QTRY_VERIFY_WITH_TIMEOUT(
        onlineInRoster(m_b, m_classroom.adminToken, newcomer.value("id"_L1).toInt()), 15000);
    // The class's twenty saved through both processes a moment ago; the newcomer only on A.
    const int expected = int(m_classroom.students.size()) + 1;
    QTRY_COMPARE_WITH_TIMEOUT(studentsOnline(m_b), expected, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(studentsOnline(m_a), expected, 15000);
}

// Both processes count every 412 of the burst, wherever it was answered.
void TestTwoProcesses::conflictLogIsSeenByBoth()
{
    QVERIFY(m_conflicts > 0);
    QTRY_COMPARE_WITH_TIMEOUT(metric(m_a, "blockhaus_conflicts_total"), double(m_conflicts), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(metric(m_b, "blockhaus_conflicts_total"), double(m_conflicts), 15000);
}

// Catches a per-process session cache: B served the token a moment ago, A ends it, B must
// refuse it on the very next request (no wait).
void TestTwoProcesses::logoutOnOneEndsTheSessionOnTheOther()
{
    const Classroom::Account &student = m_classroom.students.at(1);
    Client login(m_a);
    QVERIFY(statusIs(login.login(student.username, student.password), 201));
    const QByteArray token = login.bearer();
    Client onB(m_b);
    onB.setBearer(token);
    for (int i = 0; i < 3; ++i)
        QVERIFY(statusIs(onB.get("/api/v1/session"_ba), 200));
    Client onA(m_a);
    onA.setBearer(token);
    QVERIFY(statusIs(onA.del("/api/v1/session"_ba), 204));
    QVERIFY(statusIs(onB.get("/api/v1/session"_ba), 401));
    QVERIFY(statusIs(onA.get("/api/v1/session"_ba), 401));
}

void TestTwoProcesses::passwordResetOnOneEndsSessionsOnTheOther()
{
    const Classroom::Account &student = m_classroom.students.at(2);
    Client onB(m_b);
    onB.setBearer(student.token);
    for (int i = 0; i < 3; ++i)
        QVERIFY(statusIs(onB.get("/api/v1/me"_ba), 200));
    Client admin(m_a);
    admin.setBearer(m_classroom.adminToken);
    HttpRequest resetRequest;
    resetRequest.method = "POST";
    resetRequest.path = "/api/v1/users/"_ba + QByteArray::number(student.id) + "/password"_ba;
    const HttpReply reset = admin.request(resetRequest);
    QVERIFY(statusIs(reset, 200));
    QVERIFY(statusIs(onB.get("/api/v1/me"_ba), 401));
    // The new password works on either process.
    Client again(m_b);
    QVERIFY(statusIs(again.login(student.username, reset.object().value("password"_L1).toString()),
                     201));
}

void TestTwoProcesses::joinCodeMadeOnOneWorksOnTheOther()
{
    Client admin(m_a);
    admin.setBearer(m_classroom.adminToken);
    const HttpReply created = admin.postJson("/api/v1/classes"_ba, {{u"name"_s, u"Class 7c"_s}});
    QVERIFY(statusIs(created, 201));
    const QByteArray code = created.object().value("join_code"_L1).toString().toUtf8();
    QVERIFY(!code.isEmpty());
    Client onB(m_b);
    const HttpReply picker = onB.get("/api/v1/join/"_ba + code);
    QVERIFY(statusIs(picker, 200));
    QCOMPARE(picker.object().value("class"_L1).toObject().value("name"_L1).toString(),
             u"Class 7c"_s);
}

// Five wrong passwords for one account from one machine lock that pair (API.md, Clarifications),
// wherever they were answered. Catches a throttle per process: a guesser behind a balancer would
// get five tries per process.
void TestTwoProcesses::loginLockReachedThroughOneHoldsOnTheOther()
{
    const Classroom::Account &student = m_classroom.students.at(3);
    const QString guesser = u"127.0.0.2"_s;
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const HttpReply reply =
            loginFrom(portFor(0, attempt), guesser, student.username, u"wrong-%1"_s.arg(attempt));
        QVERIFY2(statusIs(reply, 401), qPrintable(reply.transportError));
    }
    QVERIFY(statusIs(loginFrom(m_a, guesser, student.username, u"wrong-5"_s), 429));
    // Locked on B as well, even with the right password; another machine logs in on either.
    QVERIFY(statusIs(loginFrom(m_b, guesser, student.username, student.password), 429));
    QVERIFY(statusIs(loginFrom(m_b, u"127.0.0.3"_s, student.username, student.password), 201));
}

// Twenty wrong class codes from one machine within a minute stop it, spread over both processes.
void TestTwoProcesses::joinCodeGuessesAreCountedAcrossBoth()
{
    const QString guesser = u"127.0.0.4"_s;
    for (int miss = 0; miss < 20; ++miss) {
        const HttpReply reply = requestFrom(portFor(0, miss), guesser, "GET",
                                            "/api/v1/join/NOPE"_ba + QByteArray::number(miss));
        QVERIFY2(statusIs(reply, 404), qPrintable(reply.transportError));
    }
    QVERIFY(statusIs(requestFrom(m_a, guesser, "GET", "/api/v1/join/NOPE99"_ba), 429));
    QVERIFY(statusIs(requestFrom(m_b, guesser, "GET", "/api/v1/join/NOPE99"_ba), 429));
}

// #16: a page's event stream on B hears pencils down and continue pressed through A (B reads the
// shared state about once a second while streams are open).
void TestTwoProcesses::pencilsDownOnOneReachesStreamsOnTheOther()
{
    QTcpSocket stream;
    stream.connectToHost(u"127.0.0.1"_s, m_b);
    QVERIFY(stream.waitForConnected(10000));
    stream.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                 + m_classroom.students.first().token + "\r\n\r\n");
    QByteArray received;
    auto waitFor = [&](const QByteArray &needle, int timeoutMs) {
        const QDeadlineTimer deadline(timeoutMs);
        while (!received.contains(needle) && !deadline.hasExpired()
               && stream.state() == QAbstractSocket::ConnectedState) {
            stream.waitForReadyRead(100);
            received += stream.readAll();
        }
        return received.contains(needle);
    };
    QVERIFY(waitFor("event: state", 10000));
    const QByteArray live =
        "/api/v1/classes/"_ba + QByteArray::number(m_classroom.classId) + "/live";
    Client teacherOnA(m_a);
    teacherOnA.setBearer(m_classroom.adminToken);
    QVERIFY(statusIs(teacherOnA.put(live, R"({"pencils_down":true})"_ba), 200));
    QVERIFY2(waitFor("\"pencils_down\":true", 5000), received.constData());
    received.clear();
    QVERIFY(statusIs(teacherOnA.put(live, R"({"pencils_down":false})"_ba), 200));
    QVERIFY2(waitFor("\"pencils_down\":false", 5000), received.constData());
}

QTEST_GUILESS_MAIN(TestTwoProcesses)
#include "tst_twoprocesses.moc"
