// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/sessionhandler.h"

#include <QJsonArray>
#include <QUrlQuery>

#include "server/core/timetext.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/http/originguard.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

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
                                   context.request.peer.toString());
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
    auto picker =
        classroom().join(db, context.params.value(u"code"_s), context.request.peer.toString());
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

} // namespace Blockhaus::Http
