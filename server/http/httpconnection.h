// SPDX-License-Identifier: AGPL-3.0-or-later
// One client connection: feeds the socket's bytes to a RequestParser, keeps requests in order
// (one at a time), checks a login before reading a body, streams replies in chunks under
// back-pressure and closes connections that are idle, too slow to send a request or done.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>

#include <QFile>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>

#include "server/http/reply.h"
#include "server/http/requestparser.h"

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
    // Reply bytes not yet taken by the client: queued here and in the socket's buffer.
    qint64 unsentBytes() const;

signals:
    void closed();

private:
    enum class State {
        Reading, // a head or a body
        Authorising, // the head's login is checked before its body is read
        Waiting, // the dispatcher answers
        Closing, // the last reply is flushed, then the connection lingers and closes
    };

    // A piece of output: bytes in memory, or a file read in chunks as the client takes them.
    struct Output
    {
        QByteArray bytes;
        qsizetype offset = 0;
        std::shared_ptr<const ReplyFile> file;
        std::unique_ptr<QFile> device;
        qint64 fileRemaining = 0;
    };

    void onReadyRead();
    void onBytesWritten();
    void process();
    void onHead();
    void readBody(qint64 length);
    void dispatch();
    void sendReply(Reply reply);
    void pump();
    void finishClosing();
    void close();
    void abortConnection();
    void restartIdleTimer();
    void releaseBodyBytes();
    void onBodyRateTick();
    bool backPressured() const;
    bool kernelStillSending();
    void handOverWhenSent();

    QTcpSocket *m_socket;
    HttpServer *m_server;
    RequestParser m_parser;
    State m_state = State::Reading;
    std::deque<Output> m_output;
    bool m_draining = false;
    bool m_closed = false;
    bool m_closeAfterFlush = false;
    bool m_halfClosed = false;
    bool m_lingering = false;
    bool m_isHead = false; // the reply being queued answers a HEAD request
    qint64 m_discarded = 0;
    qint64 m_reservedBodyBytes = 0; // held in the server's budget while the body is read
    qint64 m_bodyBytesThisWindow = 0;
    qint64 m_bodyRemainingAtWindowStart = 0;
    QTimer m_idleTimer;
    QTimer m_headTimer; // a started head must be complete in time
    QTimer m_bodyRateTimer; // a body must keep arriving at a minimum rate
    QTimer m_lingerTimer; // after the last reply byte left: wait for the client to take it
    qint64 m_lastKernelUnsent = -1; // bytes in the kernel's send queue at the last check
    int m_lingerStalledMs = 0;
    QByteArray m_requestId; // of the request being answered
    bool m_forceClose = false; // its body was refused unread
    // The reply being sent ends HTTP on this connection: once it has left, the socket goes here.
    std::function<void(QTcpSocket *, QByteArray)> m_takeover;
};

} // namespace Blockhaus::Http
