// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/websocketsession.h"

#include <QTcpSocket>

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 readChunk = 16 * 1024;
}

WebSocketSession::WebSocketSession(QTcpSocket *socket, QByteArray alreadyRead, const Limits &limits,
                                   QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_parser(limits.maxMessageSize)
{
    m_socket->setParent(this);
    m_pingTimer.setInterval(m_limits.pingIntervalMs);
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_limits.idleTimeoutMs);
    m_closeTimer.setSingleShot(true);
    m_closeTimer.setInterval(m_limits.closeTimeoutMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketSession::onPingTimer);
    connect(&m_idleTimer, &QTimer::timeout, this,
            [this] { close(WebSocketCloseCode::goingAway, u"idle"_s); });
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        m_socket->abort(); // the peer never answered our close frame
        finish();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketSession::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WebSocketSession::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            finish();
    });
    m_pingTimer.start();
    m_idleTimer.start();
    m_parser.feed(alreadyRead);
    // Also picks up what arrived between the handover and now.
    QMetaObject::invokeMethod(this, &WebSocketSession::onReadyRead, Qt::QueuedConnection);
}

WebSocketSession::~WebSocketSession()
{
    if (m_state != State::Closed)
        m_socket->abort();
}

void WebSocketSession::sendText(const QByteArray &utf8)
{
    if (m_state != State::Open)
        return;
    write(encodeWebSocketFrame(WebSocketOpcode::Text, utf8));
}

void WebSocketSession::close(quint16 code, const QString &reason)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_pingTimer.stop();
    m_idleTimer.stop();
    if (write(encodeWebSocketClose(code, reason))) {
        // Out now, not at the next event loop turn: at shutdown the process may end first.
        m_socket->flush();
        m_closeTimer.start();
    }
}

bool WebSocketSession::write(const QByteArray &frame)
{
    // A peer that does not take what it is sent must not grow the server's memory: it is
    // dropped without ceremony (its buffer could not take a close frame either).
    if (m_socket->bytesToWrite() + frame.size() > m_limits.maxSendBuffer) {
        m_socket->abort();
        finish();
        return false;
    }
    m_socket->write(frame);
    return true;
}

void WebSocketSession::onReadyRead()
{
    while (m_state != State::Closed && m_socket->bytesAvailable() > 0) {
        const QByteArray bytes = m_socket->read(readChunk);
        if (bytes.isEmpty())
            break;
        if (m_state == State::Open)
            m_idleTimer.start(); // any byte from the peer shows it is alive
        m_parser.feed(bytes);
        while (m_state != State::Closed) {
            const auto event = m_parser.next();
            if (!event)
                break;
            handle(*event);
        }
    }
    // Bytes fed before the socket was ours (alreadyRead) are parsed on the first call.
    while (m_state != State::Closed) {
        const auto event = m_parser.next();
        if (!event)
            break;
        handle(*event);
    }
}

void WebSocketSession::handle(const WebSocketFrameParser::Event &event)
{
    using Kind = WebSocketFrameParser::Event::Kind;
    switch (event.kind) {
    case Kind::Message:
        if (m_state != State::Open)
            return;
        if (!event.text) {
            close(WebSocketCloseCode::unsupportedData, u"text only"_s);
            return;
        }
        emit textReceived(event.payload);
        return;
    case Kind::Ping:
        if (m_state == State::Open)
            write(encodeWebSocketFrame(WebSocketOpcode::Pong, event.payload));
        return;
    case Kind::Pong:
        return;
    case Kind::Close:
        if (m_state == State::Open) {
            // Echo the peer's code (section 5.5.1), then let the peer close the TCP connection
            // first; the close timer drops it if it does not.
            m_state = State::Closing;
            m_pingTimer.stop();
            m_idleTimer.stop();
            const quint16 code = event.closeCode == WebSocketCloseCode::noStatus
                ? WebSocketCloseCode::normal
                : event.closeCode;
            if (write(encodeWebSocketClose(code)))
                m_closeTimer.start();
        }
        if (m_state == State::Closing)
            m_socket->disconnectFromHost();
        return;
    case Kind::Error:
        if (m_state == State::Open) {
            m_state = State::Closing;
            m_pingTimer.stop();
            m_idleTimer.stop();
            if (write(encodeWebSocketClose(event.closeCode)))
                m_closeTimer.start();
        }
        if (m_state == State::Closing)
            m_socket->disconnectFromHost();
        return;
    }
}

void WebSocketSession::onPingTimer()
{
    if (m_state == State::Open)
        write(encodeWebSocketFrame(WebSocketOpcode::Ping, "bh"));
}

void WebSocketSession::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_pingTimer.stop();
    m_idleTimer.stop();
    m_closeTimer.stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    emit closed();
}

} // namespace Blockhaus::Http
