// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/dispatcher.h"

#include "server/auth/authservice.h"
#include "server/http/errors.h"
#include "server/http/originguard.h"
#include "server/live/livehub.h"
#include "server/service/classroom.h"
#include "server/service/runner.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

bool roleAllows(Access access, const Core::Caller &caller)
{
    switch (access) {
    case Access::Admin:
        return caller.isAdmin();
    case Access::Teacher:
    case Access::LoopbackOrTeacher:
        return caller.isTeacherOrAdmin();
    case Access::Public:
    case Access::LoggedIn:
        break;
    }
    return true;
}

bool isLoopback(const QHostAddress &peer)
{
    // An IPv4 peer on a dual-stack socket arrives as ::ffff:127.0.0.1.
    bool ok = false;
    const quint32 v4 = peer.toIPv4Address(&ok);
    if (ok)
        return (v4 >> 24) == 127;
    return peer.isLoopback();
}

// Health and metrics are open to this computer by its TCP peer (API.md: X-Forwarded-For never
// counts). A reverse proxy on this computer is such a peer for every student, so a request it
// forwarded for another machine is not local (#15): the header may close the door, never open it.
bool isLocalRequest(const Request &request)
{
    return isLoopback(request.peer) && isLoopback(request.clientOrPeer());
}

Reply refusedBody(int status, const QByteArray &requestId)
{
    if (status == 411)
        return lengthRequired();
    Reply reply = errorReply(ErrorKind::PayloadTooLarge, {}, requestId);
    reply.closeConnection = true;
    return reply;
}

} // namespace

Dispatcher::Dispatcher(Services services)
    : m_services(services)
{
}

QFuture<Reply> Dispatcher::dispatch(Request request) const
{
    const Router::Match found = m_router.match(request.method, request.path);
    RequestContext context{std::move(request), found.params};
    const QByteArray requestId = context.request.requestId;
    const int refused = context.request.bodyRefusedStatus;
    if (found.fallback || (found.route && found.route->inlineHandler)) {
        if (refused)
            return QtFuture::makeReadyFuture(refusedBody(refused, requestId));
        const InlineHandler &handler =
            found.fallback ? m_router.fallback() : found.route->inlineHandler;
        return QtFuture::makeReadyFuture(handler(context));
    }
    if (!found.route) {
        Reply reply = found.allowed.isEmpty()
            ? errorReply(ErrorKind::NotFound, u"There is nothing at this address."_s, requestId)
            : methodNotAllowed(found.allowed);
        reply.closeConnection = refused != 0;
        return QtFuture::makeReadyFuture(reply);
    }
    const Route *route = found.route;
    if (route->asyncHandler)
        return dispatchAsync(*route, std::move(context));
    std::function<Result<Reply>(Service::Work &)> job =
        [this, route, context = std::move(context)](Service::Work &db) -> Result<Reply> {
        return runDbRoute(*route, context, db);
    };
    return m_services.runner.run<Reply>(std::move(job))
        .then([requestId, refused](Result<Reply> result) {
            if (result)
                return result.value();
            Reply reply = errorReply(result.error(), requestId);
            reply.closeConnection = refused != 0;
            return reply;
        });
}

QFuture<std::optional<Reply>> Dispatcher::authoriseHead(const Request &request) const
{
    using Answer = std::optional<Reply>;
    const Router::Match found = m_router.match(request.method, request.path);
    const Route *route = found.route;
    if (!route || found.fallback || route->inlineHandler || route->access == Access::Public
        || (route->access == Access::LoopbackOrTeacher && isLocalRequest(request))) {
        return QtFuture::makeReadyFuture(Answer());
    }
    const QByteArray requestId = request.requestId;
    auto refusal = [requestId](const Error &error) {
        Reply reply = errorReply(error, requestId);
        reply.closeConnection = true;
        return Answer(std::move(reply));
    };
    // No credentials: nothing to look up, so no worker is taken for an anonymous upload.
    if (credentialsOf(request).token.isEmpty())
        return QtFuture::makeReadyFuture(refusal(makeError(ErrorKind::Unauthorized)));
    std::function<Result<Answer>(Service::Work &)> job =
        [this, route, refusal,
         context = RequestContext{request, found.params}](Service::Work &db) -> Result<Answer> {
        auto caller = authorise(*route, context, db);
        if (!caller)
            return refusal(caller.error());
        return Answer();
    };
    return m_services.runner.run<Answer>(std::move(job))
        .then([refusal](Result<Answer> result) {
            return result ? result.value() : refusal(result.error());
        })
        .onCanceled([refusal]() { return refusal(makeError(ErrorKind::Unavailable)); });
}

QFuture<Reply> Dispatcher::dispatchAsync(const Route &route, RequestContext context) const
{
    const QByteArray requestId = context.request.requestId;
    const bool refused = context.request.bodyRefusedStatus != 0;
    std::function<Result<QFuture<Reply>>(Service::Work &)> job =
        [this, route = &route,
         context = std::move(context)](Service::Work &db) -> Result<QFuture<Reply>> {
        return runAsyncRoute(*route, context, db);
    };
    // Authentication runs on a pool worker; the handler's own future (a download, say) carries
    // the answer from wherever it finishes. No worker waits for it.
    return m_services.runner.run<QFuture<Reply>>(std::move(job))
        .then([requestId, refused](Result<QFuture<Reply>> result) {
            if (result)
                return result.value();
            Reply reply = errorReply(result.error(), requestId);
            reply.closeConnection = refused;
            return QtFuture::makeReadyFuture(reply);
        })
        .unwrap()
        .onCanceled(
            [requestId]() { return errorReply(ErrorKind::Unavailable, QString(), requestId); });
}

Result<std::optional<Core::Caller>>
Dispatcher::authorise(const Route &route, const RequestContext &context, Service::Work &db) const
{
    const Request &request = context.request;
    const bool loopbackHealth =
        route.access == Access::LoopbackOrTeacher && isLocalRequest(request);
    if (route.access == Access::Public || loopbackHealth)
        return std::optional<Core::Caller>();
    const Credentials credentials = credentialsOf(request);
    if (credentials.token.isEmpty())
        return makeError(ErrorKind::Unauthorized);
    auto session =
        Service::Classroom(m_services.auth, &m_services.live).authenticate(db, credentials.token);
    if (!session)
        return session.error();
    if (!passesCsrfCheck(request, credentials, m_services.config.publicOrigin)) {
        return makeError(ErrorKind::Forbidden,
                         u"This request came from another web site and was refused."_s);
    }
    // The route's role is checked here as well as in the service, so that a refusal comes from
    // the request head, before a large body is read (authoriseHead).
    if (!roleAllows(route.access, *session))
        return makeError(ErrorKind::Forbidden, u"This is only for teachers."_s);
    Core::Caller caller = *session;
    const qint64 projectId =
        request.path.startsWith(u"/api/v1/projects/"_s) ? context.idParam(u"id"_s) : 0;
    m_services.live.presence().touch(caller.userId, caller.username, caller.displayName,
                                     Core::roleToString(caller.role),
                                     request.clientOrPeer().toString(), projectId);
    return std::optional<Core::Caller>(std::move(caller));
}

Result<Reply> Dispatcher::runDbRoute(const Route &route, const RequestContext &context,
                                     Service::Work &db) const
{
    auto caller = authorise(route, context, db);
    if (!caller)
        return caller.error();
    if (context.request.bodyRefusedStatus)
        return refusedBody(context.request.bodyRefusedStatus, context.request.requestId);
    return route.dbHandler(context, *caller ? &**caller : nullptr, db);
}

QFuture<Reply> Dispatcher::runAsyncRoute(const Route &route, const RequestContext &context,
                                         Service::Work &db) const
{
    auto caller = authorise(route, context, db);
    if (!caller) {
        Reply reply = errorReply(caller.error(), context.request.requestId);
        reply.closeConnection = context.request.bodyRefusedStatus != 0;
        return QtFuture::makeReadyFuture(reply);
    }
    if (context.request.bodyRefusedStatus) {
        return QtFuture::makeReadyFuture(
            refusedBody(context.request.bodyRefusedStatus, context.request.requestId));
    }
    return route.asyncHandler(context, *caller ? &**caller : nullptr, db);
}

} // namespace Blockhaus::Http
