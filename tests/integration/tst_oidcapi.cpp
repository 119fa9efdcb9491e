// SPDX-License-Identifier: AGPL-3.0-or-later
// School sign-in through OpenID Connect (#15): /login/school and /login/school/callback against a
// real provider (tests/oidc/testprovider.py, on Authlib) and a real server, walked with a plain
// HTTP client that follows every redirect itself. Also run on PostgreSQL (integration.oidcapi.pg).
#include <QDeadlineTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr auto clientId = "blockhaus-test";
constexpr auto clientSecret = "s3cret with spaces&symbols";
constexpr int stormSize = 100;

// The test provider as a child process; stops with the test (its standard input closes).
class ProviderProcess
{
public:
    bool start()
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral(BLOCKHAUS_OIDC_PYTHON),
                        {QStringLiteral(BLOCKHAUS_OIDC_PROVIDER), u"--client-id"_s,
                         QString::fromLatin1(clientId), u"--client-secret"_s,
                         QString::fromLatin1(clientSecret)});
        if (!m_process.waitForStarted(10000))
            return false;
        QByteArray out;
        const QDeadlineTimer deadline(30000);
        while (!out.contains('\n') && !deadline.hasExpired()) {
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            out += m_process.readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        if (!line.startsWith("LISTENING "))
            return false;
        m_port = static_cast<quint16>(line.mid(10).toUInt());
        return m_port != 0;
    }
    ~ProviderProcess()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QString issuer() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// One person at the provider, and what the test asks it to do with their sign-in.
struct Person
{
    QString login;
    QString name;
    QStringList groups;
    QString mode; // test_mode of the provider, empty: behave
};

QString cookieValue(const HttpReply &reply, const QByteArray &name)
{
    const QByteArray prefix = name + '=';
    for (const QByteArray &cookie : reply.headerValues("set-cookie")) {
        if (cookie.startsWith(prefix))
            return QString::fromLatin1(cookie.mid(prefix.size()).split(';').first());
    }
    return {};
}

// The path and query of an absolute address (the clients speak to 127.0.0.1 only).
QByteArray pathOf(const QUrl &url)
{
    return url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}

// The provider's authorization address with the test's person added.
QUrl withPerson(QUrl url, const Person &person)
{
    QUrlQuery query(url);
    query.addQueryItem(u"login_hint"_s, person.login);
    query.addQueryItem(u"test_name"_s, QString::fromUtf8(QUrl::toPercentEncoding(person.name)));
    query.addQueryItem(u"test_groups"_s,
                       QString::fromUtf8(QUrl::toPercentEncoding(person.groups.join(u','))));
    if (!person.mode.isEmpty())
        query.addQueryItem(u"test_mode"_s, person.mode);
    url.setQuery(query);
    return url;
}

// One sign-in up to the callback, which is left to the caller.
struct Started
{
    HttpReply start; // GET /login/school
    QUrl authorize; // where it sent the browser
    QString state; // its bh_oidc_state cookie
};

} // namespace

class TestOidcApi : public QObject
{
    Q_OBJECT

private:
    Started startSignIn(Client &client);
    // The provider's answer for this person: the address it sends the browser back to.
    QUrl authorize(const QUrl &authorizeUrl, const Person &person);
    HttpReply callback(Client &client, const QUrl &callbackUrl, const QString &stateCookie);
    // The whole walk; the callback's reply.
    HttpReply signIn(const Person &person);
    QVariant count(const QString &sql) const;

    ProviderProcess m_provider;
    std::unique_ptr<TestServer> m_server;

private slots:
    void initTestCase();
    void statusOffersSchoolSignIn();
    void firstSignInCreatesUserAndClasses();
    void secondSignInReusesThem();
    void teacherGroupMakesTeacher();
    void localAccountStillLogsIn();
    void nameOfLocalAccountIsNotTakenOver();
    void providerMisbehaviourIsRefused_data();
    void providerMisbehaviourIsRefused();
    void badPkceVerifierIsRefused();
    void rotatedKeyIsFetchedAgain();
    void callbackWithoutStateIsRefused();
    void unknownStateIsRefused();
    void stateFromAnotherBrowserIsRefused();
    void replayedStateIsRefused();
    void offWithoutIssuer();
    void badSettingsAreRefusedAtStart_data();
    void badSettingsAreRefusedAtStart();
    void slowProviderHoldsNoConnection();
    void g8_samePersonAtOnceMakesOneAccount();
    void g8_loginStormOfOneClass();
};

void TestOidcApi::initTestCase()
{
    QVERIFY2(m_provider.start(), "the test provider (python3-authlib) did not start");
    TestServer::Options options;
    options.poolSize = 8;
    options.extraArgs = {u"--oidc-issuer"_s,         m_provider.issuer(),
                         u"--oidc-client-id"_s,      QString::fromLatin1(clientId),
                         u"--oidc-teacher-groups"_s, u"Lehrer,Kollegium"_s,
                         u"--oidc-timeout-ms"_s,     u"20000"_s};
    // The secret only in the environment, as in production.
    options.extraEnv.insert(u"BLOCKHAUS_OIDC_CLIENT_SECRET"_s, QString::fromLatin1(clientSecret));
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(m_server->start());
}

Started TestOidcApi::startSignIn(Client &client)
{
    Started started;
    started.start = client.get("/login/school"_ba);
    started.authorize = QUrl::fromEncoded(started.start.header("location"));
    started.state = cookieValue(started.start, "bh_oidc_state");
    return started;
}

QUrl TestOidcApi::authorize(const QUrl &authorizeUrl, const Person &person)
{
    Client provider(m_provider.port());
    const HttpReply reply = provider.get(pathOf(withPerson(authorizeUrl, person)));
    if (reply.status != 302)
        qWarning("provider authorize: %s", qPrintable(describe(reply)));
    return QUrl::fromEncoded(reply.header("location"));
}

HttpReply TestOidcApi::callback(Client &client, const QUrl &callbackUrl, const QString &stateCookie)
{
    HeaderList headers;
    if (!stateCookie.isEmpty())
        headers.append({"Cookie", "bh_oidc_state=" + stateCookie.toLatin1()});
    return client.get(pathOf(callbackUrl), headers);
}

HttpReply TestOidcApi::signIn(const Person &person)
{
    Client client(m_server->port());
    const Started started = startSignIn(client);
    if (started.start.status != 302 || started.state.isEmpty()) {
        qWarning("start: %s", qPrintable(describe(started.start)));
        return started.start;
    }
    return callback(client, authorize(started.authorize, person), started.state);
}

QVariant TestOidcApi::count(const QString &sql) const
{
    return sqlValue(m_server->databasePath(), sql);
}

void TestOidcApi::statusOffersSchoolSignIn()
{
    Client client(m_server->port());
    const HttpReply status = client.get("/api/v1/status"_ba);
    QVERIFY(statusIs(status, 200));
    QCOMPARE(status.object().value(u"school_sign_in"_s).toBool(), true);
}

void TestOidcApi::firstSignInCreatesUserAndClasses()
{
    Client client(m_server->port());
    const Started started = startSignIn(client);
    QVERIFY(statusIs(started.start, 302));
    QVERIFY(!started.state.isEmpty());
    // The provider is asked for the code flow with PKCE S256, a state and a nonce.
    const QUrlQuery asked(started.authorize);
    QCOMPARE(started.authorize.host(), u"127.0.0.1"_s);
    QCOMPARE(asked.queryItemValue(u"response_type"_s), u"code"_s);
    QCOMPARE(asked.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(asked.queryItemValue(u"code_challenge"_s).size(), 43);
    QCOMPARE(asked.queryItemValue(u"state"_s), started.state);
    QVERIFY(asked.queryItemValue(u"nonce"_s).size() >= 32);
    QCOMPARE(asked.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
             u"http://127.0.0.1:%1/login/school/callback"_s.arg(m_server->port()));

    const Person anna{u"anna.schmidt"_s, u"Anna Schmidt"_s, {u"5a"_s, u"AG Robotik"_s}, {}};
    const HttpReply reply = callback(client, authorize(started.authorize, anna), started.state);
    QVERIFY(statusIs(reply, 200));
    const QJsonObject user = reply.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"anna.schmidt"_s);
    QCOMPARE(user.value(u"display_name"_s).toString(), u"Anna Schmidt"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"student"_s);
    QStringList groups;
    for (const QJsonValue &group : user.value(u"groups"_s).toArray())
        groups << group.toObject().value(u"name"_s).toString();
    groups.sort();
    QCOMPARE(groups, (QStringList{u"5a"_s, u"AG Robotik"_s}));
    // The same session as a password login: the cookie works, the token works.
    QVERIFY(reply.header("set-cookie").startsWith("bh_session="));
    Client me(m_server->port());
    me.setCookie("bh_session=" + cookieValue(reply, "bh_session").toLatin1());
    const HttpReply meReply = me.get("/api/v1/me"_ba);
    QVERIFY(statusIs(meReply, 200));
    QCOMPARE(meReply.object().value(u"username"_s).toString(), u"anna.schmidt"_s);
}

void TestOidcApi::secondSignInReusesThem()
{
    const Person ben{u"ben.k"_s, u"Ben K."_s, {u"6b"_s}, {}};
    const HttpReply first = signIn(ben);
    QVERIFY(statusIs(first, 200));
    // The directory renamed him and moved him to 7b meanwhile.
    const Person again{u"ben.k"_s, u"Ben Krause"_s, {u"7b"_s}, {}};
    const HttpReply second = signIn(again);
    QVERIFY(statusIs(second, 200));
    const QJsonObject user = second.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toInt(),
             first.object().value(u"user"_s).toObject().value(u"id"_s).toInt());
    QCOMPARE(user.value(u"display_name"_s).toString(), u"Ben Krause"_s);
    const QJsonArray groups = user.value(u"groups"_s).toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.first().toObject().value(u"name"_s).toString(), u"7b"_s);
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username = 'ben.k'"_s).toInt(), 1);
    QCOMPARE(
        count(u"SELECT COUNT(*) FROM external_identities WHERE subject = 'sub-ben.k'"_s).toInt(),
        1);
    // Signing in a third time into 6b reuses the class made the first time.
    const HttpReply third = signIn(ben);
    QVERIFY(statusIs(third, 200));
    QCOMPARE(count(u"SELECT COUNT(*) FROM groups WHERE name = '6b'"_s).toInt(), 1);
}

void TestOidcApi::teacherGroupMakesTeacher()
{
    const Person teacher{u"frau.weber"_s, u"Frau Weber"_s, {u"lehrer"_s, u"5a"_s}, {}};
    const HttpReply reply = signIn(teacher);
    QVERIFY(statusIs(reply, 200));
    const QJsonObject user = reply.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"role"_s).toString(), u"teacher"_s);
    QCOMPARE(reply.object().value(u"next"_s).toString(), u"/teacher"_s);
    // She teaches 5a (made by Anna's sign-in) and sees its students; "Lehrer" is no class.
    Client client(m_server->port());
    client.setBearer(reply.object().value(u"token"_s).toString().toLatin1());
    const HttpReply classes = client.get("/api/v1/classes"_ba);
    QVERIFY(statusIs(classes, 200));
    const QJsonArray list = classes.object().value(u"classes"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"name"_s).toString(), u"5a"_s);
    const HttpReply students = client.get("/api/v1/teacher/students"_ba);
    QVERIFY(statusIs(students, 200));
    bool seesAnna = false;
    for (const QJsonValue &student : students.object().value(u"students"_s).toArray())
        seesAnna |= student.toObject().value(u"username"_s).toString() == u"anna.schmidt"_s;
    QVERIFY(seesAnna);
    QCOMPARE(count(u"SELECT COUNT(*) FROM groups WHERE lower(name) = 'lehrer'"_s).toInt(), 0);
}

void TestOidcApi::localAccountStillLogsIn()
{
    Client client(m_server->port());
    QVERIFY(statusIs(client.login(u"admin"_s, m_server->adminPassword()), 201));
    // A school account has no password that works.
    Client school(m_server->port());
    QVERIFY(statusIs(school.login(u"anna.schmidt"_s, u"!oidc"_s), 401));
    QVERIFY(statusIs(school.login(u"anna.schmidt"_s, QString()), 401));
}

void TestOidcApi::nameOfLocalAccountIsNotTakenOver()
{
    // A school account called "admin" gets a name of its own; the local admin stays as it was.
    const Person impostor{u"admin"_s, u"Not the Admin"_s, {}, {}};
    const HttpReply reply = signIn(impostor);
    QVERIFY(statusIs(reply, 200));
    const QJsonObject user = reply.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"admin-2"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"student"_s);
    Client client(m_server->port());
    const HttpReply login = client.login(u"admin"_s, m_server->adminPassword());
    QVERIFY(statusIs(login, 201));
    QCOMPARE(login.object().value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);
    QVERIFY(login.object().value(u"user"_s).toObject().value(u"id"_s) != user.value(u"id"_s));
}

void TestOidcApi::providerMisbehaviourIsRefused_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("provider error (access_denied)") << u"deny"_s;
    QTest::newRow("bad signature") << u"bad_signature"_s;
    QTest::newRow("wrong audience") << u"wrong_aud"_s;
    QTest::newRow("wrong issuer") << u"wrong_iss"_s;
    QTest::newRow("expired") << u"expired"_s;
    QTest::newRow("nonce mismatch") << u"wrong_nonce"_s;
}

void TestOidcApi::providerMisbehaviourIsRefused()
{
    QFETCH(QString, mode);
    const QString login = u"refused."_s + mode;
    const HttpReply reply = signIn({login, u"Refused"_s, {u"refused-class"_s}, mode});
    QVERIFY2(checkError(reply, 401, u"unauthorized"_s).isEmpty(), qPrintable(describe(reply)));
    QVERIFY(reply.header("set-cookie").isEmpty()
            || !reply.header("set-cookie").startsWith("bh_session"));
    // Nothing half-written: no account, no class.
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username = '%1'"_s.arg(login)).toInt(), 0);
    QCOMPARE(count(u"SELECT COUNT(*) FROM groups WHERE name = 'refused-class'"_s).toInt(), 0);
}

void TestOidcApi::badPkceVerifierIsRefused()
{
    // The browser's address is changed to carry the challenge of another verifier: the provider
    // then refuses the exchange, because Blockhaus sends the verifier of this sign-in.
    Client client(m_server->port());
    const Started started = startSignIn(client);
    QVERIFY(statusIs(started.start, 302));
    QUrl tampered = started.authorize;
    QUrlQuery query(tampered);
    query.removeQueryItem(u"code_challenge"_s);
    query.addQueryItem(u"code_challenge"_s, u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    tampered.setQuery(query);
    const HttpReply reply =
        callback(client, authorize(tampered, {u"pkce.mallory"_s, u"M"_s, {}, {}}), started.state);
    QVERIFY2(checkError(reply, 401, u"unauthorized"_s).isEmpty(), qPrintable(describe(reply)));
    QVERIFY(reply.object().value(u"message"_s).toString().contains(u"invalid_grant"_s));
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username = 'pkce.mallory'"_s).toInt(), 0);
}

void TestOidcApi::rotatedKeyIsFetchedAgain()
{
    // The provider signs with a key it published only now: Blockhaus' cached key set lacks it,
    // so it fetches the set again instead of refusing.
    const HttpReply reply = signIn({u"rotated.key"_s, u"R"_s, {}, u"new_key"_s});
    QVERIFY(statusIs(reply, 200));
}

void TestOidcApi::callbackWithoutStateIsRefused()
{
    Client client(m_server->port());
    const HttpReply reply = client.get("/login/school/callback?code=abc"_ba);
    QVERIFY2(checkError(reply, 400, u"bad_request"_s).isEmpty(), qPrintable(describe(reply)));
}

void TestOidcApi::unknownStateIsRefused()
{
    Client client(m_server->port());
    const HttpReply reply = client.get("/login/school/callback?code=abc&state=madeup"_ba,
                                       {{"Cookie", "bh_oidc_state=madeup"}});
    QVERIFY2(checkError(reply, 400, u"bad_request"_s).isEmpty(), qPrintable(describe(reply)));
}

void TestOidcApi::stateFromAnotherBrowserIsRefused()
{
    // Login CSRF: an attacker's own sign-in answer, opened in the victim's browser (which has no
    // or another state cookie), is refused and does not use up the attacker's pending sign-in.
    Client attacker(m_server->port());
    const Started started = startSignIn(attacker);
    const QUrl back = authorize(started.authorize, {u"csrf.attacker"_s, u"A"_s, {}, {}});
    Client victim(m_server->port());
    QVERIFY2(checkError(callback(victim, back, QString()), 400, u"bad_request"_s).isEmpty(), "");
    QVERIFY2(checkError(callback(victim, back, u"other"_s), 400, u"bad_request"_s).isEmpty(), "");
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username = 'csrf.attacker'"_s).toInt(), 0);
}

void TestOidcApi::replayedStateIsRefused()
{
    Client client(m_server->port());
    const Started started = startSignIn(client);
    const QUrl back = authorize(started.authorize, {u"replay.rita"_s, u"Rita"_s, {}, {}});
    QVERIFY(statusIs(callback(client, back, started.state), 200));
    const HttpReply again = callback(client, back, started.state);
    QVERIFY2(checkError(again, 400, u"bad_request"_s).isEmpty(), qPrintable(describe(again)));
}

void TestOidcApi::offWithoutIssuer()
{
    TestServer plain;
    QVERIFY(plain.start());
    Client client(plain.port());
    QCOMPARE(client.get("/api/v1/status"_ba).object().value(u"school_sign_in"_s).toBool(), false);
    QVERIFY(checkError(client.get("/login/school"_ba), 404, u"not_found"_s).isEmpty());
    QVERIFY(
        checkError(client.get("/login/school/callback?state=x"_ba), 404, u"not_found"_s).isEmpty());
}

void TestOidcApi::badSettingsAreRefusedAtStart_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("plain http elsewhere") << QStringList{
        u"--oidc-issuer"_s, u"http://idp.school.example"_s, u"--oidc-client-id"_s, u"x"_s};
    QTest::newRow("no client id") << QStringList{u"--oidc-issuer"_s, m_provider.issuer()};
    QTest::newRow("scopes without openid")
        << QStringList{u"--oidc-issuer"_s, m_provider.issuer(), u"--oidc-client-id"_s, u"x"_s,
                       u"--oidc-scopes"_s, u"profile"_s};
}

void TestOidcApi::badSettingsAreRefusedAtStart()
{
    // Refused before anything starts, with the usage exit code and a sentence naming the option.
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(BLOCKHAUS_BINARY),
                  QStringList{u"--headless"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dir.path()}
                      + arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(process.readAll().contains("oidc"), "the message names the option");
}

void TestOidcApi::slowProviderHoldsNoConnection()
{
    // One database connection, and a provider slower than the timeout: while a callback waits
    // for the token endpoint, a password login still gets the connection, and the callback ends
    // with 503 at the timeout.
    TestServer::Options options;
    options.poolSize = 1;
    options.acquireTimeoutMs = 1000;
    options.extraArgs = {u"--oidc-issuer"_s,     m_provider.issuer(),
                         u"--oidc-client-id"_s,  QString::fromLatin1(clientId),
                         u"--oidc-timeout-ms"_s, u"1500"_s};
    options.extraEnv.insert(u"BLOCKHAUS_OIDC_CLIENT_SECRET"_s, QString::fromLatin1(clientSecret));
    TestServer server(options);
    QVERIFY(server.start());
    Client client(server.port());
    const Started started = startSignIn(client);
    QVERIFY(statusIs(started.start, 302));
    const QUrl back = authorize(started.authorize, {u"slow.sam"_s, u"Sam"_s, {}, u"slow"_s});
    auto tokenRequests = [this]() {
        Client provider(m_provider.port());
        return provider.get("/stats"_ba).object().value(u"token"_s).toInt();
    };
    const int before = tokenRequests();
    RawConnection waiting(server.port());
    QVERIFY(waiting.open());
    waiting.write("GET " + pathOf(back)
                  + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())
                  + "\r\nCookie: bh_oidc_state=" + started.state.toLatin1() + "\r\n\r\n");
    // Blockhaus is now waiting for the token endpoint.
    QTRY_VERIFY_WITH_TIMEOUT(tokenRequests() > before, 10000);
    Client other(server.port());
    QVERIFY(statusIs(other.login(u"admin"_s, server.adminPassword()), 201));
    const HttpReply reply = waiting.readReply(30000);
    QVERIFY2(checkError(reply, 503, u"unavailable"_s).isEmpty(), qPrintable(describe(reply)));
    QVERIFY(!reply.header("retry-after").isEmpty());
}

void TestOidcApi::g8_samePersonAtOnceMakesOneAccount()
{
    // Ten first sign-ins of one person, finished at the same moment (two tabs, a double click).
    constexpr int tabs = 10;
    QList<HttpRequest> callbacks;
    for (int i = 0; i < tabs; ++i) {
        Client client(m_server->port());
        const Started started = startSignIn(client);
        QVERIFY(statusIs(started.start, 302));
        const QUrl back =
            authorize(started.authorize, {u"twin.tabs"_s, u"Twin"_s, {u"Zwilling"_s}, {}});
        callbacks.append({"GET",
                          pathOf(back),
                          {{"Cookie", "bh_oidc_state=" + started.state.toLatin1()}},
                          {},
                          true});
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), callbacks, 120000);
    for (const HttpReply &reply : replies)
        QVERIFY(statusIs(reply, 200));
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username LIKE 'twin.tabs%'"_s).toInt(), 1);
    QCOMPARE(count(u"SELECT COUNT(*) FROM groups WHERE name = 'Zwilling'"_s).toInt(), 1);
    QCOMPARE(count(u"SELECT COUNT(*) FROM memberships m JOIN groups g ON g.id = m.group_id "
                   "WHERE g.name = 'Zwilling'"_s)
                 .toInt(),
             1);
}

void TestOidcApi::g8_loginStormOfOneClass()
{
    // 100 first-time students of one class sign in at once: one account each, one class, one
    // membership each, no duplicates and no 5xx.
    QList<HttpRequest> starts;
    for (int i = 0; i < stormSize; ++i)
        starts.append({"GET", "/login/school", {}, {}, true});
    const QList<HttpReply> started = runConcurrently(m_server->port(), starts, 120000);
    QList<HttpRequest> callbacks;
    for (int i = 0; i < stormSize; ++i) {
        const HttpReply &reply = started.at(i);
        QVERIFY(statusIs(reply, 302));
        const QString state = cookieValue(reply, "bh_oidc_state");
        const Person student{
            u"storm.%1"_s.arg(i, 3, 10, QChar(u'0')), u"Storm %1"_s.arg(i), {u"Sturm 7c"_s}, {}};
        const QUrl back = authorize(QUrl::fromEncoded(reply.header("location")), student);
        QVERIFY(back.path().endsWith(u"/login/school/callback"_s));
        callbacks.append(
            {"GET", pathOf(back), {{"Cookie", "bh_oidc_state=" + state.toLatin1()}}, {}, true});
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), callbacks, 240000);
    QSet<QString> usernames;
    for (const HttpReply &reply : replies) {
        QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
        usernames.insert(
            reply.object().value(u"user"_s).toObject().value(u"username"_s).toString());
    }
    QCOMPARE(usernames.size(), stormSize);
    QCOMPARE(count(u"SELECT COUNT(*) FROM users WHERE username LIKE 'storm.%'"_s).toInt(),
             stormSize);
    QCOMPARE(count(u"SELECT COUNT(*) FROM external_identities WHERE subject LIKE 'sub-storm.%'"_s)
                 .toInt(),
             stormSize);
    QCOMPARE(count(u"SELECT COUNT(*) FROM groups WHERE name = 'Sturm 7c'"_s).toInt(), 1);
    QCOMPARE(count(u"SELECT COUNT(*) FROM external_groups WHERE name = 'Sturm 7c'"_s).toInt(), 1);
    QCOMPARE(count(u"SELECT COUNT(*) FROM memberships m JOIN groups g ON g.id = m.group_id "
                   "WHERE g.name = 'Sturm 7c'"_s)
                 .toInt(),
             stormSize);
}

QTEST_GUILESS_MAIN(TestOidcApi)
#include "tst_oidcapi.moc"
