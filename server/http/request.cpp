// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/request.h"

#include <QFile>
#include <QJsonDocument>

#include "server/http/reply.h"

namespace Blockhaus::Http {

QByteArray Request::header(const QByteArray &lowerCaseName) const
{
    for (const auto &header : headers) {
        if (header.first == lowerCaseName)
            return header.second;
    }
    return {};
}

bool Request::hasHeader(const QByteArray &lowerCaseName) const
{
    for (const auto &header : headers) {
        if (header.first == lowerCaseName)
            return true;
    }
    return false;
}

qint64 RequestContext::idParam(const QString &name) const
{
    const QString text = params.value(name);
    if (text.isEmpty() || text.size() > 18)
        return 0;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return 0;
    }
    return text.toLongLong();
}

Reply Reply::json(int status, const QJsonObject &object)
{
    return bytes(status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Reply Reply::json(int status, const QJsonArray &array)
{
    return bytes(status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact));
}

Reply Reply::bytes(int status, const QByteArray &contentType, const QByteArray &body)
{
    Reply reply;
    reply.status = status;
    reply.contentType = contentType;
    reply.body = body;
    return reply;
}

Reply Reply::fromFile(int status, const QByteArray &contentType,
                      std::shared_ptr<const ReplyFile> file)
{
    Reply reply;
    reply.status = status;
    reply.contentType = contentType;
    reply.file = std::move(file);
    return reply;
}

Reply Reply::noContent()
{
    Reply reply;
    reply.status = 204;
    return reply;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 426:
        return "Upgrade Required";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return "Unknown";
    }
}

} // namespace Blockhaus::Http
