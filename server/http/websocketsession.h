// SPDX-License-Identifier: AGPL-3.0-or-later
// One WebSocket connection after the upgrade (RFC 6455), in the server thread: owns the socket a
// reply took over (Reply::takeover), feeds WebSocketFrameParser, answers pings, pings an idle
// peer, closes with the close handshake, drops a peer that stays silent or reads too slowly
// (bounded send buffer) and delivers text messages. Knows nothing of what they mean.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include "server/http/websocketframe.h"

class QTcpSocket;

namespace Blockhaus::Http {

class WebSocketSession : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        qint64 maxMessageSize = 64 * 1024; // one message, all fragments together
        int pingIntervalMs = 20'000; // a ping after this long without a byte from the peer
        int idleTimeoutMs = 60'000; // closed (1001) after this long without a byte
        qint64 maxSendBuffer = 1024 * 1024; // unsent bytes; beyond: a slow reader, dropped
        int closeTimeoutMs = 3'000; // how long our close frame waits for the peer's
    };

    // Takes the socket (reparented to this session) and the bytes already read after the
    // upgrade request; they are parsed once the event loop runs, so connect the signals first.
    WebSocketSession(QTcpSocket *socket, QByteArray alreadyRead, const Limits &limits,
                     QObject *parent = nullptr);
    ~WebSocketSession() override;

    // A text message (UTF-8). Ignored once closing; a send buffer over the limit drops the
    // connection.
    void sendText(const QByteArray &utf8);
    // Starts the close handshake: sends a close frame and waits a bounded time for the answer.
    void close(quint16 code, const QString &reason = {});
    bool isOpen() const { return m_state == State::Open; }

signals:
    void textReceived(const QByteArray &utf8);
    // The connection is gone (emitted once); the session may be deleted after it.
    void closed();

private:
    enum class State { Open, Closing, Closed };

    void onReadyRead();
    void handle(const WebSocketFrameParser::Event &event);
    bool write(const QByteArray &frame);
    void onPingTimer();
    void finish();

    QTcpSocket *m_socket;
    Limits m_limits;
    WebSocketFrameParser m_parser;
    State m_state = State::Open;
    QTimer m_pingTimer;
    QTimer m_idleTimer;
    QTimer m_closeTimer;
};

} // namespace Blockhaus::Http
