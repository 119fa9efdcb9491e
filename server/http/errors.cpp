// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/errors.h"

#include <QLoggingCategory>

#include "server/http/httplog.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

struct Mapping
{
    ErrorKind kind;
    int status;
    const char *code;
    const char16_t *message;
};

constexpr Mapping mappings[] = {
    {ErrorKind::BadRequest, 400, "bad_request", u"The request could not be understood."},
    {ErrorKind::Unauthorized, 401, "unauthorized", u"Please log in first."},
    {ErrorKind::Forbidden, 403, "forbidden", u"You are not allowed to do this."},
    {ErrorKind::NotFound, 404, "not_found", u"This was not found."},
    {ErrorKind::Conflict, 412, "conflict", u"Someone saved a newer version in the meantime."},
    {ErrorKind::Exists, 409, "exists", u"This name is already taken."},
    {ErrorKind::PayloadTooLarge, 413, "payload_too_large", u"This is too large to upload."},
    {ErrorKind::UnsupportedMediaType, 415, "unsupported_media_type",
     u"This kind of file is not accepted here."},
    {ErrorKind::Unprocessable, 422, "unprocessable", u"The content is not valid."},
    {ErrorKind::PreconditionRequired, 428, "precondition_required",
     u"Saving needs the version you started from (If-Match: \"N\")."},
    {ErrorKind::TooManyRequests, 429, "too_many_requests",
     u"Too many attempts. Please wait a little and try again."},
    {ErrorKind::Unavailable, 503, "unavailable",
     u"The server is very busy right now. Please try again in a moment."},
    {ErrorKind::StorageFull, 507, "insufficient_storage",
     u"The teacher's computer has no room left to save. Nothing was changed."},
    // The same status and code as a full disk (API.md); the body adds used_bytes and quota_bytes.
    {ErrorKind::QuotaExceeded, 507, "insufficient_storage",
     u"Your storage space is full. Delete projects for good to make room. Nothing was changed."},
    {ErrorKind::Internal, 500, "internal",
     u"Something went wrong on the server. Please tell your teacher."},
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
                error.message.isEmpty() ? QString::fromUtf16(mapping.message) : error.message);
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
