// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for "I need help" (issue #16 part 3): a student raises a hand (one open
// request however often and however concurrently they click), sees their place among the open
// requests of their classes and withdraws; teachers see the queue of the classes they teach and
// mark requests done; bad and hostile input gets API.md's JSON errors and writes nothing.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

class TestHelpApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void raiseOpensOneRequestWithItsPlace();
    void hundredConcurrentRaisesMakeOneEntry();
    void placesFollowTheOrderOfRaisingPerClass();
    void teacherMarksDoneAndTheQueueMovesUp();
    void onlyTeachersOfTheStudentMarkDone_data();
    void onlyTeachersOfTheStudentMarkDone();
    void questionIsOneCleanLine();
    void raiseAboutOwnProjectNamesIt();
    void badInputIsRefusedAndWritesNothing_data();
    void badInputIsRefusedAndWritesNothing();
    void oversizedBodyIsRefusedUnread();
    void teachersAndStudentsWithoutAClassCannotRaise();
    void anonymousIsUnauthorized_data();
    void anonymousIsUnauthorized();

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {}, const QByteArray &type = "application/json");
    HttpReply raise(const QByteArray &token, const QJsonObject &body = {});
    QJsonObject mine(const QByteArray &token);
    QList<qint64> queueStudents(const QByteArray &token);
    int openRequestsOf(int studentId);

    std::unique_ptr<TestServer> m_server;
    Classroom m_classA; // Anna, Ben, Cem
    Classroom m_classB; // Dora
    Classroom::Account m_teacherA;
    Classroom::Account m_teacherB;
    Classroom::Account m_loner; // a student in no class
};

void TestHelpApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    const quint16 port = m_server->port();
    m_classA = makeClassroom(port, m_server->adminPassword(), u"Help A"_s,
                             {u"Anna"_s, u"Ben"_s, u"Cem"_s});
    QCOMPARE(m_classA.students.size(), 3);
    m_classB = makeClassroom(port, m_server->adminPassword(), u"Help B"_s, {u"Dora"_s});
    QCOMPARE(m_classB.students.size(), 1);
    m_teacherA = createUser(port, m_classA.adminToken, u"help.teacher.a"_s, u"teacher"_s);
    m_teacherB = createUser(port, m_classA.adminToken, u"help.teacher.b"_s, u"teacher"_s);
    m_loner = createUser(port, m_classA.adminToken, u"help.loner"_s, u"student"_s);
    QVERIFY(m_teacherA.id && m_teacherB.id && m_loner.id);
    const auto join = [&](int classId, int userId) {
        return send(m_classA.adminToken, "POST",
                    "/api/v1/classes/" + QByteArray::number(classId) + "/members",
                    QJsonDocument(QJsonObject{{u"user_ids"_s, QJsonArray{userId}}}).toJson());
    };
    QVERIFY(statusIs(join(m_classA.classId, m_teacherA.id), 200));
    QVERIFY(statusIs(join(m_classB.classId, m_teacherB.id), 200));
}

void TestHelpApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

// Every test starts with an empty queue.
void TestHelpApi::init()
{
    for (const Classroom::Account &student : m_classA.students + m_classB.students)
        QVERIFY(statusIs(send(student.token, "DELETE", "/api/v1/help/mine"), 204));
}

HttpReply TestHelpApi::send(const QByteArray &token, const QByteArray &method,
                            const QByteArray &path, const QByteArray &body, const QByteArray &type)
{
    Client client(m_server->port());
    client.setBearer(token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!body.isEmpty() && !type.isEmpty())
        request.headers.append(qMakePair(QByteArray("Content-Type"), type));
    return client.request(request);
}

HttpReply TestHelpApi::raise(const QByteArray &token, const QJsonObject &body)
{
    return send(token, "POST", "/api/v1/help/mine", QJsonDocument(body).toJson());
}

QJsonObject TestHelpApi::mine(const QByteArray &token)
{
    const HttpReply reply = send(token, "GET", "/api/v1/help/mine");
    if (!statusIs(reply, 200))
        return {};
    return reply.object().value(u"request"_s).toObject();
}

// The students of the queue the caller sees, in order.
QList<qint64> TestHelpApi::queueStudents(const QByteArray &token)
{
    const HttpReply reply = send(token, "GET", "/api/v1/teacher/help");
    if (!statusIs(reply, 200))
        return {-1};
    QList<qint64> ids;
    for (const QJsonValue &entry : reply.object().value(u"requests"_s).toArray())
        ids.append(entry.toObject().value(u"student"_s).toObject().value(u"id"_s).toInteger());
    return ids;
}

int TestHelpApi::openRequestsOf(int studentId)
{
    return sqlValue(
               m_server->databasePath(),
               u"SELECT COUNT(*) FROM help_requests WHERE done_at IS NULL AND student_id = %1"_s
                   .arg(studentId))
        .toInt();
}

void TestHelpApi::raiseOpensOneRequestWithItsPlace()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    const HttpReply first = raise(anna.token, {{u"question"_s, u"Why does my cat not move?"_s}});
    QVERIFY(statusIs(first, 201));
    const QJsonObject request = first.object().value(u"request"_s).toObject();
    QCOMPARE(request.value(u"position"_s).toInt(), 1);
    QCOMPARE(request.value(u"question"_s).toString(), u"Why does my cat not move?"_s);
    QCOMPARE(request.value(u"student"_s).toObject().value(u"id"_s).toInt(), anna.id);
    QVERIFY(request.value(u"project"_s).isNull());
    QVERIFY(request.value(u"done_at"_s).isNull());
    QVERIFY(request.value(u"created_at"_s).toString().endsWith(u'Z'));

    // A second click keeps the place and the request; an empty question keeps the old one.
    const HttpReply again = raise(anna.token);
    QVERIFY(statusIs(again, 200));
    QCOMPARE(again.object().value(u"request"_s).toObject().value(u"id"_s), request.value(u"id"_s));
    QCOMPARE(mine(anna.token).value(u"question"_s).toString(), u"Why does my cat not move?"_s);
    QCOMPARE(openRequestsOf(anna.id), 1);

    QVERIFY(statusIs(send(anna.token, "DELETE", "/api/v1/help/mine"), 204));
    QVERIFY(send(anna.token, "GET", "/api/v1/help/mine").object().value(u"request"_s).isNull());
    QCOMPARE(openRequestsOf(anna.id), 0);
    // Withdrawing twice is fine.
    QVERIFY(statusIs(send(anna.token, "DELETE", "/api/v1/help/mine"), 204));
}

void TestHelpApi::hundredConcurrentRaisesMakeOneEntry()
{
    const Classroom::Account &ben = m_classA.students.at(1);
    QList<HttpRequest> requests;
    for (int i = 0; i < 100; ++i) {
        HttpRequest request;
        request.method = "POST";
        request.path = "/api/v1/help/mine";
        request.headers = bearerHeader(ben.token);
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = QJsonDocument(QJsonObject{{u"question"_s, u"Click %1"_s.arg(i)}}).toJson();
        requests.append(request);
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests, 120000);
    int opened = 0;
    QSet<qint64> ids;
    for (const HttpReply &reply : replies) {
        QVERIFY(statusIsOneOf(reply, {200, 201}));
        if (reply.status == 201)
            ++opened;
        ids.insert(reply.object().value(u"request"_s).toObject().value(u"id"_s).toInteger());
    }
    QCOMPARE(opened, 1);
    QCOMPARE(ids.size(), 1);
    QCOMPARE(openRequestsOf(ben.id), 1);
    QCOMPARE(sqlValue(m_server->databasePath(),
                      u"SELECT COUNT(*) FROM help_requests WHERE student_id = %1"_s.arg(ben.id))
                 .toInt(),
             1);
    QCOMPARE(queueStudents(m_teacherA.token), QList<qint64>{ben.id});
}

void TestHelpApi::placesFollowTheOrderOfRaisingPerClass()
{
    const auto &a = m_classA.students;
    const Classroom::Account &dora = m_classB.students.at(0);
    for (const Classroom::Account &student : {a.at(0), a.at(1), a.at(2), dora})
        QVERIFY(statusIs(raise(student.token), 201));
    QCOMPARE(mine(a.at(0).token).value(u"position"_s).toInt(), 1);
    QCOMPARE(mine(a.at(1).token).value(u"position"_s).toInt(), 2);
    QCOMPARE(mine(a.at(2).token).value(u"position"_s).toInt(), 3);
    QCOMPARE(mine(dora.token).value(u"position"_s).toInt(), 1); // another class, another queue

    QCOMPARE(queueStudents(m_teacherA.token), (QList<qint64>{a.at(0).id, a.at(1).id, a.at(2).id}));
    QCOMPARE(queueStudents(m_teacherB.token), QList<qint64>{dora.id});
    QCOMPARE(queueStudents(m_classA.adminToken).size(), 4); // an admin sees everyone

    QVERIFY(statusIs(send(a.at(0).token, "DELETE", "/api/v1/help/mine"), 204));
    QCOMPARE(mine(a.at(1).token).value(u"position"_s).toInt(), 1);
    QCOMPARE(mine(a.at(2).token).value(u"position"_s).toInt(), 2);
    QCOMPARE(queueStudents(m_teacherA.token), (QList<qint64>{a.at(1).id, a.at(2).id}));

    // The teacher's entry says who, about what, since when, asking what.
    const HttpReply queue = send(m_teacherA.token, "GET", "/api/v1/teacher/help");
    const QJsonObject first = queue.object().value(u"requests"_s).toArray().at(0).toObject();
    QCOMPARE(first.value(u"student"_s).toObject().value(u"username"_s).toString(),
             a.at(1).username);
    QVERIFY(first.value(u"waiting_seconds"_s).toInteger(-1) >= 0);
    QVERIFY(first.contains(u"question"_s));
    QVERIFY(first.contains(u"project"_s));
}

void TestHelpApi::teacherMarksDoneAndTheQueueMovesUp()
{
    const auto &a = m_classA.students;
    QVERIFY(statusIs(raise(a.at(1).token), 201));
    QVERIFY(statusIs(raise(a.at(2).token), 201));
    const qint64 id = mine(a.at(1).token).value(u"id"_s).toInteger();
    const QByteArray done = "/api/v1/teacher/help/" + QByteArray::number(id) + "/done";

    const HttpReply marked = send(m_teacherA.token, "POST", done);
    QVERIFY(statusIs(marked, 200));
    QVERIFY(marked.object().value(u"done_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(marked.object().value(u"position"_s).toInt(), 0);
    QVERIFY(send(a.at(1).token, "GET", "/api/v1/help/mine").object().value(u"request"_s).isNull());
    QCOMPARE(mine(a.at(2).token).value(u"position"_s).toInt(), 1);
    QCOMPARE(queueStudents(m_teacherA.token), QList<qint64>{a.at(2).id});
    // Done twice is still done, and the done request stays done.
    QVERIFY(statusIs(send(m_teacherA.token, "POST", done), 200));
    QCOMPARE(openRequestsOf(a.at(1).id), 0);

    // Raising again after done opens a new request, at the end of the line.
    const HttpReply again = raise(a.at(1).token);
    QVERIFY(statusIs(again, 201));
    QCOMPARE(again.object().value(u"request"_s).toObject().value(u"position"_s).toInt(), 2);
    QVERIFY(again.object().value(u"request"_s).toObject().value(u"id"_s).toInteger() != id);
}

void TestHelpApi::onlyTeachersOfTheStudentMarkDone_data()
{
    QTest::addColumn<int>("who"); // 0 teacher of another class, 1 the student, 2 a classmate
    QTest::addColumn<int>("status");
    QTest::newRow("teacher of another class") << 0 << 403;
    QTest::newRow("the student") << 1 << 403;
    QTest::newRow("a classmate") << 2 << 403;
}

void TestHelpApi::onlyTeachersOfTheStudentMarkDone()
{
    QFETCH(int, who);
    QFETCH(int, status);
    const Classroom::Account &ben = m_classA.students.at(1);
    QVERIFY(statusIs(raise(ben.token), 201));
    const qint64 id = mine(ben.token).value(u"id"_s).toInteger();
    const QByteArray token = who == 0 ? m_teacherB.token
        : who == 1                    ? ben.token
                                      : m_classA.students.at(2).token;
    const HttpReply reply =
        send(token, "POST", "/api/v1/teacher/help/" + QByteArray::number(id) + "/done");
    QVERIFY(statusIs(reply, status));
    QVERIFY(isErrorBody(reply, u"forbidden"_s));
    QCOMPARE(openRequestsOf(ben.id), 1);
    // No such request: 404, for a teacher as well as for an unknown number.
    QVERIFY(isErrorBody(send(m_teacherA.token, "POST", "/api/v1/teacher/help/999999/done"),
                        u"not_found"_s));
    QVERIFY(isErrorBody(send(m_teacherA.token, "POST", "/api/v1/teacher/help/abc/done"),
                        u"not_found"_s));
}

void TestHelpApi::questionIsOneCleanLine()
{
    const Classroom::Account &cem = m_classA.students.at(2);
    const HttpReply reply =
        raise(cem.token, {{u"question"_s, u"  two\nlines\u202e and\u0007 a\ttab  "_s}});
    QVERIFY(statusIs(reply, 201));
    QCOMPARE(reply.object().value(u"request"_s).toObject().value(u"question"_s).toString(),
             u"two lines and a tab"_s);
    // A new question replaces the old one, the place stays.
    const HttpReply changed = raise(cem.token, {{u"question"_s, u"Now it moves, but why?"_s}});
    QVERIFY(statusIs(changed, 200));
    QCOMPARE(mine(cem.token).value(u"question"_s).toString(), u"Now it moves, but why?"_s);
}

void TestHelpApi::raiseAboutOwnProjectNamesIt()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    Client client(m_server->port());
    client.setBearer(anna.token);
    const HttpReply created = client.post("/api/v1/projects?title=Maze"_ba, scratchProject());
    QVERIFY(statusIs(created, 201));
    const qint64 project = created.object().value(u"id"_s).toInteger();
    const HttpReply reply = raise(anna.token, {{u"project_id"_s, project}});
    QVERIFY(statusIs(reply, 201));
    const QJsonObject named =
        reply.object().value(u"request"_s).toObject().value(u"project"_s).toObject();
    QCOMPARE(named.value(u"id"_s).toInteger(), project);
    QCOMPARE(named.value(u"title"_s).toString(), u"Maze"_s);
    // The teacher sees it too, and may open the project (read-only: teachers read, never save).
    const HttpReply queue = send(m_teacherA.token, "GET", "/api/v1/teacher/help");
    QCOMPARE(queue.object()
                 .value(u"requests"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"project"_s)
                 .toObject()
                 .value(u"id"_s)
                 .toInteger(),
             project);
    QVERIFY(statusIs(
        send(m_teacherA.token, "GET", "/api/v1/projects/" + QByteArray::number(project)), 200));
}

void TestHelpApi::badInputIsRefusedAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("error");
    QTest::newRow("question too long")
        << QJsonDocument(QJsonObject{{u"question"_s, QString(201, u'x')}}).toJson()
        << "application/json"_ba << u"unprocessable"_s;
    QTest::newRow("question a number") << "{\"question\": 5}"_ba
                                       << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("project id text") << "{\"project_id\": \"7\"}"_ba
                                     << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("project id negative") << "{\"project_id\": -3}"_ba
                                         << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("project id huge") << "{\"project_id\": 1e300}"_ba
                                     << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("unknown project") << "{\"project_id\": 987654}"_ba
                                     << "application/json"_ba << u"not_found"_s;
    QTest::newRow("someone else's project") << "{\"project_id\": OTHER}"_ba
                                            << "application/json"_ba << u"forbidden"_s;
    QTest::newRow("not json") << "question=help"_ba
                              << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("json array") << "[1, 2]"_ba
                                << "application/json"_ba << u"bad_request"_s;
    QTest::newRow("wrong media type") << "{}"_ba
                                      << "text/plain"_ba << u"unsupported_media_type"_s;
}

void TestHelpApi::badInputIsRefusedAndWritesNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QString, error);
    const Classroom::Account &anna = m_classA.students.at(0);
    if (body.contains("OTHER")) {
        Client client(m_server->port());
        client.setBearer(m_classA.students.at(1).token);
        const HttpReply other = client.post("/api/v1/projects?title=Bens"_ba, scratchProject());
        QVERIFY(statusIs(other, 201));
        body.replace("OTHER", QByteArray::number(other.object().value(u"id"_s).toInteger()));
    }
    const HttpReply reply = send(anna.token, "POST", "/api/v1/help/mine", body, type);
    QVERIFY2(isErrorBody(reply, error), reply.body.constData());
    QCOMPARE(openRequestsOf(anna.id), 0);
}

void TestHelpApi::oversizedBodyIsRefusedUnread()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    const QByteArray body = "{\"question\": \"" + QByteArray(100 * 1024, 'x') + "\"}";
    const HttpReply reply = send(anna.token, "POST", "/api/v1/help/mine", body);
    QVERIFY(isErrorBody(reply, u"payload_too_large"_s));
    QCOMPARE(openRequestsOf(anna.id), 0);
}

void TestHelpApi::teachersAndStudentsWithoutAClassCannotRaise()
{
    QVERIFY(isErrorBody(raise(m_teacherA.token), u"forbidden"_s));
    QVERIFY(isErrorBody(raise(m_classA.adminToken), u"forbidden"_s));
    QVERIFY(isErrorBody(raise(m_loner.token), u"unprocessable"_s));
    QCOMPARE(openRequestsOf(m_loner.id), 0);
    // Students do not see the queue.
    QVERIFY(isErrorBody(send(m_classA.students.at(0).token, "GET", "/api/v1/teacher/help"),
                        u"forbidden"_s));
}

void TestHelpApi::anonymousIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("GET mine") << "GET"_ba
                              << "/api/v1/help/mine"_ba;
    QTest::newRow("POST mine") << "POST"_ba
                               << "/api/v1/help/mine"_ba;
    QTest::newRow("DELETE mine") << "DELETE"_ba
                                 << "/api/v1/help/mine"_ba;
    QTest::newRow("GET queue") << "GET"_ba
                               << "/api/v1/teacher/help"_ba;
    QTest::newRow("POST done") << "POST"_ba
                               << "/api/v1/teacher/help/1/done"_ba;
}

void TestHelpApi::anonymousIsUnauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QVERIFY(isErrorBody(send({}, method, path), u"unauthorized"_s));
}

QTEST_GUILESS_MAIN(TestHelpApi)
#include "tst_helpapi.moc"
