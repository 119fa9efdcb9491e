// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/errors.h"

#include <QLoggingCategory>

#include "server/core/sentence.h"
#include "server/http/httplog.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

struct Mapping
{
    ErrorKind kind;
    int status;
    const char *code;
};

// Status and code per kind; the sentences are core/'s (one table for both doors).
constexpr Mapping mappings[] = {
    {ErrorKind::BadRequest, 400, "bad_request"},
    {ErrorKind::Unauthorized, 401, "unauthorized"},
    {ErrorKind::Forbidden, 403, "forbidden"},
    {ErrorKind::NotFound, 404, "not_found"},
    {ErrorKind::PreconditionFailed, 412, "conflict"},
    {ErrorKind::Exists, 409, "exists"},
    {ErrorKind::PayloadTooLarge, 413, "payload_too_large"},
    {ErrorKind::UnsupportedMediaType, 415, "unsupported_media_type"},
    {ErrorKind::Unprocessable, 422, "unprocessable"},
    {ErrorKind::PreconditionRequired, 428, "precondition_required"},
    {ErrorKind::TooManyRequests, 429, "too_many_requests"},
    {ErrorKind::Unavailable, 503, "unavailable"},
    // A full quota has the same status and code as a full disk (API.md); the body adds
    // used_bytes and quota_bytes.
    {ErrorKind::StorageFull, 507, "insufficient_storage"},
    {ErrorKind::QuotaExceeded, 507, "insufficient_storage"},
    {ErrorKind::AssignmentClosed, 423, "assignment_closed"},
    {ErrorKind::Internal, 500, "internal"},
};

const Mapping &mappingFor(ErrorKind kind)
{
    for (const Mapping &mapping : mappings) {
        if (mapping.kind == kind)
            return mapping;
    }
    return mappings[std::size(mappings) - 1];
}

Reply transportError(int status, const char *code, const QString &message)
{
    Reply reply = Reply::json(
        status, QJsonObject{{u"error"_s, QString::fromLatin1(code)}, {u"message"_s, message}});
    return reply;
}

} // namespace

int statusFor(ErrorKind kind)
{
    return mappingFor(kind).status;
}

Reply errorReply(const Error &error, const QByteArray &requestId)
{
    const Mapping &mapping = mappingFor(error.kind);
    QJsonObject body = error.extra;
    body.insert(u"error"_s, QString::fromLatin1(mapping.code));
    body.insert(u"message"_s,
                error.message.isEmpty() ? Core::defaultMessage(error.kind) : error.message);
    if (mapping.status == 500) {
        body.insert(u"request_id"_s, QString::fromLatin1(requestId));
        qCCritical(lcHttp) << "request" << requestId << "failed:" << error.message;
    }
    Reply reply = Reply::json(mapping.status, body);
    int retryAfter = error.retryAfterSeconds;
    if (retryAfter <= 0 && (mapping.status == 429 || mapping.status == 503))
        retryAfter = mapping.status == 503 ? 2 : 30;
    if (retryAfter > 0)
        reply.addHeader("Retry-After", QByteArray::number(retryAfter));
    return reply;
}

Reply errorReply(ErrorKind kind, const QString &message, const QByteArray &requestId)
{
    return errorReply(makeError(kind, message), requestId);
}

Reply methodNotAllowed(const QByteArrayList &allowed)
{
    Reply reply = transportError(405, "method_not_allowed",
                                 u"This address does not accept this kind of request."_s);
    reply.addHeader("Allow", allowed.join(", "));
    return reply;
}

Reply upgradeRequired()
{
    Reply reply = transportError(426, "upgrade_required",
                                 u"This address speaks WebSocket only (the editor's cloud "
                                 "variables)."_s);
    reply.addHeader("Upgrade", "websocket");
    reply.addHeader("Sec-WebSocket-Version", "13");
    return reply;
}

Reply requestTimeout()
{
    Reply reply = transportError(408, "request_timeout",
                                 u"The request arrived too slowly. Please try again."_s);
    reply.closeConnection = true;
    return reply;
}

Reply lengthRequired()
{
    Reply reply = transportError(411, "length_required",
                                 u"The request must say how long its body is (Content-Length)."_s);
    reply.closeConnection = true;
    return reply;
}

Reply headersTooLarge()
{
    Reply reply = transportError(431, "headers_too_large", u"The request headers are too large."_s);
    reply.closeConnection = true;
    return reply;
}

} // namespace Blockhaus::Http
