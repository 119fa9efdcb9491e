// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for feedback on any project (issue #16 part 4): teachers of the owner's class
// comment on a student's project; the owner (and those teachers, and admins) read the comments;
// the owner sees unread counts per project and in all, and marks comments read; nobody else
// reads or writes them; bad and hostile input gets API.md's JSON errors and writes nothing.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

class TestFeedbackApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void teacherCommentsAndTheOwnerReadsThem();
    void unreadCountsPerProjectAndInAll();
    void readMarkerNeverPassesWhatWasShownNorGoesBack();
    void concurrentCommentsAllLand();
    void textKeepsLinesAndLosesControlCharacters();
    void whoMayDoWhat_data();
    void whoMayDoWhat();
    void badInputIsRefusedAndWritesNothing_data();
    void badInputIsRefusedAndWritesNothing();
    void trashedProjectTakesNoComments();

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {}, const QByteArray &type = "application/json");
    qint64 newProject(const QByteArray &token, const QByteArray &title);
    HttpReply comment(const QByteArray &token, qint64 project, const QString &text);
    QByteArray commentsPath(qint64 project) const;
    QJsonObject feedback(const QByteArray &token);
    int commentCount(qint64 project);

    std::unique_ptr<TestServer> m_server;
    Classroom m_classA; // Anna, Ben
    Classroom m_classB; // Dora
    Classroom::Account m_teacherA;
    Classroom::Account m_teacherB;
};

void TestFeedbackApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    const quint16 port = m_server->port();
    m_classA =
        makeClassroom(port, m_server->adminPassword(), u"Feedback A"_s, {u"Anna"_s, u"Ben"_s});
    QCOMPARE(m_classA.students.size(), 2);
    m_classB = makeClassroom(port, m_server->adminPassword(), u"Feedback B"_s, {u"Dora"_s});
    QCOMPARE(m_classB.students.size(), 1);
    m_teacherA = createUser(port, m_classA.adminToken, u"fb.teacher.a"_s, u"teacher"_s);
    m_teacherB = createUser(port, m_classA.adminToken, u"fb.teacher.b"_s, u"teacher"_s);
    QVERIFY(m_teacherA.id && m_teacherB.id);
    const auto join = [&](int classId, int userId) {
        return send(m_classA.adminToken, "POST",
                    "/api/v1/classes/" + QByteArray::number(classId) + "/members",
                    QJsonDocument(QJsonObject{{u"user_ids"_s, QJsonArray{userId}}}).toJson());
    };
    QVERIFY(statusIs(join(m_classA.classId, m_teacherA.id), 200));
    QVERIFY(statusIs(join(m_classB.classId, m_teacherB.id), 200));
}

void TestFeedbackApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

HttpReply TestFeedbackApi::send(const QByteArray &token, const QByteArray &method,
                                const QByteArray &path, const QByteArray &body,
                                const QByteArray &type)
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

qint64 TestFeedbackApi::newProject(const QByteArray &token, const QByteArray &title)
{
    Client client(m_server->port());
    client.setBearer(token);
    const HttpReply created = client.post("/api/v1/projects?title=" + title, scratchProject());
    return statusIs(created, 201) ? created.object().value(u"id"_s).toInteger() : 0;
}

QByteArray TestFeedbackApi::commentsPath(qint64 project) const
{
    return "/api/v1/projects/" + QByteArray::number(project) + "/comments";
}

HttpReply TestFeedbackApi::comment(const QByteArray &token, qint64 project, const QString &text)
{
    return send(token, "POST", commentsPath(project),
                QJsonDocument(QJsonObject{{u"text"_s, text}}).toJson());
}

QJsonObject TestFeedbackApi::feedback(const QByteArray &token)
{
    const HttpReply reply = send(token, "GET", "/api/v1/me/feedback");
    return statusIs(reply, 200) ? reply.object() : QJsonObject{};
}

int TestFeedbackApi::commentCount(qint64 project)
{
    return sqlValue(m_server->databasePath(),
                    u"SELECT COUNT(*) FROM project_comments WHERE project_id = %1"_s.arg(project))
        .toInt();
}

void TestFeedbackApi::teacherCommentsAndTheOwnerReadsThem()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    const qint64 project = newProject(anna.token, "Racer");
    QVERIFY(project);
    const HttpReply added = comment(m_teacherA.token, project, u"Great start! Add a score."_s);
    QVERIFY(statusIs(added, 201));
    QCOMPARE(added.object().value(u"text"_s).toString(), u"Great start! Add a score."_s);
    QCOMPARE(added.object().value(u"author"_s).toObject().value(u"id"_s).toInt(), m_teacherA.id);
    QVERIFY(added.object().value(u"created_at"_s).toString().endsWith(u'Z'));

    const HttpReply listed = send(anna.token, "GET", commentsPath(project));
    QVERIFY(statusIs(listed, 200));
    const QJsonArray comments = listed.object().value(u"comments"_s).toArray();
    QCOMPARE(comments.size(), 1);
    QCOMPARE(comments.at(0).toObject().value(u"id"_s), added.object().value(u"id"_s));
    QCOMPARE(listed.object().value(u"unread"_s).toInt(), 1);
    // The author has read what they wrote.
    QCOMPARE(
        send(m_teacherA.token, "GET", commentsPath(project)).object().value(u"unread"_s).toInt(),
        0);

    QVERIFY(statusIs(send(anna.token, "POST", commentsPath(project) + "/read"), 204));
    QCOMPARE(send(anna.token, "GET", commentsPath(project)).object().value(u"unread"_s).toInt(), 0);
    // An admin reads them too.
    QVERIFY(statusIs(send(m_classA.adminToken, "GET", commentsPath(project)), 200));
}

void TestFeedbackApi::unreadCountsPerProjectAndInAll()
{
    const Classroom::Account &ben = m_classA.students.at(1);
    const qint64 first = newProject(ben.token, "One");
    const qint64 second = newProject(ben.token, "Two");
    const qint64 quiet = newProject(ben.token, "Quiet");
    QVERIFY(first && second && quiet);
    QVERIFY(statusIs(comment(m_teacherA.token, first, u"a"_s), 201));
    QVERIFY(statusIs(comment(m_teacherA.token, first, u"b"_s), 201));
    QVERIFY(statusIs(comment(m_classA.adminToken, second, u"c"_s), 201));

    QJsonObject summary = feedback(ben.token);
    QCOMPARE(summary.value(u"unread"_s).toInt(), 3);
    QHash<qint64, QJsonObject> byId;
    for (const QJsonValue &value : summary.value(u"projects"_s).toArray())
        byId.insert(value.toObject().value(u"id"_s).toInteger(), value.toObject());
    QCOMPARE(byId.size(), 2); // a project without comments is not listed
    QCOMPARE(byId.value(first).value(u"unread"_s).toInt(), 2);
    QCOMPARE(byId.value(first).value(u"comments"_s).toInt(), 2);
    QCOMPARE(byId.value(first).value(u"title"_s).toString(), u"One"_s);
    QCOMPARE(byId.value(second).value(u"unread"_s).toInt(), 1);

    QVERIFY(statusIs(send(ben.token, "POST", commentsPath(first) + "/read"), 204));
    summary = feedback(ben.token);
    QCOMPARE(summary.value(u"unread"_s).toInt(), 1);
    // Another student's unread counts are their own.
    QCOMPARE(feedback(m_classB.students.at(0).token).value(u"unread"_s).toInt(), 0);
}

void TestFeedbackApi::readMarkerNeverPassesWhatWasShownNorGoesBack()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    const qint64 project = newProject(anna.token, "Marker");
    const qint64 c1 =
        comment(m_teacherA.token, project, u"one"_s).object().value(u"id"_s).toInteger();
    const qint64 c2 =
        comment(m_teacherA.token, project, u"two"_s).object().value(u"id"_s).toInteger();
    QVERIFY(c1 > 0 && c2 > c1);
    const auto upTo = [](qint64 id) {
        return QJsonDocument(QJsonObject{{u"up_to"_s, id}}).toJson();
    };
    // The page showed only the first comment: the second stays unread.
    QVERIFY(statusIs(send(anna.token, "POST", commentsPath(project) + "/read", upTo(c1)), 204));
    HttpReply listed = send(anna.token, "GET", commentsPath(project));
    QCOMPARE(listed.object().value(u"unread"_s).toInt(), 1);
    QCOMPARE(listed.object().value(u"last_read_id"_s).toInteger(), c1);
    QVERIFY(statusIs(send(anna.token, "POST", commentsPath(project) + "/read", upTo(c2)), 204));
    // An older marker (a second tab) does not move it back; one beyond the newest stops there.
    QVERIFY(statusIs(send(anna.token, "POST", commentsPath(project) + "/read", upTo(c1)), 204));
    listed = send(anna.token, "GET", commentsPath(project));
    QCOMPARE(listed.object().value(u"unread"_s).toInt(), 0);
    QCOMPARE(listed.object().value(u"last_read_id"_s).toInteger(), c2);
    QVERIFY(
        statusIs(send(anna.token, "POST", commentsPath(project) + "/read", upTo(c2 + 1000)), 204));
    QCOMPARE(send(anna.token, "GET", commentsPath(project))
                 .object()
                 .value(u"last_read_id"_s)
                 .toInteger(),
             c2);
    const qint64 c3 =
        comment(m_teacherA.token, project, u"three"_s).object().value(u"id"_s).toInteger();
    QVERIFY(c3 > c2);
    QCOMPARE(send(anna.token, "GET", commentsPath(project)).object().value(u"unread"_s).toInt(), 1);
}

void TestFeedbackApi::concurrentCommentsAllLand()
{
    const Classroom::Account &ben = m_classA.students.at(1);
    const qint64 project = newProject(ben.token, "Busy");
    QList<HttpRequest> requests;
    for (int i = 0; i < 50; ++i) {
        HttpRequest request;
        request.method = "POST";
        request.path = commentsPath(project);
        request.headers = bearerHeader(i % 2 ? m_teacherA.token : m_classA.adminToken);
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = QJsonDocument(QJsonObject{{u"text"_s, u"Note %1"_s.arg(i)}}).toJson();
        requests.append(request);
    }
    for (const HttpReply &reply : runConcurrently(m_server->port(), requests, 120000))
        QVERIFY(statusIs(reply, 201));
    QCOMPARE(commentCount(project), 50);
    const HttpReply listed = send(ben.token, "GET", commentsPath(project));
    QCOMPARE(listed.object().value(u"comments"_s).toArray().size(), 50);
    QCOMPARE(listed.object().value(u"unread"_s).toInt(), 50);
}

void TestFeedbackApi::textKeepsLinesAndLosesControlCharacters()
{
    const qint64 project = newProject(m_classA.students.at(0).token, "Lines");
    const HttpReply added =
        comment(m_teacherA.token, project, u"  First line\r\nsecond\u202e line\u0007  "_s);
    QVERIFY(statusIs(added, 201));
    QCOMPARE(added.object().value(u"text"_s).toString(), u"First line\nsecond line"_s);
}

void TestFeedbackApi::whoMayDoWhat_data()
{
    // who: 0 classmate, 1 teacher of another class, 2 student of another class, 3 owner,
    // 4 nobody; what: 0 read, 1 comment, 2 mark read
    QTest::addColumn<int>("who");
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("error");
    QTest::newRow("classmate reads") << 0 << 0 << u"forbidden"_s;
    QTest::newRow("classmate comments") << 0 << 1 << u"forbidden"_s;
    QTest::newRow("classmate marks read") << 0 << 2 << u"forbidden"_s;
    QTest::newRow("other teacher reads") << 1 << 0 << u"forbidden"_s;
    QTest::newRow("other teacher comments") << 1 << 1 << u"forbidden"_s;
    QTest::newRow("other student reads") << 2 << 0 << u"forbidden"_s;
    QTest::newRow("owner comments") << 3 << 1 << u"forbidden"_s;
    QTest::newRow("anonymous reads") << 4 << 0 << u"unauthorized"_s;
    QTest::newRow("anonymous comments") << 4 << 1 << u"unauthorized"_s;
    QTest::newRow("anonymous marks read") << 4 << 2 << u"unauthorized"_s;
}

void TestFeedbackApi::whoMayDoWhat()
{
    QFETCH(int, who);
    QFETCH(int, what);
    QFETCH(QString, error);
    const Classroom::Account &anna = m_classA.students.at(0);
    const qint64 project = newProject(anna.token, "Private");
    QVERIFY(statusIs(comment(m_teacherA.token, project, u"For Anna only"_s), 201));
    const QByteArray tokens[] = {m_classA.students.at(1).token, m_teacherB.token,
                                 m_classB.students.at(0).token, anna.token, QByteArray()};
    const QByteArray token = tokens[who];
    HttpReply reply;
    if (what == 0)
        reply = send(token, "GET", commentsPath(project));
    else if (what == 1)
        reply = comment(token, project, u"Sneaky"_s);
    else
        reply = send(token, "POST", commentsPath(project) + "/read");
    QVERIFY2(isErrorBody(reply, error), reply.body.constData());
    QCOMPARE(commentCount(project), 1);
    QCOMPARE(send(anna.token, "GET", commentsPath(project)).object().value(u"unread"_s).toInt(), 1);
}

void TestFeedbackApi::badInputIsRefusedAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("path"); // PROJECT: the owner's project
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("error");
    const QByteArray json = "application/json";
    const QByteArray comments = "/api/v1/projects/PROJECT/comments";
    QTest::newRow("empty text") << comments << "{\"text\": \"\"}"_ba << json << u"unprocessable"_s;
    QTest::newRow("blank text") << comments << "{\"text\": \" \\n\\t \"}"_ba << json
                                << u"unprocessable"_s;
    QTest::newRow("text too long")
        << comments << QJsonDocument(QJsonObject{{u"text"_s, QString(2001, u'x')}}).toJson() << json
        << u"unprocessable"_s;
    QTest::newRow("text a number") << comments << "{\"text\": 12}"_ba << json << u"bad_request"_s;
    QTest::newRow("no text") << comments << "{}"_ba << json << u"bad_request"_s;
    QTest::newRow("not json") << comments << "text=hi"_ba << json << u"bad_request"_s;
    QTest::newRow("wrong media type") << comments << "{\"text\": \"hi\"}"_ba
                                      << "text/plain"_ba << u"unsupported_media_type"_s;
    QTest::newRow("body too large")
        << comments << "{\"text\": \"" + QByteArray(200 * 1024, 'x') + "\"}" << json
        << u"payload_too_large"_s;
    QTest::newRow("unknown project") << "/api/v1/projects/987654/comments"_ba
                                     << "{\"text\": \"hi\"}"_ba << json << u"not_found"_s;
    QTest::newRow("project id not a number") << "/api/v1/projects/x1/comments"_ba
                                             << "{\"text\": \"hi\"}"_ba << json << u"not_found"_s;
    QTest::newRow("read marker text") << comments + "/read"
                                      << "{\"up_to\": \"5\"}"_ba << json << u"bad_request"_s;
    QTest::newRow("read marker negative") << comments + "/read"
                                          << "{\"up_to\": -5}"_ba << json << u"bad_request"_s;
    QTest::newRow("read marker fraction") << comments + "/read"
                                          << "{\"up_to\": 1.5}"_ba << json << u"bad_request"_s;
}

void TestFeedbackApi::badInputIsRefusedAndWritesNothing()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    QFETCH(QString, error);
    const Classroom::Account &ben = m_classA.students.at(1);
    const qint64 project = newProject(ben.token, "Hostile");
    path.replace("PROJECT", QByteArray::number(project));
    const QByteArray token = path.endsWith("/read") ? ben.token : m_teacherA.token;
    const HttpReply reply = send(token, "POST", path, body, type);
    QVERIFY2(isErrorBody(reply, error), reply.body.constData());
    QCOMPARE(commentCount(project), 0);
    QCOMPARE(sqlValue(m_server->databasePath(),
                      u"SELECT COUNT(*) FROM comment_reads WHERE project_id = %1"_s.arg(project))
                 .toInt(),
             0);
}

void TestFeedbackApi::trashedProjectTakesNoComments()
{
    const Classroom::Account &anna = m_classA.students.at(0);
    const qint64 project = newProject(anna.token, "Gone");
    QVERIFY(statusIs(send(anna.token, "DELETE", "/api/v1/projects/" + QByteArray::number(project)),
                     204));
    QVERIFY(isErrorBody(comment(m_teacherA.token, project, u"hello?"_s), u"not_found"_s));
    QCOMPARE(commentCount(project), 0);
}

QTEST_GUILESS_MAIN(TestFeedbackApi)
#include "tst_feedbackapi.moc"
