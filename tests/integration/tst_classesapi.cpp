// SPDX-License-Identifier: AGPL-3.0-or-later
// The Teachers table of API.md plus POST /api/v1/users: classes, members, bulk students,
// password resets and the teacher views with the visibility rules of the Clarifications.
#include <QSet>
#include <QTest>
#include <QUrl>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray classPath(int id)
{
    return "/api/v1/classes/" + QByteArray::number(id);
}

bool isClass(const QJsonObject &object)
{
    return object.value(u"id"_s).isDouble() && object.value(u"name"_s).isString()
        && object.value(u"join_code"_s).isString()
        && !object.value(u"join_code"_s).toString().isEmpty()
        && object.value(u"join_open"_s).isBool() && object.value(u"student_count"_s).isDouble();
}

QJsonObject findById(const QJsonArray &array, int id)
{
    for (const QJsonValue &value : array) {
        if (value.toObject().value(u"id"_s).toInt() == id)
            return value.toObject();
    }
    return {};
}

QSet<int> ids(const QJsonArray &array)
{
    QSet<int> result;
    for (const QJsonValue &value : array)
        result.insert(value.toObject().value(u"id"_s).toInt());
    return result;
}

} // namespace

class TestClassesApi : public QObject
{
    Q_OBJECT

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {});
    QJsonObject classOf(const QByteArray &token, int id);
    int createProject(const QByteArray &token, const QString &title);

    std::unique_ptr<TestServer> m_server;
    QByteArray m_admin;
    Classroom::Account m_tina; // teaches class A
    Classroom::Account m_tom; // teaches class B
    int m_classA = 0;
    int m_classB = 0;
    QList<Classroom::Account> m_studentsA; // Anna, Ben, Cem
    QList<Classroom::Account> m_studentsB; // Dana, Emil

private slots:
    void initTestCase();
    void cleanupTestCase();

    void usersCreateAccountsForAdminOnly();
    void usersRejectDuplicateUsername();
    void usersRejectBadBody_data();
    void usersRejectBadBody();

    void classesCreateReturnsClassTaughtByCreator();
    void classesCreateRejectsDuplicateName_data();
    void classesCreateRejectsDuplicateName();
    void classesOfTwoTeachersMayShareAName();
    void classesCreateRejectsBadBody_data();
    void classesCreateRejectsBadBody();
    void classesRequireTeacherRole_data();
    void classesRequireTeacherRole();
    void classesListShowsTaughtClassesOnly();

    void classPatchRenames();
    void classPatchTogglesJoinOpen();
    void classPatchNewJoinCodeInvalidatesOldCode();
    void classPatchRejects_data();
    void classPatchRejects();

    void bulkStudentsShowPasswordsOnceWithUniqueUsernames();
    void bulkStudentsRejects_data();
    void bulkStudentsRejects();

    void membersAddExistingUsers();
    void membersAddRejects_data();
    void membersAddRejects();
    void membersRemoveEndsSharesButKeepsProjects();

    void passwordResetReplacesOldPassword();
    void passwordResetRejects_data();
    void passwordResetRejects();

    void teacherStudentsShowTaughtStudentsOnly();
    void teacherStudentsRequireTeacherRole_data();
    void teacherStudentsRequireTeacherRole();
    void teacherStudentProjectsFollowVisibility();
    void teacherStudentProjectsRejects_data();
    void teacherStudentProjectsRejects();
};

HttpReply TestClassesApi::send(const QByteArray &token, const QByteArray &method,
                               const QByteArray &path, const QByteArray &body)
{
    Client client(m_server->port());
    client.setBearer(token);
    HeaderList headers;
    if (!body.isEmpty())
        headers.append({"Content-Type"_ba, "application/json"_ba});
    return client.request({method, path, headers, body, true});
}

QJsonObject TestClassesApi::classOf(const QByteArray &token, int id)
{
    return findById(
        send(token, "GET"_ba, "/api/v1/classes"_ba).object().value(u"classes"_s).toArray(), id);
}

int TestClassesApi::createProject(const QByteArray &token, const QString &title)
{
    Client client(m_server->port());
    client.setBearer(token);
    const HttpReply reply = client.post("/api/v1/projects?title=" + QUrl::toPercentEncoding(title),
                                        scratchProject({}, 0, title));
    if (!statusIs(reply, 201))
        return 0;
    return reply.object().value(u"id"_s).toInt();
}

void TestClassesApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    Client admin(m_server->port());
    QVERIFY(statusIs(admin.login(u"admin"_s, m_server->adminPassword()), 201));
    m_admin = admin.bearer();

    m_tina = createUser(m_server->port(), m_admin, u"tina.teacher"_s, u"teacher"_s);
    m_tom = createUser(m_server->port(), m_admin, u"tom.teacher"_s, u"teacher"_s);
    QVERIFY(m_tina.id > 0 && !m_tina.token.isEmpty());
    QVERIFY(m_tom.id > 0 && !m_tom.token.isEmpty());

    const auto makeClass = [this](const QByteArray &teacher, const QString &name,
                                  const QStringList &names, QList<Classroom::Account> &students) {
        const HttpReply created =
            send(teacher, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, name}}));
        if (!statusIs(created, 201))
            return 0;
        const int id = created.object().value(u"id"_s).toInt();
        const HttpReply added = send(teacher, "POST"_ba, classPath(id) + "/students",
                                     json({{u"names"_s, QJsonArray::fromStringList(names)}}));
        if (!statusIs(added, 201))
            return 0;
        const QJsonArray list = added.object().value(u"students"_s).toArray();
        for (const QJsonValue &value : list) {
            Classroom::Account account;
            account.id = value.toObject().value(u"id"_s).toInt();
            account.username = value.toObject().value(u"username"_s).toString();
            account.password = value.toObject().value(u"password"_s).toString();
            Client client(m_server->port());
            if (statusIs(client.login(account.username, account.password), 201))
                account.token = client.bearer();
            students.append(account);
        }
        return id;
    };
    m_classA =
        makeClass(m_tina.token, u"4a"_s, {u"Anna M."_s, u"Ben K."_s, u"Cem O."_s}, m_studentsA);
    m_classB = makeClass(m_tom.token, u"4b"_s, {u"Dana L."_s, u"Emil R."_s}, m_studentsB);
    QVERIFY(m_classA > 0 && m_classB > 0);
    QCOMPARE(m_studentsA.size(), 3);
    QCOMPARE(m_studentsB.size(), 2);
    for (const auto &student : std::as_const(m_studentsA) + m_studentsB)
        QVERIFY(student.id > 0 && !student.token.isEmpty());
}

void TestClassesApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

void TestClassesApi::usersCreateAccountsForAdminOnly()
{
    const HttpReply created = send(m_admin, "POST"_ba, "/api/v1/users"_ba,
                                   json({{u"username"_s, u"sam.second"_s},
                                         {u"display_name"_s, u"Sam Second"_s},
                                         {u"role"_s, u"teacher"_s},
                                         {u"password"_s, u"a long enough password 1"_s}}));
    QVERIFY(statusIs(created, 201));
    const QJsonObject user = created.object();
    QVERIFY(user.value(u"id"_s).toInt() > 0);
    QCOMPARE(user.value(u"username"_s).toString(), u"sam.second"_s);
    QCOMPARE(user.value(u"display_name"_s).toString(), u"Sam Second"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"teacher"_s);
    Client sam(m_server->port());
    const HttpReply login = sam.login(u"sam.second"_s, u"a long enough password 1"_s);
    QVERIFY(statusIs(login, 201));
    QCOMPARE(login.object().value(u"user"_s).toObject().value(u"role"_s).toString(), u"teacher"_s);

    // Without a password the server generates one and shows it.
    const HttpReply generated = send(m_admin, "POST"_ba, "/api/v1/users"_ba,
                                     json({{u"username"_s, u"gina.generated"_s},
                                           {u"display_name"_s, u"Gina"_s},
                                           {u"role"_s, u"student"_s}}));
    QVERIFY(statusIs(generated, 201));
    const QString password = generated.object().value(u"password"_s).toString();
    QVERIFY(!password.isEmpty());
    QVERIFY(statusIs(Client(m_server->port()).login(u"gina.generated"_s, password), 201));

    // Teachers and students may not create accounts this way.
    for (const QByteArray &token : {m_tina.token, m_studentsA.at(0).token}) {
        const HttpReply denied = send(token, "POST"_ba, "/api/v1/users"_ba,
                                      json({{u"username"_s, u"eve.evil"_s},
                                            {u"display_name"_s, u"Eve"_s},
                                            {u"role"_s, u"admin"_s}}));
        QVERIFY(statusIs(denied, 403));
        QVERIFY(isErrorBody(denied, u"forbidden"_s));
    }
    QVERIFY(statusIs(send({}, "POST"_ba, "/api/v1/users"_ba,
                          json({{u"username"_s, u"eve.evil"_s},
                                {u"display_name"_s, u"Eve"_s},
                                {u"role"_s, u"admin"_s}})),
                     401));
    QVERIFY(statusIs(Client(m_server->port()).login(u"eve.evil"_s, u"x"_s), 401));
}

void TestClassesApi::usersRejectDuplicateUsername()
{
    for (const QString &name : {u"tina.teacher"_s, u"TINA.Teacher"_s, m_studentsA.at(0).username}) {
        const HttpReply reply = send(m_admin, "POST"_ba, "/api/v1/users"_ba,
                                     json({{u"username"_s, name},
                                           {u"display_name"_s, u"Copy"_s},
                                           {u"role"_s, u"teacher"_s}}));
        QVERIFY(statusIs(reply, 409));
        QVERIFY(isErrorBody(reply, u"exists"_s));
    }
}

void TestClassesApi::usersRejectBadBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << "username=x"_ba;
    QTest::newRow("empty object") << "{}"_ba;
    QTest::newRow("unknown role")
        << R"({"username":"rolf","display_name":"R","role":"janitor"})"_ba;
    QTest::newRow("empty username") << R"({"username":"","display_name":"R","role":"student"})"_ba;
    QTest::newRow("username not a string")
        << R"({"username":7,"display_name":"R","role":"student"})"_ba;
}

void TestClassesApi::usersRejectBadBody()
{
    QFETCH(QByteArray, body);
    const HttpReply reply = send(m_admin, "POST"_ba, "/api/v1/users"_ba, body);
    QVERIFY(statusIsOneOf(reply, {400, 422}));
    QVERIFY(isErrorBody(reply, reply.status == 400 ? u"bad_request"_s : u"unprocessable"_s));
}

void TestClassesApi::classesCreateReturnsClassTaughtByCreator()
{
    const HttpReply created =
        send(m_tina.token, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, u"Robotics"_s}}));
    QVERIFY(statusIs(created, 201));
    const QJsonObject klass = created.object();
    QVERIFY2(isClass(klass), created.body.constData());
    QCOMPARE(klass.value(u"name"_s).toString(), u"Robotics"_s);
    QCOMPARE(klass.value(u"join_open"_s).toBool(), true);
    QCOMPARE(klass.value(u"student_count"_s).toInt(), 0);
    const int id = klass.value(u"id"_s).toInt();

    // The creator is a member (can share with it) and teaches it (lists it).
    const QJsonObject listed = classOf(m_tina.token, id);
    QCOMPARE(listed, klass);
    const QJsonArray groups =
        send(m_tina.token, "GET"_ba, "/api/v1/me"_ba).object().value(u"groups"_s).toArray();
    QVERIFY(ids(groups).contains(id));
    // Join codes are distinct per class.
    QVERIFY(klass.value(u"join_code"_s) != classOf(m_tina.token, m_classA).value(u"join_code"_s));
}

void TestClassesApi::classesCreateRejectsDuplicateName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("same name") << u"4a"_s;
    QTest::newRow("other case") << u"4A"_s;
}

void TestClassesApi::classesCreateRejectsDuplicateName()
{
    QFETCH(QString, name);
    // Names are unique per teacher who made the class (issue #13): Tina has a "4a" already.
    const HttpReply reply =
        send(m_tina.token, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, name}}));
    QVERIFY(statusIs(reply, 409));
    QVERIFY(isErrorBody(reply, u"exists"_s));
    QVERIFY(classOf(m_tom.token, m_classA).isEmpty()); // nothing changed hands
}

void TestClassesApi::classesOfTwoTeachersMayShareAName()
{
    // Two teachers on one school server may both have a "4a"; each sees only their own.
    const HttpReply created =
        send(m_tom.token, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, u"4A"_s}}));
    QVERIFY(statusIs(created, 201));
    const int tomsId = created.object().value(u"id"_s).toInt();
    QVERIFY(tomsId != m_classA);
    QCOMPARE(classOf(m_tom.token, tomsId).value(u"name"_s).toString(), u"4A"_s);
    QVERIFY(classOf(m_tina.token, tomsId).isEmpty());
    QCOMPARE(classOf(m_tina.token, m_classA).value(u"name"_s).toString(), u"4a"_s);
    QVERIFY(statusIs(
        send(m_tom.token, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, u"4a"_s}})), 409));
}

void TestClassesApi::classesCreateRejectsBadBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QList<int>>("statuses");
    const QList<int> invalid{400, 422};
    QTest::newRow("not json") << "name=x"_ba
                              << "application/json"_ba << QList<int>{400};
    QTest::newRow("array") << R"(["x"])"_ba
                           << "application/json"_ba << invalid;
    QTest::newRow("empty object") << "{}"_ba
                                  << "application/json"_ba << invalid;
    QTest::newRow("empty name") << R"({"name":""})"_ba
                                << "application/json"_ba << invalid;
    QTest::newRow("name not a string") << R"({"name":42})"_ba
                                       << "application/json"_ba << invalid;
    QTest::newRow("wrong content type") << R"({"name":"x"})"_ba
                                        << "text/plain"_ba << QList<int>{415};
}

void TestClassesApi::classesCreateRejectsBadBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QList<int>, statuses);
    Client client(m_server->port());
    client.setBearer(m_tina.token);
    const HttpReply reply = client.post("/api/v1/classes"_ba, body, contentType);
    QVERIFY(statusIsOneOf(reply, statuses));
    const QString code = reply.status == 400 ? u"bad_request"_s
        : reply.status == 415                ? u"unsupported_media_type"_s
                                             : u"unprocessable"_s;
    QVERIFY(isErrorBody(reply, code));
}

void TestClassesApi::classesRequireTeacherRole_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("list") << "GET"_ba << QByteArray();
    QTest::newRow("create") << "POST"_ba
                            << R"({"name":"Student club"})"_ba;
}

void TestClassesApi::classesRequireTeacherRole()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    const HttpReply student = send(m_studentsA.at(0).token, method, "/api/v1/classes"_ba, body);
    QVERIFY(statusIs(student, 403));
    QVERIFY(isErrorBody(student, u"forbidden"_s));
    const HttpReply anonymous = send({}, method, "/api/v1/classes"_ba, body);
    QVERIFY(statusIs(anonymous, 401));
    QVERIFY(isErrorBody(anonymous, u"unauthorized"_s));
}

void TestClassesApi::classesListShowsTaughtClassesOnly()
{
    const auto listed = [this](const QByteArray &token) {
        const HttpReply reply = send(token, "GET"_ba, "/api/v1/classes"_ba);
        return statusIs(reply, 200) ? reply.object().value(u"classes"_s).toArray() : QJsonArray();
    };
    const QJsonArray tina = listed(m_tina.token);
    const QJsonArray tom = listed(m_tom.token);
    const QJsonArray admin = listed(m_admin);
    QVERIFY(ids(tina).contains(m_classA) && !ids(tina).contains(m_classB));
    QVERIFY(ids(tom).contains(m_classB) && !ids(tom).contains(m_classA));
    QVERIFY(ids(admin).contains(m_classA) && ids(admin).contains(m_classB));
    for (const QJsonValue &value : admin)
        QVERIFY(isClass(value.toObject()));
    QCOMPARE(findById(tina, m_classA).value(u"student_count"_s).toInt(), 3);
    QCOMPARE(findById(admin, m_classB).value(u"student_count"_s).toInt(), 2);
}

void TestClassesApi::classPatchRenames()
{
    const HttpReply renamed =
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"name"_s, u"4a Blue"_s}}));
    QVERIFY(statusIs(renamed, 200));
    QVERIFY(isClass(renamed.object()));
    QCOMPARE(renamed.object().value(u"name"_s).toString(), u"4a Blue"_s);
    QCOMPARE(renamed.object().value(u"id"_s).toInt(), m_classA);
    QCOMPARE(classOf(m_tina.token, m_classA).value(u"name"_s).toString(), u"4a Blue"_s);
    const QString code = renamed.object().value(u"join_code"_s).toString();
    const HttpReply join = send({}, "GET"_ba, "/api/v1/join/" + code.toUtf8());
    QVERIFY(statusIs(join, 200));
    QCOMPARE(join.object().value(u"class"_s).toObject().value(u"name"_s).toString(), u"4a Blue"_s);

    // Renaming onto the name of another class of the same teacher is a conflict; another
    // teacher's class names do not count.
    QVERIFY(statusIs(
        send(m_tina.token, "POST"_ba, "/api/v1/classes"_ba, json({{u"name"_s, u"4a Green"_s}})),
        201));
    const HttpReply clash =
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"name"_s, u"4A GREEN"_s}}));
    QVERIFY(statusIs(clash, 409));
    QVERIFY(isErrorBody(clash, u"exists"_s));
    QVERIFY(statusIs(
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"name"_s, u"4b"_s}})), 200));

    QVERIFY(statusIs(
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"name"_s, u"4a"_s}})), 200));
}

void TestClassesApi::classPatchTogglesJoinOpen()
{
    const QString code = classOf(m_tina.token, m_classA).value(u"join_code"_s).toString();
    const QByteArray joinPath = "/api/v1/join/" + code.toUtf8();
    QVERIFY(statusIs(send({}, "GET"_ba, joinPath), 200));

    const HttpReply closed =
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"join_open"_s, false}}));
    QVERIFY(statusIs(closed, 200));
    QCOMPARE(closed.object().value(u"join_open"_s).toBool(true), false);
    QCOMPARE(closed.object().value(u"name"_s).toString(), u"4a"_s); // other fields unchanged
    QVERIFY(statusIs(send({}, "GET"_ba, joinPath), 404));

    const HttpReply opened =
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"join_open"_s, true}}));
    QVERIFY(statusIs(opened, 200));
    QCOMPARE(opened.object().value(u"join_open"_s).toBool(false), true);
    QCOMPARE(opened.object().value(u"join_code"_s).toString(), code); // same code again
    QVERIFY(statusIs(send({}, "GET"_ba, joinPath), 200));
}

void TestClassesApi::classPatchNewJoinCodeInvalidatesOldCode()
{
    const QString oldCode = classOf(m_tina.token, m_classA).value(u"join_code"_s).toString();
    const HttpReply reply =
        send(m_tina.token, "PATCH"_ba, classPath(m_classA), json({{u"new_join_code"_s, true}}));
    QVERIFY(statusIs(reply, 200));
    const QString newCode = reply.object().value(u"join_code"_s).toString();
    QVERIFY(!newCode.isEmpty());
    QVERIFY(newCode != oldCode);
    QCOMPARE(classOf(m_tina.token, m_classA).value(u"join_code"_s).toString(), newCode);

    const HttpReply old = send({}, "GET"_ba, "/api/v1/join/" + oldCode.toUtf8());
    QVERIFY(statusIs(old, 404));
    QVERIFY(isErrorBody(old, u"not_found"_s));
    const HttpReply current = send({}, "GET"_ba, "/api/v1/join/" + newCode.toUtf8());
    QVERIFY(statusIs(current, 200));
    QCOMPARE(current.object().value(u"class"_s).toObject().value(u"id"_s).toInt(), m_classA);
}

void TestClassesApi::classPatchRejects_data()
{
    QTest::addColumn<QString>("caller"); // admin, tina, tom, student, anonymous
    QTest::addColumn<int>("classId"); // 0: class A; -1: an unknown id
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<int>>("statuses");
    const QByteArray rename = R"({"name":"hijacked"})"_ba;
    QTest::newRow("unknown class") << u"admin"_s << -1 << rename << QList<int>{404};
    QTest::newRow("unknown class, teacher") << u"tina"_s << -1 << rename << QList<int>{404};
    QTest::newRow("not json") << u"tina"_s << 0 << "name"_ba << QList<int>{400};
    QTest::newRow("empty name") << u"tina"_s << 0 << R"({"name":""})"_ba << QList<int>{400, 422};
    QTest::newRow("join_open not bool")
        << u"tina"_s << 0 << R"({"join_open":"yes"})"_ba << QList<int>{400, 422};
    QTest::newRow("student") << u"student"_s << 0 << rename << QList<int>{403};
    QTest::newRow("anonymous") << u"anonymous"_s << 0 << rename << QList<int>{401};
    // A teacher who does not teach the class may not change it (hiding it is fine too).
    QTest::newRow("other teacher") << u"tom"_s << 0 << rename << QList<int>{403, 404};
}

void TestClassesApi::classPatchRejects()
{
    QFETCH(QString, caller);
    QFETCH(int, classId);
    QFETCH(QByteArray, body);
    QFETCH(QList<int>, statuses);
    const QByteArray token = caller == u"admin"_s ? m_admin
        : caller == u"tina"_s                     ? m_tina.token
        : caller == u"tom"_s                      ? m_tom.token
        : caller == u"student"_s                  ? m_studentsA.at(0).token
                                                  : QByteArray();
    const int id = classId == 0 ? m_classA : 999999;
    const HttpReply reply = send(token, "PATCH"_ba, classPath(id), body);
    QVERIFY(statusIsOneOf(reply, statuses));
    QVERIFY(reply.object().value(u"error"_s).isString());
    QCOMPARE(classOf(m_admin, m_classA).value(u"name"_s).toString(), u"4a"_s);
}

void TestClassesApi::bulkStudentsShowPasswordsOnceWithUniqueUsernames()
{
    const int before = classOf(m_tina.token, m_classA).value(u"student_count"_s).toInt();
    const QStringList names{u"Anna M."_s, u"Anna M."_s, u"Zoë Ünal"_s};
    const HttpReply reply = send(m_tina.token, "POST"_ba, classPath(m_classA) + "/students",
                                 json({{u"names"_s, QJsonArray::fromStringList(names)}}));
    QVERIFY(statusIs(reply, 201));
    const QJsonArray students = reply.object().value(u"students"_s).toArray();
    QCOMPARE(students.size(), names.size());

    QSet<QString> usernames;
    for (const auto &existing : std::as_const(m_studentsA) + m_studentsB)
        usernames.insert(existing.username.toLower());
    QStringList passwords;
    for (qsizetype i = 0; i < students.size(); ++i) {
        const QJsonObject student = students.at(i).toObject();
        QVERIFY(student.value(u"id"_s).toInt() > 0);
        QCOMPARE(student.value(u"display_name"_s).toString(), names.at(i));
        const QString username = student.value(u"username"_s).toString();
        QVERIFY(!username.isEmpty());
        QVERIFY2(!usernames.contains(username.toLower()), qPrintable(username)); // unique
        usernames.insert(username.toLower());
        const QString password = student.value(u"password"_s).toString();
        QVERIFY(password.size() >= 6);
        passwords.append(password);

        Client client(m_server->port());
        const HttpReply login = client.login(username, password);
        QVERIFY(statusIs(login, 201));
        const QJsonObject user = login.object().value(u"user"_s).toObject();
        QCOMPARE(user.value(u"role"_s).toString(), u"student"_s);
        QVERIFY(ids(user.value(u"groups"_s).toArray()).contains(m_classA));
    }
    QCOMPARE(classOf(m_tina.token, m_classA).value(u"student_count"_s).toInt(),
             before + int(names.size()));

    // Shown this once: no later reply carries a password.
    const QString joinCode = classOf(m_tina.token, m_classA).value(u"join_code"_s).toString();
    const QList<HttpReply> later{send(m_tina.token, "GET"_ba, "/api/v1/classes"_ba),
                                 send(m_tina.token, "GET"_ba, "/api/v1/teacher/students"_ba),
                                 send({}, "GET"_ba, "/api/v1/join/" + joinCode.toUtf8())};
    for (const HttpReply &laterReply : later) {
        QVERIFY(statusIs(laterReply, 200));
        QVERIFY2(!laterReply.body.contains("password"), laterReply.body.constData());
        for (const QString &password : std::as_const(passwords))
            QVERIFY(!laterReply.body.contains(password.toUtf8()));
    }
}

void TestClassesApi::bulkStudentsRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<int>("classId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<int>>("statuses");
    const QByteArray one = R"({"names":["Nina N."]})"_ba;
    QTest::newRow("names not a list")
        << u"tina"_s << 0 << R"({"names":"Nina"})"_ba << QList<int>{400, 422};
    QTest::newRow("name not a string")
        << u"tina"_s << 0 << R"({"names":[42]})"_ba << QList<int>{400, 422};
    QTest::newRow("empty name") << u"tina"_s << 0 << R"({"names":["Nina N.",""]})"_ba
                                << QList<int>{400, 422};
    QTest::newRow("no names") << u"tina"_s << 0 << "{}"_ba << QList<int>{400, 422};
    QTest::newRow("not json") << u"tina"_s << 0 << "Nina N."_ba << QList<int>{400};
    QTest::newRow("unknown class") << u"tina"_s << -1 << one << QList<int>{404};
    QTest::newRow("student") << u"student"_s << 0 << one << QList<int>{403};
    QTest::newRow("anonymous") << u"anonymous"_s << 0 << one << QList<int>{401};
    QTest::newRow("other teacher") << u"tom"_s << 0 << one << QList<int>{403, 404};
}

void TestClassesApi::bulkStudentsRejects()
{
    QFETCH(QString, caller);
    QFETCH(int, classId);
    QFETCH(QByteArray, body);
    QFETCH(QList<int>, statuses);
    const QByteArray token = caller == u"tina"_s ? m_tina.token
        : caller == u"tom"_s                     ? m_tom.token
        : caller == u"student"_s                 ? m_studentsA.at(0).token
                                                 : QByteArray();
    const int before = classOf(m_admin, m_classA).value(u"student_count"_s).toInt();
    const HttpReply reply =
        send(token, "POST"_ba, classPath(classId == 0 ? m_classA : 999999) + "/students", body);
    QVERIFY(statusIsOneOf(reply, statuses));
    QVERIFY(reply.object().value(u"error"_s).isString());
    QCOMPARE(classOf(m_admin, m_classA).value(u"student_count"_s).toInt(), before);
    QVERIFY(!reply.body.contains("password"));
}

void TestClassesApi::membersAddExistingUsers()
{
    const auto &dana = m_studentsB.at(0);
    const int before = classOf(m_tina.token, m_classA).value(u"student_count"_s).toInt();
    const HttpReply reply = send(m_tina.token, "POST"_ba, classPath(m_classA) + "/members",
                                 json({{u"user_ids"_s, QJsonArray{dana.id}}}));
    QVERIFY(statusIs(reply, 200));
    QVERIFY(isClass(reply.object()));
    QCOMPARE(reply.object().value(u"id"_s).toInt(), m_classA);
    QCOMPARE(reply.object().value(u"student_count"_s).toInt(), before + 1);

    // Dana is now in both classes and Tina sees her.
    Client client(m_server->port());
    client.setBearer(dana.token);
    const QSet<int> groups = ids(client.get("/api/v1/me"_ba).object().value(u"groups"_s).toArray());
    QVERIFY(groups.contains(m_classA) && groups.contains(m_classB));
    const QJsonArray seen = send(m_tina.token, "GET"_ba, "/api/v1/teacher/students"_ba)
                                .object()
                                .value(u"students"_s)
                                .toArray();
    QVERIFY(ids(seen).contains(dana.id));

    // Adding her again changes nothing.
    const HttpReply again = send(m_tina.token, "POST"_ba, classPath(m_classA) + "/members",
                                 json({{u"user_ids"_s, QJsonArray{dana.id}}}));
    QVERIFY(statusIs(again, 200));
    QCOMPARE(again.object().value(u"student_count"_s).toInt(), before + 1);
}

void TestClassesApi::membersAddRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<int>("classId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<int>>("statuses");
    QTest::newRow("unknown user") << u"tina"_s << 0 << R"({"user_ids":[999999]})"_ba
                                  << QList<int>{404, 422};
    QTest::newRow("ids not a list")
        << u"tina"_s << 0 << R"({"user_ids":5})"_ba << QList<int>{400, 422};
    QTest::newRow("id not a number")
        << u"tina"_s << 0 << R"({"user_ids":["x"]})"_ba << QList<int>{400, 422};
    QTest::newRow("not json") << u"tina"_s << 0 << "5"_ba << QList<int>{400, 422};
    QTest::newRow("unknown class")
        << u"tina"_s << -1 << R"({"user_ids":[EMIL]})"_ba << QList<int>{404};
    QTest::newRow("student") << u"student"_s << 0 << R"({"user_ids":[EMIL]})"_ba << QList<int>{403};
    QTest::newRow("anonymous") << u"anonymous"_s << 0 << R"({"user_ids":[EMIL]})"_ba
                               << QList<int>{401};
    QTest::newRow("other teacher")
        << u"tom"_s << 0 << R"({"user_ids":[EMIL]})"_ba << QList<int>{403, 404};
}

void TestClassesApi::membersAddRejects()
{
    QFETCH(QString, caller);
    QFETCH(int, classId);
    QFETCH(QByteArray, body);
    QFETCH(QList<int>, statuses);
    const auto &emil = m_studentsB.at(1);
    body.replace("EMIL", QByteArray::number(emil.id));
    const QByteArray token = caller == u"tina"_s ? m_tina.token
        : caller == u"tom"_s                     ? m_tom.token
        : caller == u"student"_s                 ? m_studentsA.at(0).token
                                                 : QByteArray();
    const HttpReply reply =
        send(token, "POST"_ba, classPath(classId == 0 ? m_classA : 999999) + "/members", body);
    QVERIFY(statusIsOneOf(reply, statuses));
    QVERIFY(reply.object().value(u"error"_s).isString());
    Client client(m_server->port());
    client.setBearer(emil.token);
    QVERIFY(
        !ids(client.get("/api/v1/me"_ba).object().value(u"groups"_s).toArray()).contains(m_classA));
}

void TestClassesApi::membersRemoveEndsSharesButKeepsProjects()
{
    const auto &dana = m_studentsB.at(0); // member of A since membersAddExistingUsers
    const auto &anna = m_studentsA.at(0);
    const int project = createProject(dana.token, u"Dana's maze"_s);
    QVERIFY(project > 0);
    const QByteArray projectPath = "/api/v1/projects/" + QByteArray::number(project);
    const HttpReply shared = send(dana.token, "PUT"_ba, projectPath + "/share",
                                  json({{u"group_ids"_s, QJsonArray{m_classA, m_classB}}}));
    QVERIFY(statusIs(shared, 200));
    const auto sharedIds = [&](const QByteArray &token) {
        return ids(send(token, "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value(u"projects"_s)
                       .toArray());
    };
    QVERIFY(sharedIds(anna.token).contains(project));

    const HttpReply removed = send(m_tina.token, "DELETE"_ba,
                                   classPath(m_classA) + "/members/" + QByteArray::number(dana.id));
    QVERIFY(statusIs(removed, 204));

    // Her project stays hers, the share with A ended, the share with B stays.
    const HttpReply meta = send(dana.token, "GET"_ba, projectPath + "/meta");
    QVERIFY(statusIs(meta, 200));
    QCOMPARE(meta.object().value(u"owner"_s).toObject().value(u"id"_s).toInt(), dana.id);
    const QSet<int> sharedWith = ids(meta.object().value(u"shared_with"_s).toArray());
    QVERIFY2(!sharedWith.contains(m_classA), meta.body.constData());
    QVERIFY2(sharedWith.contains(m_classB), meta.body.constData());
    QVERIFY(ids(send(dana.token, "GET"_ba, "/api/v1/projects"_ba)
                    .object()
                    .value(u"projects"_s)
                    .toArray())
                .contains(project));
    QVERIFY(!sharedIds(anna.token).contains(project));
    QVERIFY(sharedIds(m_studentsB.at(1).token).contains(project));

    // She is no longer a member; removing her again is 404.
    Client client(m_server->port());
    client.setBearer(dana.token);
    QVERIFY(
        !ids(client.get("/api/v1/me"_ba).object().value(u"groups"_s).toArray()).contains(m_classA));
    QVERIFY(statusIs(send(m_tina.token, "DELETE"_ba,
                          classPath(m_classA) + "/members/" + QByteArray::number(dana.id)),
                     404));
    QVERIFY(statusIs(send(m_tina.token, "DELETE"_ba,
                          classPath(999999) + "/members/" + QByteArray::number(dana.id)),
                     404));
    QVERIFY(statusIs(send(anna.token, "DELETE"_ba,
                          classPath(m_classA) + "/members/" + QByteArray::number(anna.id)),
                     403));
}

void TestClassesApi::passwordResetReplacesOldPassword()
{
    const auto &ben = m_studentsA.at(1);
    const QByteArray path = "/api/v1/users/" + QByteArray::number(ben.id) + "/password";
    const HttpReply reset = send(m_tina.token, "POST"_ba, path);
    QVERIFY(statusIs(reset, 200));
    const QString password = reset.object().value(u"password"_s).toString();
    QVERIFY(!password.isEmpty());
    QVERIFY(password != ben.password);

    Client client(m_server->port());
    const HttpReply old = client.login(ben.username, ben.password);
    QVERIFY(statusIs(old, 401));
    QVERIFY(statusIs(client.login(ben.username, password), 201));

    // An admin may reset anyone's password.
    const HttpReply byAdmin = send(m_admin, "POST"_ba, path);
    QVERIFY(statusIs(byAdmin, 200));
    const QString adminPassword = byAdmin.object().value(u"password"_s).toString();
    QVERIFY(statusIs(client.login(ben.username, password), 401));
    QVERIFY(statusIs(client.login(ben.username, adminPassword), 201));
}

void TestClassesApi::passwordResetRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<int>("target"); // index into class A students; -1: unknown id
    QTest::addColumn<QList<int>>("statuses");
    QTest::newRow("unknown user") << u"tina"_s << -1 << QList<int>{404};
    QTest::newRow("student for classmate") << u"student"_s << 2 << QList<int>{403};
    QTest::newRow("anonymous") << u"anonymous"_s << 2 << QList<int>{401};
    QTest::newRow("teacher of another class") << u"tom"_s << 2 << QList<int>{403, 404};
}

void TestClassesApi::passwordResetRejects()
{
    QFETCH(QString, caller);
    QFETCH(int, target);
    QFETCH(QList<int>, statuses);
    const QByteArray token = caller == u"tina"_s ? m_tina.token
        : caller == u"tom"_s                     ? m_tom.token
        : caller == u"student"_s                 ? m_studentsA.at(0).token
                                                 : QByteArray();
    const int id = target < 0 ? 999999 : m_studentsA.at(target).id;
    const HttpReply reply =
        send(token, "POST"_ba, "/api/v1/users/" + QByteArray::number(id) + "/password");
    QVERIFY(statusIsOneOf(reply, statuses));
    QVERIFY(!reply.object().contains(u"password"_s));
    if (target >= 0) { // the password still works
        const auto &student = m_studentsA.at(target);
        QVERIFY(statusIs(Client(m_server->port()).login(student.username, student.password), 201));
    }
}

void TestClassesApi::teacherStudentsShowTaughtStudentsOnly()
{
    const auto list = [this](const QByteArray &token) {
        const HttpReply reply = send(token, "GET"_ba, "/api/v1/teacher/students"_ba);
        return statusIs(reply, 200) ? reply.object().value(u"students"_s).toArray() : QJsonArray();
    };
    const QJsonArray tina = list(m_tina.token);
    const QJsonArray tom = list(m_tom.token);
    const QJsonArray admin = list(m_admin);
    for (const auto &student : std::as_const(m_studentsA)) {
        QVERIFY(ids(tina).contains(student.id));
        QVERIFY(!ids(tom).contains(student.id));
        QVERIFY(ids(admin).contains(student.id));
    }
    const auto &emil = m_studentsB.at(1);
    QVERIFY(!ids(tina).contains(emil.id));
    QVERIFY(ids(tom).contains(emil.id));
    QVERIFY(ids(admin).contains(emil.id));

    // Field shapes, and project_count following the projects.
    const auto &cem = m_studentsA.at(2);
    const int before = findById(tina, cem.id).value(u"project_count"_s).toInt(-1);
    QCOMPARE(before, 0);
    QVERIFY(createProject(cem.token, u"Cem's game"_s) > 0);
    const QJsonObject entry = findById(list(m_tina.token), cem.id);
    QCOMPARE(entry.value(u"username"_s).toString(), cem.username);
    QCOMPARE(entry.value(u"display_name"_s).toString(), u"Cem O."_s);
    QVERIFY(ids(entry.value(u"groups"_s).toArray()).contains(m_classA));
    QCOMPARE(entry.value(u"project_count"_s).toInt(), 1);
    QVERIFY(entry.value(u"online"_s).isBool());
    QVERIFY(entry.value(u"last_seen"_s).isString() || entry.value(u"last_seen"_s).isNull());
    QVERIFY(!entry.contains(u"password"_s) && !entry.contains(u"password_hash"_s));
}

void TestClassesApi::teacherStudentsRequireTeacherRole_data()
{
    QTest::addColumn<bool>("anonymous");
    QTest::newRow("student") << false;
    QTest::newRow("anonymous") << true;
}

void TestClassesApi::teacherStudentsRequireTeacherRole()
{
    QFETCH(bool, anonymous);
    const QByteArray token = anonymous ? QByteArray() : m_studentsA.at(0).token;
    const HttpReply reply = send(token, "GET"_ba, "/api/v1/teacher/students"_ba);
    QVERIFY(statusIs(reply, anonymous ? 401 : 403));
    QVERIFY(isErrorBody(reply, anonymous ? u"unauthorized"_s : u"forbidden"_s));
}

void TestClassesApi::teacherStudentProjectsFollowVisibility()
{
    const auto &anna = m_studentsA.at(0);
    const auto &emil = m_studentsB.at(1);
    const int annaProject = createProject(anna.token, u"Anna's story"_s);
    const int emilProject = createProject(emil.token, u"Emil's pong"_s);
    QVERIFY(annaProject > 0 && emilProject > 0);
    const auto projectsPath = [](int student) -> QByteArray {
        return "/api/v1/teacher/students/" + QByteArray::number(student) + "/projects";
    };

    const HttpReply tina = send(m_tina.token, "GET"_ba, projectsPath(anna.id));
    QVERIFY(statusIs(tina, 200));
    const QJsonObject student = tina.object().value(u"student"_s).toObject();
    QCOMPARE(student.value(u"id"_s).toInt(), anna.id);
    QCOMPARE(student.value(u"username"_s).toString(), anna.username);
    const QJsonArray projects = tina.object().value(u"projects"_s).toArray();
    const QJsonObject meta = findById(projects, annaProject);
    QCOMPARE(meta.value(u"title"_s).toString(), u"Anna's story"_s);
    QCOMPARE(meta.value(u"owner"_s).toObject().value(u"id"_s).toInt(), anna.id);
    QCOMPARE(meta.value(u"version"_s).toInt(), 1);
    // The teacher may open it too (teachers read their students' projects).
    QVERIFY(statusIs(
        send(m_tina.token, "GET"_ba, "/api/v1/projects/" + QByteArray::number(annaProject)), 200));

    // Emil is not in a class Tina teaches; the admin sees everyone.
    QVERIFY(statusIsOneOf(send(m_tina.token, "GET"_ba, projectsPath(emil.id)), {403, 404}));
    const HttpReply admin = send(m_admin, "GET"_ba, projectsPath(emil.id));
    QVERIFY(statusIs(admin, 200));
    QVERIFY(ids(admin.object().value(u"projects"_s).toArray()).contains(emilProject));
    const HttpReply tom = send(m_tom.token, "GET"_ba, projectsPath(emil.id));
    QVERIFY(statusIs(tom, 200));
    QVERIFY(ids(tom.object().value(u"projects"_s).toArray()).contains(emilProject));
}

void TestClassesApi::teacherStudentProjectsRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QByteArray>("id"); // "ANNA": a student of class A
    QTest::addColumn<QList<int>>("statuses");
    QTest::newRow("unknown student") << u"admin"_s << "999999"_ba << QList<int>{404};
    QTest::newRow("not a number") << u"admin"_s << "anna"_ba << QList<int>{400, 404};
    QTest::newRow("student") << u"student"_s << "ANNA"_ba << QList<int>{403};
    QTest::newRow("anonymous") << u"anonymous"_s << "ANNA"_ba << QList<int>{401};
}

void TestClassesApi::teacherStudentProjectsRejects()
{
    QFETCH(QString, caller);
    QFETCH(QByteArray, id);
    QFETCH(QList<int>, statuses);
    id.replace("ANNA", QByteArray::number(m_studentsA.at(0).id));
    const QByteArray token = caller == u"admin"_s ? m_admin
        : caller == u"student"_s                  ? m_studentsA.at(2).token
                                                  : QByteArray();
    const HttpReply reply = send(token, "GET"_ba, "/api/v1/teacher/students/" + id + "/projects");
    QVERIFY(statusIsOneOf(reply, statuses));
    QVERIFY(reply.object().value(u"error"_s).isString());
    QVERIFY(!reply.object().contains(u"projects"_s));
}

QTEST_GUILESS_MAIN(TestClassesApi)
#include "tst_classesapi.moc"
