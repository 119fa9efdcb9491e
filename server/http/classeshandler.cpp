// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/classeshandler.h"

#include <QJsonArray>

#include "server/core/timetext.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Error noSuchClass()
{
    return makeError(ErrorKind::NotFound, u"There is no such class."_s);
}

QJsonObject toJson(const Service::StudentStatus &student)
{
    return {{u"id"_s, student.user.id},
            {u"username"_s, student.user.username},
            {u"display_name"_s, student.user.displayName},
            {u"groups"_s, Http::toJson(student.groups)},
            {u"project_count"_s, student.projectCount},
            {u"online"_s, student.online},
            {u"last_seen"_s,
             student.lastSeen.isValid()
                 ? QJsonValue(Core::toApiTime(Core::toText(student.lastSeen)))
                 : QJsonValue(QJsonValue::Null)}};
}

QJsonObject toJson(const Core::NewAccount &account)
{
    return {{u"id"_s, account.id},
            {u"username"_s, account.username},
            {u"display_name"_s, account.displayName},
            {u"password"_s, account.password}};
}

} // namespace

void ClassesHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    const auto teacher = Access::Teacher;
    router.add("GET", u"/api/v1/teacher/students"_s, teacher, 0, bind(&ClassesHandler::students));
    router.add("GET", u"/api/v1/teacher/students/{id}/projects"_s, teacher, 0,
               bind(&ClassesHandler::studentProjects));
    router.add("GET", u"/api/v1/classes"_s, teacher, 0, bind(&ClassesHandler::listClasses));
    router.add("POST", u"/api/v1/classes"_s, teacher, Router::jsonBodyLimit,
               bind(&ClassesHandler::createClass));
    router.add("PATCH", u"/api/v1/classes/{id}"_s, teacher, Router::jsonBodyLimit,
               bind(&ClassesHandler::patchClass));
    router.add("POST", u"/api/v1/classes/{id}/members"_s, teacher, Router::jsonBodyLimit,
               bind(&ClassesHandler::addMembers));
    router.add("DELETE", u"/api/v1/classes/{id}/members/{user_id}"_s, teacher, 0,
               bind(&ClassesHandler::removeMember));
    router.add("POST", u"/api/v1/classes/{id}/students"_s, teacher, Router::jsonBodyLimit,
               bind(&ClassesHandler::addStudents));
    router.add("POST", u"/api/v1/users/{id}/password"_s, teacher, 0,
               bind(&ClassesHandler::resetPassword));
    router.add("POST", u"/api/v1/users"_s, Access::Admin, Router::jsonBodyLimit,
               bind(&ClassesHandler::createUser));
}

Service::Classroom ClassesHandler::classroom() const
{
    return Service::Classroom(m_services.auth, &m_services.live);
}

Result<Reply> ClassesHandler::students(const RequestContext &, const Caller &caller,
                                       Service::Work &db) const
{
    auto students = classroom().students(db, caller);
    if (!students)
        return students.error();
    QJsonArray array;
    for (const Service::StudentStatus &student : std::as_const(*students))
        array.append(toJson(student));
    return Reply::json(200, QJsonObject{{u"students"_s, array}});
}

Result<Reply> ClassesHandler::studentProjects(const RequestContext &context, const Caller &caller,
                                              Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no such student in your classes."_s);
    auto found = classroom().studentProjects(db, caller, id);
    if (!found)
        return found.error();
    return Reply::json(200,
                       QJsonObject{{u"student"_s, toJson(found->student)},
                                   {u"projects"_s, Http::toJson(found->projects)}});
}

Result<Reply> ClassesHandler::listClasses(const RequestContext &, const Caller &caller,
                                          Service::Work &db) const
{
    auto classes = classroom().classes(db, caller);
    if (!classes)
        return classes.error();
    QJsonArray array;
    for (const Core::ClassInfo &info : std::as_const(*classes))
        array.append(Http::toJson(info));
    return Reply::json(200, QJsonObject{{u"classes"_s, array}});
}

Result<Reply> ClassesHandler::createClass(const RequestContext &context, const Caller &caller,
                                          Service::Work &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto name = parseClassName(body->value(u"name"_s));
    if (!name)
        return name.error();
    auto info = classroom().createClass(db, caller, *name);
    if (!info)
        return info.error();
    Reply reply = Reply::json(201, Http::toJson(*info));
    reply.addHeader("Location", "/api/v1/classes/" + QByteArray::number(info->id));
    return reply;
}

Result<Reply> ClassesHandler::patchClass(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto patch = parseClassPatch(*body);
    if (!patch)
        return patch.error();
    auto info = classroom().patchClass(db, caller, id, *patch);
    if (!info)
        return info.error();
    return Reply::json(200, Http::toJson(*info));
}

Result<Reply> ClassesHandler::addMembers(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto ids = parseIdList(body->value(u"user_ids"_s), u"user_ids"_s);
    if (!ids)
        return ids.error();
    auto info = classroom().addMembers(db, caller, id, *ids);
    if (!info)
        return info.error();
    return Reply::json(200, Http::toJson(*info));
}

Result<Reply> ClassesHandler::removeMember(const RequestContext &context, const Caller &caller,
                                           Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    const qint64 userId = context.idParam(u"user_id"_s);
    if (!id || !userId)
        return noSuchClass();
    auto done = classroom().removeMember(db, caller, id, userId);
    if (!done)
        return done.error();
    return Reply::noContent();
}

Result<Reply> ClassesHandler::addStudents(const RequestContext &context, const Caller &caller,
                                          Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto names = parseStudentNames(*body);
    if (!names)
        return names.error();
    auto created = classroom().addStudents(db, caller, id, *names);
    if (!created)
        return created.error();
    QJsonArray array;
    for (const Core::NewAccount &account : std::as_const(*created))
        array.append(toJson(account));
    return Reply::json(201, QJsonObject{{u"students"_s, array}});
}

Result<Reply> ClassesHandler::resetPassword(const RequestContext &context, const Caller &caller,
                                            Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no such user."_s);
    auto password = classroom().resetPassword(db, caller, id);
    if (!password)
        return password.error();
    return Reply::json(200, QJsonObject{{u"password"_s, *password}});
}

Result<Reply> ClassesHandler::createUser(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto user = parseNewUserBody(*body);
    if (!user)
        return user.error();
    auto account = classroom().createUser(db, caller, *user);
    if (!account)
        return account.error();
    return Reply::json(201,
                       QJsonObject{{u"id"_s, account->id},
                                   {u"username"_s, account->username},
                                   {u"display_name"_s, account->displayName},
                                   {u"role"_s, Core::roleToString(account->role)},
                                   {u"password"_s, account->password}});
}

} // namespace Blockhaus::Http
