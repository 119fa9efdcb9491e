// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/projectshandler.h"

#include <QJsonArray>
#include <QUrl>

#include "server/http/assetreply.h"
#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/live/livehub.h"
#include "server/service/cloudvariables.h"
#include "server/service/projects.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Error noSuchProject()
{
    return makeError(ErrorKind::NotFound, u"There is no project with this number."_s);
}

Reply metaReply(int status, const Core::ProjectMeta &meta)
{
    Reply reply = Reply::json(status, toJson(meta));
    reply.addHeader("ETag", '"' + QByteArray::number(meta.version) + '"');
    return reply;
}

Reply listReply(const QList<Core::ProjectMeta> &projects)
{
    return Reply::json(200, QJsonObject{{u"projects"_s, toJson(projects)}});
}

// attachment; filename="T.sb3" as API.md spells it; a title with characters outside printable
// ASCII also gets the UTF-8 form (RFC 6266) and an ASCII fallback.
QByteArray attachmentDisposition(const QString &title)
{
    QString ascii;
    bool plain = true;
    for (QChar c : title) {
        const bool printable = c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
        ascii += printable ? c : u'_';
        plain = plain && printable;
    }
    QByteArray value = "attachment; filename=\"" + ascii.toLatin1() + ".sb3\"";
    if (!plain)
        value += "; filename*=UTF-8''" + QUrl::toPercentEncoding(title + u".sb3"_s);
    return value;
}

// The project.json of a request: its media type (415); the service checks its content (422).
Result<Ok> projectBody(const Request &request)
{
    auto type = requireMediaType(request, {"application/json"});
    if (!type)
        return type.error();
    return Ok{};
}

// ?title=T as the client sent it; the service cleans it.
QString titleParam(const Request &request)
{
    return request.query.queryItemValue(u"title"_s, QUrl::FullyDecoded);
}

// ?trash=1 / ?purge=1 and their spelled-out forms.
bool flagSet(const Request &request, const QString &name)
{
    const QString value = request.query.queryItemValue(name);
    return value == u"1"_s || value == u"true"_s;
}

} // namespace

void ProjectsHandler::registerRoutes(Router &router) const
{
    const qint64 projectLimit = m_services.config.projectLimit;
    const qint64 sb3Limit = m_services.config.sb3Limit;
    const qint64 thumbnailLimit = m_services.config.thumbnailLimit;
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Caller *caller, Service::Work &db) {
            return (this->*member)(c, *caller, db);
        };
    };
    const auto in = Access::LoggedIn;
    router.add("GET", u"/api/v1/projects"_s, in, 0, bind(&ProjectsHandler::list));
    router.add("GET", u"/api/v1/projects/shared"_s, in, 0, bind(&ProjectsHandler::listShared));
    router.add("POST", u"/api/v1/projects"_s, in, projectLimit, bind(&ProjectsHandler::create));
    router.add("POST", u"/api/v1/projects/import"_s, in, sb3Limit, bind(&ProjectsHandler::import));
    router.add("GET", u"/api/v1/projects/{id}"_s, in, 0, bind(&ProjectsHandler::content));
    router.add("GET", u"/api/v1/projects/{id}/meta"_s, in, 0, bind(&ProjectsHandler::meta));
    router.add("PUT", u"/api/v1/projects/{id}"_s, in, projectLimit, bind(&ProjectsHandler::save));
    router.add("PATCH", u"/api/v1/projects/{id}"_s, in, Router::jsonBodyLimit,
               bind(&ProjectsHandler::rename));
    router.add("DELETE", u"/api/v1/projects"_s, in, 0, bind(&ProjectsHandler::emptyTrash));
    router.add("DELETE", u"/api/v1/projects/{id}"_s, in, 0, bind(&ProjectsHandler::trash));
    router.add("POST", u"/api/v1/projects/{id}/restore"_s, in, 0, bind(&ProjectsHandler::restore));
    router.add("POST", u"/api/v1/projects/{id}/copy"_s, in, 0, bind(&ProjectsHandler::copy));
    router.add("PUT", u"/api/v1/projects/{id}/share"_s, in, Router::jsonBodyLimit,
               bind(&ProjectsHandler::share));
    router.add("GET", u"/api/v1/projects/{id}/sb3"_s, in, 0, bind(&ProjectsHandler::exportSb3));
    router.add("PUT", u"/api/v1/projects/{id}/thumbnail"_s, in, thumbnailLimit,
               bind(&ProjectsHandler::putThumbnail));
    router.add("GET", u"/api/v1/projects/{id}/thumbnail"_s, in, 0,
               bind(&ProjectsHandler::thumbnail));
    router.add("GET", u"/api/v1/projects/{id}/versions"_s, in, 0, bind(&ProjectsHandler::versions));
    router.add("GET", u"/api/v1/projects/{id}/versions/{v}"_s, in, 0,
               bind(&ProjectsHandler::version));
    router.add("POST", u"/api/v1/projects/{id}/versions/{v}/restore"_s, in, 0,
               bind(&ProjectsHandler::restoreVersion));
    router.add("GET", u"/api/v1/me/storage"_s, in, 0, bind(&ProjectsHandler::storage));
}

Result<Reply> ProjectsHandler::list(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    auto own = projects().listOwn(db, caller, flagSet(context.request, u"trash"_s));
    if (!own)
        return own.error();
    return listReply(*own);
}

Result<Reply> ProjectsHandler::listShared(const RequestContext &, const Caller &caller,
                                          Service::Work &db) const
{
    auto shared = projects().listShared(db, caller);
    if (!shared)
        return shared.error();
    return listReply(*shared);
}

Result<Reply> ProjectsHandler::create(const RequestContext &context, const Caller &caller,
                                      Service::Work &db) const
{
    auto type = projectBody(context.request);
    if (!type)
        return type.error();
    auto meta = projects().create(db, caller, titleParam(context.request), context.request.body);
    if (!meta)
        return meta.error();
    Reply reply = metaReply(201, *meta);
    reply.addHeader("Location", "/api/v1/projects/" + QByteArray::number(meta->id));
    return reply;
}

Result<Reply> ProjectsHandler::import(const RequestContext &context, const Caller &caller,
                                      Service::Work &db) const
{
    const Request &request = context.request;
    auto type = requireMediaType(request, {"application/x.scratch.sb3", "application/zip"});
    if (!type)
        return type.error();
    auto meta = projects().importSb3(db, caller, titleParam(request), request.body);
    if (!meta)
        return meta.error();
    Reply reply = metaReply(201, *meta);
    reply.addHeader("Location", "/api/v1/projects/" + QByteArray::number(meta->id));
    return reply;
}

Result<Reply> ProjectsHandler::content(const RequestContext &context, const Caller &caller,
                                       Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto content = projects().content(db, caller, id);
    if (!content)
        return content.error();
    Reply reply = Reply::bytes(200, "application/json", content->body);
    reply.addHeader("ETag", '"' + QByteArray::number(content->version) + '"');
    return reply;
}

Result<Reply> ProjectsHandler::meta(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto meta = projects().meta(db, caller, id);
    if (!meta)
        return meta.error();
    // The editor enables cloud variables (canUseCloud) only where this is true (#16).
    auto cloud = Service::CloudVariables().available(db, caller, id);
    if (!cloud)
        return cloud.error();
    QJsonObject body = toJson(*meta);
    body.insert(u"cloud_variables"_s, *cloud);
    Reply reply = Reply::json(200, body);
    reply.addHeader("ETag", '"' + QByteArray::number(meta->version) + '"');
    return reply;
}

void ProjectsHandler::noteConflict(const Caller &caller, qint64 projectId, const Error &error) const
{
    if (error.kind != ErrorKind::PreconditionFailed)
        return;
    Live::ConflictEntry entry;
    entry.when = QDateTime::currentDateTimeUtc();
    entry.userId = caller.userId;
    entry.username = caller.username;
    entry.displayName = caller.displayName;
    entry.projectId = projectId;
    entry.staleVersion = error.extra.value(u"your_version"_s).toInt();
    entry.currentVersion = error.extra.value(u"current_version"_s).toInt();
    entry.currentSavedBy =
        error.extra.value(u"updated_by"_s).toObject().value(u"username"_s).toString();
    m_services.live.conflicts().record(entry);
}

Result<Reply> ProjectsHandler::save(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    const Request &request = context.request;
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto expected = parseIfMatch(request);
    if (!expected)
        return expected.error();
    auto type = projectBody(request);
    if (!type)
        return type.error();
    std::optional<QString> title;
    if (request.query.hasQueryItem(u"title"_s))
        title = titleParam(request);
    auto meta = projects().save(db, caller, id, *expected, request.body, title);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!meta) {
        noteConflict(caller, id, meta.error());
        // The dashboard's "whose work is not safe": a conflict is asked about in the browser, any
        // other refusal means the work did not reach the server.
        if (meta.error().kind == ErrorKind::PreconditionFailed)
            m_services.live.saves().recordConflict(caller.userId, now);
        else
            m_services.live.saves().recordFailure(caller.userId, now);
        return meta.error();
    }
    m_services.live.requests().recordSave();
    m_services.live.saves().recordSave(caller.userId, now);
    return metaReply(200, *meta);
}

Result<Reply> ProjectsHandler::rename(const RequestContext &context, const Caller &caller,
                                      Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto expected = parseIfMatch(context.request);
    if (!expected)
        return expected.error();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto title = parseRenameBody(*body);
    if (!title)
        return title.error();
    auto meta = projects().rename(db, caller, id, *expected, *title);
    if (!meta) {
        noteConflict(caller, id, meta.error());
        return meta.error();
    }
    return metaReply(200, *meta);
}

Result<Reply> ProjectsHandler::trash(const RequestContext &context, const Caller &caller,
                                     Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    // ?purge=1 deletes a project that is already in the trash for good (#12).
    auto done = flagSet(context.request, u"purge"_s) ? projects().purge(db, caller, id)
                                                     : projects().trash(db, caller, id);
    if (!done)
        return done.error();
    return Reply::noContent();
}

Result<Reply> ProjectsHandler::emptyTrash(const RequestContext &context, const Caller &caller,
                                          Service::Work &db) const
{
    // Only with ?trash=1: a bare DELETE on the collection must never mean "everything".
    if (!flagSet(context.request, u"trash"_s))
        return badRequest(u"To empty your trash, ask for DELETE /api/v1/projects?trash=1."_s);
    auto purged = projects().emptyTrash(db, caller);
    if (!purged)
        return purged.error();
    return Reply::json(200, QJsonObject{{u"purged"_s, *purged}});
}

Result<Reply> ProjectsHandler::restore(const RequestContext &context, const Caller &caller,
                                       Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto meta = projects().restore(db, caller, id);
    if (!meta)
        return meta.error();
    return metaReply(200, *meta);
}

Result<Reply> ProjectsHandler::copy(const RequestContext &context, const Caller &caller,
                                    Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto meta = projects().copy(db, caller, id);
    if (!meta)
        return meta.error();
    Reply reply = metaReply(201, *meta);
    reply.addHeader("Location", "/api/v1/projects/" + QByteArray::number(meta->id));
    return reply;
}

Result<Reply> ProjectsHandler::share(const RequestContext &context, const Caller &caller,
                                     Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto groupIds = parseShareBody(*body);
    if (!groupIds)
        return groupIds.error();
    auto meta = projects().share(db, caller, id, *groupIds);
    if (!meta)
        return meta.error();
    return metaReply(200, *meta);
}

Result<Reply> ProjectsHandler::exportSb3(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    // Built into a temporary file on this worker and streamed from it by the connection.
    auto archive = projects().exportFile(db, caller, id);
    if (!archive)
        return archive.error();
    Reply reply = Reply::fromFile(200, "application/x.scratch.sb3", archive->file);
    reply.addHeader("Content-Disposition", attachmentDisposition(archive->title));
    return reply;
}

Result<Reply> ProjectsHandler::putThumbnail(const RequestContext &context, const Caller &caller,
                                            Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto done = projects().putThumbnail(db, caller, id, context.request.body);
    if (!done)
        return done.error();
    return Reply::noContent();
}

Result<Reply> ProjectsHandler::thumbnail(const RequestContext &context, const Caller &caller,
                                         Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto thumb = projects().thumbnail(db, caller, id);
    if (!thumb)
        return thumb.error();
    Reply reply = Reply::bytes(200, thumb->mime.toLatin1(), thumb->data);
    reply.addHeader("Cache-Control", "private, no-cache");
    addUserContentHeaders(reply); // uploaded bytes (issue #12)
    return reply;
}

Result<Reply> ProjectsHandler::versions(const RequestContext &context, const Caller &caller,
                                        Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    if (!id)
        return noSuchProject();
    auto versions = projects().versions(db, caller, id);
    if (!versions)
        return versions.error();
    QJsonArray array;
    for (const Core::VersionInfo &version : std::as_const(*versions))
        array.append(toJson(version));
    return Reply::json(200, QJsonObject{{u"versions"_s, array}});
}

Result<Reply> ProjectsHandler::version(const RequestContext &context, const Caller &caller,
                                       Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    const qint64 v = context.idParam(u"v"_s);
    if (!id || !v || v > std::numeric_limits<int>::max())
        return noSuchProject();
    auto body = projects().versionContent(db, caller, id, static_cast<int>(v));
    if (!body)
        return body.error();
    return Reply::bytes(200, "application/json", *body);
}

Result<Reply> ProjectsHandler::restoreVersion(const RequestContext &context, const Caller &caller,
                                              Service::Work &db) const
{
    const qint64 id = context.idParam(u"id"_s);
    const qint64 v = context.idParam(u"v"_s);
    if (!id || !v || v > std::numeric_limits<int>::max())
        return noSuchProject();
    auto expected = parseIfMatch(context.request);
    if (!expected)
        return expected.error();
    auto meta = projects().restoreVersion(db, caller, id, static_cast<int>(v), *expected);
    if (!meta) {
        noteConflict(caller, id, meta.error());
        return meta.error();
    }
    return metaReply(200, *meta);
}

Result<Reply> ProjectsHandler::storage(const RequestContext &, const Caller &caller,
                                       Service::Work &db) const
{
    auto usage = projects().storage(db, caller);
    if (!usage)
        return usage.error();
    // quota_bytes is null when the caller has no limit (teachers and admins by default).
    return Reply::json(200,
                       QJsonObject{{u"used_bytes"_s, usage->usedBytes},
                                   {u"quota_bytes"_s,
                                    usage->quotaBytes > 0 ? QJsonValue(usage->quotaBytes)
                                                          : QJsonValue(QJsonValue::Null)}});
}

Service::Projects ProjectsHandler::projects() const
{
    const HttpConfig &config = m_services.config;
    return Service::Projects(config.quota, std::max(config.assetLimit, config.projectLimit));
}

} // namespace Blockhaus::Http
