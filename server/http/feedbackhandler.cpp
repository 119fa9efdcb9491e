// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/feedbackhandler.h"

#include <QJsonArray>

#include "server/core/timetext.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/service/feedback.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// Comment = {"id","author":{"id","username","display_name"},"text","created_at"}
QJsonObject toJson(const Core::ProjectComment &comment)
{
    return {{u"id"_s, comment.id},
            {u"author"_s, Http::toJson(comment.author)},
            {u"text"_s, comment.text},
            {u"created_at"_s, Core::toApiTime(comment.createdAt)}};
}

Error noSuchProject()
{
    return makeError(ErrorKind::NotFound, u"There is no project with this number."_s);
}

// {"up_to"?: comment id} or no body at all; 0: up to the newest comment.
Result<qint64> parseReadBody(const Request &request)
{
    if (request.body.isEmpty())
        return qint64(0);
    auto body = jsonObjectBody(request);
    if (!body)
        return body.error();
    const QJsonValue upTo = body->value(u"up_to"_s);
    if (upTo.isUndefined() || upTo.isNull())
        return qint64(0);
    constexpr double maxExact = 9007199254740992.0; // 2^53: whole numbers a double holds
    const double number = upTo.toDouble(-1);
    if (!upTo.isDouble() || !(number >= 1 && number <= maxExact)
        || static_cast<double>(static_cast<qint64>(number)) != number)
        return badRequest(u"up_to must be a comment number."_s);
    return static_cast<qint64>(number);
}

} // namespace

void FeedbackHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    router.add("GET", u"/api/v1/projects/{id}/comments"_s, Access::LoggedIn, 0,
               bind(&FeedbackHandler::list));
    router.add("POST", u"/api/v1/projects/{id}/comments"_s, Access::Teacher, bodyLimit,
               bind(&FeedbackHandler::add));
    router.add("POST", u"/api/v1/projects/{id}/comments/read"_s, Access::LoggedIn, 16 * 1024,
               bind(&FeedbackHandler::markRead));
    router.add("GET", u"/api/v1/me/feedback"_s, Access::LoggedIn, 0, bind(&FeedbackHandler::mine));
}

Result<Reply> FeedbackHandler::list(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto thread = Service::Feedback().comments(db, caller, id);
    if (!thread)
        return thread.error();
    QJsonArray comments;
    for (const Core::ProjectComment &comment : std::as_const(thread->comments))
        comments.append(toJson(comment));
    return Reply::json(200,
                       QJsonObject{{u"comments"_s, comments},
                                   {u"last_read_id"_s, thread->lastReadId},
                                   {u"unread"_s, thread->unread}});
}

Result<Reply> FeedbackHandler::add(const RequestContext &context, const Caller &caller,
                                   Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    const QJsonValue text = body->value(u"text"_s);
    if (!text.isString())
        return badRequest(u"The body needs the comment as text: {\"text\": \"...\"}."_s);
    auto comment = Service::Feedback().comment(db, caller, id, text.toString());
    if (!comment)
        return comment.error();
    return Reply::json(201, toJson(*comment));
}

Result<Reply> FeedbackHandler::markRead(const RequestContext &context, const Caller &caller,
                                        Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto upTo = parseReadBody(context.request);
    if (!upTo)
        return upTo.error();
    auto marked = Service::Feedback().markRead(db, caller, id, *upTo);
    if (!marked)
        return marked.error();
    return Reply::noContent();
}

Result<Reply> FeedbackHandler::mine(const RequestContext &, const Caller &caller,
                                    Service::Work &db) const
{
    auto projects = Service::Feedback().mine(db, caller);
    if (!projects)
        return projects.error();
    QJsonArray array;
    int unread = 0;
    for (const Core::ProjectFeedback &project : std::as_const(*projects)) {
        unread += project.unread;
        array.append(QJsonObject{{u"id"_s, project.projectId},
                                 {u"title"_s, project.title},
                                 {u"comments"_s, project.comments},
                                 {u"unread"_s, project.unread}});
    }
    return Reply::json(200, QJsonObject{{u"unread"_s, unread}, {u"projects"_s, array}});
}

} // namespace Blockhaus::Http
