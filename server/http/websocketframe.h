// SPDX-License-Identifier: AGPL-3.0-or-later
// The server side of RFC 6455 as pure functions and one pure parser: WebSocketFrameParser turns
// the bytes a client sends into messages, pings, pongs, a close or a protocol error (with the
// close code to answer); the encoders write frames; the handshake helpers check an upgrade
// request and compute Sec-WebSocket-Accept. No socket, no event loop: unit-tested frame by frame
// (tests/unit/http/tst_websocketframe.cpp) and fuzzed (tests/fuzz/fuzz_websocketframe.cpp).
// WebSocketSession feeds the parser from a socket.
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Blockhaus::Http {

enum class WebSocketOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// Close codes (RFC 6455 section 7.4.1) this server sends or must recognise.
namespace WebSocketCloseCode {
constexpr quint16 normal = 1000;
constexpr quint16 goingAway = 1001; // server shutdown, idle timeout
constexpr quint16 protocolError = 1002;
constexpr quint16 unsupportedData = 1003; // e.g. a binary message where only text is spoken
constexpr quint16 noStatus = 1005; // never sent: a close frame without a code
constexpr quint16 invalidData = 1007; // text that is not UTF-8
constexpr quint16 policyViolation = 1008; // refused by the application (rate, rights)
constexpr quint16 messageTooBig = 1009;
constexpr quint16 tryAgainLater = 1013; // a slow reader whose send buffer overflowed
} // namespace WebSocketCloseCode

// True for a code a peer may put in a close frame (1000-1003, 1007-1014, 3000-4999).
bool isValidWebSocketCloseCode(quint16 code);
// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

class WebSocketFrameParser
{
public:
    struct Event
    {
        enum class Kind {
            Message, // a complete (possibly reassembled) text or binary message
            Ping,
            Pong,
            Close, // the peer's close frame: answer it with the same code and close
            Error, // a protocol error: send a close frame with closeCode and drop the connection
        };
        Kind kind = Kind::Message;
        bool text = false; // Message: a text message (valid UTF-8) rather than binary
        QByteArray payload; // Message, Ping, Pong; Close: the reason (UTF-8)
        quint16 closeCode = 0; // Close: the peer's code (noStatus when none); Error: ours
    };

    // maxMessageSize bounds one message's payload, all its fragments together (e.g. 64 KiB).
    explicit WebSocketFrameParser(qint64 maxMessageSize);

    // Appends bytes read from the connection.
    void feed(QByteArrayView bytes);
    // The next event the buffered bytes make, or nullopt when more bytes are needed. After an
    // Error or a Close event the parser stays there: every further call returns nullopt.
    std::optional<Event> next();

    // Bytes fed but not yet consumed: at most one frame head and one frame's payload plus what
    // the last feed() brought.
    qsizetype buffered() const { return m_buffer.size() - m_offset; }
    bool finished() const { return m_finished; }

private:
    Event fail(quint16 code);

    qint64 m_maxMessageSize;
    QByteArray m_buffer;
    qsizetype m_offset = 0; // consumed bytes at the front of m_buffer
    bool m_inMessage = false; // a fragmented message has started
    bool m_messageIsText = false;
    QByteArray m_message; // fragments so far
    bool m_finished = false;
};

// One frame as the server sends it (unmasked). With a mask key it is a client frame (tests and
// the benchmark speak as clients).
QByteArray encodeWebSocketFrame(WebSocketOpcode opcode, QByteArrayView payload, bool fin = true,
                                std::optional<quint32> maskKey = std::nullopt);
// A close frame with a code and a reason (cut to fit 125 bytes without splitting a character).
QByteArray encodeWebSocketClose(quint16 code, const QString &reason = {},
                                std::optional<quint32> maskKey = std::nullopt);

// base64(SHA-1(key + the RFC 6455 GUID)).
QByteArray webSocketAcceptKey(QByteArrayView key);

struct WebSocketUpgradeCheck
{
    // What is wrong with the request as a WebSocket upgrade; empty when it is one.
    enum class Problem {
        None,
        NotUpgrade, // no "Upgrade: websocket" / "Connection: upgrade": a plain GET (426)
        BadVersion, // Sec-WebSocket-Version is not 13 (426 with Sec-WebSocket-Version: 13)
        BadKey, // Sec-WebSocket-Key is not the base64 of 16 bytes (400)
        BadOrigin, // Origin is missing or not the server's own (403): cross-site hijacking
    };
    Problem problem = Problem::None;
    QByteArray acceptKey; // when problem is None
};

// Checks the head of an upgrade request (header names lower-cased). The Origin must be the
// server's own: http:// + Host, or publicOrigin behind a TLS proxy (as originguard.h's CSRF rule).
WebSocketUpgradeCheck checkWebSocketUpgrade(const QByteArray &method,
                                            const QList<QPair<QByteArray, QByteArray>> &headers,
                                            const QString &publicOrigin);

} // namespace Blockhaus::Http
