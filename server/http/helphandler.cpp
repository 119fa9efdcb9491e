// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/helphandler.h"

#include <QDateTime>
#include <QJsonArray>

#include "server/core/timetext.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/service/help.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// HelpRequest = {"id","student":{"id","username","display_name"},"project":{"id","title"}|null,
// "question","created_at","waiting_seconds","done_at"|null,"position"} (position: 0 when done).
QJsonObject toJson(const Core::HelpRequest &request)
{
    const QDateTime created = Core::fromText(request.createdAt);
    const qint64 waiting = request.doneAt.isEmpty() && created.isValid()
        ? std::max<qint64>(0, created.secsTo(QDateTime::currentDateTimeUtc()))
        : 0;
    return {{u"id"_s, request.id},
            {u"student"_s, Http::toJson(request.student)},
            {u"project"_s,
             request.projectId > 0 ? QJsonValue(
                 QJsonObject{{u"id"_s, request.projectId}, {u"title"_s, request.projectTitle}})
                                   : QJsonValue(QJsonValue::Null)},
            {u"question"_s, request.question},
            {u"created_at"_s, Core::toApiTime(request.createdAt)},
            {u"waiting_seconds"_s, waiting},
            {u"done_at"_s,
             request.doneAt.isEmpty() ? QJsonValue(QJsonValue::Null)
                                      : QJsonValue(Core::toApiTime(request.doneAt))},
            {u"position"_s, request.position}};
}

QJsonObject mineJson(const std::optional<Core::HelpRequest> &request)
{
    return {{u"request"_s, request ? QJsonValue(toJson(*request)) : QJsonValue(QJsonValue::Null)}};
}

// A positive whole number below 2^53 (what a double holds exactly), else 0.
qint64 wholeId(const QJsonValue &value)
{
    constexpr double maxExact = 9007199254740992.0;
    if (!value.isDouble())
        return 0;
    const double number = value.toDouble();
    if (!(number >= 1 && number <= maxExact))
        return 0;
    const auto whole = static_cast<qint64>(number);
    return static_cast<double>(whole) == number ? whole : 0;
}

struct RaiseBody
{
    qint64 projectId = 0;
    QString question;
};

// {"project_id"?: id or null, "question"?: text}; no body at all is {}.
Result<RaiseBody> parseRaiseBody(const Request &request)
{
    if (request.body.isEmpty())
        return RaiseBody{};
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    RaiseBody parsed;
    const QJsonValue project = body->value(u"project_id"_s);
    if (!project.isUndefined() && !project.isNull()) {
        parsed.projectId = wholeId(project);
        if (!parsed.projectId)
            return badRequest(u"project_id must be a project number."_s);
    }
    const QJsonValue question = body->value(u"question"_s);
    if (!question.isUndefined() && !question.isNull()) {
        if (!question.isString())
            return badRequest(u"question must be text."_s);
        parsed.question = question.toString();
    }
    return parsed;
}

} // namespace

void HelpHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    router.add("GET", u"/api/v1/help/mine"_s, Access::LoggedIn, 0, bind(&HelpHandler::mine));
    router.add("POST", u"/api/v1/help/mine"_s, Access::LoggedIn, bodyLimit,
               bind(&HelpHandler::raise));
    router.add("DELETE", u"/api/v1/help/mine"_s, Access::LoggedIn, 0, bind(&HelpHandler::withdraw));
    router.add("GET", u"/api/v1/teacher/help"_s, Access::Teacher, 0, bind(&HelpHandler::queue));
    router.add("POST", u"/api/v1/teacher/help/{id}/done"_s, Access::Teacher, 0,
               bind(&HelpHandler::markDone));
}

Result<Reply> HelpHandler::mine(const RequestContext &, const Caller &caller,
                                Service::Work &db) const
{
    auto request = Service::Help().mine(db, caller);
    if (!request)
        return request.error();
    return Reply::json(200, mineJson(*request));
}

Result<Reply> HelpHandler::raise(const RequestContext &context, const Caller &caller,
                                 Service::Work &db) const
{
    auto body = parseRaiseBody(context.request);
    if (!body)
        return body.error();
    auto raised = Service::Help().raise(db, caller, body->projectId, body->question);
    if (!raised)
        return raised.error();
    return Reply::json(raised->opened ? 201 : 200, mineJson(raised->request));
}

Result<Reply> HelpHandler::withdraw(const RequestContext &, const Caller &caller,
                                    Service::Work &db) const
{
    auto withdrawn = Service::Help().withdraw(db, caller);
    if (!withdrawn)
        return withdrawn.error();
    return Reply::noContent();
}

Result<Reply> HelpHandler::queue(const RequestContext &, const Caller &caller,
                                 Service::Work &db) const
{
    auto requests = Service::Help().queue(db, caller);
    if (!requests)
        return requests.error();
    QJsonArray array;
    for (const Core::HelpRequest &request : std::as_const(*requests))
        array.append(toJson(request));
    return Reply::json(200, QJsonObject{{u"requests"_s, array}});
}

Result<Reply> HelpHandler::markDone(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return makeError(ErrorKind::NotFound, u"There is no such help request."_s);
    auto done = Service::Help().markDone(db, caller, id);
    if (!done)
        return done.error();
    return Reply::json(200, toJson(*done));
}

} // namespace Blockhaus::Http
