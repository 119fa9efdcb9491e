// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/livehandler.h"

#include <QJsonArray>
#include <QTcpSocket>

#include "server/core/timetext.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Error noSuchClass()
{
    return makeError(ErrorKind::NotFound, u"There is no such class."_s);
}

Error noSuchCollection()
{
    return makeError(ErrorKind::NotFound, u"There is no such collection."_s);
}

QJsonObject toJson(const Core::ClassLiveState &state)
{
    return {{u"class_id"_s, state.classId},
            {u"pencils_down"_s, state.pencilsDown},
            {u"changed_at"_s,
             state.changedAt.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(Core::toApiTime(state.changedAt))}};
}

QJsonObject toJson(const Core::SendResult &sent)
{
    QJsonArray copies;
    for (const Core::SentCopy &copy : sent.copies)
        copies.append(
            QJsonObject{{u"student_id"_s, copy.studentId}, {u"project_id"_s, copy.projectId}});
    return {{u"send_id"_s, sent.sendId},
            {u"class_id"_s, sent.classId},
            {u"project_id"_s, sent.sourceProjectId},
            {u"title"_s, sent.title},
            {u"repeated"_s, sent.repeated},
            {u"copies"_s, copies}};
}

QJsonObject toJson(const Core::Collection &collection, bool withItems)
{
    QJsonObject object{
        {u"id"_s, collection.id},
        {u"class_id"_s, collection.classId},
        {u"collected_at"_s, Core::toApiTime(collection.collectedAt)},
        {u"zip_url"_s, u"/api/v1/collections/%1/zip"_s.arg(QString::number(collection.id))}};
    if (withItems) {
        QJsonArray items;
        for (const Core::CollectionItem &item : collection.items)
            items.append(QJsonObject{{u"student"_s, Http::toJson(item.student)},
                                     {u"source_project_id"_s, item.sourceProjectId},
                                     {u"project_id"_s, item.projectId},
                                     {u"title"_s, item.title}});
        object.insert(u"items"_s, items);
    }
    return object;
}

// attachment; filename="…" with a plain ASCII fallback and the UTF-8 name (RFC 6266).
QByteArray zipDisposition(const QString &name)
{
    QString ascii;
    for (const QChar c : name)
        ascii.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' ? c
                                                                                          : u'_');
    return "attachment; filename=\"" + ascii.toLatin1() + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(name);
}

} // namespace

void LiveHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    const auto teacher = Access::Teacher;
    router.add("GET", u"/api/v1/events"_s, Access::LoggedIn, 0, bind(&LiveHandler::events));
    router.add("GET", u"/api/v1/classes/{id}/live"_s, teacher, 0, bind(&LiveHandler::liveState));
    router.add("PUT", u"/api/v1/classes/{id}/live"_s, teacher, Router::jsonBodyLimit,
               bind(&LiveHandler::setLiveState));
    router.add("POST", u"/api/v1/classes/{id}/live/send"_s, teacher, Router::jsonBodyLimit,
               bind(&LiveHandler::sendToEveryone));
    router.add("GET", u"/api/v1/classes/{id}/collections"_s, teacher, 0,
               bind(&LiveHandler::listCollections));
    router.add("POST", u"/api/v1/classes/{id}/collections"_s, teacher, 0,
               bind(&LiveHandler::collect));
    router.add("GET", u"/api/v1/collections/{id}"_s, teacher, 0, bind(&LiveHandler::collection));
    router.add("GET", u"/api/v1/collections/{id}/zip"_s, teacher, 0,
               bind(&LiveHandler::collectionZip));
}

Service::LiveControls LiveHandler::controls() const
{
    return Service::LiveControls(&m_services.live);
}

Result<Reply> LiveHandler::events(const RequestContext &, const Caller &caller,
                                  Service::Work &db) const
{
    QPointer<EventStreams> streams = m_streams;
    if (!streams)
        return makeError(ErrorKind::Unavailable);
    // The place first, then the state: events published in between wait in the ticket.
    auto ticket = streams->reserve(caller.userId);
    if (!ticket) {
        Error error = makeError(
            ErrorKind::TooManyRequests,
            QT_TRANSLATE_NOOP("Sentence",
                              "Too many pages of this account are open. Close some and reload."));
        error.retryAfterSeconds = 10;
        return error;
    }
    auto state = controls().streamState(db, caller);
    if (!state)
        return state.error();
    Reply reply;
    reply.status = 200;
    reply.contentType = "text/event-stream; charset=utf-8";
    reply.addHeader("X-Accel-Buffering", "no"); // nginx: pass events on at once
    reply.takeover = [streams, ticket, classes = *state](QTcpSocket *socket, QByteArray) {
        if (!streams) { // shut down meanwhile
            socket->abort();
            socket->deleteLater();
            return;
        }
        streams->open(ticket, socket, classes);
    };
    return reply;
}

Result<Reply> LiveHandler::liveState(const RequestContext &context, const Caller &caller,
                                     Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto state = controls().state(db, caller, id);
    if (!state)
        return state.error();
    return Reply::json(200, toJson(*state));
}

Result<Reply> LiveHandler::setLiveState(const RequestContext &context, const Caller &caller,
                                        Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    const QJsonValue down = body->value(u"pencils_down"_s);
    if (!down.isBool())
        return badRequest(u"Send {\"pencils_down\": true} or {\"pencils_down\": false}."_s);
    auto state = controls().setPencilsDown(db, caller, id, down.toBool());
    if (!state)
        return state.error();
    return Reply::json(200, toJson(*state));
}

Result<Reply> LiveHandler::sendToEveryone(const RequestContext &context, const Caller &caller,
                                          Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    const QJsonValue project = body->value(u"project_id"_s);
    const QJsonValue press = body->value(u"press_id"_s);
    const double projectId = project.toDouble(-1);
    if (!project.isDouble() || projectId < 1 || projectId > 9e15
        || projectId != static_cast<double>(static_cast<qint64>(projectId)))
        return badRequest(u"project_id must name one of your projects."_s);
    if (!press.isString())
        return badRequest(u"press_id must be a string that names this press."_s);
    auto sent =
        controls().sendToEveryone(db, caller, id, static_cast<qint64>(projectId), press.toString());
    if (!sent)
        return sent.error();
    return Reply::json(sent->repeated ? 200 : 201, toJson(*sent));
}

Result<Reply> LiveHandler::collect(const RequestContext &context, const Caller &caller,
                                   Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto collection = controls().collect(db, caller, id);
    if (!collection)
        return collection.error();
    Reply reply = Reply::json(201, toJson(*collection, true));
    reply.addHeader("Location", "/api/v1/collections/" + QByteArray::number(collection->id));
    return reply;
}

Result<Reply> LiveHandler::listCollections(const RequestContext &context, const Caller &caller,
                                           Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchClass();
    auto list = controls().collections(db, caller, id);
    if (!list)
        return list.error();
    QJsonArray array;
    for (const Core::Collection &collection : std::as_const(*list))
        array.append(toJson(collection, false));
    return Reply::json(200, QJsonObject{{u"collections"_s, array}});
}

Result<Reply> LiveHandler::collection(const RequestContext &context, const Caller &caller,
                                      Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchCollection();
    auto found = controls().collection(db, caller, id);
    if (!found)
        return found.error();
    return Reply::json(200, toJson(*found, true));
}

Result<Reply> LiveHandler::collectionZip(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchCollection();
    auto archive = controls().exportCollection(db, caller, id);
    if (!archive)
        return archive.error();
    Reply reply = Reply::fromFile(200, "application/zip", archive->file);
    reply.addHeader("Content-Disposition", zipDisposition(archive->fileName));
    return reply;
}

} // namespace Blockhaus::Http
