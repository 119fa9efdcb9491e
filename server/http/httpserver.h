// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP server: accepts connections up to the configured maximum, in total and per client
// address, hands complete requests to the dispatcher and keeps the server-wide budget of request
// bodies being read. Lives in the server thread.
#pragma once

#include <QHash>
#include <QSet>
#include <QTcpServer>

#include "server/http/dispatcher.h"

namespace Blockhaus::Http {

class HttpConnection;

class HttpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpServer(const Dispatcher &dispatcher, const HttpConfig &config, QObject *parent = nullptr);
    ~HttpServer() override;

    const Dispatcher &dispatcher() const { return m_dispatcher; }
    const HttpConfig &config() const { return m_config; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    QByteArray nextRequestId();
    void recordStatus(int status);

    // The server-wide budget of request body bytes being read (HttpConfig::
    // maxBufferedRequestBytes): false when this body would exceed it (the caller answers 503).
    bool reserveRequestBytes(qint64 bytes);
    void releaseRequestBytes(qint64 bytes);
    qint64 reservedRequestBytes() const { return m_reservedRequestBytes; }

    // Stops accepting, lets in-flight requests finish, closes idle connections.
    void beginShutdown();
    bool hasActiveConnections() const { return !m_connections.isEmpty(); }

signals:
    // beginShutdown() started: owners of taken-over sockets (Reply::takeover) close them.
    void shuttingDown();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuse(QTcpSocket *socket, const QString &message);

    const Dispatcher &m_dispatcher;
    const HttpConfig &m_config;
    QSet<HttpConnection *> m_connections;
    QHash<QByteArray, int> m_connectionsPerAddress; // normalised peer address -> open connections
    qint64 m_reservedRequestBytes = 0;
    QByteArray m_idPrefix;
    quint64 m_requestCounter = 0;
};

} // namespace Blockhaus::Http
