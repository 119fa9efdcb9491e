// SPDX-License-Identifier: AGPL-3.0-or-later
// Http::Router (matching, 405 Allow lists, static fallback, body rules), parseIfMatch (G1's 428),
// credentialsOf / passesCsrfCheck (bearer vs cookie, Origin) and the errorReply table of API.md.
#include <algorithm>

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "server/http/errors.h"
#include "server/http/handlerutil.h"
#include "server/http/originguard.h"
#include "server/http/router.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Http;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

constexpr qint64 projectLimit = 10 * 1024 * 1024;
constexpr qint64 assetLimit = 5 * 1024 * 1024;

Result<Reply> noDbHandler(const RequestContext &, const Core::Caller *, Service::Work &)
{
    return Reply::noContent();
}

Reply noInlineHandler(const RequestContext &)
{
    return Reply::noContent();
}

// A route table shaped like the real one: literal and parameter segments, several methods per
// path, inline and database routes, and one non-API route.
Router makeRouter(bool withFallback = true)
{
    Router router;
    router.add("GET", u"/api/v1/projects"_s, Access::LoggedIn, 0, noDbHandler);
    router.add("POST", u"/api/v1/projects"_s, Access::LoggedIn, projectLimit, noDbHandler);
    router.add("GET", u"/api/v1/projects/shared"_s, Access::LoggedIn, 0, noDbHandler);
    router.add("GET", u"/api/v1/projects/{id}"_s, Access::LoggedIn, 0, noDbHandler);
    router.add("PUT", u"/api/v1/projects/{id}"_s, Access::LoggedIn, projectLimit, noDbHandler);
    router.add("DELETE", u"/api/v1/projects/{id}"_s, Access::LoggedIn, 0, noDbHandler);
    router.add("GET", u"/api/v1/projects/{id}/versions/{v}"_s, Access::LoggedIn, 0, noDbHandler);
    router.add("PUT", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, assetLimit, noDbHandler);
    router.add("POST", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, assetLimit, noDbHandler);
    router.add("POST", u"/api/v1/session"_s, Access::Public, Router::jsonBodyLimit, noDbHandler);
    router.addInline("GET", u"/api/v1/status"_s, noInlineHandler);
    router.addInline("POST", u"/upload"_s, noInlineHandler);
    if (withFallback)
        router.setFallback(noInlineHandler);
    return router;
}

QStringList sortedParams(const QHash<QString, QString> &params)
{
    QStringList list;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        list << it.key() + u'=' + it.value();
    list.sort();
    return list;
}

QByteArrayList sorted(QByteArrayList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

Request requestWith(const QByteArray &method, const Headers &headers)
{
    Request request;
    request.method = method;
    request.target = "/api/v1/projects/1";
    request.path = u"/api/v1/projects/1"_s;
    request.headers = headers;
    return request;
}

QByteArray headerOf(const Reply &reply, const QByteArray &name)
{
    for (const auto &header : reply.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool hasHeader(const Reply &reply, const QByteArray &name)
{
    for (const auto &header : reply.headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonObject bodyOf(const Reply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

Q_DECLARE_METATYPE(Blockhaus::ErrorKind)

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void matchesRoutes_data();
    void matchesRoutes();
    void noFallbackWithoutHandler();
    void bodyRulePerRoute_data();
    void bodyRulePerRoute();

    void parsesIfMatch_data();
    void parsesIfMatch();

    void takesCredentials_data();
    void takesCredentials();
    void checksCsrf_data();
    void checksCsrf();

    void mapsEveryErrorKind_data();
    void mapsEveryErrorKind();
    void everyErrorKindHasItsOwnMapping();
    void errorReplyKeepsMessageAndExtra();
    void errorReplyHonoursRetryAfter();
    void transportErrors();
};

void TestRouter::matchesRoutes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("pattern"); // of the matched route; empty: none
    QTest::addColumn<QByteArray>("routeMethod");
    QTest::addColumn<QStringList>("params");
    QTest::addColumn<QByteArrayList>("allowed");
    QTest::addColumn<bool>("fallback");

    const QString projects = u"/api/v1/projects"_s;
    const QString project = u"/api/v1/projects/{id}"_s;
    QTest::newRow("literal GET") << QByteArray("GET") << projects << projects << QByteArray("GET")
                                 << QStringList() << QByteArrayList() << false;
    QTest::newRow("literal POST") << QByteArray("POST") << projects << projects
                                  << QByteArray("POST") << QStringList() << QByteArrayList()
                                  << false;
    QTest::newRow("parameter") << QByteArray("GET") << u"/api/v1/projects/12"_s << project
                               << QByteArray("GET") << QStringList{u"id=12"_s} << QByteArrayList()
                               << false;
    QTest::newRow("parameter, other method")
        << QByteArray("DELETE") << u"/api/v1/projects/12"_s << project << QByteArray("DELETE")
        << QStringList{u"id=12"_s} << QByteArrayList() << false;
    QTest::newRow("literal before parameter")
        << QByteArray("GET") << u"/api/v1/projects/shared"_s << u"/api/v1/projects/shared"_s
        << QByteArray("GET") << QStringList() << QByteArrayList() << false;
    QTest::newRow("two parameters")
        << QByteArray("GET") << u"/api/v1/projects/12/versions/3"_s
        << u"/api/v1/projects/{id}/versions/{v}"_s << QByteArray("GET")
        << QStringList{u"id=12"_s, u"v=3"_s} << QByteArrayList() << false;
    QTest::newRow("parameter taken as text")
        << QByteArray("PUT") << u"/api/v1/assets/83a9787d4cb6f3b7632b4ddfebf74367.wav"_s
        << u"/api/v1/assets/{md5ext}"_s << QByteArray("PUT")
        << QStringList{u"md5ext=83a9787d4cb6f3b7632b4ddfebf74367.wav"_s} << QByteArrayList()
        << false;
    QTest::newRow("inline route") << QByteArray("GET") << u"/api/v1/status"_s << u"/api/v1/status"_s
                                  << QByteArray("GET") << QStringList() << QByteArrayList()
                                  << false;

    // Method mismatch: the path's methods, plus HEAD where GET exists.
    QTest::newRow("PATCH on a project")
        << QByteArray("PATCH") << u"/api/v1/projects/12"_s << QString() << QByteArray()
        << QStringList() << QByteArrayList{"DELETE", "GET", "HEAD", "PUT"} << false;
    QTest::newRow("DELETE on the list")
        << QByteArray("DELETE") << projects << QString() << QByteArray() << QStringList()
        << QByteArrayList{"GET", "HEAD", "POST"} << false;
    QTest::newRow("POST on an inline GET")
        << QByteArray("POST") << u"/api/v1/status"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList{"GET", "HEAD"} << false;
    QTest::newRow("GET on write-only route, no HEAD")
        << QByteArray("GET") << u"/api/v1/assets/x.svg"_s << QString() << QByteArray()
        << QStringList() << QByteArrayList{"POST", "PUT"} << false;
    QTest::newRow("GET on a non-API write route, no fallback")
        << QByteArray("GET") << u"/upload"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList{"POST"} << false;

    // Unknown paths: the static fallback only for GET outside /api/ and /metrics.
    QTest::newRow("unknown API path") << QByteArray("GET") << u"/api/v1/nothing"_s << QString()
                                      << QByteArray() << QStringList() << QByteArrayList() << false;
    QTest::newRow("too many segments")
        << QByteArray("GET") << u"/api/v1/projects/12/extra"_s << QString() << QByteArray()
        << QStringList() << QByteArrayList() << false;
    QTest::newRow("bare /api") << QByteArray("GET") << u"/api"_s << QString() << QByteArray()
                               << QStringList() << QByteArrayList() << false;
    QTest::newRow("/metrics") << QByteArray("GET") << u"/metrics"_s << QString() << QByteArray()
                              << QStringList() << QByteArrayList() << false;
    QTest::newRow("static page") << QByteArray("GET") << u"/index.html"_s << QString()
                                 << QByteArray() << QStringList() << QByteArrayList() << true;
    QTest::newRow("root") << QByteArray("GET") << u"/"_s << QString() << QByteArray()
                          << QStringList() << QByteArrayList() << true;
    QTest::newRow("static asset in a folder")
        << QByteArray("GET") << u"/static/js/gui.js"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList() << true;
    QTest::newRow("path only starting like api")
        << QByteArray("GET") << u"/apidocs.html"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList() << true;
    QTest::newRow("POST outside the API")
        << QByteArray("POST") << u"/index.html"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList() << false;
    QTest::newRow("DELETE outside the API")
        << QByteArray("DELETE") << u"/index.html"_s << QString() << QByteArray() << QStringList()
        << QByteArrayList() << false;
}

void TestRouter::matchesRoutes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, pattern);
    QFETCH(QByteArray, routeMethod);
    QFETCH(QStringList, params);
    QFETCH(QByteArrayList, allowed);
    QFETCH(bool, fallback);

    const Router router = makeRouter();
    const Router::Match match = router.match(method, path);
    if (pattern.isEmpty()) {
        QVERIFY(!match.route);
    } else {
        QVERIFY(match.route);
        QCOMPARE(match.route->pattern, pattern);
        QCOMPARE(match.route->method, routeMethod);
    }
    QCOMPARE(sortedParams(match.params), params);
    QCOMPARE(sorted(match.allowed), allowed);
    QCOMPARE(match.fallback, fallback);
}

void TestRouter::noFallbackWithoutHandler()
{
    const Router router = makeRouter(false);
    const Router::Match match = router.match("GET", u"/index.html"_s);
    QVERIFY(!match.route);
    QVERIFY(!match.fallback);
    QVERIFY(match.allowed.isEmpty());
}

void TestRouter::bodyRulePerRoute_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("required");

    QTest::newRow("project create")
        << QByteArray("POST") << u"/api/v1/projects"_s << projectLimit << true;
    QTest::newRow("project save") << QByteArray("PUT") << u"/api/v1/projects/7"_s << projectLimit
                                  << true;
    QTest::newRow("asset upload") << QByteArray("PUT") << u"/api/v1/assets/a.svg"_s << assetLimit
                                  << true;
    QTest::newRow("login, JSON limit")
        << QByteArray("POST") << u"/api/v1/session"_s << Router::jsonBodyLimit << true;
    QTest::newRow("GET takes none")
        << QByteArray("GET") << u"/api/v1/projects/7"_s << Router::defaultBodyLimit << false;
    QTest::newRow("DELETE takes none")
        << QByteArray("DELETE") << u"/api/v1/projects/7"_s << Router::defaultBodyLimit << false;
    QTest::newRow("inline route") << QByteArray("POST") << u"/upload"_s << Router::defaultBodyLimit
                                  << false;
    QTest::newRow("method mismatch")
        << QByteArray("PATCH") << u"/api/v1/projects/7"_s << Router::defaultBodyLimit << false;
    QTest::newRow("unknown path") << QByteArray("POST") << u"/api/v1/nothing"_s
                                  << Router::defaultBodyLimit << false;
    QTest::newRow("static fallback")
        << QByteArray("GET") << u"/index.html"_s << Router::defaultBodyLimit << false;
}

void TestRouter::bodyRulePerRoute()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(qint64, limit);
    QFETCH(bool, required);
    const Router router = makeRouter();
    const Router::BodyRule rule = router.bodyRule(method, path);
    QCOMPARE(rule.limit, limit);
    QCOMPARE(rule.required, required);
}

void TestRouter::parsesIfMatch_data()
{
    QTest::addColumn<bool>("present");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("version"); // 0: 428 expected

    QTest::newRow("\"3\"") << true << QByteArray("\"3\"") << 3;
    QTest::newRow("\"1\"") << true << QByteArray("\"1\"") << 1;
    QTest::newRow("nine digits") << true << QByteArray("\"123456789\"") << 123456789;
    QTest::newRow("surrounding spaces") << true << QByteArray(" \"3\" ") << 3;
    QTest::newRow("missing") << false << QByteArray() << 0;
    QTest::newRow("empty") << true << QByteArray() << 0;
    QTest::newRow("*") << true << QByteArray("*") << 0;
    QTest::newRow("weak W/\"3\"") << true << QByteArray("W/\"3\"") << 0;
    QTest::newRow("list \"3\", \"4\"") << true << QByteArray("\"3\", \"4\"") << 0;
    QTest::newRow("list without space") << true << QByteArray("\"3\",\"4\"") << 0;
    QTest::newRow("\"0\"") << true << QByteArray("\"0\"") << 0;
    QTest::newRow("\"-1\"") << true << QByteArray("\"-1\"") << 0;
    QTest::newRow("\"+3\"") << true << QByteArray("\"+3\"") << 0;
    QTest::newRow("\"abc\"") << true << QByteArray("\"abc\"") << 0;
    QTest::newRow("\"3.0\"") << true << QByteArray("\"3.0\"") << 0;
    QTest::newRow("\" 3\"") << true << QByteArray("\" 3\"") << 0;
    QTest::newRow("\"\"") << true << QByteArray("\"\"") << 0;
    QTest::newRow("unquoted 3") << true << QByteArray("3") << 0;
    QTest::newRow("open quote") << true << QByteArray("\"3") << 0;
    QTest::newRow("close quote") << true << QByteArray("3\"") << 0;
    QTest::newRow("ten digits") << true << QByteArray("\"1234567890\"") << 0;
    QTest::newRow("beyond int") << true << QByteArray("\"99999999999999999999\"") << 0;
}

void TestRouter::parsesIfMatch()
{
    QFETCH(bool, present);
    QFETCH(QByteArray, value);
    QFETCH(int, version);
    Headers headers{{"host", "laptop:8601"}};
    if (present)
        headers.append({"if-match", value});
    const auto parsed = parseIfMatch(requestWith("PUT", headers));
    if (version > 0) {
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, version);
        return;
    }
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::PreconditionRequired);
    QVERIFY(!parsed.error().message.isEmpty());
    QCOMPARE(statusFor(parsed.error().kind), 428);
}

void TestRouter::takesCredentials_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("fromCookie");

    QTest::newRow("none") << Headers{{"host", "laptop"}} << QString() << false;
    QTest::newRow("bearer") << Headers{{"authorization", "Bearer abc123"}} << u"abc123"_s << false;
    QTest::newRow("bearer, lower-case scheme")
        << Headers{{"authorization", "bearer abc123"}} << u"abc123"_s << false;
    QTest::newRow("bearer, extra spaces")
        << Headers{{"authorization", "  Bearer   abc123  "}} << u"abc123"_s << false;
    QTest::newRow("cookie") << Headers{{"cookie", "bh_session=xyz789"}} << u"xyz789"_s << true;
    QTest::newRow("cookie among others")
        << Headers{{"cookie", "theme=dark; bh_session=xyz789; lang=de"}} << u"xyz789"_s << true;
    QTest::newRow("cookie in a second header")
        << Headers{{"cookie", "theme=dark"}, {"cookie", "bh_session=xyz789"}} << u"xyz789"_s
        << true;
    QTest::newRow("similar cookie name")
        << Headers{{"cookie", "xbh_session=xyz789"}} << QString() << false;
    QTest::newRow("bearer decides over cookie")
        << Headers{{"cookie", "bh_session=xyz789"}, {"authorization", "Bearer abc123"}}
        << u"abc123"_s << false;
    QTest::newRow("other scheme, cookie used")
        << Headers{{"authorization", "Basic dXNlcjpwYXNz"}, {"cookie", "bh_session=xyz789"}}
        << u"xyz789"_s << true;
    QTest::newRow("bearer without token")
        << Headers{{"authorization", "Bearer "}} << QString() << false;
}

void TestRouter::takesCredentials()
{
    QFETCH(Headers, headers);
    QFETCH(QString, token);
    QFETCH(bool, fromCookie);
    const Credentials credentials = credentialsOf(requestWith("GET", headers));
    QCOMPARE(credentials.token, token);
    QCOMPARE(credentials.fromCookie, fromCookie);
}

void TestRouter::checksCsrf_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("publicOrigin");
    QTest::addColumn<bool>("passes");

    const QPair<QByteArray, QByteArray> host{"host", "laptop:8601"};
    const QPair<QByteArray, QByteArray> cookie{"cookie", "bh_session=xyz789"};
    const QPair<QByteArray, QByteArray> bearer{"authorization", "Bearer abc123"};
    const QPair<QByteArray, QByteArray> sameOrigin{"origin", "http://laptop:8601"};
    const QPair<QByteArray, QByteArray> foreign{"origin", "http://evil.example"};
    const QString proxy = u"https://scratch.school.example"_s;

    for (const char *method : {"POST", "PUT", "PATCH", "DELETE"}) {
        const QByteArray m(method);
        QTest::addRow("%s cookie, own origin", method)
            << m << Headers{host, cookie, sameOrigin} << QString() << true;
        QTest::addRow("%s cookie, foreign origin", method)
            << m << Headers{host, cookie, foreign} << QString() << false;
        QTest::addRow("%s cookie, no origin", method)
            << m << Headers{host, cookie} << QString() << false;
        QTest::addRow("%s bearer, foreign origin", method)
            << m << Headers{host, bearer, foreign} << QString() << true;
    }
    QTest::newRow("GET cookie, foreign origin")
        << QByteArray("GET") << Headers{host, cookie, foreign} << QString() << true;
    QTest::newRow("GET cookie, no origin")
        << QByteArray("GET") << Headers{host, cookie} << QString() << true;
    QTest::newRow("bearer and cookie, foreign origin")
        << QByteArray("POST") << Headers{host, cookie, bearer, foreign} << QString() << true;
    QTest::newRow("no credentials, foreign origin")
        << QByteArray("POST") << Headers{host, foreign} << QString() << true;
    QTest::newRow("https origin for an http host")
        << QByteArray("POST") << Headers{host, cookie, {"origin", "https://laptop:8601"}}
        << QString() << false;
    QTest::newRow("other port") << QByteArray("POST")
                                << Headers{host, cookie, {"origin", "http://laptop:8602"}}
                                << QString() << false;
    QTest::newRow("origin with a path")
        << QByteArray("POST") << Headers{host, cookie, {"origin", "http://laptop:8601/"}}
        << QString() << false;
    QTest::newRow("null origin") << QByteArray("POST") << Headers{host, cookie, {"origin", "null"}}
                                 << QString() << false;
    QTest::newRow("no host") << QByteArray("POST") << Headers{cookie, {"origin", "http://"}}
                             << QString() << false;
    QTest::newRow("configured public origin")
        << QByteArray("POST") << Headers{host, cookie, {"origin", proxy.toLatin1()}} << proxy
        << true;
    QTest::newRow("own origin with a public origin configured")
        << QByteArray("POST") << Headers{host, cookie, sameOrigin} << proxy << true;
    QTest::newRow("foreign origin with a public origin configured")
        << QByteArray("POST") << Headers{host, cookie, foreign} << proxy << false;
    QTest::newRow("public origin not configured")
        << QByteArray("POST") << Headers{host, cookie, {"origin", proxy.toLatin1()}} << QString()
        << false;
}

void TestRouter::checksCsrf()
{
    QFETCH(QByteArray, method);
    QFETCH(Headers, headers);
    QFETCH(QString, publicOrigin);
    QFETCH(bool, passes);
    const Request request = requestWith(method, headers);
    QCOMPARE(passesCsrfCheck(request, credentialsOf(request), publicOrigin), passes);
}

void TestRouter::mapsEveryErrorKind_data()
{
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    // API.md, "Errors".
    QTest::newRow("BadRequest") << ErrorKind::BadRequest << 400 << u"bad_request"_s;
    QTest::newRow("Unauthorized") << ErrorKind::Unauthorized << 401 << u"unauthorized"_s;
    QTest::newRow("Forbidden") << ErrorKind::Forbidden << 403 << u"forbidden"_s;
    QTest::newRow("NotFound") << ErrorKind::NotFound << 404 << u"not_found"_s;
    QTest::newRow("Conflict") << ErrorKind::PreconditionFailed << 412 << u"conflict"_s;
    QTest::newRow("Exists") << ErrorKind::Exists << 409 << u"exists"_s;
    QTest::newRow("PayloadTooLarge") << ErrorKind::PayloadTooLarge << 413 << u"payload_too_large"_s;
    QTest::newRow("UnsupportedMediaType")
        << ErrorKind::UnsupportedMediaType << 415 << u"unsupported_media_type"_s;
    QTest::newRow("Unprocessable") << ErrorKind::Unprocessable << 422 << u"unprocessable"_s;
    QTest::newRow("PreconditionRequired")
        << ErrorKind::PreconditionRequired << 428 << u"precondition_required"_s;
    QTest::newRow("TooManyRequests") << ErrorKind::TooManyRequests << 429 << u"too_many_requests"_s;
    QTest::newRow("Unavailable") << ErrorKind::Unavailable << 503 << u"unavailable"_s;
    QTest::newRow("StorageFull") << ErrorKind::StorageFull << 507 << u"insufficient_storage"_s;
    QTest::newRow("QuotaExceeded") << ErrorKind::QuotaExceeded << 507 << u"insufficient_storage"_s;
    QTest::newRow("Internal") << ErrorKind::Internal << 500 << u"internal"_s;
}

void TestRouter::mapsEveryErrorKind()
{
    QFETCH(ErrorKind, kind);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QByteArray requestId = "req-4711";
    const Reply reply = errorReply(makeError(kind), requestId);
    QCOMPARE(reply.status, status);
    QCOMPARE(statusFor(kind), status);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    const QJsonObject body = bodyOf(reply);
    QCOMPARE(body.value(u"error"_s).toString(), code);
    QVERIFY(!body.value(u"message"_s).toString().isEmpty());
    // A 500 is a bug: it carries the request id that is also in the log.
    QCOMPARE(body.contains(u"request_id"_s), status == 500);
    if (status == 500)
        QCOMPARE(body.value(u"request_id"_s).toString(), QString::fromLatin1(requestId));
    // 429 and 503 tell the client when to come back.
    const bool retry = status == 429 || status == 503;
    QCOMPARE(hasHeader(reply, "Retry-After"), retry);
    if (retry) {
        bool ok = false;
        const int seconds = headerOf(reply, "Retry-After").toInt(&ok);
        QVERIFY(ok);
        QVERIFY(seconds > 0);
    }
    // The shortcut for parse errors maps the same way.
    const Reply shortcut = errorReply(kind, u"Specific."_s, requestId);
    QCOMPARE(shortcut.status, status);
    QCOMPARE(bodyOf(shortcut).value(u"message"_s).toString(), u"Specific."_s);
}

void TestRouter::everyErrorKindHasItsOwnMapping()
{
    // Only Internal may map to 500: any other kind on 500 fell through the table.
    const int last = static_cast<int>(ErrorKind::Internal);
    QSet<int> statuses;
    for (int value = 0; value <= last; ++value) {
        const auto kind = static_cast<ErrorKind>(value);
        const int status = statusFor(kind);
        if (kind != ErrorKind::Internal)
            QVERIFY2(status != 500, qPrintable(QString::number(value)));
        statuses.insert(status);
    }
    // QuotaExceeded shares 507 insufficient_storage with StorageFull on purpose (API.md).
    QCOMPARE(statuses.size(), last);
}

void TestRouter::errorReplyKeepsMessageAndExtra()
{
    Error error = makeError(ErrorKind::PreconditionFailed, u"Ben saved version 4 at 10:02."_s,
                            QJsonObject{{u"current_version"_s, 4}, {u"error"_s, u"spoofed"_s}});
    const Reply reply = errorReply(error, "req-1");
    QCOMPARE(reply.status, 412);
    const QJsonObject body = bodyOf(reply);
    QCOMPARE(body.value(u"error"_s).toString(), u"conflict"_s); // the table decides the code
    QCOMPARE(body.value(u"message"_s).toString(), u"Ben saved version 4 at 10:02."_s);
    QCOMPARE(body.value(u"current_version"_s).toInt(), 4);
    QVERIFY(!body.contains(u"request_id"_s));
}

void TestRouter::errorReplyHonoursRetryAfter()
{
    Error throttled = makeError(ErrorKind::TooManyRequests);
    throttled.retryAfterSeconds = 17;
    QCOMPARE(headerOf(errorReply(throttled, "r"), "Retry-After"), QByteArray("17"));
    Error busy = makeError(ErrorKind::Unavailable);
    busy.retryAfterSeconds = 3;
    QCOMPARE(headerOf(errorReply(busy, "r"), "Retry-After"), QByteArray("3"));
}

void TestRouter::transportErrors()
{
    const Reply notAllowed = methodNotAllowed({"GET", "HEAD"});
    QCOMPARE(notAllowed.status, 405);
    QCOMPARE(bodyOf(notAllowed).value(u"error"_s).toString(), u"method_not_allowed"_s);
    QCOMPARE(headerOf(notAllowed, "Allow"), QByteArray("GET, HEAD"));

    const Reply length = lengthRequired();
    QCOMPARE(length.status, 411);
    QCOMPARE(bodyOf(length).value(u"error"_s).toString(), u"length_required"_s);

    const Reply headers = headersTooLarge();
    QCOMPARE(headers.status, 431);
    QCOMPARE(bodyOf(headers).value(u"error"_s).toString(), u"headers_too_large"_s);
    for (const Reply &reply : {notAllowed, length, headers})
        QVERIFY(!bodyOf(reply).value(u"message"_s).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
