// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/originguard.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

Credentials credentialsOf(const Request &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).toLower() == "bearer ")
        return {QString::fromLatin1(authorization.mid(7).trimmed()), false};
    for (const auto &header : request.headers) {
        if (header.first != "cookie")
            continue;
        for (const QByteArray &part : header.second.split(';')) {
            const QByteArray cookie = part.trimmed();
            if (cookie.startsWith("bh_session="))
                return {QString::fromLatin1(cookie.mid(11)), true};
        }
    }
    return {};
}

bool passesCsrfCheck(const Request &request, const Credentials &credentials,
                     const QString &publicOrigin)
{
    const bool stateChanging = request.method == "POST" || request.method == "PUT"
        || request.method == "PATCH" || request.method == "DELETE";
    if (!credentials.fromCookie || !stateChanging)
        return true;
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return false;
    if (!publicOrigin.isEmpty() && origin == publicOrigin.toUtf8())
        return true;
    const QByteArray host = request.header("host");
    return !host.isEmpty() && origin == "http://" + host;
}

QByteArray sessionCookie(const QString &token, qint64 maxAgeSeconds)
{
    return "bh_session=" + token.toLatin1()
        + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + QByteArray::number(maxAgeSeconds);
}

} // namespace Blockhaus::Http
