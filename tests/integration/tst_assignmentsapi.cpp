// SPDX-License-Identifier: AGPL-3.0-or-later
// Assignments (#16, docs/api-changelog.md): one copy per student however often the teacher hands
// out and however many students open at once; the states a student sees; hand-in, the frozen
// copy and the due time decided inside the save's transaction; return with feedback; who may do
// what; malformed bodies answered with the error JSON of API.md.
#include <QDateTime>
#include <QSet>
#include <QTest>
#include <QUrl>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr int classSize = 100;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray assignmentPath(int id)
{
    return "/api/v1/assignments/" + QByteArray::number(id);
}

QByteArray projectPath(int id)
{
    return "/api/v1/projects/" + QByteArray::number(id);
}

QJsonObject findAssignment(const QJsonArray &list, int id)
{
    for (const QJsonValue &value : list) {
        if (value.toObject().value(u"id"_s).toInt() == id)
            return value.toObject();
    }
    return {};
}

QJsonObject gridRow(const QJsonArray &copies, int studentId)
{
    for (const QJsonValue &value : copies) {
        const QJsonObject row = value.toObject();
        if (row.value(u"student"_s).toObject().value(u"id"_s).toInt() == studentId)
            return row;
    }
    return {};
}

} // namespace

class TestAssignmentsApi : public QObject
{
    Q_OBJECT

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {}, const HeaderList &extra = {});
    int createProject(const QByteArray &token, const QString &marker);
    int createAssignment(const QJsonObject &body, int classId = 0, QByteArray token = {});
    QJsonObject mine(const QByteArray &token, int assignmentId);
    HttpReply save(const QByteArray &token, int projectId, int version, const QString &marker);
    int versionOf(const QByteArray &token, int projectId);

    std::unique_ptr<TestServer> m_server;
    Classroom m_class; // classSize students, taught by the admin who made it
    Classroom::Account m_tom; // teaches class B only
    int m_classB = 0;
    Classroom::Account m_dana; // a student of class B
    int m_starter = 0; // the admin's own project

private slots:
    void initTestCase();
    void cleanupTestCase();

    void handOutTwiceAndConcurrentOpensMakeOneCopyEach();
    void concurrentHandOutsMakeOneCopyEach();
    void statesHandInFreezeAndReturn();
    void returnWithoutLeaveKeepsTheCopyFrozen();
    void dueTimeFreezesSavesInsideTheTransaction();
    void starterIsASnapshot();
    void emptyStarterIsAValidProject();
    void projectAssignmentRouteNamesTheCopy();
    void permissions();
    void malformedCreateBodies_data();
    void malformedCreateBodies();
    void malformedReturnBodies_data();
    void malformedReturnBodies();
};

HttpReply TestAssignmentsApi::send(const QByteArray &token, const QByteArray &method,
                                   const QByteArray &path, const QByteArray &body,
                                   const HeaderList &extra)
{
    Client client(m_server->port());
    client.setBearer(token);
    HeaderList headers = extra;
    if (!body.isEmpty())
        headers.append({"Content-Type"_ba, "application/json"_ba});
    return client.request({method, path, headers, body, true});
}

int TestAssignmentsApi::createProject(const QByteArray &token, const QString &marker)
{
    Client client(m_server->port());
    client.setBearer(token);
    const HttpReply reply = client.post("/api/v1/projects?title=" + QUrl::toPercentEncoding(marker),
                                        scratchProject({}, 0, marker));
    if (!statusIs(reply, 201))
        return 0;
    return reply.object().value(u"id"_s).toInt();
}

int TestAssignmentsApi::createAssignment(const QJsonObject &body, int classId, QByteArray token)
{
    if (classId == 0)
        classId = m_class.classId;
    if (token.isEmpty())
        token = m_class.adminToken;
    const HttpReply reply =
        send(token, "POST", "/api/v1/classes/" + QByteArray::number(classId) + "/assignments",
             json(body));
    if (!statusIs(reply, 201))
        return 0;
    return reply.object().value(u"id"_s).toInt();
}

QJsonObject TestAssignmentsApi::mine(const QByteArray &token, int assignmentId)
{
    const HttpReply reply = send(token, "GET", "/api/v1/me/assignments");
    return findAssignment(reply.object().value(u"assignments"_s).toArray(), assignmentId);
}

HttpReply TestAssignmentsApi::save(const QByteArray &token, int projectId, int version,
                                   const QString &marker)
{
    return send(token, "PUT", projectPath(projectId), scratchProject({}, 0, marker),
                {{"If-Match"_ba, ifMatch(version)}});
}

int TestAssignmentsApi::versionOf(const QByteArray &token, int projectId)
{
    return send(token, "GET", projectPath(projectId) + "/meta")
        .object()
        .value(u"version"_s)
        .toInt();
}

void TestAssignmentsApi::initTestCase()
{
    TestServer::Options options;
    // Capacity is not this suite's subject: 100 concurrent openers must not meet a 503.
    options.acquireTimeoutMs = 120000;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    QStringList names;
    for (int i = 1; i <= classSize; ++i)
        names << u"Kid %1"_s.arg(i, 3, 10, QChar(u'0'));
    m_class = makeClassroom(m_server->port(), m_server->adminPassword(), u"7a"_s, names);
    QCOMPARE(m_class.students.size(), classSize);
    for (const auto &student : std::as_const(m_class.students))
        QVERIFY(!student.token.isEmpty());

    m_tom = createUser(m_server->port(), m_class.adminToken, u"tom.teacher"_s, u"teacher"_s);
    QVERIFY(m_tom.id > 0);
    const HttpReply classB =
        send(m_tom.token, "POST", "/api/v1/classes", json({{u"name"_s, u"7b"_s}}));
    QVERIFY(statusIs(classB, 201));
    m_classB = classB.object().value(u"id"_s).toInt();
    const HttpReply added =
        send(m_tom.token, "POST", "/api/v1/classes/" + QByteArray::number(m_classB) + "/students",
             json({{u"names"_s, QJsonArray{u"Dana L."_s}}}));
    QVERIFY(statusIs(added, 201));
    const QJsonObject dana = added.object().value(u"students"_s).toArray().at(0).toObject();
    Client danaClient(m_server->port());
    QVERIFY(statusIs(danaClient.login(dana.value(u"username"_s).toString(),
                                      dana.value(u"password"_s).toString()),
                     201));
    m_dana.id = dana.value(u"id"_s).toInt();
    m_dana.token = danaClient.bearer();

    m_starter = createProject(m_class.adminToken, u"starter-v1"_s);
    QVERIFY(m_starter > 0);
}

void TestAssignmentsApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

// The race of the issue: the assignment is out before the students are in the class (so no
// copy exists yet), then every student opens at the same moment while the teacher hands out
// twice more. Every request succeeds and each student ends with exactly one copy.
void TestAssignmentsApi::handOutTwiceAndConcurrentOpensMakeOneCopyEach()
{
    const QByteArray admin = m_class.adminToken;
    const HttpReply room = send(admin, "POST", "/api/v1/classes", json({{u"name"_s, u"Race"_s}}));
    QVERIFY(statusIs(room, 201));
    const int roomId = room.object().value(u"id"_s).toInt();
    const int id = createAssignment(
        {{u"title"_s, u"Race task"_s}, {u"starter_project_id"_s, m_starter}}, roomId);
    QVERIFY(id > 0);
    const HttpReply empty = send(admin, "POST", assignmentPath(id) + "/hand-out");
    QVERIFY(statusIs(empty, 200));
    QCOMPARE(empty.object().value(u"copies_made"_s).toInt(), 0);
    QJsonArray ids;
    for (const auto &student : std::as_const(m_class.students))
        ids.append(student.id);
    QVERIFY(
        statusIs(send(admin, "POST", "/api/v1/classes/" + QByteArray::number(roomId) + "/members",
                      json({{u"user_ids"_s, ids}})),
                 200));

    QList<HttpRequest> requests;
    for (const auto &student : std::as_const(m_class.students))
        requests.append({"POST", assignmentPath(id) + "/open", bearerHeader(student.token), {}});
    for (int i = 0; i < 2; ++i)
        requests.insert(i * classSize / 2,
                        {"POST", assignmentPath(id) + "/hand-out", bearerHeader(admin), {}});
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests, 120000);
    QList<int> openedProjects; // from each student's open
    int handOutCopies = 0;
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QVERIFY2(statusIs(replies.at(i), 200), qPrintable(describe(replies.at(i))));
        const QJsonObject body = replies.at(i).object();
        if (requests.at(i).path.endsWith("/hand-out")) {
            handOutCopies += body.value(u"copies_made"_s).toInt();
            continue;
        }
        QCOMPARE(body.value(u"state"_s).toString(), u"in_progress"_s);
        QVERIFY(body.value(u"project_id"_s).toInt() > 0);
        openedProjects.append(body.value(u"project_id"_s).toInt());
    }
    QVERIFY(handOutCopies <= classSize);

    const HttpReply grid = send(admin, "GET", assignmentPath(id) + "/copies");
    QVERIFY(statusIs(grid, 200));
    const QJsonArray copies = grid.object().value(u"copies"_s).toArray();
    QCOMPARE(copies.size(), classSize);
    QSet<int> projects;
    for (const QJsonValue &value : copies) {
        const int project = value.toObject().value(u"project_id"_s).toInt();
        QVERIFY(project > 0);
        projects.insert(project);
    }
    QCOMPARE(projects.size(), classSize);
    QCOMPARE(openedProjects.size(), classSize);
    QCOMPARE(QSet<int>(openedProjects.cbegin(), openedProjects.cend()), projects);
    // No student owns a second, orphaned copy: exactly one project of that title each.
    for (const auto &student : std::as_const(m_class.students)) {
        const QJsonArray own =
            send(student.token, "GET", "/api/v1/projects").object().value(u"projects"_s).toArray();
        int titled = 0;
        for (const QJsonValue &value : own)
            titled += value.toObject().value(u"title"_s).toString() == u"Race task"_s ? 1 : 0;
        QCOMPARE(titled, 1);
    }
}

void TestAssignmentsApi::concurrentHandOutsMakeOneCopyEach()
{
    const int id = createAssignment({{u"title"_s, u"Twice"_s}});
    QVERIFY(id > 0);
    QList<HttpRequest> requests;
    for (int i = 0; i < 3; ++i)
        requests.append(
            {"POST", assignmentPath(id) + "/hand-out", bearerHeader(m_class.adminToken), {}});
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests, 120000);
    int made = 0;
    for (const HttpReply &reply : replies) {
        QVERIFY(statusIs(reply, 200));
        made += reply.object().value(u"copies_made"_s).toInt();
    }
    QCOMPARE(made, classSize);
    const QJsonArray copies = send(m_class.adminToken, "GET", assignmentPath(id) + "/copies")
                                  .object()
                                  .value(u"copies"_s)
                                  .toArray();
    QCOMPARE(copies.size(), classSize);
    QSet<int> projects;
    for (const QJsonValue &value : copies) {
        QCOMPARE(value.toObject().value(u"state"_s).toString(), u"not_started"_s);
        projects.insert(value.toObject().value(u"project_id"_s).toInt());
    }
    QCOMPARE(projects.size(), classSize);
    QVERIFY(!projects.contains(0));
}

void TestAssignmentsApi::statesHandInFreezeAndReturn()
{
    const QByteArray admin = m_class.adminToken;
    const auto &anna = m_class.students.at(0);
    const auto &ben = m_class.students.at(1);
    const int id = createAssignment({{u"title"_s, u"States"_s},
                                     {u"instructions"_s, u"Make the cat dance.\nThen hand in."_s},
                                     {u"starter_project_id"_s, m_starter}});
    QVERIFY(id > 0);
    // Not handed out yet: the students do not see it and cannot open it.
    QVERIFY(mine(anna.token, id).isEmpty());
    QVERIFY(statusIs(send(anna.token, "POST", assignmentPath(id) + "/open"), 404));
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/hand-out"), 200));

    QJsonObject seen = mine(anna.token, id);
    QCOMPARE(seen.value(u"state"_s).toString(), u"not_started"_s);
    QCOMPARE(seen.value(u"instructions"_s).toString(), u"Make the cat dance.\nThen hand in."_s);
    QCOMPARE(seen.value(u"frozen"_s).toBool(), false);
    const HttpReply opened = send(anna.token, "POST", assignmentPath(id) + "/open");
    QVERIFY(statusIs(opened, 200));
    QCOMPARE(opened.object().value(u"state"_s).toString(), u"in_progress"_s);
    const int project = opened.object().value(u"project_id"_s).toInt();
    QCOMPARE(mine(anna.token, id).value(u"state"_s).toString(), u"in_progress"_s);
    QVERIFY(statusIs(save(anna.token, project, 1, u"anna-work"_s), 200));

    // The teacher reads the copy (a student of a class they teach) but cannot change it.
    const HttpReply read = send(admin, "GET", projectPath(project));
    QVERIFY(statusIs(read, 200));
    QVERIFY(read.body.contains("anna-work"));
    QVERIFY(statusIs(save(admin, project, 2, u"teacher-edit"_s), 403));

    const HttpReply handedIn = send(anna.token, "POST", assignmentPath(id) + "/hand-in");
    QVERIFY(statusIs(handedIn, 200));
    QCOMPARE(handedIn.object().value(u"state"_s).toString(), u"handed_in"_s);
    QVERIFY(!handedIn.object().value(u"handed_in_at"_s).toString().isEmpty());
    QCOMPARE(handedIn.object().value(u"frozen"_s).toBool(), true);
    QVERIFY(statusIs(send(anna.token, "POST", assignmentPath(id) + "/hand-in"), 200));

    // Frozen: the save is refused with its own code and nothing changes.
    const HttpReply refused = save(anna.token, project, 2, u"after-hand-in"_s);
    QVERIFY(statusIs(refused, 423));
    QVERIFY(isErrorBody(refused, u"assignment_closed"_s));
    QCOMPARE(refused.object().value(u"state"_s).toString(), u"handed_in"_s);
    QCOMPARE(versionOf(anna.token, project), 2);
    QVERIFY(statusIs(send(anna.token, "PATCH", projectPath(project),
                          json({{u"title"_s, u"Renamed"_s}}), {{"If-Match"_ba, ifMatch(2)}}),
                     423));

    const HttpReply grid = send(admin, "GET", assignmentPath(id) + "/copies");
    QVERIFY(statusIs(grid, 200));
    QCOMPARE(grid.object()
                 .value(u"assignment"_s)
                 .toObject()
                 .value(u"counts"_s)
                 .toObject()
                 .value(u"handed_in"_s)
                 .toInt(),
             1);
    const QJsonObject annaRow = gridRow(grid.object().value(u"copies"_s).toArray(), anna.id);
    QCOMPARE(annaRow.value(u"state"_s).toString(), u"handed_in"_s);
    QCOMPARE(annaRow.value(u"late"_s).toBool(), false);
    QCOMPARE(annaRow.value(u"project_id"_s).toInt(), project);
    const QJsonObject benRow = gridRow(grid.object().value(u"copies"_s).toArray(), ben.id);
    QCOMPARE(benRow.value(u"state"_s).toString(), u"not_started"_s);

    // Returned with leave to continue: the student sees the feedback and may save again.
    const HttpReply returned = send(
        admin, "POST", assignmentPath(id) + "/copies/" + QByteArray::number(anna.id) + "/return",
        json({{u"feedback"_s, u"Great dance! Add music."_s}, {u"allow_continue"_s, true}}));
    QVERIFY(statusIs(returned, 200));
    QCOMPARE(returned.object().value(u"state"_s).toString(), u"returned"_s);
    seen = mine(anna.token, id);
    QCOMPARE(seen.value(u"state"_s).toString(), u"returned"_s);
    QCOMPARE(seen.value(u"feedback"_s).toString(), u"Great dance! Add music."_s);
    QCOMPARE(seen.value(u"continue_allowed"_s).toBool(), true);
    QCOMPARE(seen.value(u"frozen"_s).toBool(), false);
    QVERIFY(statusIs(save(anna.token, project, 2, u"with-music"_s), 200));
    // ... and hand in again.
    const HttpReply again = send(anna.token, "POST", assignmentPath(id) + "/hand-in");
    QVERIFY(statusIs(again, 200));
    QCOMPARE(again.object().value(u"state"_s).toString(), u"handed_in"_s);
}

void TestAssignmentsApi::returnWithoutLeaveKeepsTheCopyFrozen()
{
    const QByteArray admin = m_class.adminToken;
    const auto &cem = m_class.students.at(2);
    const int id = createAssignment({{u"title"_s, u"No leave"_s}});
    QVERIFY(id > 0);
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/hand-out"), 200));
    const HttpReply opened = send(cem.token, "POST", assignmentPath(id) + "/open");
    QVERIFY(statusIs(opened, 200));
    const int project = opened.object().value(u"project_id"_s).toInt();
    QVERIFY(statusIs(send(cem.token, "POST", assignmentPath(id) + "/hand-in"), 200));
    // No allow_continue in the body: the assignment's default (false).
    QVERIFY(statusIs(send(admin, "POST",
                          assignmentPath(id) + "/copies/" + QByteArray::number(cem.id) + "/return",
                          json({{u"feedback"_s, u"Done."_s}})),
                     200));
    const QJsonObject seen = mine(cem.token, id);
    QCOMPARE(seen.value(u"state"_s).toString(), u"returned"_s);
    QCOMPARE(seen.value(u"frozen"_s).toBool(), true);
    QVERIFY(isErrorBody(save(cem.token, project, 1, u"late-edit"_s), u"assignment_closed"_s));
    const HttpReply handIn = send(cem.token, "POST", assignmentPath(id) + "/hand-in");
    QVERIFY(statusIs(handIn, 423));
    QVERIFY(isErrorBody(handIn, u"assignment_closed"_s));
}

// The due time is decided by the save's own transaction: saves go in until it, every save after
// it is refused and leaves the version as it was. Waits on the clock with QTRY, no sleeps.
void TestAssignmentsApi::dueTimeFreezesSavesInsideTheTransaction()
{
    const QByteArray admin = m_class.adminToken;
    const auto &kid = m_class.students.at(3);
    const QDateTime due = QDateTime::currentDateTimeUtc().addMSecs(1500);
    const int id = createAssignment(
        {{u"title"_s, u"Due soon"_s}, {u"due_at"_s, due.toString(Qt::ISODateWithMs)}});
    QVERIFY(id > 0);
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/hand-out"), 200));
    const HttpReply opened = send(kid.token, "POST", assignmentPath(id) + "/open");
    QVERIFY(statusIs(opened, 200));
    const int project = opened.object().value(u"project_id"_s).toInt();

    int version = 1;
    int saved = 0;
    HttpReply last;
    const auto trySave = [&] {
        last = save(kid.token, project, version, u"tick %1"_s.arg(version));
        if (last.status == 200) {
            version = last.object().value(u"version"_s).toInt();
            ++saved;
            return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(trySave(), 20000);
    QVERIFY(isErrorBody(last, u"assignment_closed"_s));
    QCOMPARE(last.status, 423);
    // Refused only at or after the due time, never before it.
    QVERIFY(QDateTime::currentDateTimeUtc() >= due);
    QCOMPARE(versionOf(kid.token, project), version);
    QVERIFY(statusIs(save(kid.token, project, version, u"later"_s), 423));
    QCOMPARE(versionOf(kid.token, project), version);
    QCOMPARE(mine(kid.token, id).value(u"frozen"_s).toBool(), true);

    // Handing in after the due time is allowed and marked late; the others are late too.
    const HttpReply handedIn = send(kid.token, "POST", assignmentPath(id) + "/hand-in");
    QVERIFY(statusIs(handedIn, 200));
    QCOMPARE(handedIn.object().value(u"late"_s).toBool(), true);
    const QJsonArray copies =
        send(admin, "GET", assignmentPath(id) + "/copies").object().value(u"copies"_s).toArray();
    QCOMPARE(gridRow(copies, kid.id).value(u"late"_s).toBool(), true);
    QCOMPARE(gridRow(copies, m_class.students.at(4).id).value(u"late"_s).toBool(), true);

    // A due time already past: the copy is frozen from the start.
    const int past = createAssignment(
        {{u"title"_s, u"Already due"_s}, {u"due_at"_s, u"2020-01-01T08:00:00Z"_s}});
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(past) + "/hand-out"), 200));
    const HttpReply pastOpen = send(kid.token, "POST", assignmentPath(past) + "/open");
    QVERIFY(statusIs(pastOpen, 200));
    QCOMPARE(pastOpen.object().value(u"frozen"_s).toBool(), true);
    QCOMPARE(pastOpen.object().value(u"due_at"_s).toString(), u"2020-01-01T08:00:00Z"_s);
    QVERIFY(statusIs(save(kid.token, pastOpen.object().value(u"project_id"_s).toInt(), 1, u"x"_s),
                     423));
}

void TestAssignmentsApi::starterIsASnapshot()
{
    const QByteArray admin = m_class.adminToken;
    const int starter = createProject(admin, u"snapshot-v1"_s);
    QVERIFY(starter > 0);
    const int id =
        createAssignment({{u"title"_s, u"Snapshot"_s}, {u"starter_project_id"_s, starter}});
    QVERIFY(id > 0);
    // The teacher edits the starter after making the assignment ...
    QVERIFY(statusIs(save(admin, starter, 1, u"snapshot-v2"_s), 200));
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/hand-out"), 200));
    const auto &kid = m_class.students.at(5);
    const HttpReply opened = send(kid.token, "POST", assignmentPath(id) + "/open");
    QVERIFY(statusIs(opened, 200));
    // ... the students still get the project as it was.
    const HttpReply body =
        send(kid.token, "GET", projectPath(opened.object().value(u"project_id"_s).toInt()));
    QVERIFY(statusIs(body, 200));
    QVERIFY(body.body.contains("snapshot-v1"));
    QVERIFY(!body.body.contains("snapshot-v2"));
}

void TestAssignmentsApi::emptyStarterIsAValidProject()
{
    const int id = createAssignment({{u"title"_s, u"From scratch"_s}});
    QVERIFY(statusIs(send(m_class.adminToken, "POST", assignmentPath(id) + "/hand-out"), 200));
    const auto &kid = m_class.students.at(6);
    const HttpReply opened = send(kid.token, "POST", assignmentPath(id) + "/open");
    QVERIFY(statusIs(opened, 200));
    const HttpReply body =
        send(kid.token, "GET", projectPath(opened.object().value(u"project_id"_s).toInt()));
    QVERIFY(statusIs(body, 200));
    const QJsonObject stage = body.object().value(u"targets"_s).toArray().at(0).toObject();
    QVERIFY(stage.value(u"isStage"_s).toBool());
    const QString backdrop =
        stage.value(u"costumes"_s).toArray().at(0).toObject().value(u"md5ext"_s).toString();
    QVERIFY(!backdrop.isEmpty());
    QVERIFY(statusIs(send(kid.token, "GET", "/api/v1/assets/" + backdrop.toUtf8()), 200));
    // The student's copy saves like any project.
    QVERIFY(
        statusIs(save(kid.token, opened.object().value(u"project_id"_s).toInt(), 1, u"a"_s), 200));
}

void TestAssignmentsApi::projectAssignmentRouteNamesTheCopy()
{
    const auto &kid = m_class.students.at(7);
    const int id = createAssignment({{u"title"_s, u"Banner"_s}});
    QVERIFY(statusIs(send(m_class.adminToken, "POST", assignmentPath(id) + "/hand-out"), 200));
    const HttpReply opened = send(kid.token, "POST", assignmentPath(id) + "/open");
    const int project = opened.object().value(u"project_id"_s).toInt();
    const HttpReply copy = send(kid.token, "GET", projectPath(project) + "/assignment");
    QVERIFY(statusIs(copy, 200));
    QCOMPARE(copy.object().value(u"id"_s).toInt(), id);
    QCOMPARE(copy.object().value(u"frozen"_s).toBool(), false);
    QCOMPARE(copy.object().value(u"state"_s).toString(), u"in_progress"_s);
    // The teacher sees it too (for a read-only view); another class's student does not.
    QVERIFY(statusIs(send(m_class.adminToken, "GET", projectPath(project) + "/assignment"), 200));
    QVERIFY(statusIs(send(m_dana.token, "GET", projectPath(project) + "/assignment"), 403));
    // A project that is no copy: 404.
    const HttpReply plain = send(m_class.adminToken, "GET", projectPath(m_starter) + "/assignment");
    QVERIFY(statusIs(plain, 404));
    QVERIFY(isErrorBody(plain, u"not_found"_s));
}

void TestAssignmentsApi::permissions()
{
    const QByteArray admin = m_class.adminToken;
    const auto &kid = m_class.students.at(8);
    const int id = createAssignment({{u"title"_s, u"Rights"_s}});
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/hand-out"), 200));
    const QByteArray returnPath =
        assignmentPath(id) + "/copies/" + QByteArray::number(kid.id) + "/return";

    // Another class's student: the assignment does not exist for them.
    QVERIFY(mine(m_dana.token, id).isEmpty());
    for (const QByteArray &action : {"/open"_ba, "/hand-in"_ba}) {
        const HttpReply reply = send(m_dana.token, "POST", assignmentPath(id) + action);
        QVERIFY(statusIs(reply, 404));
        QVERIFY(isErrorBody(reply, u"not_found"_s));
    }
    // A teacher of another class: 403, as for the class itself.
    const QList<QPair<QByteArray, QByteArray>> teacherRoutes = {
        {"GET", assignmentPath(id)},
        {"GET", assignmentPath(id) + "/copies"},
        {"POST", assignmentPath(id) + "/hand-out"},
        {"GET", "/api/v1/classes/" + QByteArray::number(m_class.classId) + "/assignments"},
    };
    for (const auto &[method, path] : teacherRoutes) {
        const HttpReply reply = send(m_tom.token, method, path);
        QVERIFY2(statusIs(reply, 403), path.constData());
        QVERIFY(isErrorBody(reply, u"forbidden"_s));
        // Students never reach the teachers' routes.
        QVERIFY(statusIs(send(kid.token, method, path), 403));
        QVERIFY(statusIs(send({}, method, path), 401));
    }
    QVERIFY(statusIs(send(m_tom.token, "POST", returnPath, json({{u"feedback"_s, u"x"_s}})), 403));
    QVERIFY(statusIs(send(kid.token, "POST", returnPath, json({{u"feedback"_s, u"x"_s}})), 403));
    QCOMPARE(createAssignment({{u"title"_s, u"Not mine"_s}}, m_class.classId, m_tom.token), 0);
    // A teacher has no copy to open.
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/open"), 404));
    // A starter must be the teacher's own project.
    const int kidsProject = createProject(kid.token, u"kid-own"_s);
    const HttpReply foreign = send(
        admin, "POST", "/api/v1/classes/" + QByteArray::number(m_class.classId) + "/assignments",
        json({{u"title"_s, u"Foreign starter"_s}, {u"starter_project_id"_s, kidsProject}}));
    QVERIFY(statusIs(foreign, 400));
    QVERIFY(isErrorBody(foreign, u"bad_request"_s));
    // Unknown ids.
    QVERIFY(statusIs(send(admin, "GET", assignmentPath(999999)), 404));
    QVERIFY(statusIs(send(kid.token, "POST", assignmentPath(999999) + "/open"), 404));
    QVERIFY(statusIs(send(admin, "POST", assignmentPath(id) + "/copies/999999/return",
                          json({{u"feedback"_s, u"x"_s}})),
                     404));
    // Tom's class has its own assignments, invisible to the class of the admin's students.
    const int tomsTask = createAssignment({{u"title"_s, u"Tom's"_s}}, m_classB, m_tom.token);
    QVERIFY(tomsTask > 0);
    QVERIFY(statusIs(send(m_tom.token, "POST", assignmentPath(tomsTask) + "/hand-out"), 200));
    QVERIFY(statusIs(send(kid.token, "POST", assignmentPath(tomsTask) + "/open"), 404));
    QVERIFY(statusIs(send(m_dana.token, "POST", assignmentPath(tomsTask) + "/open"), 200));
}

void TestAssignmentsApi::malformedCreateBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray type = "application/json";
    QTest::newRow("not json") << "title=x"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("array") << "[]"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("no title") << "{}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("title number") << "{\"title\":5}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("blank title") << "{\"title\":\"  \\u0007 \"}"_ba << type << 400
                                 << u"bad_request"_s;
    QTest::newRow("long title") << json({{u"title"_s, QString(101, u'x')}}) << type << 400
                                << u"bad_request"_s;
    QTest::newRow("long instructions")
        << json({{u"title"_s, u"t"_s}, {u"instructions"_s, QString(5001, u'x')}}) << type << 400
        << u"bad_request"_s;
    QTest::newRow("instructions object")
        << "{\"title\":\"t\",\"instructions\":{}}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("due not a time")
        << "{\"title\":\"t\",\"due_at\":\"soon\"}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("due without zone") << "{\"title\":\"t\",\"due_at\":\"2030-01-01T08:00:00\"}"_ba
                                      << type << 400 << u"bad_request"_s;
    QTest::newRow("due number") << "{\"title\":\"t\",\"due_at\":1}"_ba << type << 400
                                << u"bad_request"_s;
    QTest::newRow("allow_continue text")
        << "{\"title\":\"t\",\"allow_continue\":\"yes\"}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("starter negative")
        << "{\"title\":\"t\",\"starter_project_id\":-1}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("starter text") << "{\"title\":\"t\",\"starter_project_id\":\"1\"}"_ba << type
                                  << 400 << u"bad_request"_s;
    QTest::newRow("starter unknown")
        << "{\"title\":\"t\",\"starter_project_id\":999999}"_ba << type << 400 << u"bad_request"_s;
    QTest::newRow("wrong media type") << "{\"title\":\"t\"}"_ba
                                      << "text/plain"_ba << 415 << u"unsupported_media_type"_s;
}

void TestAssignmentsApi::malformedCreateBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QByteArray path =
        "/api/v1/classes/" + QByteArray::number(m_class.classId) + "/assignments";
    const int before = static_cast<int>(
        send(m_class.adminToken, "GET", path).object().value(u"assignments"_s).toArray().size());
    Client client(m_server->port());
    client.setBearer(m_class.adminToken);
    const HttpReply reply = client.post(path, body, contentType);
    QVERIFY(statusIs(reply, status));
    QVERIFY(isErrorBody(reply, code));
    // Nothing half-made.
    QCOMPARE(
        send(m_class.adminToken, "GET", path).object().value(u"assignments"_s).toArray().size(),
        before);
}

void TestAssignmentsApi::malformedReturnBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("not json") << "feedback"_ba << 400;
    QTest::newRow("array") << "[1]"_ba << 400;
    QTest::newRow("feedback number") << "{\"feedback\":1}"_ba << 400;
    QTest::newRow("allow_continue number") << "{\"allow_continue\":1}"_ba << 400;
    QTest::newRow("long feedback") << json({{u"feedback"_s, QString(5001, u'x')}}) << 400;
}

void TestAssignmentsApi::malformedReturnBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const auto &kid = m_class.students.at(9);
    const int id = createAssignment(
        {{u"title"_s, u"Bad return %1"_s.arg(QLatin1String(QTest::currentDataTag()))}});
    QVERIFY(statusIs(send(m_class.adminToken, "POST", assignmentPath(id) + "/hand-out"), 200));
    const HttpReply reply =
        send(m_class.adminToken, "POST",
             assignmentPath(id) + "/copies/" + QByteArray::number(kid.id) + "/return", body);
    QVERIFY(statusIs(reply, status));
    QVERIFY(isErrorBody(reply, u"bad_request"_s));
    QCOMPARE(mine(kid.token, id).value(u"state"_s).toString(), u"not_started"_s);
}

QTEST_GUILESS_MAIN(TestAssignmentsApi)
#include "tst_assignmentsapi.moc"
