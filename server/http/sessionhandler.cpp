// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/sessionhandler.h"

#include <QJsonArray>
#include <QUrlQuery>

#include "server/core/timetext.h"
#include "server/http/bodyparsers.h"
#include "server/http/errors.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/http/originguard.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// A refused sign-in link, for a person: the browser navigated here, so a short page says what
// happened and where to go instead. Other clients get the JSON error of API.md.
Result<Reply> refusedLink(const RequestContext &context, const Error &error)
{
    if (error.kind == ErrorKind::Internal
        || !context.request.header("accept").contains("text/html"))
        return error;
    const QString page =
        u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Sign-in link not accepted \u2013 Blockhaus</title>\n"
        "<link rel=\"stylesheet\" href=\"/css/blockhaus.css\">\n</head>\n<body>\n<main>\n"
        "<h1>This sign-in link cannot be used</h1>\n<p>%1</p>\n"
        "<p><a href=\"/\">Sign in with your username and password</a></p>\n"
        "</main>\n</body>\n</html>\n"_s.arg(error.message.toHtmlEscaped());
    Reply reply = Reply::bytes(statusFor(error.kind), "text/html; charset=utf-8", page.toUtf8());
    reply.addHeader("Cache-Control", "no-store");
    reply.addHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'");
    reply.addHeader("X-Content-Type-Options", "nosniff");
    reply.addHeader("Referrer-Policy", "no-referrer");
    return reply;
}

} // namespace

void SessionHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Core::Caller *caller,
                              Service::Work &db) { return (this->*member)(c, *caller, db); };
    };
    auto bindPublic = [this](auto member) {
        return [this, member](const RequestContext &c, const Core::Caller *, Service::Work &db) {
            return (this->*member)(c, db);
        };
    };
    router.add("POST", u"/api/v1/session"_s, Access::Public, Router::jsonBodyLimit,
               bindPublic(&SessionHandler::login));
    router.add("GET", u"/api/v1/session"_s, Access::LoggedIn, 0, bind(&SessionHandler::session));
    router.add("DELETE", u"/api/v1/session"_s, Access::LoggedIn, 0, bind(&SessionHandler::logout));
    router.add("GET", u"/api/v1/join/{code}"_s, Access::Public, 0,
               bindPublic(&SessionHandler::join));
    router.add("GET", u"/api/v1/me"_s, Access::LoggedIn, 0, bind(&SessionHandler::me));
    // Public: the token is the credential; the service admits only a browser on this computer.
    router.add("GET", u"/login/once"_s, Access::Public, 0, bindPublic(&SessionHandler::loginOnce));
}

Service::Classroom SessionHandler::classroom() const
{
    return Service::Classroom(m_services.auth, &m_services.live);
}

Result<Reply> SessionHandler::login(const RequestContext &context, Service::Work &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto credentials = parseLoginBody(*body);
    if (!credentials)
        return credentials.error();
    auto login = classroom().login(db, credentials->username, credentials->password,
                                   context.request.clientOrPeer().toString());
    if (!login)
        return login.error();
    Reply reply = Reply::json(201,
                              QJsonObject{{u"token"_s, login->token},
                                          {u"expires_at"_s, Core::toApiTime(login->expiresAt)},
                                          {u"user"_s, toJson(login->user)}});
    reply.addHeader("Set-Cookie", sessionCookie(login->token, login->maxAgeSeconds));
    return reply;
}

Result<Reply> SessionHandler::session(const RequestContext &, const Core::Caller &caller,
                                      Service::Work &db) const
{
    auto user = classroom().me(db, caller);
    if (!user)
        return user.error();
    return Reply::json(200,
                       QJsonObject{{u"expires_at"_s, Core::toApiTime(caller.sessionExpiresAt)},
                                   {u"user"_s, toJson(*user)}});
}

Result<Reply> SessionHandler::logout(const RequestContext &context, const Core::Caller &caller,
                                     Service::Work &db) const
{
    // ?all=1: log out everywhere, e.g. after a login on a shared school computer was left open.
    const QUrlQuery &query = context.request.query;
    const bool everywhere = query.hasQueryItem(u"all"_s);
    if (everywhere && query.queryItemValue(u"all"_s) != u"1"_s)
        return badRequest(u"To log out everywhere, send all=1."_s);
    if (everywhere) {
        auto ended = classroom().logoutEverywhere(db, caller);
        if (!ended)
            return ended.error();
    } else {
        auto done = classroom().logout(db, credentialsOf(context.request).token);
        if (!done)
            return done.error();
    }
    Reply reply = Reply::noContent();
    reply.addHeader("Set-Cookie", "bh_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return reply;
}

Result<Reply> SessionHandler::me(const RequestContext &, const Core::Caller &caller,
                                 Service::Work &db) const
{
    auto user = classroom().me(db, caller);
    if (!user)
        return user.error();
    return Reply::json(200, toJson(*user));
}

Result<Reply> SessionHandler::join(const RequestContext &context, Service::Work &db) const
{
    auto picker = classroom().join(db, context.params.value(u"code"_s),
                                   context.request.clientOrPeer().toString());
    if (!picker)
        return picker.error();
    QJsonArray students;
    for (const Core::UserRef &student : std::as_const(picker->students)) {
        students.append(QJsonObject{{u"username"_s, student.username},
                                    {u"display_name"_s, student.displayName}});
    }
    return Reply::json(
        200,
        QJsonObject{
            {u"class"_s, QJsonObject{{u"id"_s, picker->group.id}, {u"name"_s, picker->group.name}}},
            {u"students"_s, students}});
}

Result<Reply> SessionHandler::loginOnce(const RequestContext &context, Service::Work &db) const
{
    // GET /login/once?token=T&next=/teacher: the token is used up and exchanged for the same
    // session cookie a login sets (so the CSRF rule applies to it as to any other), then the
    // browser goes on to next. A bad next is refused before the token is touched.
    const QUrlQuery &query = context.request.query;
    auto target =
        Service::Classroom::loginLinkTarget(query.queryItemValue(u"next"_s, QUrl::FullyDecoded));
    if (!target)
        return refusedLink(context, target.error());
    auto login =
        classroom().redeemLoginLink(db, query.queryItemValue(u"token"_s, QUrl::FullyDecoded),
                                    context.request.clientOrPeer().toString());
    if (!login)
        return refusedLink(context, login.error());
    Reply reply = Reply::noContent();
    reply.status = 303;
    reply.addHeader("Location", target->toLatin1());
    reply.addHeader("Set-Cookie", sessionCookie(login->token, login->maxAgeSeconds));
    // The address held the token: kept out of caches and of any Referer.
    reply.addHeader("Cache-Control", "no-store");
    reply.addHeader("Referrer-Policy", "no-referrer");
    return reply;
}

} // namespace Blockhaus::Http
