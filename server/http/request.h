// SPDX-License-Identifier: AGPL-3.0-or-later
// server/http owns the HTTP/1.1 server, the route table, request limits, error mapping and the
// handlers. Request and Reply are plain values; nothing here holds per-request state.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace Blockhaus::Http {

struct Request
{
    QByteArray method; // upper case, HEAD already mapped to GET (see isHead)
    bool isHead = false;
    QByteArray target; // as sent: path and query
    QString path; // percent-decoded path
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    qint64 contentLength = 0; // announced; -1 when absent
    // Set by the connection when the body was refused unread (413 too large, 411 no length);
    // the route still authenticates first, then answers with this status.
    int bodyRefusedStatus = 0;
    QHostAddress peer; // the TCP peer
    // The machine the request comes from: the peer, or behind a trusted reverse proxy the
    // address it forwarded (clientAddress.h). Throttles, presence and sign-in links use it.
    QHostAddress client;
    QByteArray requestId;

    // client, or peer where no connection set it (requests built in tests).
    QHostAddress clientOrPeer() const { return client.isNull() ? peer : client; }

    QByteArray header(const QByteArray &lowerCaseName) const;
    bool hasHeader(const QByteArray &lowerCaseName) const;
};

struct RequestContext
{
    Request request;
    QHash<QString, QString> params; // from the route pattern, e.g. {"id": "12"}

    // A positive 64-bit id parameter, or 0 when the text is not one.
    qint64 idParam(const QString &name) const;
};

} // namespace Blockhaus::Http
