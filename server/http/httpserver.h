// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP server: accepts connections up to the configured maximum and hands complete requests
// to the dispatcher. Lives in the server thread.
#pragma once

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

    // Stops accepting, lets in-flight requests finish, closes idle connections.
    void beginShutdown();
    bool hasActiveConnections() const { return !m_connections.isEmpty(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    const Dispatcher &m_dispatcher;
    const HttpConfig &m_config;
    QSet<HttpConnection *> m_connections;
    QByteArray m_idPrefix;
    quint64 m_requestCounter = 0;
};

} // namespace Blockhaus::Http
