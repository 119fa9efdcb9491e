// SPDX-License-Identifier: AGPL-3.0-or-later
// One-time sign-in links (#13): the dashboard's "Open in the browser" issues a link
// (StoreClassroomService::loginLink) and GET /login/once exchanges it, once, for the same session
// cookie a login sets. Against a real server running in this process (so the test can issue links
// as the dashboard does and set the links' clock), over real TCP on 127.0.0.1.
//
// The local-peer rule is tested for real: the client binds its socket to 127.0.0.2 (on Linux the
// whole 127/8 reaches the server), a peer the rule does not count as "this computer's browser",
// because only 127.0.0.1 and ::1 do (Auth::LoginLinks::isLocalPeer). X-Forwarded-For is never
// read; a forged one is sent to show it does not help.
#include <QFuture>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "app/servercontroller.h"
#include "server/auth/authservice.h"
#include "server/auth/loginlinks.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

constexpr int waitMs = 15000;

// A bounded wait on a service future; an empty URL when it failed (error in *error).
QUrl linkOf(QFuture<Ui::Outcome<QUrl>> future, QString *error = nullptr)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs)
        || future.resultCount() != 1)
        return {};
    const Ui::Outcome<QUrl> outcome = future.result();
    if (error)
        *error = outcome.error;
    return outcome.value.value_or(QUrl());
}

QByteArray pathOf(const QUrl &url)
{
    return url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}

// The session cookie a reply sets ("bh_session=TOKEN"), or empty.
QByteArray cookieOf(const HttpReply &reply)
{
    for (const QByteArray &value : reply.headerValues("set-cookie")) {
        if (value.startsWith("bh_session=") && !value.startsWith("bh_session=;"))
            return value.left(value.indexOf(';'));
    }
    return {};
}

// One GET from a given local source address; the status line's code, or 0.
int statusFrom(const QHostAddress &source, quint16 port, const QByteArray &path,
               const QByteArray &extraHeaders = {})
{
    QTcpSocket socket;
    if (!socket.bind(source, 0))
        return -1;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(waitMs))
        return 0;
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n"
                 + extraHeaders + "Connection: close\r\n\r\n");
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(waitMs))
        answer += socket.readAll();
    const QList<QByteArray> statusLine = answer.left(answer.indexOf("\r\n")).split(' ');
    return statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
}

} // namespace

class TestLoginLinkApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void linkSignsInOnceAndLeadsToTheTeacherPage();
    void secondUseIsRefused();
    void refusalIsAReadablePageForABrowser();
    void unknownOrMissingTokenIsRefused();
    void linkKeepsAPathWithItsQuery();
    void expiredLinkIsRefused();
    void linkFromAnotherPeerIsRefusedAndStaysValid();
    void nextToAnotherPlaceIsRefused_data();
    void nextToAnotherPlaceIsRefused();
    void localPeerRule_data();
    void localPeerRule();
    void linksAreSingleUseTokensKeptOnlyHashed();

private:
    QUrl issue(const QString &next = u"/teacher"_s);

    QTemporaryDir m_dir;
    std::unique_ptr<PgTestDatabase> m_postgres; // the *.pg run (#15): before the server
    std::unique_ptr<App::ServerController> m_server;
    qint64 m_nowMs = 0; // the links' clock, when a test sets it
};

void TestLoginLinkApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    App::Options options = inProcessServerOptions(m_dir.path(), u"login-link-admin-1"_s);
    options.database = requestedPostgresAddress(m_postgres);
    QCOMPARE(options.database.isEmpty(), !TestServer::postgresRequested());
    options.databasePassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QCOMPARE(m_server->localOrigin(), u"http://127.0.0.1:%1"_s.arg(m_server->port()));
}

void TestLoginLinkApi::cleanupTestCase()
{
    m_server->stop();
}

QUrl TestLoginLinkApi::issue(const QString &next)
{
    QString error;
    const QUrl url = linkOf(m_server->classroomService()->loginLink(next), &error);
    if (!error.isEmpty())
        qWarning("loginLink: %s", qPrintable(error));
    return url;
}

void TestLoginLinkApi::linkSignsInOnceAndLeadsToTheTeacherPage()
{
    const QUrl link = issue();
    QVERIFY(link.isValid());
    QCOMPARE(link.scheme(), u"http"_s);
    QCOMPARE(link.host(), u"127.0.0.1"_s);
    QCOMPARE(link.path(), u"/login/once"_s);
    QVERIFY(!link.toString().contains(u"login-link-admin-1"_s)); // never a password in a URL

    Client browser(m_server->port());
    const HttpReply reply = browser.get(pathOf(link));
    QCOMPARE(reply.status, 303);
    QCOMPARE(reply.header("location"), "/teacher"_ba);
    QCOMPARE(reply.header("cache-control"), "no-store"_ba);
    const QByteArray setCookie = reply.header("set-cookie");
    QVERIFY2(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                 && setCookie.contains("Path=/"),
             setCookie.constData());
    const QByteArray cookie = cookieOf(reply);
    QVERIFY(!cookie.isEmpty());

    // The cookie is a normal session of the dashboard's account.
    Client signedIn(m_server->port());
    signedIn.setCookie(cookie);
    const HttpReply session = signedIn.get("/api/v1/session");
    QCOMPARE(session.status, 200);
    const QJsonObject user = session.object().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"admin"_s);
    QCOMPARE(user.value(u"role"_s).toString(), u"admin"_s);
    QCOMPARE(signedIn.get("/api/v1/teacher/students").status, 200);
    // The CSRF rule holds for it as for any cookie: a write without Origin is refused.
    QCOMPARE(signedIn.postJson("/api/v1/classes", {{u"name"_s, u"CSRF"_s}}).status, 403);
}

void TestLoginLinkApi::secondUseIsRefused()
{
    const QUrl link = issue();
    QVERIFY(link.isValid());
    Client browser(m_server->port());
    QCOMPARE(browser.get(pathOf(link)).status, 303);
    const HttpReply again = browser.get(pathOf(link));
    QCOMPARE(again.status, 401);
    QCOMPARE(again.errorCode(), u"unauthorized"_s);
    QVERIFY(!again.object().value(u"message"_s).toString().isEmpty());
    QVERIFY(cookieOf(again).isEmpty());
}

void TestLoginLinkApi::refusalIsAReadablePageForABrowser()
{
    Client browser(m_server->port());
    const HttpReply reply = browser.get("/login/once?token=unknown&next=/teacher",
                                        {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.header("content-type").startsWith("text/html"));
    QVERIFY(reply.body.contains("<h1>This sign-in link cannot be used</h1>"));
    QVERIFY(reply.body.contains("used already or is too old"));
    QVERIFY(reply.body.contains("<html lang=\"en\">"));
    QVERIFY(cookieOf(reply).isEmpty());
}

void TestLoginLinkApi::unknownOrMissingTokenIsRefused()
{
    Client browser(m_server->port());
    QCOMPARE(browser.get("/login/once?token=AAAA&next=/teacher").status, 401);
    QCOMPARE(browser.get("/login/once?next=/teacher").status, 401);
    QCOMPARE(browser.get("/login/once").status, 401);
    const QByteArray huge = "/login/once?token=" + QByteArray(4000, 'A');
    QCOMPARE(browser.get(huge).status, 401);
}

void TestLoginLinkApi::linkKeepsAPathWithItsQuery()
{
    const QUrl link = issue(u"/editor?project=3&x=a%20b"_s);
    QVERIFY(link.isValid());
    Client browser(m_server->port());
    const HttpReply reply = browser.get(pathOf(link));
    QCOMPARE(reply.status, 303);
    QCOMPARE(reply.header("location"), "/editor?project=3&x=a%20b"_ba);
}

void TestLoginLinkApi::expiredLinkIsRefused()
{
    Auth::LoginLinks &links = m_server->auth().loginLinks();
    m_nowMs = 1'000'000;
    links.setClock([this] { return m_nowMs; });
    const QUrl justInTime = issue();
    const QUrl late = issue();
    QVERIFY(justInTime.isValid() && late.isValid());
    m_nowMs += Auth::LoginLinks::defaultLifetimeMs - 1;
    Client browser(m_server->port());
    QCOMPARE(browser.get(pathOf(justInTime)).status, 303);
    m_nowMs += 1; // exactly the lifetime: over
    const HttpReply expired = browser.get(pathOf(late));
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.errorCode(), u"unauthorized"_s);
    links.setClock({});
}

void TestLoginLinkApi::linkFromAnotherPeerIsRefusedAndStaysValid()
{
    const QUrl link = issue();
    QVERIFY(link.isValid());
    const quint16 port = m_server->port();
    QCOMPARE(statusFrom(QHostAddress(u"127.0.0.2"_s), port, pathOf(link)), 403);
    QCOMPARE(statusFrom(QHostAddress(u"127.0.0.2"_s), port, pathOf(link),
                        "X-Forwarded-For: 127.0.0.1\r\nForwarded: for=127.0.0.1\r\n"),
             403);
    // The same request from 127.0.0.1 (the rule, not the test's socket, made the difference),
    // and the refused tries did not use the link up.
    QCOMPARE(statusFrom(QHostAddress(u"127.0.0.1"_s), port, pathOf(link)), 303);
}

void TestLoginLinkApi::nextToAnotherPlaceIsRefused_data()
{
    QTest::addColumn<QString>("next");
    QTest::newRow("other host, scheme-relative") << u"//evil.example/teacher"_s;
    QTest::newRow("other host, absolute") << u"http://evil.example/"_s;
    QTest::newRow("https") << u"https://127.0.0.1/teacher"_s;
    QTest::newRow("backslash") << u"/\\evil.example"_s;
    QTest::newRow("script") << u"javascript:alert(1)"_s;
    QTest::newRow("relative") << u"teacher"_s;
    QTest::newRow("header injection") << u"/teacher\r\nSet-Cookie: x=1"_s;
    QTest::newRow("space") << u"/a b"_s;
    QTest::newRow("too long") << u"/"_s + QString(3000, u'a');
}

void TestLoginLinkApi::nextToAnotherPlaceIsRefused()
{
    QFETCH(QString, next);
    // The dashboard refuses to make such a link...
    QString error;
    QVERIFY(!linkOf(m_server->classroomService()->loginLink(next), &error).isValid());
    QVERIFY(!error.isEmpty());
    // ...and the route refuses it in a good link, without using the token up.
    const QUrl link = issue();
    QVERIFY(link.isValid());
    QUrlQuery query(link);
    const QString token = query.queryItemValue(u"token"_s);
    QUrlQuery bad;
    bad.addQueryItem(u"token"_s, token);
    bad.addQueryItem(u"next"_s, QString::fromLatin1(QUrl::toPercentEncoding(next)));
    Client browser(m_server->port());
    const HttpReply refused =
        browser.get("/login/once?" + bad.query(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), u"bad_request"_s);
    QVERIFY(refused.header("location").isEmpty());
    QVERIFY(cookieOf(refused).isEmpty());
    QCOMPARE(browser.get(pathOf(link)).status, 303);
}

void TestLoginLinkApi::localPeerRule_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("local");
    QTest::newRow("IPv4 loopback") << u"127.0.0.1"_s << true;
    QTest::newRow("IPv6 loopback") << u"::1"_s << true;
    QTest::newRow("IPv4-mapped loopback") << u"::ffff:127.0.0.1"_s << true;
    QTest::newRow("other 127/8") << u"127.0.0.2"_s << false;
    QTest::newRow("LAN") << u"192.168.1.20"_s << false;
    QTest::newRow("IPv4-mapped LAN") << u"::ffff:10.0.0.7"_s << false;
    QTest::newRow("IPv6 LAN") << u"fe80::1"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("not an address") << u"localhost"_s << false;
}

void TestLoginLinkApi::localPeerRule()
{
    QFETCH(QString, address);
    QFETCH(bool, local);
    QCOMPARE(Auth::LoginLinks::isLocalPeer(address), local);
}

void TestLoginLinkApi::linksAreSingleUseTokensKeptOnlyHashed()
{
    Auth::LoginLinks links;
    const QString token = links.issue(7);
    QCOMPARE(token.size(), 43); // 256 bits, base64url
    QVERIFY(token != links.issue(7));
    QCOMPARE(links.pendingCount(), 2);
    QCOMPARE(links.redeem(token), std::optional<qint64>(7));
    QCOMPARE(links.redeem(token), std::nullopt);
    QCOMPARE(links.pendingCount(), 1);
    for (int i = 0; i < 2 * Auth::LoginLinks::maxPending; ++i)
        links.issue(i);
    QCOMPARE(links.pendingCount(), Auth::LoginLinks::maxPending);
}

QTEST_MAIN(TestLoginLinkApi)
#include "tst_loginlinkapi.moc"
