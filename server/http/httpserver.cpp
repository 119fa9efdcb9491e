// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/httpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

#include "server/auth/loginthrottle.h"
#include "server/http/clientaddress.h"
#include "server/http/httpconnection.h"
#include "server/http/httplog.h"
#include "server/live/livehub.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "blockhaus.http")

HttpServer::HttpServer(const Dispatcher &dispatcher, const HttpConfig &config, QObject *parent)
    : QTcpServer(parent)
    , m_dispatcher(dispatcher)
    , m_config(config)
{
    // Request ids are unique per process run: a random prefix and a counter.
    m_idPrefix = QByteArray::number(QRandomGenerator::system()->generate() & 0xffffff, 16);
}

HttpServer::~HttpServer() = default;

QByteArray HttpServer::nextRequestId()
{
    return m_idPrefix + '-' + QByteArray::number(++m_requestCounter);
}

void HttpServer::recordStatus(int status)
{
    m_dispatcher.services().live.requests().record(status);
}

namespace {

// An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; both spellings are one address.
QByteArray addressKey(const QHostAddress &peer)
{
    bool ok = false;
    const quint32 v4 = peer.toIPv4Address(&ok);
    return ok ? QHostAddress(v4).toString().toLatin1() : peer.toString().toLatin1();
}

} // namespace

bool HttpServer::reserveRequestBytes(qint64 bytes)
{
    if (bytes > m_config.maxBufferedRequestBytes - m_reservedRequestBytes)
        return false;
    m_reservedRequestBytes += bytes;
    return true;
}

void HttpServer::releaseRequestBytes(qint64 bytes)
{
    m_reservedRequestBytes = std::max<qint64>(0, m_reservedRequestBytes - bytes);
}

void HttpServer::refuse(QTcpSocket *socket, const QString &message)
{
    // Over a limit: a short, complete answer and a close, never a silent hang.
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"error"_s, u"unavailable"_s}, {u"message"_s, message}})
            .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                  "Retry-After: 2\r\nConnection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    recordStatus(503);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
    QTimer::singleShot(5000, socket, [socket]() { socket->abort(); });
}

void HttpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_connections.size() >= m_config.maxConnections) {
        refuse(socket, u"Too many connections right now. Please try again in a moment."_s);
        return;
    }
    const QByteArray address = addressKey(socket->peerAddress());
    int &fromAddress = m_connectionsPerAddress[address];
    // The teacher's own computer (the dashboard's "Open in the browser", load checks) is not a
    // classroom machine: the same rule as for login throttling.
    const bool teachersComputer =
        Auth::LoginThrottle::isTrustedAddress(socket->peerAddress().toString())
        || isTrustedProxy(socket->peerAddress(), m_config.trustedProxies);
    if (fromAddress >= m_config.maxConnectionsPerAddress && !teachersComputer) {
        refuse(socket,
               u"Too many connections from this computer right now. Please try again in a "
               "moment."_s);
        return;
    }
    ++fromAddress;
    auto *connection = new HttpConnection(socket, this);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection, address]() {
        m_connections.remove(connection);
        auto it = m_connectionsPerAddress.find(address);
        if (it != m_connectionsPerAddress.end() && --*it <= 0)
            m_connectionsPerAddress.erase(it);
    });
}

void HttpServer::beginShutdown()
{
    close(); // no new connections
    emit shuttingDown();
    const auto connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->drain();
}

} // namespace Blockhaus::Http
