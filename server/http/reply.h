// SPDX-License-Identifier: AGPL-3.0-or-later
// A response as a value: status, headers, body.
#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include "server/core/filebody.h"

class QTcpSocket;

namespace Blockhaus::Http {

// A reply body on disk, streamed to the client in chunks by the connection instead of being held
// in memory (large static files, .sb3 exports); see core/filebody.h.
using ReplyFile = Core::FileBody;

struct Reply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body; // ignored when file is set
    std::shared_ptr<const ReplyFile> file;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool closeConnection = false;
    // Set: the reply opens a long-lived exchange (server-sent events, a WebSocket upgrade). The
    // head goes out without Content-Length and Connection headers (the reply's own headers say
    // what they need), then the body if any; once both have left this connection's queue, the
    // connection calls this in the server thread and forgets the socket: it is parentless and
    // belongs to the callee, together with any bytes the client sent after the request. The
    // HTTP server no longer counts or times it; the callee enforces its own limits and closes
    // it on HttpServer::shuttingDown(). Not called when the connection closes first.
    std::function<void(QTcpSocket *socket, QByteArray alreadyRead)> takeover;

    Reply &addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }
    static Reply json(int status, const QJsonObject &object);
    static Reply json(int status, const QJsonArray &array);
    static Reply bytes(int status, const QByteArray &contentType, const QByteArray &body);
    static Reply noContent();
    static Reply fromFile(int status, const QByteArray &contentType,
                          std::shared_ptr<const ReplyFile> file);
    qint64 bodySize() const { return file ? file->size : body.size(); }
};

QByteArray reasonPhrase(int status);

} // namespace Blockhaus::Http
