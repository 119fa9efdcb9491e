// SPDX-License-Identifier: AGPL-3.0-or-later
// The authorization matrix (issue #12): every route of the real route table (read from the
// router, not listed here by hand) is called by every role against the real server, and the
// class of each answer (401 / 403-or-404 / allowed) is checked against the expectation table
// below. A route without a row fails with its name, so no route ships without its row; a row
// without a route fails too, so the table never keeps stale promises.
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "server/auth/authservice.h"
#include "server/db/connectionpool.h"
#include "server/http/apiserver.h"
#include "server/http/router.h"
#include "server/live/livehub.h"
#include "server/service/runner.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

// The roles of the matrix, in the order of the expectation strings below. The fixture: class A
// taught by `teacher` with the students `owner` and `classmate`; class B taught by
// `otherTeacher` with `otherStudent` (and one more); a project owned by `owner`, shared with
// class A; an admin.
enum Role { Anonymous, Owner, Classmate, OtherStudent, Teacher, OtherTeacher, Admin, RoleCount };

const char *roleName(int role)
{
    static const char *const names[RoleCount] = {
        "anonymous", "owner", "classmate", "other-student", "teacher", "other-teacher", "admin"};
    return names[role];
}

// What a request body is made of (the body only needs to get past parsing where the route is
// allowed; what matters is the authorization decision).
enum class Body {
    None,
    Login, // the classmate's credentials (a password nobody resets here)
    ProjectJson,
    Sb3,
    Title, // {"title"}
    Share, // {"group_ids":[class A]}
    Png, // thumbnail bytes
    Asset, // bytes matching {md5ext}
    Backpack,
    ClassName, // {"name"} (class A's own name, so nothing changes)
    NewClassName, // {"name"} of a class that does not exist yet
    Members, // {"user_ids":[spare]}
    Students, // {"names":[...]}
    NewUser, // a fresh username each time
    Comment, // {"text"} (#16)
    Assignment, // {"title"} of a new assignment (#16)
    Feedback, // {"feedback"} of a return (#16)
    Pencils, // {"pencils_down":false}
    SendProject, // {"project_id": the owner's project, "press_id": a fresh one}
};

// What has to be true before each request of the row.
enum class Setup {
    None,
    FreshToken, // the caller logs in again and sends that token (DELETE /session ends it)
    Trashed, // the project is in the trash (restore)
    FreshBackpackItem, // the owner has a new backpack item; {id} is it
    SpareInClassA, // the spare student is a member of class A
    OwnerAsksForHelp, // the owner has an open help request; {id} after help is it (#16)
};

struct Row
{
    const char *route; // "METHOD pattern", exactly as registered
    // One letter per role, in Role order: u = 401, d = denied (403 or 404), a = allowed (any
    // other status below 500; 404 does not count as allowed, so fixtures must exist).
    const char *expect;
    Body body = Body::None;
    bool ifMatch = false; // send the project's current version
    Setup setup = Setup::None;
};

// The expectation table: API.md "Who may read / change" and the Clarifications (a teacher sees
// the students of the classes they teach and their projects, an admin everyone; only the owner
// changes a project; /teacher/... and /classes are for teachers and admins; health and metrics
// are open to loopback peers, which the test client always is).
//                                             anon owner mate other teacher other-t admin
const Row rows[] = {
    {"POST /api/v1/session", "aaaaaaa", Body::Login},
    {"GET /api/v1/session", "uaaaaaa"},
    {"DELETE /api/v1/session", "uaaaaaa", Body::None, false, Setup::FreshToken},
    {"GET /api/v1/join/{code}", "aaaaaaa"},
    {"GET /api/v1/me", "uaaaaaa"},
    {"GET /api/v1/me/storage", "uaaaaaa"},
    // A one-time sign-in link (#13): without a valid token nobody gets in, whoever they are.
    {"GET /login/once", "uuuuuuu"},
    // School sign-in (#15) is off on this server: 404 for everyone (tst_oidcapi covers it on).
    {"GET /login/school", "ddddddd"},
    {"GET /login/school/callback", "ddddddd"},

    {"GET /api/v1/projects", "uaaaaaa"},
    {"GET /api/v1/projects/shared", "uaaaaaa"},
    // Empties the caller's own trash (400 without ?trash=1: refused for its form, not the role).
    {"DELETE /api/v1/projects", "uaaaaaa"},
    {"POST /api/v1/projects", "uaaaaaa", Body::ProjectJson},
    {"POST /api/v1/projects/import", "uaaaaaa", Body::Sb3},
    {"GET /api/v1/projects/{id}", "uaadada"},
    {"GET /api/v1/projects/{id}/meta", "uaadada"},
    {"PUT /api/v1/projects/{id}", "uaddddd", Body::ProjectJson, true},
    {"PATCH /api/v1/projects/{id}", "uaddddd", Body::Title, true},
    {"DELETE /api/v1/projects/{id}", "uaddddd"},
    {"POST /api/v1/projects/{id}/restore", "uaddddd", Body::None, false, Setup::Trashed},
    {"POST /api/v1/projects/{id}/copy", "uaadada"},
    {"PUT /api/v1/projects/{id}/share", "uaddddd", Body::Share},
    {"GET /api/v1/projects/{id}/sb3", "uaadada"},
    {"PUT /api/v1/projects/{id}/thumbnail", "uaddddd", Body::Png},
    {"GET /api/v1/projects/{id}/thumbnail", "uaadada"},
    {"GET /api/v1/projects/{id}/versions", "uaadada"},
    {"GET /api/v1/projects/{id}/versions/{v}", "uaadada"},
    {"POST /api/v1/projects/{id}/versions/{v}/restore", "uaddddd", Body::None, true},

    {"PUT /api/v1/assets/{md5ext}", "uaaaaaa", Body::Asset},
    {"POST /api/v1/assets/{md5ext}", "uaaaaaa", Body::Asset},
    {"GET /api/v1/assets/{md5ext}", "uaaaaaa"},

    {"GET /library/{md5ext}", "uaaaaaa"},
    {"GET /api/v1/library", "udddaaa"},
    // What the editor's pickers may show (#13): any session.
    {"GET /api/v1/library/available", "uaaaaaa"},
    {"POST /api/v1/library/fill", "udddaaa"},

    {"GET /api/v1/backpack", "uaaaaaa"},
    {"POST /api/v1/backpack", "uaaaaaa", Body::Backpack},
    // Mine only: nobody else's backpack, not even for teachers (404).
    {"DELETE /api/v1/backpack/{id}", "uaddddd", Body::None, false, Setup::FreshBackpackItem},

    {"GET /api/v1/teacher/students", "udddaaa"},
    {"GET /api/v1/teacher/students/{id}/projects", "udddada"},
    {"GET /api/v1/classes", "udddaaa"},
    {"POST /api/v1/classes", "udddaaa", Body::NewClassName},
    {"PATCH /api/v1/classes/{id}", "udddada", Body::ClassName},
    {"POST /api/v1/classes/{id}/members", "udddada", Body::Members},
    {"DELETE /api/v1/classes/{id}/members/{user_id}", "udddada", Body::None, false,
     Setup::SpareInClassA},
    {"POST /api/v1/classes/{id}/students", "udddada", Body::Students},
    {"POST /api/v1/users/{id}/password", "udddada", Body::None, false, Setup::SpareInClassA},
    {"POST /api/v1/users", "uddddda", Body::NewUser},

    // "I need help" (#16): students of a class raise a hand; everyone may look at and withdraw
    // their own (nothing for a teacher); the queue and "done" are for the student's teachers.
    {"GET /api/v1/help/mine", "uaaaaaa"},
    {"POST /api/v1/help/mine", "uaaaddd"},
    {"DELETE /api/v1/help/mine", "uaaaaaa"},
    {"GET /api/v1/teacher/help", "udddaaa"},
    {"POST /api/v1/teacher/help/{id}/done", "udddada", Body::None, false, Setup::OwnerAsksForHelp},
    // Feedback (#16): the owner and the owner's teachers read; only those teachers comment; a
    // group the project is shared with does not read its comments.
    {"GET /api/v1/projects/{id}/comments", "uaddada"},
    {"POST /api/v1/projects/{id}/comments", "udddada", Body::Comment},
    {"POST /api/v1/projects/{id}/comments/read", "uaddada"},
    {"GET /api/v1/me/feedback", "uaaaaaa"},
    // Assignments (#16): teachers of the class (admin: any) manage them; its students open and
    // hand in their own copy (nobody else has one: 404); the copy's project is read as any other.
    {"GET /api/v1/classes/{id}/assignments", "udddada"},
    {"POST /api/v1/classes/{id}/assignments", "udddada", Body::Assignment},
    {"GET /api/v1/assignments/{id}", "udddada"},
    {"POST /api/v1/assignments/{id}/hand-out", "udddada"},
    {"GET /api/v1/assignments/{id}/copies", "udddada"},
    {"POST /api/v1/assignments/{id}/copies/{student_id}/return", "udddada", Body::Feedback},
    {"GET /api/v1/me/assignments", "uaaaaaa"},
    {"POST /api/v1/assignments/{id}/open", "uaadddd"},
    {"POST /api/v1/assignments/{id}/hand-in", "uaadddd"},
    {"GET /api/v1/projects/{id}/assignment", "uaddada"},
    // Live classroom controls (#16): the event stream is any session's; the controls and
    // collections are for teachers of the class (and admins).
    {"GET /api/v1/events", "uaaaaaa"},
    {"GET /api/v1/classes/{id}/live", "udddada"},
    {"PUT /api/v1/classes/{id}/live", "udddada", Body::Pencils},
    {"POST /api/v1/classes/{id}/live/send", "udddada", Body::SendProject},
    {"GET /api/v1/classes/{id}/collections", "udddada"},
    {"POST /api/v1/classes/{id}/collections", "udddada"},
    {"GET /api/v1/collections/{id}", "udddada"},
    {"GET /api/v1/collections/{id}/zip", "udddada"},

    {"GET /api/v1/status", "aaaaaaa"},
    {"GET /api/v1/health", "aaaaaaa"},
    // The cloud variables' WebSocket (#16): any signed-in user may upgrade (a plain GET gets
    // 426); which project's variables they may join is decided after the handshake
    // (tst_cloudapi).
    {"GET /api/v1/cloud", "uaaaaaa"},
    {"GET /metrics", "aaaaaaa"},
};

const Row *findRow(const QString &route)
{
    for (const Row &row : rows) {
        if (route == QLatin1String(row.route))
            return &row;
    }
    return nullptr;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QByteArray pngBytes = "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR matrix"_ba;

// The route table exactly as the server builds it: an ApiServer constructed in this process
// (never listening; its pool opens no connection until a job runs) over a throwaway data dir.
QStringList routeTable()
{
    QTemporaryDir dir;
    Db::DbConfig dbConfig;
    dbConfig.sqlitePath = dir.filePath(u"unused.sqlite3"_s);
    dbConfig.poolSize = 1;
    Db::ConnectionPool pool(dbConfig);
    Auth::AuthService auth;
    Live::LiveHub live(pool, dbConfig.sqlitePath);
    Http::HttpConfig config;
    config.webRoot = dir.path();
    Service::Runner runner(pool);
    const Http::Services services{pool, runner, auth, live, config, nullptr};
    const Http::ApiServer server(services);
    QStringList routes;
    for (const Http::Route &route : server.router().routes())
        routes << QString::fromLatin1(route.method) + u' ' + route.pattern;
    return routes;
}

} // namespace

class TestAuthMatrixApi : public QObject
{
    Q_OBJECT

private:
    struct Account
    {
        int id = 0;
        QString username;
        QString password;
        QByteArray token;
    };

    HttpReply as(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                 const QByteArray &body = {}, const QByteArray &contentType = {},
                 const HeaderList &headers = {});
    Account student(const QJsonObject &created);
    bool login(Account *account);
    int projectVersion();
    QString fillPlaceholders(const QString &pattern, const QString &backpackItem) const;
    QByteArray bodyFor(Body body, QByteArray *contentType);
    QString prepare(const Row &row, int role, QByteArray *token, QString *backpackItem);
    QString repair();

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dataDir;
    QStringList m_routes;
    Account m_accounts[RoleCount];
    Account m_spare; // a student in no fixture role: added to and removed from class A
    int m_classA = 0;
    QString m_classAName;
    QString m_joinCode;
    int m_project = 0;
    qint64 m_helpRequest = 0; // Setup::OwnerAsksForHelp
    int m_assignment = 0; // in class A, handed out (#16)
    int m_copyProject = 0; // the owner's copy of it
    int m_collection = 0; // of class A, made by its teacher
    QString m_assetName; // uploaded by the owner
    QByteArray m_assetBytes;
    QString m_libraryName; // in the library cache on disk
    int m_counter = 0; // unique names

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyRowNamesARoute();
    void matrix_data();
    void matrix();
};

HttpReply TestAuthMatrixApi::as(const QByteArray &token, const QByteArray &method,
                                const QByteArray &path, const QByteArray &body,
                                const QByteArray &contentType, const HeaderList &headers)
{
    if (path == "/api/v1/events") {
        // The event stream (#16) does not end: its status line is all that matters here.
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_server->port());
        if (!socket.waitForConnected(10000))
            return {};
        socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     + (token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n")
                     + "\r\n");
        QByteArray head;
        QDeadlineTimer deadline(10000);
        while (!head.contains("\r\n") && !deadline.hasExpired()
               && socket.state() == QAbstractSocket::ConnectedState) {
            socket.waitForReadyRead(100);
            head += socket.readAll();
        }
        HttpReply reply;
        reply.status = head.split(' ').value(1).toInt();
        return reply;
    }
    Client client(m_server->port());
    if (!token.isEmpty())
        client.setBearer(token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.headers = headers;
    if (!contentType.isEmpty())
        request.headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    request.body = body;
    return client.request(request);
}

TestAuthMatrixApi::Account TestAuthMatrixApi::student(const QJsonObject &created)
{
    Account account;
    account.id = created.value(u"id"_s).toInt();
    account.username = created.value(u"username"_s).toString();
    account.password = created.value(u"password"_s).toString();
    return account;
}

bool TestAuthMatrixApi::login(Account *account)
{
    Client client(m_server->port());
    const HttpReply reply = client.login(account->username, account->password);
    account->token = client.bearer();
    return statusIs(reply, 201);
}

int TestAuthMatrixApi::projectVersion()
{
    const HttpReply meta = as(m_accounts[Owner].token, "GET",
                              "/api/v1/projects/" + QByteArray::number(m_project) + "/meta");
    return meta.object().value(u"version"_s).toInt();
}

void TestAuthMatrixApi::initTestCase()
{
    m_routes = routeTable();
    QVERIFY2(m_routes.size() > 10, "the in-process route table is empty");

    // A Scratch library picture already in the cache on disk, so /library/{md5ext} can answer
    // 200 without any upstream.
    QVERIFY(m_dataDir.isValid());
    const QByteArray libraryBytes = svgAsset(9001);
    m_libraryName = md5ext(libraryBytes, u"svg"_s);
    QVERIFY(QDir().mkpath(m_dataDir.filePath(u"library/"_s + m_libraryName.left(2))));
    QFile cached(m_dataDir.filePath(u"library/"_s + m_libraryName.left(2) + u'/' + m_libraryName));
    QVERIFY(cached.open(QIODevice::WriteOnly));
    QCOMPARE(cached.write(libraryBytes), libraryBytes.size());
    cached.close();

    TestServer::Options options;
    options.dataDir = m_dataDir.path();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());

    const Classroom admin =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Admin's own class"_s, {});
    QVERIFY(!admin.adminToken.isEmpty());
    m_accounts[Admin].token = admin.adminToken;
    const auto teacher = createUser(m_server->port(), admin.adminToken, u"t.alpha"_s, u"teacher"_s);
    const auto otherTeacher =
        createUser(m_server->port(), admin.adminToken, u"t.beta"_s, u"teacher"_s);
    const auto spare = createUser(m_server->port(), admin.adminToken, u"spare.kid"_s, u"student"_s);
    QVERIFY(teacher.id && otherTeacher.id && spare.id);
    m_accounts[Teacher] = {teacher.id, teacher.username, teacher.password, teacher.token};
    m_accounts[OtherTeacher] = {otherTeacher.id, otherTeacher.username, otherTeacher.password,
                                otherTeacher.token};
    m_spare = {spare.id, spare.username, spare.password, spare.token};

    // Each teacher creates their class (and so teaches it) and adds its students.
    const auto makeClass = [this](const QByteArray &token, const QString &name,
                                  const QStringList &names, QList<Account> *students) {
        const HttpReply created =
            as(token, "POST", "/api/v1/classes", json({{u"name"_s, name}}), "application/json");
        if (!statusIs(created, 201))
            return 0;
        const int id = created.object().value(u"id"_s).toInt();
        if (name == u"Class A"_s)
            m_joinCode = created.object().value(u"join_code"_s).toString();
        const HttpReply added =
            as(token, "POST", "/api/v1/classes/" + QByteArray::number(id) + "/students",
               json({{u"names"_s, QJsonArray::fromStringList(names)}}), "application/json");
        if (!statusIs(added, 201))
            return 0;
        for (const QJsonValue &value : added.object().value(u"students"_s).toArray()) {
            Account account = student(value.toObject());
            if (!login(&account))
                return 0;
            students->append(account);
        }
        return id;
    };
    QList<Account> classA;
    QList<Account> classB;
    m_classAName = u"Class A"_s;
    m_classA = makeClass(m_accounts[Teacher].token, m_classAName, {u"Olga Owner"_s, u"Mats Mate"_s},
                         &classA);
    QVERIFY(m_classA);
    QVERIFY(makeClass(m_accounts[OtherTeacher].token, u"Class B"_s,
                      {u"Otto Other"_s, u"Bea Other"_s}, &classB));
    QCOMPARE(classA.size(), 2);
    QCOMPARE(classB.size(), 2);
    m_accounts[Owner] = classA.at(0);
    m_accounts[Classmate] = classA.at(1);
    m_accounts[OtherStudent] = classB.at(0);

    // The owner's asset, project (naming it), thumbnail and share with class A.
    m_assetBytes = svgAsset(4242);
    m_assetName = md5ext(m_assetBytes, u"svg"_s);
    QVERIFY(
        statusIsOneOf(as(m_accounts[Owner].token, "PUT", "/api/v1/assets/" + m_assetName.toUtf8(),
                         m_assetBytes, "image/svg+xml"),
                      {200, 201}));
    const HttpReply project = as(m_accounts[Owner].token, "POST", "/api/v1/projects?title=Matrix",
                                 scratchProject({m_assetName}), "application/json");
    QVERIFY(statusIs(project, 201));
    m_project = project.object().value(u"id"_s).toInt();
    const QByteArray projectPath = "/api/v1/projects/" + QByteArray::number(m_project);
    QVERIFY(statusIs(
        as(m_accounts[Owner].token, "PUT", projectPath + "/thumbnail", pngBytes, "image/png"),
        204));
    QVERIFY(statusIs(as(m_accounts[Owner].token, "PUT", projectPath + "/share",
                        json({{u"group_ids"_s, QJsonArray{m_classA}}}), "application/json"),
                     200));

    // An assignment of class A, handed out; the owner's copy (#16).
    const HttpReply assignment =
        as(m_accounts[Teacher].token, "POST",
           "/api/v1/classes/" + QByteArray::number(m_classA) + "/assignments",
           json({{u"title"_s, u"Matrix task"_s}}), "application/json");
    QVERIFY(statusIs(assignment, 201));
    m_assignment = assignment.object().value(u"id"_s).toInt();
    const QByteArray assignmentPath = "/api/v1/assignments/" + QByteArray::number(m_assignment);
    QVERIFY(statusIs(as(m_accounts[Teacher].token, "POST", assignmentPath + "/hand-out"), 200));
    const HttpReply opened = as(m_accounts[Owner].token, "POST", assignmentPath + "/open");
    QVERIFY(statusIs(opened, 200));
    m_copyProject = opened.object().value(u"project_id"_s).toInt();
    QVERIFY(m_copyProject > 0);
    const HttpReply collection =
        as(m_accounts[Teacher].token, "POST",
           "/api/v1/classes/" + QByteArray::number(m_classA) + "/collections");
    QVERIFY(statusIs(collection, 201));
    m_collection = collection.object().value(u"id"_s).toInt();
    m_accounts[Anonymous] = {};
}

void TestAuthMatrixApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestAuthMatrixApi::everyRowNamesARoute()
{
    QStringList stale;
    for (const Row &row : rows) {
        if (!m_routes.contains(QLatin1String(row.route)))
            stale << QLatin1String(row.route);
        QVERIFY2(qstrlen(row.expect) == RoleCount, row.route);
    }
    QVERIFY2(stale.isEmpty(),
             qPrintable(u"rows for routes the router does not have (remove or rename them): "_s
                        + stale.join(u", "_s)));
}

void TestAuthMatrixApi::matrix_data()
{
    QTest::addColumn<QString>("route");
    for (const QString &route : std::as_const(m_routes))
        QTest::newRow(qPrintable(route)) << route;
}

QString TestAuthMatrixApi::fillPlaceholders(const QString &pattern,
                                            const QString &backpackItem) const
{
    QStringList segments = pattern.split(u'/');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &segment = segments.at(i);
        if (!segment.startsWith(u'{'))
            continue;
        const QString before = i > 0 ? segments.at(i - 1) : QString();
        QString value;
        if (segment == u"{id}"_s && before == u"projects"_s && pattern.endsWith(u"/assignment"_s))
            value = QString::number(m_copyProject);
        else if (segment == u"{id}"_s && before == u"projects"_s)
            value = QString::number(m_project);
        else if (segment == u"{id}"_s && before == u"assignments"_s)
            value = QString::number(m_assignment);
        else if (segment == u"{student_id}"_s)
            value = QString::number(m_accounts[Owner].id);
        else if (segment == u"{id}"_s && before == u"classes"_s)
            value = QString::number(m_classA);
        else if (segment == u"{id}"_s && before == u"students"_s)
            value = QString::number(m_accounts[Owner].id);
        else if (segment == u"{id}"_s && before == u"users"_s)
            value = QString::number(m_spare.id);
        else if (segment == u"{id}"_s && before == u"collections"_s)
            value = QString::number(m_collection);
        else if (segment == u"{id}"_s && before == u"backpack"_s)
            value = backpackItem;
        else if (segment == u"{id}"_s && before == u"help"_s)
            value = QString::number(m_helpRequest);
        else if (segment == u"{user_id}"_s)
            value = QString::number(m_spare.id);
        else if (segment == u"{v}"_s)
            value = u"1"_s;
        else if (segment == u"{code}"_s)
            value = m_joinCode;
        else if (segment == u"{md5ext}"_s)
            value = before == u"library"_s ? m_libraryName : m_assetName;
        else
            return {}; // a new placeholder: fillPlaceholders needs to learn it
        segments[i] = value;
    }
    return segments.join(u'/');
}

QByteArray TestAuthMatrixApi::bodyFor(Body body, QByteArray *contentType)
{
    *contentType = "application/json";
    const QString unique = QString::number(++m_counter);
    switch (body) {
    case Body::None:
        contentType->clear();
        return {};
    case Body::Login:
        return json({{u"username"_s, m_accounts[Classmate].username},
                     {u"password"_s, m_accounts[Classmate].password}});
    case Body::ProjectJson:
        return scratchProject({m_assetName});
    case Body::Sb3:
        *contentType = "application/x.scratch.sb3";
        return makeSb3(scratchProject({m_assetName}), {{m_assetName, m_assetBytes}});
    case Body::Title:
        return json({{u"title"_s, QString(u"Renamed "_s + unique)}});
    case Body::Share:
        return json({{u"group_ids"_s, QJsonArray{m_classA}}});
    case Body::Png:
        *contentType = "image/png";
        return pngBytes;
    case Body::Asset:
        *contentType = "image/svg+xml";
        return m_assetBytes;
    case Body::Backpack:
        return json({{u"type"_s, u"costume"_s},
                     {u"mime"_s, u"image/svg+xml"_s},
                     {u"name"_s, u"cat"_s},
                     {u"body"_s, QString::fromLatin1(m_assetBytes.toBase64())},
                     {u"thumbnail"_s, QString::fromLatin1(pngBytes.toBase64())}});
    case Body::ClassName:
        return json({{u"name"_s, m_classAName}});
    case Body::NewClassName:
        return json({{u"name"_s, QString(u"Class "_s + unique)}});
    case Body::Members:
        return json({{u"user_ids"_s, QJsonArray{m_spare.id}}});
    case Body::Students:
        return json({{u"names"_s, QJsonArray{QString(u"New Kid "_s + unique)}}});
    case Body::NewUser:
        return json({{u"username"_s, QString(u"made."_s + unique)}, {u"role"_s, u"student"_s}});
    case Body::Comment:
        return json({{u"text"_s, QString(u"Comment "_s + unique)}});
    case Body::Assignment:
        return json({{u"title"_s, QString(u"Task "_s + unique)}});
    case Body::Feedback:
        return json({{u"feedback"_s, u"Well done."_s}});
    case Body::Pencils:
        return json({{u"pencils_down"_s, false}});
    case Body::SendProject:
        return json({{u"project_id"_s, m_project}, {u"press_id"_s, QString(u"press-"_s + unique)}});
    }
    return {};
}

// Brings the fixture into the state the row needs; returns an error text, empty when ready.
QString TestAuthMatrixApi::prepare(const Row &row, int role, QByteArray *token,
                                   QString *backpackItem)
{
    const QByteArray projectPath = "/api/v1/projects/" + QByteArray::number(m_project);
    switch (row.setup) {
    case Setup::None:
        break;
    case Setup::FreshToken:
        if (role != Anonymous) {
            Account copy = m_accounts[role];
            if (role == Admin)
                copy = {0, u"admin"_s, m_server->adminPassword(), {}};
            if (!login(&copy))
                return u"a second login failed"_s;
            *token = copy.token;
        }
        break;
    case Setup::Trashed:
        if (!statusIs(as(m_accounts[Owner].token, "DELETE", projectPath), 204))
            return u"the owner could not trash the project"_s;
        break;
    case Setup::FreshBackpackItem: {
        QByteArray type;
        const QByteArray body = bodyFor(Body::Backpack, &type);
        const HttpReply item = as(m_accounts[Owner].token, "POST", "/api/v1/backpack", body, type);
        if (!statusIs(item, 201))
            return u"the owner could not fill the backpack"_s;
        *backpackItem = item.object().value(u"id"_s).toString();
        break;
    }
    case Setup::SpareInClassA:
        if (!statusIs(as(m_accounts[Admin].token, "POST",
                         "/api/v1/classes/" + QByteArray::number(m_classA) + "/members",
                         json({{u"user_ids"_s, QJsonArray{m_spare.id}}}), "application/json"),
                      200))
            return u"the spare student could not join class A"_s;
        break;
    case Setup::OwnerAsksForHelp: {
        const HttpReply raised = as(m_accounts[Owner].token, "POST", "/api/v1/help/mine");
        if (!statusIsOneOf(raised, {200, 201}))
            return u"the owner could not ask for help"_s;
        m_helpRequest = raised.object().value(u"request"_s).toObject().value(u"id"_s).toInteger();
        break;
    }
    }
    return {};
}

// After every request: the project is out of the trash again (DELETE, restore), so the next
// row finds it. Returns an error text, empty when done.
QString TestAuthMatrixApi::repair()
{
    const QByteArray path = "/api/v1/projects/" + QByteArray::number(m_project) + "/restore";
    const HttpReply restored = as(m_accounts[Owner].token, "POST", path);
    return restored.status == 200 ? QString() : u"restoring the project: "_s + describe(restored);
}

void TestAuthMatrixApi::matrix()
{
    QFETCH(QString, route);
    const Row *row = findRow(route);
    QVERIFY2(row,
             qPrintable(u"the route \u201c"_s + route
                        + u"\u201d has no row in the authorization matrix: add a row to "
                          "tests/integration/tst_authmatrixapi.cpp saying which roles may call "
                          "it"_s));
    const qsizetype space = route.indexOf(u' ');
    const QByteArray method = route.left(space).toLatin1();
    const QString pattern = route.mid(space + 1);

    QStringList mismatches;
    for (int role = 0; role < RoleCount; ++role) {
        QByteArray token = m_accounts[role].token;
        QString backpackItem;
        const QString problem = prepare(*row, role, &token, &backpackItem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString path = fillPlaceholders(pattern, backpackItem);
        QVERIFY2(!path.isEmpty(),
                 qPrintable(u"no value for a placeholder of "_s + pattern
                            + u": teach fillPlaceholders() about it"_s));
        QByteArray contentType;
        const QByteArray body = bodyFor(row->body, &contentType);
        HeaderList headers;
        if (row->ifMatch)
            headers.append(qMakePair(QByteArray("If-Match"), ifMatch(projectVersion())));
        const HttpReply reply = as(token, method, path.toUtf8(), body, contentType, headers);
        const QString repaired = repair();
        QVERIFY2(repaired.isEmpty(), qPrintable(repaired));

        const char expected = row->expect[role];
        const int status = reply.status;
        const char actual = status == 401                    ? 'u'
            : (status == 403 || status == 404)               ? 'd'
            : (status >= 200 && status < 500 && status != 0) ? 'a'
                                                             : '?';
        if (actual != expected) {
            mismatches << u"%1: expected %2, got %3"_s.arg(QLatin1String(roleName(role)))
                              .arg(QLatin1Char(expected))
                              .arg(describe(reply).left(200));
        }
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(route + u"\n  "_s + mismatches.join(u"\n  "_s)));
}

QTEST_GUILESS_MAIN(TestAuthMatrixApi)
#include "tst_authmatrixapi.moc"
