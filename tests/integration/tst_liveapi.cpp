// SPDX-License-Identifier: AGPL-3.0-or-later
// The live classroom controls of issue #16 against the real server: the pages' event stream
// (GET /api/v1/events, read here with a raw QTcpSocket as a browser's EventSource reads it),
// pencils down and continue, send my project to everyone (exactly once per press, also under
// 100 concurrent requests) and collections of everyone's work with their zip.
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

// The server runs with small caps and a short heartbeat so that the tests stay short.
constexpr int perUserCap = 3;
constexpr int totalCap = 12;
constexpr int heartbeatS = 1;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray classPath(int id)
{
    return "/api/v1/classes/" + QByteArray::number(id);
}

// One page's event stream over a raw socket: the request, the head, then events as they come.
class EventStream
{
public:
    struct Event
    {
        QByteArray name;
        QByteArray data;
    };

    EventStream(quint16 port, const QByteArray &token)
        : m_port(port)
        , m_token(token)
    {
    }

    // Connects and sends the request; with receiveBufferBytes, a client whose kernel takes little.
    bool connectAndAsk(int receiveBufferBytes = 0)
    {
        if (receiveBufferBytes > 0) {
            m_socket.bind(QHostAddress(u"127.0.0.1"_s), 0);
            m_socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                                     receiveBufferBytes);
        }
        m_socket.connectToHost(u"127.0.0.1"_s, m_port);
        if (!m_socket.waitForConnected(10000))
            return false;
        QByteArray request = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Accept: text/event-stream\r\n";
        if (!m_token.isEmpty())
            request += "Authorization: Bearer " + m_token + "\r\n";
        m_socket.write(request + "\r\n");
        return m_socket.waitForBytesWritten(10000);
    }

    // Reads the head (and, for an error, its body); the status, 0 on timeout or close.
    int readHead(int timeoutMs = 10000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_buffer.contains("\r\n\r\n") && !deadline.hasExpired()) {
            if (!pump(deadline))
                break;
        }
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return 0;
        m_head = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> lines = m_head.split('\n');
        const int status = lines.value(0).split(' ').value(1).toInt();
        static const QRegularExpression length(u"(?im)^content-length:\\s*(\\d+)"_s);
        const auto match = length.match(QString::fromLatin1(m_head));
        if (status != 200 && match.hasMatch()) {
            const qsizetype size = match.captured(1).toLongLong();
            while (m_buffer.size() < size && !deadline.hasExpired()) {
                if (!pump(deadline))
                    break;
            }
            m_body = m_buffer.left(size);
        }
        return status;
    }

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : m_head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QJsonObject bodyObject() const { return QJsonDocument::fromJson(m_body).object(); }
    QByteArray body() const { return m_body; }

    // Waits for the next event named name whose data contains needle; events before it are
    // passed over. data: its JSON.
    bool waitForEvent(const QByteArray &name, const QByteArray &needle, int timeoutMs,
                      QJsonObject *data = nullptr)
    {
        const QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (!m_events.isEmpty()) {
                const Event event = m_events.takeFirst();
                if (event.name == name && event.data.contains(needle)) {
                    if (data)
                        *data = QJsonDocument::fromJson(event.data).object();
                    return true;
                }
            }
            if (deadline.hasExpired() || !pump(deadline))
                return false;
        }
    }

    // True once a comment line (the heartbeat) arrived.
    bool waitForComment(int timeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (m_comments == 0) {
            if (deadline.hasExpired() || !pump(deadline))
                return false;
        }
        return true;
    }

    int retryMs() const { return m_retryMs; }

    bool waitForClosed(int timeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() != QAbstractSocket::UnconnectedState) {
            if (deadline.hasExpired())
                return false;
            m_socket.waitForReadyRead(50);
            m_socket.readAll();
        }
        return true;
    }
    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void stopReading() { m_socket.setReadBufferSize(1); }
    void close() { m_socket.abort(); }

private:
    // Reads what arrives (bounded by deadline) and splits complete events off the buffer.
    bool pump(const QDeadlineTimer &deadline)
    {
        if (m_socket.bytesAvailable() == 0) {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return false;
            m_socket.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 200)));
        }
        m_buffer += m_socket.readAll();
        if (m_head.isEmpty())
            return m_socket.state() == QAbstractSocket::ConnectedState
                || m_socket.bytesAvailable() > 0;
        qsizetype end;
        while ((end = m_buffer.indexOf("\n\n")) >= 0) {
            const QByteArray block = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            Event event;
            for (const QByteArray &line : block.split('\n')) {
                if (line.startsWith(':'))
                    ++m_comments;
                else if (line.startsWith("event: "))
                    event.name = line.mid(7);
                else if (line.startsWith("data: "))
                    event.data += line.mid(6);
                else if (line.startsWith("retry: "))
                    m_retryMs = line.mid(7).toInt();
            }
            if (!event.name.isEmpty())
                m_events.append(event);
        }
        return true;
    }

    quint16 m_port;
    QByteArray m_token;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_head;
    QByteArray m_body;
    QList<Event> m_events;
    int m_comments = 0;
    int m_retryMs = 0;
};

// The entry names of a zip's central directory, read from its end record (the .sb3 files inside
// are stored, so their own zip records appear in the bytes too).
QStringList zipEntryNames(const QByteArray &zip)
{
    QStringList names;
    const qsizetype end = zip.lastIndexOf("PK\x05\x06");
    if (end < 0 || end + 22 > zip.size())
        return names;
    auto u16 = [&](qsizetype at) { return int(uchar(zip[at])) | (int(uchar(zip[at + 1])) << 8); };
    auto u32 = [&](qsizetype at) { return qint64(u16(at)) | (qint64(u16(at + 2)) << 16); };
    const int count = u16(end + 10);
    qsizetype at = u32(end + 16);
    for (int i = 0; i < count && at + 46 <= zip.size() && zip.mid(at, 4) == "PK\x01\x02"; ++i) {
        const int nameLength = u16(at + 28);
        names.append(QString::fromUtf8(zip.mid(at + 46, nameLength)));
        at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    }
    return names;
}

} // namespace

class TestLiveApi : public QObject
{
    Q_OBJECT

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {});
    HttpReply setPencils(bool down);
    int createProject(const QByteArray &token, const QString &title);
    int projectCount(const QByteArray &token);

    std::unique_ptr<TestServer> m_server;
    Classroom m_class;
    Classroom::Account m_otherTeacher;

private slots:
    void initTestCase();
    void eventsNeedALogin();
    void streamStartsWithRetryAndState();
    void pencilsDownReachesEveryStudentWithinTwoSeconds();
    void reconnectGetsTheCurrentState();
    void heartbeatKeepsAQuietStreamAlive();
    void streamsAreCappedPerAccountAndInTotal();
    void slowReaderIsDroppedWithoutHurtingOthers();
    void liveControlsAreForTeachersOfTheClass_data();
    void liveControlsAreForTeachersOfTheClass();
    void badInputIsRefusedWithTheErrorBody_data();
    void badInputIsRefusedWithTheErrorBody();
    void sendToEveryoneGivesEachStudentOneCopyAndANotice();
    void sendToEveryoneIsExactlyOnceUnderOneHundredConcurrentPresses();
    void collectSnapshotsEveryStudentsCurrentProjectAndZipsThem();
    void shutdownClosesEveryStream(); // last: stops the server
};

HttpReply TestLiveApi::send(const QByteArray &token, const QByteArray &method,
                            const QByteArray &path, const QByteArray &body)
{
    Client client(m_server->port());
    client.setBearer(token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return client.request(request);
}

HttpReply TestLiveApi::setPencils(bool down)
{
    return send(m_class.adminToken, "PUT", classPath(m_class.classId) + "/live",
                json({{u"pencils_down"_s, down}}));
}

int TestLiveApi::createProject(const QByteArray &token, const QString &title)
{
    Client client(m_server->port());
    client.setBearer(token);
    const HttpReply reply = client.post("/api/v1/projects?title=" + QUrl::toPercentEncoding(title),
                                        scratchProject({}, 0, title));
    return reply.status == 201 ? reply.object().value(u"id"_s).toInt() : 0;
}

int TestLiveApi::projectCount(const QByteArray &token)
{
    Client client(m_server->port());
    client.setBearer(token);
    return int(client.get("/api/v1/projects"_ba).object().value(u"projects"_s).toArray().size());
}

void TestLiveApi::initTestCase()
{
    TestServer::Options options;
    options.extraArgs = QStringList{u"--max-event-streams-per-user"_s, QString::number(perUserCap),
                                    u"--max-event-streams"_s,          QString::number(totalCap),
                                    u"--event-heartbeat-s"_s,          QString::number(heartbeatS)};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_class = makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 6c"_s,
                            {u"Ada L."_s, u"Ben K."_s, u"Cem O."_s, u"Dana P."_s, u"Eli R."_s});
    QCOMPARE(m_class.students.size(), 5);
    m_otherTeacher =
        createUser(m_server->port(), m_class.adminToken, u"otherteacher"_s, u"teacher"_s);
    QVERIFY(m_otherTeacher.id != 0);
}

void TestLiveApi::eventsNeedALogin()
{
    EventStream stream(m_server->port(), {});
    QVERIFY(stream.connectAndAsk());
    QCOMPARE(stream.readHead(), 401);
    QCOMPARE(stream.bodyObject().value(u"error"_s).toString(), u"unauthorized"_s);
}

void TestLiveApi::streamStartsWithRetryAndState()
{
    EventStream stream(m_server->port(), m_class.students.at(0).token);
    QVERIFY(stream.connectAndAsk());
    QCOMPARE(stream.readHead(), 200);
    QVERIFY(stream.header("content-type").startsWith("text/event-stream"));
    QVERIFY(stream.header("content-length").isEmpty());
    QJsonObject state;
    QVERIFY(stream.waitForEvent("state", "classes", 5000, &state));
    QVERIFY(stream.retryMs() > 0); // EventSource reconnects after this delay
    const QJsonArray classes = state.value(u"classes"_s).toArray();
    QCOMPARE(classes.size(), 1);
    QCOMPARE(classes.at(0).toObject().value(u"id"_s).toInt(), m_class.classId);
    QCOMPARE(classes.at(0).toObject().value(u"teaches"_s).toBool(), false);
    QCOMPARE(classes.at(0).toObject().value(u"pencils_down"_s).toBool(), false);
}

void TestLiveApi::pencilsDownReachesEveryStudentWithinTwoSeconds()
{
    EventStream first(m_server->port(), m_class.students.at(0).token);
    EventStream second(m_server->port(), m_class.students.at(1).token);
    for (EventStream *stream : {&first, &second}) {
        QVERIFY(stream->connectAndAsk());
        QCOMPARE(stream->readHead(), 200);
        QVERIFY(stream->waitForEvent("state", "classes", 5000));
    }
    QElapsedTimer pressed;
    pressed.start();
    const HttpReply down = setPencils(true);
    QVERIFY(statusIs(down, 200));
    QCOMPARE(down.object().value(u"pencils_down"_s).toBool(), true);
    QJsonObject event;
    QVERIFY(first.waitForEvent("pencils", "\"pencils_down\":true", 2000, &event));
    QCOMPARE(event.value(u"class_id"_s).toInt(), m_class.classId);
    QVERIFY(second.waitForEvent("pencils", "\"pencils_down\":true", 2000));
    QVERIFY2(pressed.elapsed() < 2000, QByteArray::number(pressed.elapsed()).constData());

    QVERIFY(statusIs(setPencils(false), 200));
    QVERIFY(first.waitForEvent("pencils", "\"pencils_down\":false", 2000));
    QVERIFY(second.waitForEvent("pencils", "\"pencils_down\":false", 2000));
    const HttpReply state = send(m_class.adminToken, "GET", classPath(m_class.classId) + "/live");
    QVERIFY(statusIs(state, 200));
    QCOMPARE(state.object().value(u"pencils_down"_s).toBool(), false);
}

void TestLiveApi::reconnectGetsTheCurrentState()
{
    QVERIFY(statusIs(setPencils(true), 200));
    {
        // A page that reconnects (EventSource sends Last-Event-ID then) gets the state again.
        EventStream stream(m_server->port(), m_class.students.at(2).token);
        QVERIFY(stream.connectAndAsk());
        QCOMPARE(stream.readHead(), 200);
        QJsonObject state;
        QVERIFY(stream.waitForEvent("state", "classes", 5000, &state));
        QCOMPARE(
            state.value(u"classes"_s).toArray().at(0).toObject().value(u"pencils_down"_s).toBool(),
            true);
    }
    QVERIFY(statusIs(setPencils(false), 200));
}

void TestLiveApi::heartbeatKeepsAQuietStreamAlive()
{
    EventStream stream(m_server->port(), m_class.students.at(0).token);
    QVERIFY(stream.connectAndAsk());
    QCOMPARE(stream.readHead(), 200);
    QVERIFY(stream.waitForComment(heartbeatS * 1000 * 4));
    QVERIFY(stream.isOpen());
}

void TestLiveApi::streamsAreCappedPerAccountAndInTotal()
{
    std::vector<std::unique_ptr<EventStream>> open;
    auto openOne = [&](const QByteArray &token) {
        open.push_back(std::make_unique<EventStream>(m_server->port(), token));
        if (!open.back()->connectAndAsk())
            return 0;
        return open.back()->readHead();
    };
    // One account: perUserCap streams, then 429 with the error body and Retry-After.
    for (int i = 0; i < perUserCap; ++i)
        QCOMPARE(openOne(m_class.students.at(0).token), 200);
    QCOMPARE(openOne(m_class.students.at(0).token), 429);
    QCOMPARE(open.back()->bodyObject().value(u"error"_s).toString(), u"too_many_requests"_s);
    QVERIFY(!open.back()->bodyObject().value(u"message"_s).toString().isEmpty());
    QVERIFY(!open.back()->header("retry-after").isEmpty());
    // Another account is not hurt by it.
    QCOMPARE(openOne(m_class.students.at(1).token), 200);
    // In total: fill up to the cap with other accounts, then anyone is refused.
    int accepted = perUserCap + 1;
    for (int s = 1; s < m_class.students.size() && accepted < totalCap; ++s) {
        for (int i = s == 1 ? 1 : 0; i < perUserCap && accepted < totalCap; ++i) {
            QCOMPARE(openOne(m_class.students.at(s).token), 200);
            ++accepted;
        }
    }
    QCOMPARE(accepted, totalCap);
    QCOMPARE(openOne(m_class.adminToken), 429);
    // Closing streams gives their places back.
    open.clear();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            EventStream probe(m_server->port(), m_class.students.at(0).token);
            return probe.connectAndAsk() && probe.readHead() == 200;
        }(),
        10000);
}

void TestLiveApi::slowReaderIsDroppedWithoutHurtingOthers()
{
    // A client whose kernel takes 4 KiB and who reads nothing after the head.
    EventStream slow(m_server->port(), m_class.students.at(3).token);
    QVERIFY(slow.connectAndAsk(4096));
    QCOMPARE(slow.readHead(), 200);
    slow.stopReading();
    EventStream reader(m_server->port(), m_class.students.at(4).token);
    QVERIFY(reader.connectAndAsk());
    QCOMPARE(reader.readHead(), 200);
    QVERIFY(reader.waitForEvent("state", "classes", 5000));

    // Events until the slow one is dropped (bounded: far more than its buffers hold).
    Client teacher(m_server->port());
    teacher.setBearer(m_class.adminToken);
    const QByteArray path = classPath(m_class.classId) + "/live";
    bool dropped = false;
    int presses = 0;
    for (; presses < 4000 && !dropped; ++presses) {
        const HttpReply reply = teacher.put(path, json({{u"pencils_down"_s, presses % 2 == 0}}));
        QVERIFY(statusIs(reply, 200));
        if (presses % 50 == 49) {
            QVERIFY(reader.waitForEvent("pencils", "\"pencils_down\":false", 5000));
            dropped = slow.waitForClosed(10);
        }
    }
    QVERIFY2(slow.waitForClosed(5000), QByteArray::number(presses).constData());
    // The reader got everything, up to the last press.
    QVERIFY(statusIs(setPencils(true), 200));
    QVERIFY(reader.waitForEvent("pencils", "\"pencils_down\":true", 2000));
    QVERIFY(statusIs(setPencils(false), 200));
    QVERIFY(reader.waitForEvent("pencils", "\"pencils_down\":false", 2000));
    QVERIFY(reader.isOpen());
}

void TestLiveApi::liveControlsAreForTeachersOfTheClass_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("pencils") << "PUT"_ba
                             << "/live"_ba
                             << "{\"pencils_down\":true}"_ba;
    QTest::newRow("send") << "POST"_ba
                          << "/live/send"_ba
                          << "{\"project_id\":1,\"press_id\":\"p-x\"}"_ba;
    QTest::newRow("collect") << "POST"_ba
                             << "/collections"_ba << QByteArray();
    QTest::newRow("list") << "GET"_ba
                          << "/collections"_ba << QByteArray();
}

void TestLiveApi::liveControlsAreForTeachersOfTheClass()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, suffix);
    QFETCH(QByteArray, body);
    const QByteArray path = classPath(m_class.classId) + suffix;
    const HttpReply student = send(m_class.students.at(0).token, method, path, body);
    QVERIFY2(checkError(student, 403, u"forbidden"_s).isEmpty(), qPrintable(describe(student)));
    const HttpReply other = send(m_otherTeacher.token, method, path, body);
    QVERIFY2(checkError(other, 403, u"forbidden"_s).isEmpty(), qPrintable(describe(other)));
    const HttpReply nobody = send({}, method, path, body);
    QVERIFY2(checkError(nobody, 401, u"unauthorized"_s).isEmpty(), qPrintable(describe(nobody)));
    const HttpReply missing = send(m_class.adminToken, method, classPath(999999) + suffix, body);
    QVERIFY2(checkError(missing, 404, u"not_found"_s).isEmpty(), qPrintable(describe(missing)));
}

void TestLiveApi::badInputIsRefusedWithTheErrorBody_data()
{
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("pencils not JSON") << "/live"_ba
                                      << "{nope"_ba << 400 << u"bad_request"_s;
    QTest::newRow("pencils not bool") << "/live"_ba
                                      << "{\"pencils_down\":1}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("pencils array") << "/live"_ba
                                   << "[true]"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send no press") << "/live/send"_ba
                                   << "{\"project_id\":1}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send empty press")
        << "/live/send"_ba
        << "{\"project_id\":1,\"press_id\":\"\"}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send long press")
        << "/live/send"_ba
        << "{\"project_id\":1,\"press_id\":\"" + QByteArray(65, 'a') + "\"}" << 400
        << u"bad_request"_s;
    QTest::newRow("send press with space")
        << "/live/send"_ba
        << "{\"project_id\":1,\"press_id\":\"a b\"}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send project string")
        << "/live/send"_ba
        << "{\"project_id\":\"1\",\"press_id\":\"x\"}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send project fraction")
        << "/live/send"_ba
        << "{\"project_id\":1.5,\"press_id\":\"x\"}"_ba << 400 << u"bad_request"_s;
    QTest::newRow("send unknown project")
        << "/live/send"_ba
        << "{\"project_id\":987654,\"press_id\":\"x\"}"_ba << 404 << u"not_found"_s;
}

void TestLiveApi::badInputIsRefusedWithTheErrorBody()
{
    QFETCH(QByteArray, suffix);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpReply reply = send(m_class.adminToken, suffix == "/live" ? "PUT" : "POST",
                                 classPath(m_class.classId) + suffix, body);
    QVERIFY2(checkError(reply, status, code).isEmpty(), qPrintable(describe(reply)));
}

void TestLiveApi::sendToEveryoneGivesEachStudentOneCopyAndANotice()
{
    const int project = createProject(m_class.adminToken, u"Maze starter"_s);
    QVERIFY(project > 0);
    EventStream stream(m_server->port(), m_class.students.at(1).token);
    QVERIFY(stream.connectAndAsk());
    QCOMPARE(stream.readHead(), 200);
    QVERIFY(stream.waitForEvent("state", "classes", 5000));
    QList<int> before;
    for (const Classroom::Account &student : std::as_const(m_class.students))
        before.append(projectCount(student.token));

    const QByteArray body = json({{u"project_id"_s, project}, {u"press_id"_s, u"press-maze-1"_s}});
    const QByteArray path = classPath(m_class.classId) + "/live/send";
    const HttpReply first = send(m_class.adminToken, "POST", path, body);
    QVERIFY(statusIs(first, 201));
    QCOMPARE(first.object().value(u"copies"_s).toArray().size(), m_class.students.size());
    QCOMPARE(first.object().value(u"repeated"_s).toBool(), false);
    QJsonObject notice;
    QVERIFY(stream.waitForEvent("project_sent", "Maze starter", 2000, &notice));
    const int copyId = notice.value(u"project"_s).toObject().value(u"id"_s).toInt();
    QVERIFY(copyId > 0);
    // The copy is the student's own, with the teacher's title.
    Client owner(m_server->port());
    owner.setBearer(m_class.students.at(1).token);
    const HttpReply meta = owner.get("/api/v1/projects/" + QByteArray::number(copyId) + "/meta");
    QVERIFY(statusIs(meta, 200));
    QCOMPARE(meta.object().value(u"title"_s).toString(), u"Maze starter"_s);
    QCOMPARE(meta.object().value(u"owner"_s).toObject().value(u"id"_s).toInt(),
             m_class.students.at(1).id);

    // The same press again (a double click, a retried request): nothing more.
    const HttpReply again = send(m_class.adminToken, "POST", path, body);
    QVERIFY(statusIs(again, 200));
    QCOMPARE(again.object().value(u"repeated"_s).toBool(), true);
    QCOMPARE(again.object().value(u"copies"_s), first.object().value(u"copies"_s));
    for (int i = 0; i < m_class.students.size(); ++i)
        QCOMPARE(projectCount(m_class.students.at(i).token), before.at(i) + 1);
}

void TestLiveApi::sendToEveryoneIsExactlyOnceUnderOneHundredConcurrentPresses()
{
    const int project = createProject(m_class.adminToken, u"Race starter"_s);
    QVERIFY(project > 0);
    QList<int> before;
    for (const Classroom::Account &student : std::as_const(m_class.students))
        before.append(projectCount(student.token));
    // 100 requests of one press at the same moment, and a second press among them.
    QList<HttpRequest> requests;
    for (int i = 0; i < 100; ++i) {
        HttpRequest request;
        request.method = "POST";
        request.path = classPath(m_class.classId) + "/live/send";
        request.headers = bearerHeader(m_class.adminToken);
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = json(
            {{u"project_id"_s, project}, {u"press_id"_s, i % 10 == 9 ? u"race-b"_s : u"race-a"_s}});
        requests.append(request);
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests, 120000);
    int created = 0;
    QSet<QByteArray> copySets;
    for (const HttpReply &reply : replies) {
        QVERIFY2(statusIsOneOf(reply, {200, 201}), qPrintable(describe(reply)));
        created += reply.status == 201 ? 1 : 0;
        copySets.insert(json({{u"c"_s, reply.object().value(u"copies"_s)}}));
    }
    QCOMPARE(created, 2); // one per press
    QCOMPARE(copySets.size(), 2); // every answer of a press names the same copies
    for (int i = 0; i < m_class.students.size(); ++i)
        QCOMPARE(projectCount(m_class.students.at(i).token), before.at(i) + 2);
}

void TestLiveApi::collectSnapshotsEveryStudentsCurrentProjectAndZipsThem()
{
    // Every student has projects by now (the sends); the first one works on a newer one.
    const int newest = createProject(m_class.students.at(0).token, u"My own game"_s);
    QVERIFY(newest > 0);
    const HttpReply collected =
        send(m_class.adminToken, "POST", classPath(m_class.classId) + "/collections");
    QVERIFY(statusIs(collected, 201));
    const QJsonObject collection = collected.object();
    const QJsonArray items = collection.value(u"items"_s).toArray();
    QCOMPARE(items.size(), m_class.students.size());
    bool sawNewest = false;
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        QVERIFY(item.value(u"title"_s).toString().contains(u" \u2014 collected "_s));
        if (item.value(u"source_project_id"_s).toInt() == newest) {
            sawNewest = true;
            QVERIFY(item.value(u"title"_s).toString().startsWith(u"Ada L. \u2014 My own game"_s));
        }
    }
    QVERIFY(sawNewest);
    // The snapshot stays as it was when the student saves on.
    Client student(m_server->port());
    student.setBearer(m_class.students.at(0).token);
    QVERIFY(statusIs(student.put("/api/v1/projects/" + QByteArray::number(newest),
                                 scratchProject({}, 0, u"changed later"_s), "application/json",
                                 {{"If-Match", ifMatch(1)}}),
                     200));

    const int id = collection.value(u"id"_s).toInt();
    const HttpReply list =
        send(m_class.adminToken, "GET", classPath(m_class.classId) + "/collections");
    QVERIFY(statusIs(list, 200));
    QCOMPARE(list.object().value(u"collections"_s).toArray().at(0).toObject().value(u"id"_s),
             QJsonValue(id));
    const HttpReply zip =
        send(m_class.adminToken, "GET", "/api/v1/collections/" + QByteArray::number(id) + "/zip");
    QVERIFY(statusIs(zip, 200));
    QCOMPARE(zip.header("content-type"), "application/zip"_ba);
    QVERIFY(zip.header("content-disposition").startsWith("attachment;"));
    const QStringList names = zipEntryNames(zip.body);
    QCOMPARE(names.size(), m_class.students.size());
    for (const QString &name : names)
        QVERIFY2(name.endsWith(u".sb3"_s), qPrintable(name));
    QVERIFY(!zip.body.contains("changed later")); // stored, not compressed: would be visible
    const HttpReply otherZip =
        send(m_otherTeacher.token, "GET", "/api/v1/collections/" + QByteArray::number(id) + "/zip");
    QVERIFY2(checkError(otherZip, 404, u"not_found"_s).isEmpty(), qPrintable(describe(otherZip)));
}

void TestLiveApi::shutdownClosesEveryStream()
{
    EventStream first(m_server->port(), m_class.students.at(0).token);
    EventStream second(m_server->port(), m_class.students.at(1).token);
    for (EventStream *stream : {&first, &second}) {
        QVERIFY(stream->connectAndAsk());
        QCOMPARE(stream->readHead(), 200);
        QVERIFY(stream->waitForEvent("state", "classes", 5000));
    }
    QVERIFY2(m_server->stop(20000), m_server->output().constData());
    QVERIFY(first.waitForClosed(5000));
    QVERIFY(second.waitForClosed(5000));
}

QTEST_GUILESS_MAIN(TestLiveApi)
#include "tst_liveapi.moc"
