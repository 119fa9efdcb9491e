// SPDX-License-Identifier: AGPL-3.0-or-later
// The Authentication table of API.md: login, session, logout, CSRF, join codes, /me and login
// throttling, against a real server on 127.0.0.1.
#include <QDateTime>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QByteArray cookieFor(const QByteArray &token)
{
    return "bh_session=" + token;
}

QDateTime parseTime(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate);
}

// Checks the User object of API.md; `groupId` (when non-zero) must be among its groups.
bool isUser(const QJsonObject &user, const QString &username, const QString &role, int groupId)
{
    if (!user.value(u"id"_s).isDouble() || user.value(u"id"_s).toInt() <= 0)
        return false;
    if (user.value(u"username"_s).toString() != username)
        return false;
    if (!user.value(u"display_name"_s).isString() || user.value(u"role"_s).toString() != role)
        return false;
    if (!user.value(u"groups"_s).isArray())
        return false;
    if (groupId == 0)
        return true;
    const QJsonArray groups = user.value(u"groups"_s).toArray();
    for (const QJsonValue &group : groups) {
        const QJsonObject object = group.toObject();
        if (object.value(u"id"_s).toInt() == groupId && object.value(u"name"_s).isString())
            return true;
    }
    return false;
}

QByteArray loginBody(const QString &username, const QString &password)
{
    return QJsonDocument(QJsonObject{{u"username"_s, username}, {u"password"_s, password}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestSessionApi : public QObject
{
    Q_OBJECT

private:
    QByteArray freshToken(int student);
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void loginReturnsTokenExpiryUserAndCookie();
    void loginRejectsWrongCredentials_data();
    void loginRejectsWrongCredentials();
    void loginRejectsMalformedBody_data();
    void loginRejectsMalformedBody();
    void loginRejectsWrongContentType_data();
    void loginRejectsWrongContentType();

    void sessionDescribesCaller_data();
    void sessionDescribesCaller();
    void sessionRequiresValidCredentials_data();
    void sessionRequiresValidCredentials();
    void deletingSessionEndsTokenAtOnce_data();
    void deletingSessionEndsTokenAtOnce();

    void csrfCookieWritesNeedOwnOrigin_data();
    void csrfCookieWritesNeedOwnOrigin();
    void csrfBearerDecidesWhenBothAreSent();
    void csrfInvalidBearerIsNotRescuedByCookie();

    void joinCodeListsClassAndStudents();
    void joinCodeUnknownIsNotFound_data();
    void joinCodeUnknownIsNotFound();
    void joinCodeClosedIsNotFound();

    void meReturnsUserWithGroups();
    void meRequiresLogin();

    void throttlingLocksAccountAfterFiveFailures();
    void throttlingSuccessResetsAccountCounter();
    void throttlingSpareClassOfThirtyMistypingTwice();
    void throttlingStopsAddressAfterHundredFailures();
};

void TestSessionApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(
        m_server->port(), m_server->adminPassword(), u"Class 5b"_s,
        {u"Anna M."_s, u"Ben K."_s, u"Cem O."_s, u"Dana L."_s, u"Emil R."_s, u"Fatma S."_s});
    QVERIFY(m_classroom.classId > 0);
    QCOMPARE(m_classroom.students.size(), 6);
    for (const auto &student : std::as_const(m_classroom.students))
        QVERIFY(!student.token.isEmpty());
}

void TestSessionApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

QByteArray TestSessionApi::freshToken(int student)
{
    Client client(m_server->port());
    const auto &account = m_classroom.students.at(student);
    const HttpReply reply = client.login(account.username, account.password);
    if (!statusIs(reply, 201))
        return {};
    return client.bearer();
}

void TestSessionApi::loginReturnsTokenExpiryUserAndCookie()
{
    const auto &anna = m_classroom.students.at(0);
    Client client(m_server->port());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const HttpReply reply = client.login(anna.username, anna.password);
    QVERIFY(statusIs(reply, 201));
    const QJsonObject body = reply.object();

    const QByteArray token = body.value(u"token"_s).toString().toUtf8();
    QVERIFY(!token.isEmpty());
    QCOMPARE(client.bearer(), token);
    QVERIFY(token != anna.token); // every login is a new session

    // Sessions last 12 hours.
    const QDateTime expires = parseTime(body.value(u"expires_at"_s));
    QVERIFY2(expires.isValid(), qPrintable(body.value(u"expires_at"_s).toString()));
    QVERIFY(body.value(u"expires_at"_s).toString().endsWith(u'Z')); // ISO-8601 UTC
    const qint64 lifetime = before.secsTo(expires);
    QVERIFY2(lifetime > 12 * 3600 - 300 && lifetime <= 12 * 3600 + 300,
             qPrintable(QString::number(lifetime)));

    QVERIFY2(
        isUser(body.value(u"user"_s).toObject(), anna.username, u"student"_s, m_classroom.classId),
        reply.body.constData());
    QCOMPARE(body.value(u"user"_s).toObject().value(u"id"_s).toInt(), anna.id);

    // Set-Cookie: bh_session=TOKEN; HttpOnly; SameSite=Strict; Path=/
    const QList<QByteArray> cookies = reply.headerValues("set-cookie"_ba);
    QByteArray sessionCookie;
    for (const QByteArray &cookie : cookies) {
        if (cookie.startsWith("bh_session="))
            sessionCookie = cookie;
    }
    QVERIFY2(!sessionCookie.isEmpty(), cookies.join(" | ").constData());
    const QList<QByteArray> parts = sessionCookie.split(';');
    QCOMPARE(parts.first().trimmed(), "bh_session=" + token);
    QStringList attributes;
    for (qsizetype i = 1; i < parts.size(); ++i)
        attributes.append(QString::fromUtf8(parts.at(i).trimmed()).toLower());
    QVERIFY2(attributes.contains(u"httponly"_s), sessionCookie.constData());
    QVERIFY2(attributes.contains(u"samesite=strict"_s), sessionCookie.constData());
    QVERIFY2(attributes.contains(u"path=/"_s), sessionCookie.constData());

    // The issued token works.
    QVERIFY(statusIs(client.get("/api/v1/session"_ba), 200));
}

void TestSessionApi::loginRejectsWrongCredentials_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("rightPassword");
    QTest::newRow("wrong password") << m_classroom.students.at(1).username << false;
    QTest::newRow("unknown user") << u"nobody-here"_s << true;
    QTest::newRow("username in other case, wrong password")
        << m_classroom.students.at(1).username.toUpper() << false;
}

void TestSessionApi::loginRejectsWrongCredentials()
{
    QFETCH(QString, username);
    QFETCH(bool, rightPassword);
    Client client(m_server->port());
    const QString password =
        rightPassword ? m_classroom.students.at(1).password : u"definitely-not-it"_s;
    const HttpReply reply = client.login(username, password);
    QVERIFY(statusIs(reply, 401));
    QVERIFY(isErrorBody(reply, u"unauthorized"_s));
    const QList<QByteArray> cookies = reply.headerValues("set-cookie"_ba);
    for (const QByteArray &cookie : cookies) {
        const QByteArray pair = cookie.split(';').first().trimmed();
        QVERIFY2(!pair.startsWith("bh_session=") || pair == "bh_session=", cookie.constData());
    }
    QVERIFY(!reply.object().contains(u"token"_s));
}

void TestSessionApi::loginRejectsMalformedBody_data()
{
    const QString anna = m_classroom.students.at(0).username;
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << "username=anna&password=x"_ba;
    QTest::newRow("truncated json") << R"({"username":"anna","password":)"_ba;
    QTest::newRow("array") << R"(["anna","x"])"_ba;
    QTest::newRow("empty object") << "{}"_ba;
    QTest::newRow("empty body") << QByteArray();
    QTest::newRow("missing password")
        << QJsonDocument(QJsonObject{{u"username"_s, anna}}).toJson(QJsonDocument::Compact);
    QTest::newRow("missing username") << R"({"password":"secret"})"_ba;
    QTest::newRow("username not a string") << R"({"username":42,"password":"secret"})"_ba;
    QTest::newRow("password not a string")
        << QJsonDocument(QJsonObject{{u"username"_s, anna}, {u"password"_s, 42}})
               .toJson(QJsonDocument::Compact);
}

void TestSessionApi::loginRejectsMalformedBody()
{
    QFETCH(QByteArray, body);
    Client client(m_server->port());
    const HttpReply reply = client.post("/api/v1/session"_ba, body);
    QVERIFY(statusIs(reply, 400));
    QVERIFY(isErrorBody(reply, u"bad_request"_s));
}

void TestSessionApi::loginRejectsWrongContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("text/plain") << "text/plain"_ba;
    QTest::newRow("form") << "application/x-www-form-urlencoded"_ba;
    QTest::newRow("multipart") << "multipart/form-data; boundary=xyz"_ba;
    QTest::newRow("none") << QByteArray();
}

void TestSessionApi::loginRejectsWrongContentType()
{
    QFETCH(QByteArray, contentType);
    const auto &anna = m_classroom.students.at(0);
    Client client(m_server->port());
    const HttpReply reply =
        client.post("/api/v1/session"_ba, loginBody(anna.username, anna.password), contentType);
    QVERIFY(statusIs(reply, 415));
    QVERIFY(isErrorBody(reply, u"unsupported_media_type"_s));
}

void TestSessionApi::sessionDescribesCaller_data()
{
    QTest::addColumn<bool>("viaCookie");
    QTest::newRow("bearer") << false;
    QTest::newRow("cookie") << true;
}

void TestSessionApi::sessionDescribesCaller()
{
    QFETCH(bool, viaCookie);
    const auto &ben = m_classroom.students.at(1);
    Client client(m_server->port());
    if (viaCookie)
        client.setCookie(cookieFor(ben.token));
    else
        client.setBearer(ben.token);
    const HttpReply reply = client.get("/api/v1/session"_ba);
    QVERIFY(statusIs(reply, 200));
    const QJsonObject body = reply.object();
    QVERIFY2(parseTime(body.value(u"expires_at"_s)).isValid(), reply.body.constData());
    QVERIFY2(
        isUser(body.value(u"user"_s).toObject(), ben.username, u"student"_s, m_classroom.classId),
        reply.body.constData());
    QVERIFY(!body.contains(u"token"_s)); // the token is shown at login only
}

void TestSessionApi::sessionRequiresValidCredentials_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("cookie");
    QTest::newRow("nothing") << QByteArray() << QByteArray();
    QTest::newRow("garbage bearer") << "Bearer not-a-real-token"_ba << QByteArray();
    QTest::newRow("empty bearer") << "Bearer "_ba << QByteArray();
    QTest::newRow("basic auth") << "Basic YWRtaW46YWRtaW4="_ba << QByteArray();
    QTest::newRow("garbage cookie") << QByteArray() << "bh_session=not-a-real-token"_ba;
    QTest::newRow("other cookie") << QByteArray() << "something_else=1"_ba;
}

void TestSessionApi::sessionRequiresValidCredentials()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, cookie);
    Client client(m_server->port());
    HeaderList headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization"_ba, authorization});
    if (!cookie.isEmpty())
        headers.append({"Cookie"_ba, cookie});
    for (const QByteArray &path : {"/api/v1/session"_ba, "/api/v1/me"_ba}) {
        const HttpReply reply = client.get(path, headers);
        QVERIFY(statusIs(reply, 401));
        QVERIFY(isErrorBody(reply, u"unauthorized"_s));
    }
}

void TestSessionApi::deletingSessionEndsTokenAtOnce_data()
{
    QTest::addColumn<bool>("viaCookie");
    QTest::newRow("bearer") << false;
    QTest::newRow("cookie with own origin") << true;
}

void TestSessionApi::deletingSessionEndsTokenAtOnce()
{
    QFETCH(bool, viaCookie);
    const QByteArray token = freshToken(2);
    QVERIFY(!token.isEmpty());
    const QByteArray otherToken = freshToken(2); // a second session of the same user

    Client client(m_server->port());
    if (viaCookie) {
        client.setCookie(cookieFor(token));
        client.setOrigin(client.origin());
    } else {
        client.setBearer(token);
    }
    QVERIFY(statusIs(client.get("/api/v1/me"_ba), 200));
    const HttpReply deleted = client.del("/api/v1/session"_ba);
    QVERIFY(statusIs(deleted, 204));
    QVERIFY(deleted.body.isEmpty());

    // Dead at once, on this connection, on a new one, as bearer and as cookie.
    QVERIFY(statusIs(client.get("/api/v1/session"_ba), 401));
    Client viaBearer(m_server->port());
    viaBearer.setBearer(token);
    QVERIFY(statusIs(viaBearer.get("/api/v1/me"_ba), 401));
    Client viaCookieJar(m_server->port());
    viaCookieJar.setCookie(cookieFor(token));
    QVERIFY(statusIs(viaCookieJar.get("/api/v1/session"_ba), 401));
    QVERIFY(statusIs(viaBearer.del("/api/v1/session"_ba), 401));

    // Only that session ended.
    Client other(m_server->port());
    other.setBearer(otherToken);
    QVERIFY(statusIs(other.get("/api/v1/me"_ba), 200));
}

void TestSessionApi::csrfCookieWritesNeedOwnOrigin_data()
{
    QTest::addColumn<QByteArray>("host"); // empty: the client's own 127.0.0.1:PORT
    QTest::addColumn<QByteArray>("origin"); // "SELF": http:// + Host
    QTest::addColumn<bool>("allowed");
    QTest::newRow("no origin") << QByteArray() << QByteArray() << false;
    QTest::newRow("foreign origin") << QByteArray() << "http://evil.example"_ba << false;
    QTest::newRow("other port") << QByteArray() << "http://127.0.0.1:1"_ba << false;
    QTest::newRow("https instead of http") << QByteArray() << "https://SELF"_ba << false;
    QTest::newRow("null origin") << QByteArray() << "null"_ba << false;
    QTest::newRow("own origin") << QByteArray() << "SELF"_ba << true;
    QTest::newRow("own origin via another host name") << "localhost:PORT"_ba
                                                      << "SELF"_ba << true;
    QTest::newRow("origin of another host name") << "localhost:PORT"_ba
                                                 << "http://127.0.0.1:PORT"_ba << false;
}

void TestSessionApi::csrfCookieWritesNeedOwnOrigin()
{
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);
    const QByteArray port = QByteArray::number(m_server->port());
    host.replace("PORT", port);
    if (host.isEmpty())
        host = "127.0.0.1:" + port;
    origin.replace("PORT", port);
    if (origin == "SELF")
        origin = "http://" + host;
    else
        origin.replace("SELF", host);

    const QByteArray token = freshToken(3);
    QVERIFY(!token.isEmpty());
    HeaderList headers{{"Host"_ba, host}, {"Cookie"_ba, cookieFor(token)}};
    if (!origin.isEmpty())
        headers.append({"Origin"_ba, origin});
    Client client(m_server->port());
    const HttpReply reply = client.request({"DELETE"_ba, "/api/v1/session"_ba, headers, {}, true});

    Client check(m_server->port());
    check.setBearer(token);
    if (allowed) {
        QVERIFY(statusIs(reply, 204));
        QVERIFY(statusIs(check.get("/api/v1/session"_ba), 401));
    } else {
        QVERIFY(statusIs(reply, 403));
        QVERIFY(isErrorBody(reply, u"forbidden"_s));
        QVERIFY(statusIs(check.get("/api/v1/session"_ba), 200)); // nothing happened
        // Reads need no Origin.
        Client reader(m_server->port());
        reader.setCookie(cookieFor(token));
        QVERIFY(statusIs(reader.get("/api/v1/me"_ba), 200));
    }
}

void TestSessionApi::csrfBearerDecidesWhenBothAreSent()
{
    const QByteArray bearerToken = freshToken(4);
    const QByteArray cookieToken = freshToken(4);
    QVERIFY(!bearerToken.isEmpty() && !cookieToken.isEmpty());

    // Bearer alone is exempt, even with a foreign Origin.
    const QByteArray exemptToken = freshToken(4);
    Client exempt(m_server->port());
    exempt.setBearer(exemptToken);
    exempt.setOrigin("http://evil.example"_ba);
    QVERIFY(statusIs(exempt.del("/api/v1/session"_ba), 204));

    // Bearer + cookie without Origin: the bearer decides, no CSRF rule, its session ends.
    Client both(m_server->port());
    both.setBearer(bearerToken);
    both.setCookie(cookieFor(cookieToken));
    QVERIFY(statusIs(both.del("/api/v1/session"_ba), 204));

    Client checkBearer(m_server->port());
    checkBearer.setBearer(bearerToken);
    QVERIFY(statusIs(checkBearer.get("/api/v1/session"_ba), 401));
    Client checkCookie(m_server->port());
    checkCookie.setBearer(cookieToken);
    QVERIFY(statusIs(checkCookie.get("/api/v1/session"_ba), 200));
}

void TestSessionApi::csrfInvalidBearerIsNotRescuedByCookie()
{
    const QByteArray cookieToken = freshToken(4);
    QVERIFY(!cookieToken.isEmpty());
    Client client(m_server->port());
    client.setBearer("not-a-real-token"_ba);
    client.setCookie(cookieFor(cookieToken));
    client.setOrigin(client.origin());
    QVERIFY(statusIs(client.get("/api/v1/me"_ba), 401));
    QVERIFY(statusIs(client.del("/api/v1/session"_ba), 401));
    Client check(m_server->port());
    check.setBearer(cookieToken);
    QVERIFY(statusIs(check.get("/api/v1/session"_ba), 200));
}

void TestSessionApi::joinCodeListsClassAndStudents()
{
    QVERIFY(!m_classroom.joinCode.isEmpty());
    Client anonymous(m_server->port()); // the name picker is shown before anyone logs in
    const HttpReply reply = anonymous.get("/api/v1/join/" + m_classroom.joinCode.toUtf8());
    QVERIFY(statusIs(reply, 200));
    const QJsonObject body = reply.object();
    const QJsonObject klass = body.value(u"class"_s).toObject();
    QCOMPARE(klass.value(u"id"_s).toInt(), m_classroom.classId);
    QCOMPARE(klass.value(u"name"_s).toString(), u"Class 5b"_s);

    const QJsonArray students = body.value(u"students"_s).toArray();
    QStringList usernames;
    for (const QJsonValue &value : students) {
        const QJsonObject student = value.toObject();
        QVERIFY(student.value(u"display_name"_s).isString());
        QVERIFY2(!student.contains(u"password"_s) && !student.contains(u"password_hash"_s),
                 reply.body.constData());
        usernames.append(student.value(u"username"_s).toString());
    }
    for (const auto &student : std::as_const(m_classroom.students))
        QVERIFY2(usernames.contains(student.username), reply.body.constData());
    QVERIFY2(!usernames.contains(u"admin"_s), reply.body.constData()); // students only
}

void TestSessionApi::joinCodeUnknownIsNotFound_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::newRow("unknown") << "ZZZZ-9999"_ba;
    QTest::newRow("digits") << "000000"_ba;
    QTest::newRow("sql-ish") << "x'%20OR%20'1'='1"_ba;
}

void TestSessionApi::joinCodeUnknownIsNotFound()
{
    QFETCH(QByteArray, code);
    Client anonymous(m_server->port());
    const HttpReply reply = anonymous.get("/api/v1/join/" + code);
    QVERIFY(statusIs(reply, 404));
    QVERIFY(isErrorBody(reply, u"not_found"_s));
}

void TestSessionApi::joinCodeClosedIsNotFound()
{
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const QByteArray classPath = "/api/v1/classes/" + QByteArray::number(m_classroom.classId);
    const QByteArray joinPath = "/api/v1/join/" + m_classroom.joinCode.toUtf8();

    QVERIFY(statusIs(admin.patch(classPath, R"({"join_open":false})"_ba), 200));
    Client anonymous(m_server->port());
    const HttpReply closed = anonymous.get(joinPath);
    QVERIFY(statusIs(closed, 404));
    QVERIFY(isErrorBody(closed, u"not_found"_s));

    // Closing the join page does not stop logins.
    const auto &anna = m_classroom.students.at(0);
    Client student(m_server->port());
    QVERIFY(statusIs(student.login(anna.username, anna.password), 201));

    QVERIFY(statusIs(admin.patch(classPath, R"({"join_open":true})"_ba), 200));
    QVERIFY(statusIs(anonymous.get(joinPath), 200));
}

void TestSessionApi::meReturnsUserWithGroups()
{
    const auto &cem = m_classroom.students.at(2);
    Client client(m_server->port());
    client.setBearer(freshToken(2));
    const HttpReply reply = client.get("/api/v1/me"_ba);
    QVERIFY(statusIs(reply, 200));
    QVERIFY2(isUser(reply.object(), cem.username, u"student"_s, m_classroom.classId),
             reply.body.constData());
    QCOMPARE(reply.object().value(u"display_name"_s).toString(), u"Cem O."_s);

    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const HttpReply adminMe = admin.get("/api/v1/me"_ba);
    QVERIFY(statusIs(adminMe, 200));
    QVERIFY2(isUser(adminMe.object(), u"admin"_s, u"admin"_s, 0), adminMe.body.constData());
}

void TestSessionApi::meRequiresLogin()
{
    Client anonymous(m_server->port());
    const HttpReply reply = anonymous.get("/api/v1/me"_ba);
    QVERIFY(statusIs(reply, 401));
    QVERIFY(isErrorBody(reply, u"unauthorized"_s));
}

void TestSessionApi::throttlingLocksAccountAfterFiveFailures()
{
    const auto &emil = m_classroom.students.at(4);
    Client client(m_server->port());
    for (int attempt = 1; attempt <= 4; ++attempt)
        QVERIFY(statusIs(client.login(emil.username, u"wrong-%1"_s.arg(attempt)), 401));
    // The fifth failure may already answer 429; from then on the account is locked.
    QVERIFY(statusIsOneOf(client.login(emil.username, u"wrong-5"_s), {401, 429}));
    for (const QString &password : {u"wrong-6"_s, emil.password}) {
        const HttpReply locked = client.login(emil.username, password);
        QVERIFY(statusIs(locked, 429));
        QVERIFY(isErrorBody(locked, u"too_many_requests"_s));
        bool ok = false;
        const int retryAfter = locked.header("retry-after"_ba).toInt(&ok);
        QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 15 * 60,
                 locked.header("retry-after"_ba).constData());
        QVERIFY(!locked.object().contains(u"token"_s));
    }
    // The lock is per account: a classmate on the same address still logs in.
    const auto &fatma = m_classroom.students.at(5);
    QVERIFY(statusIs(Client(m_server->port()).login(fatma.username, fatma.password), 201));
    // Existing sessions of the locked account keep working.
    Client existing(m_server->port());
    existing.setBearer(emil.token);
    QVERIFY(statusIs(existing.get("/api/v1/me"_ba), 200));
}

void TestSessionApi::throttlingSuccessResetsAccountCounter()
{
    const auto &dana = m_classroom.students.at(3);
    Client client(m_server->port());
    for (int round = 0; round < 3; ++round) {
        for (int attempt = 1; attempt <= 4; ++attempt)
            QVERIFY(statusIs(client.login(dana.username, u"oops-%1"_s.arg(attempt)), 401));
        QVERIFY(statusIs(client.login(dana.username, dana.password), 201));
    }
}

void TestSessionApi::throttlingSpareClassOfThirtyMistypingTwice()
{
    // A fresh server: the failures of the other slots must not count here.
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    QStringList names;
    for (int i = 1; i <= 30; ++i)
        names.append(u"Kid %1"_s.arg(i));
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 3a"_s, names);
    QCOMPARE(classroom.students.size(), 30);

    // All thirty at once, as in a classroom: two typos each, then the right password.
    for (int round = 0; round < 3; ++round) {
        QList<HttpRequest> requests;
        for (const auto &kid : classroom.students) {
            const QString password = round < 2 ? kid.password + u"typo"_s : kid.password;
            requests.append({"POST"_ba,
                             "/api/v1/session"_ba,
                             {{"Content-Type"_ba, "application/json"_ba}},
                             loginBody(kid.username, password),
                             true});
        }
        const QList<HttpReply> replies = runConcurrently(server.port(), requests);
        for (const HttpReply &reply : replies)
            QVERIFY(statusIs(reply, round < 2 ? 401 : 201));
    }
    QVERIFY(server.stop());
}

void TestSessionApi::throttlingStopsAddressAfterHundredFailures()
{
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    // 100 failures per 15 minutes from one address, spread over unknown names so that no
    // account lock is involved.
    int firstThrottled = 0;
    for (int attempt = 1; attempt <= 110 && firstThrottled == 0; ++attempt) {
        const HttpReply reply = client.login(u"guess-%1"_s.arg(attempt), u"password"_s);
        if (reply.status == 429) {
            firstThrottled = attempt;
            QVERIFY(isErrorBody(reply, u"too_many_requests"_s));
            QVERIFY(!reply.header("retry-after"_ba).isEmpty());
        } else {
            QVERIFY(statusIs(reply, 401));
        }
    }
    QVERIFY2(firstThrottled > 60 && firstThrottled <= 101,
             qPrintable(u"first 429 at attempt %1"_s.arg(firstThrottled)));
    // X-Forwarded-For never counts: it does not give the client a new address.
    const HttpReply forwarded =
        client.post("/api/v1/session"_ba, loginBody(u"guess-x"_s, u"pw"_s), "application/json"_ba,
                    {{"X-Forwarded-For"_ba, "10.1.2.3"_ba}});
    QVERIFY(statusIs(forwarded, 429));
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestSessionApi)
#include "tst_sessionapi.moc"
