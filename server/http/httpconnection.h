// SPDX-License-Identifier: AGPL-3.0-or-later
// One client connection: an HTTP/1.1 request parser that enforces the limits before a body is
// buffered, keeps requests in order (one at a time) and closes idle connections.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include "server/http/reply.h"
#include "server/http/request.h"

namespace Blockhaus::Http {

class HttpServer;

class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    // Stops reading new requests; closes once the current reply is written (shutdown).
    void drain();

signals:
    void closed();

private:
    enum class State { ReadingHead, ReadingBody, Waiting, Closing };

    void onReadyRead();
    void process();
    bool parseHead(qsizetype headEnd, qsizetype separatorLength);
    void startBody();
    void dispatch();
    void sendReply(Reply reply);
    void fail(Reply reply); // answers a request the parser refused, then closes
    void close();
    void lingeringClose();
    void restartIdleTimer();

    QTcpSocket *m_socket;
    HttpServer *m_server;
    State m_state = State::ReadingHead;
    QByteArray m_buffer; // read from the socket, not yet consumed
    Request m_request;
    qint64 m_bodyRemaining = 0;
    bool m_keepAlive = true;
    bool m_draining = false;
    bool m_closed = false;
    bool m_halfClosed = false;
    qint64 m_discarded = 0;
    int m_emptyLines = 0; // empty lines seen before the current request line
    QTimer m_idleTimer;
};

} // namespace Blockhaus::Http
