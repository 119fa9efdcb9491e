// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/sessionhandler.h"

#include <QJsonArray>

#include "server/auth/authservice.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/http/originguard.h"
#include "server/store/classstore.h"
#include "server/store/clock.h"
#include "server/store/userstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

void SessionHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Store::Caller *caller,
                              Db::Connection &db) { return (this->*member)(c, *caller, db); };
    };
    auto bindPublic = [this](auto member) {
        return [this, member](const RequestContext &c, const Store::Caller *, Db::Connection &db) {
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

Result<Reply> SessionHandler::login(const RequestContext &context, Db::Connection &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto credentials = parseLoginBody(*body);
    if (!credentials)
        return credentials.error();
    auto result = m_services.auth.login(db, credentials->username, credentials->password,
                                        context.request.peer.toString());
    if (!result)
        return result.error();
    Reply reply = Reply::json(201,
                              QJsonObject{{u"token"_s, result->token},
                                          {u"expires_at"_s, Store::toApiTime(result->expiresAt)},
                                          {u"user"_s, toJson(result->user)}});
    reply.addHeader("Set-Cookie",
                    sessionCookie(result->token, Auth::AuthService::sessionLifetimeSeconds));
    return reply;
}

Result<Reply> SessionHandler::session(const RequestContext &, const Store::Caller &caller,
                                      Db::Connection &db) const
{
    auto user = Store::UserStore::user(db, caller.userId);
    if (!user)
        return user.error();
    return Reply::json(200,
                       QJsonObject{{u"expires_at"_s, Store::toApiTime(caller.sessionExpiresAt)},
                                   {u"user"_s, toJson(*user)}});
}

Result<Reply> SessionHandler::logout(const RequestContext &context, const Store::Caller &,
                                     Db::Connection &db) const
{
    auto done = m_services.auth.logout(db, credentialsOf(context.request).token);
    if (!done)
        return done.error();
    Reply reply = Reply::noContent();
    reply.addHeader("Set-Cookie", "bh_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return reply;
}

Result<Reply> SessionHandler::me(const RequestContext &, const Store::Caller &caller,
                                 Db::Connection &db) const
{
    auto user = Store::UserStore::user(db, caller.userId);
    if (!user)
        return user.error();
    return Reply::json(200, toJson(*user));
}

Result<Reply> SessionHandler::join(const RequestContext &context, Db::Connection &db) const
{
    const QString code = context.params.value(u"code"_s);
    if (code.isEmpty() || code.size() > 32)
        return makeError(ErrorKind::NotFound, u"This class code is not known or not open."_s);
    auto info = Store::ClassStore::join(db, code);
    if (!info)
        return info.error();
    QJsonArray students;
    for (const Store::UserRef &student : std::as_const(info->students)) {
        students.append(QJsonObject{{u"username"_s, student.username},
                                    {u"display_name"_s, student.displayName}});
    }
    return Reply::json(
        200,
        QJsonObject{
            {u"class"_s, QJsonObject{{u"id"_s, info->group.id}, {u"name"_s, info->group.name}}},
            {u"students"_s, students}});
}

} // namespace Blockhaus::Http
