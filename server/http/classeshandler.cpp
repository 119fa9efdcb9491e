// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/classeshandler.h"

#include <QJsonArray>

#include "server/auth/authservice.h"
#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/core/timetext.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/live/livehub.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"
#include "server/store/userstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Error noSuchClass()
{
    return makeError(ErrorKind::NotFound, u"There is no such class."_s);
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

QJsonObject ClassesHandler::studentJson(const Core::StudentRow &row) const
{
    // Presence lives in memory (G10); the database holds the last flushed value.
    const Live::Presence &presence = m_services.live.presence();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString lastSeen = row.lastSeen;
    const QDateTime live = presence.lastSeen(row.user.id);
    if (live.isValid()) {
        const QString liveText = Core::toText(live);
        if (liveText > lastSeen)
            lastSeen = liveText;
    }
    return {{u"id"_s, row.user.id},
            {u"username"_s, row.user.username},
            {u"display_name"_s, row.user.displayName},
            {u"groups"_s, toJson(row.groups)},
            {u"project_count"_s, row.projectCount},
            {u"online"_s, presence.isOnline(row.user.id, now)},
            {u"last_seen"_s,
             lastSeen.isEmpty() ? QJsonValue(QJsonValue::Null)
                                : QJsonValue(Core::toApiTime(lastSeen))}};
}

Result<Reply> ClassesHandler::students(const RequestContext &, const Caller &caller,
                                       Service::Work &db) const
{
    auto rows = Store::ClassStore::students(db, caller);
    if (!rows)
        return rows.error();
    QJsonArray array;
    for (const Core::StudentRow &row : std::as_const(*rows))
        array.append(studentJson(row));
    return Reply::json(200, QJsonObject{{u"students"_s, array}});
}

Result<Reply> ClassesHandler::studentProjects(const RequestContext &context, const Caller &caller,
                                              Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no such student in your classes."_s);
    auto row = Store::ClassStore::student(db, caller, id);
    if (!row)
        return row.error();
    auto projects = Store::ProjectStore::listOwnedBy(db, id);
    if (!projects)
        return projects.error();
    return Reply::json(
        200, QJsonObject{{u"student"_s, studentJson(*row)}, {u"projects"_s, toJson(*projects)}});
}

Result<Reply> ClassesHandler::listClasses(const RequestContext &, const Caller &caller,
                                          Service::Work &db) const
{
    auto classes = Store::ClassStore::list(db, caller);
    if (!classes)
        return classes.error();
    QJsonArray array;
    for (const Core::ClassInfo &info : std::as_const(*classes))
        array.append(toJson(info));
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
    auto info = Store::ClassStore::create(db, caller, *name);
    if (!info)
        return info.error();
    Reply reply = Reply::json(201, toJson(*info));
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
    auto info = Store::ClassStore::patch(db, caller, id, *patch);
    if (!info)
        return info.error();
    return Reply::json(200, toJson(*info));
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
    auto info = Store::ClassStore::addMembers(db, caller, id, *ids);
    if (!info)
        return info.error();
    return Reply::json(200, toJson(*info));
}

Result<Reply> ClassesHandler::removeMember(const RequestContext &context, const Caller &caller,
                                           Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    const qint64 userId = context.idParam(u"user_id"_s);
    if (!id || !userId)
        return noSuchClass();
    auto done = Store::ClassStore::removeMember(db, caller, id, userId);
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
    QList<Store::NewStudent> students;
    for (const QString &name : std::as_const(*names)) {
        const QString password = Auth::PasswordGenerator::childFriendly();
        // Hashing happens before the write transaction, so the write lock is held briefly.
        students.append({name, password, Auth::PasswordHasher::hash(password)});
    }
    auto created = Store::ClassStore::addStudents(db, caller, id, students);
    if (!created)
        return created.error();
    QJsonArray array;
    for (const Core::NewAccount &account : std::as_const(*created)) {
        array.append(QJsonObject{{u"id"_s, account.id},
                                 {u"username"_s, account.username},
                                 {u"display_name"_s, account.displayName},
                                 {u"password"_s, account.password}});
    }
    return Reply::json(201, QJsonObject{{u"students"_s, array}});
}

Result<Reply> ClassesHandler::resetPassword(const RequestContext &context, const Caller &caller,
                                            Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no such user."_s);
    auto user = Store::ClassStore::manageableUser(db, caller, id);
    if (!user)
        return user.error();
    const QString password = user->role == Core::Role::Student
        ? Auth::PasswordGenerator::childFriendly()
        : Auth::PasswordGenerator::strong();
    // Also ends every session of the user at once, cached ones included (issue #12).
    auto done =
        m_services.auth.resetPassword(db, id, user->username, Auth::PasswordHasher::hash(password));
    if (!done)
        return done.error();
    return Reply::json(200, QJsonObject{{u"password"_s, password}});
}

Result<Reply> ClassesHandler::createUser(const RequestContext &context, const Caller &,
                                         Service::Work &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto user = parseNewUserBody(*body);
    if (!user)
        return user.error();
    const QString &username = user->username;
    const QString &displayName = user->displayName;
    const Core::Role role = user->role;
    QString password = user->password;
    if (password.isEmpty())
        password = role == Core::Role::Student ? Auth::PasswordGenerator::childFriendly()
                                               : Auth::PasswordGenerator::strong();
    auto account = Store::UserStore::create(db, username, displayName, role,
                                            Auth::PasswordHasher::hash(password));
    if (!account)
        return account.error();
    return Reply::json(201,
                       QJsonObject{{u"id"_s, account->id},
                                   {u"username"_s, account->username},
                                   {u"display_name"_s, account->displayName},
                                   {u"role"_s, Core::roleToString(role)},
                                   {u"password"_s, password}});
}

} // namespace Blockhaus::Http
