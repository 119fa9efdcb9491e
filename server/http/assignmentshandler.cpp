// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/assignmentshandler.h"

#include <QJsonArray>

#include "server/core/timetext.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/service/assignments.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Error noSuchAssignment()
{
    return makeError(ErrorKind::NotFound, u"There is no such assignment."_s);
}

QJsonValue timeOrNull(const QString &stored)
{
    return stored.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(Core::toApiTime(stored));
}

QJsonValue idOrNull(qint64 id)
{
    return id > 0 ? QJsonValue(id) : QJsonValue(QJsonValue::Null);
}

// Assignment = {"id","class":{"id","name"},"title","instructions","due_at","allow_continue",
// "starter_project_id","created_at","handed_out_at"}; teachers' views add "counts".
QJsonObject toJson(const Core::Assignment &a, bool withCounts)
{
    QJsonObject object{{u"id"_s, a.id},
                       {u"class"_s, QJsonObject{{u"id"_s, a.group.id}, {u"name"_s, a.group.name}}},
                       {u"title"_s, a.title},
                       {u"instructions"_s, a.instructions},
                       {u"due_at"_s, timeOrNull(a.dueAt)},
                       {u"allow_continue"_s, a.allowContinue},
                       {u"starter_project_id"_s, idOrNull(a.starterProjectId)},
                       {u"created_at"_s, timeOrNull(a.createdAt)},
                       {u"handed_out_at"_s, timeOrNull(a.handedOutAt)}};
    if (withCounts)
        object.insert(
            u"counts"_s,
            QJsonObject{{u"students"_s, a.studentCount}, {u"handed_in"_s, a.handedInCount}});
    return object;
}

// The copy's fields, shared by the grid row and the student's own view.
void addCopy(QJsonObject &object, const Core::AssignmentCopy &copy)
{
    object.insert(u"state"_s, Core::copyStateToString(copy.state));
    object.insert(u"project_id"_s, idOrNull(copy.projectId));
    object.insert(u"handed_in_at"_s, timeOrNull(copy.handedInAt));
    object.insert(u"returned_at"_s, timeOrNull(copy.returnedAt));
    object.insert(u"feedback"_s, copy.feedback);
    object.insert(u"continue_allowed"_s, copy.continueAllowed);
    object.insert(u"late"_s, copy.late);
    object.insert(u"frozen"_s, copy.frozen);
}

// A row of the teacher's grid: {"student":{"id","username","display_name"}, state, ...}.
QJsonObject toJson(const Core::AssignmentCopy &copy)
{
    QJsonObject object{{u"student"_s, Http::toJson(copy.student)}};
    addCopy(object, copy);
    return object;
}

// MyAssignment = Assignment (without counts) + the caller's copy fields.
QJsonObject toJson(const Core::MyAssignment &mine)
{
    QJsonObject object = toJson(mine.assignment, false);
    addCopy(object, mine.copy);
    return object;
}

} // namespace

void AssignmentsHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    const auto teacher = Access::Teacher;
    const auto in = Access::LoggedIn;
    const qint64 json = Router::jsonBodyLimit;
    router.add("GET", u"/api/v1/classes/{id}/assignments"_s, teacher, 0,
               bind(&AssignmentsHandler::listForClass));
    router.add("POST", u"/api/v1/classes/{id}/assignments"_s, teacher, json,
               bind(&AssignmentsHandler::create));
    router.add("GET", u"/api/v1/assignments/{id}"_s, teacher, 0, bind(&AssignmentsHandler::get));
    router.add("POST", u"/api/v1/assignments/{id}/hand-out"_s, teacher, 0,
               bind(&AssignmentsHandler::handOut));
    router.add("GET", u"/api/v1/assignments/{id}/copies"_s, teacher, 0,
               bind(&AssignmentsHandler::grid));
    router.add("POST", u"/api/v1/assignments/{id}/copies/{student_id}/return"_s, teacher, json,
               bind(&AssignmentsHandler::returnCopy));
    router.add("GET", u"/api/v1/me/assignments"_s, in, 0, bind(&AssignmentsHandler::mine));
    router.add("POST", u"/api/v1/assignments/{id}/open"_s, in, 0, bind(&AssignmentsHandler::open));
    router.add("POST", u"/api/v1/assignments/{id}/hand-in"_s, in, 0,
               bind(&AssignmentsHandler::handIn));
    router.add("GET", u"/api/v1/projects/{id}/assignment"_s, in, 0,
               bind(&AssignmentsHandler::ofProject));
}

Result<Reply> AssignmentsHandler::listForClass(const RequestContext &context, const Caller &caller,
                                               Service::Work &db) const
{
    const qint64 classId = context.idParam(u"id"_s);
    if (!classId)
        return makeError(ErrorKind::NotFound, u"There is no such class."_s);
    auto list = Service::Assignments().listForClass(db, caller, classId);
    if (!list)
        return list.error();
    QJsonArray array;
    for (const Core::Assignment &a : std::as_const(*list))
        array.append(toJson(a, true));
    return Reply::json(200, QJsonObject{{u"assignments"_s, array}});
}

Result<Reply> AssignmentsHandler::create(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 classId = context.idParam(u"id"_s);
    if (!classId)
        return makeError(ErrorKind::NotFound, u"There is no such class."_s);
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto request = parseAssignmentBody(*body);
    if (!request)
        return request.error();
    auto made = Service::Assignments().create(db, caller, classId, *request);
    if (!made)
        return made.error();
    Reply reply = Reply::json(201, toJson(*made, true));
    reply.addHeader("Location", "/api/v1/assignments/" + QByteArray::number(made->id));
    return reply;
}

Result<Reply> AssignmentsHandler::get(const RequestContext &context, const Caller &caller,
                                      Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchAssignment();
    auto assignment = Service::Assignments().get(db, caller, id);
    if (!assignment)
        return assignment.error();
    return Reply::json(200, toJson(*assignment, true));
}

Result<Reply> AssignmentsHandler::handOut(const RequestContext &context, const Caller &caller,
                                          Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchAssignment();
    const Service::Assignments assignments;
    auto made = assignments.handOut(db, caller, id);
    if (!made)
        return made.error();
    auto assignment = assignments.get(db, caller, id);
    if (!assignment)
        return assignment.error();
    return Reply::json(
        200, QJsonObject{{u"assignment"_s, toJson(*assignment, true)}, {u"copies_made"_s, *made}});
}

Result<Reply> AssignmentsHandler::grid(const RequestContext &context, const Caller &caller,
                                       Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchAssignment();
    const Service::Assignments assignments;
    auto assignment = assignments.get(db, caller, id);
    if (!assignment)
        return assignment.error();
    auto copies = assignments.grid(db, caller, id);
    if (!copies)
        return copies.error();
    QJsonArray array;
    for (const Core::AssignmentCopy &copy : std::as_const(*copies))
        array.append(toJson(copy));
    return Reply::json(
        200, QJsonObject{{u"assignment"_s, toJson(*assignment, true)}, {u"copies"_s, array}});
}

Result<Reply> AssignmentsHandler::returnCopy(const RequestContext &context, const Caller &caller,
                                             Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    const qint64 studentId = context.idParam(u"student_id"_s);
    if (!id || !studentId)
        return noSuchAssignment();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto parsed = parseReturnBody(*body);
    if (!parsed)
        return parsed.error();
    auto copy = Service::Assignments().returnCopy(db, caller, id, studentId, parsed->feedback,
                                                  parsed->allowContinue);
    if (!copy)
        return copy.error();
    return Reply::json(200, toJson(*copy));
}

Result<Reply> AssignmentsHandler::mine(const RequestContext &, const Caller &caller,
                                       Service::Work &db) const
{
    auto list = Service::Assignments().mine(db, caller);
    if (!list)
        return list.error();
    QJsonArray array;
    for (const Core::MyAssignment &mine : std::as_const(*list))
        array.append(toJson(mine));
    return Reply::json(200, QJsonObject{{u"assignments"_s, array}});
}

Result<Reply> AssignmentsHandler::open(const RequestContext &context, const Caller &caller,
                                       Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchAssignment();
    auto mine = Service::Assignments().open(db, caller, id);
    if (!mine)
        return mine.error();
    return Reply::json(200, toJson(*mine));
}

Result<Reply> AssignmentsHandler::handIn(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchAssignment();
    auto mine = Service::Assignments().handIn(db, caller, id);
    if (!mine)
        return mine.error();
    return Reply::json(200, toJson(*mine));
}

Result<Reply> AssignmentsHandler::ofProject(const RequestContext &context, const Caller &caller,
                                            Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no project with this number."_s);
    auto mine = Service::Assignments().ofProject(db, caller, id);
    if (!mine)
        return mine.error();
    if (!*mine)
        return makeError(ErrorKind::NotFound, u"This project is no assignment copy."_s);
    return Reply::json(200, toJson(**mine));
}

} // namespace Blockhaus::Http
