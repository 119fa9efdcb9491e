// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/websocketframe.h"

#include <QCryptographicHash>
#include <QList>
#include <QPair>

namespace Blockhaus::Http {

namespace {

constexpr qsizetype maxControlPayload = 125;

bool isKnownOpcode(quint8 opcode)
{
    return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
}

// True when a comma-separated header value holds token (case-insensitive).
bool hasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray headerOf(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    QByteArray joined;
    for (const auto &header : headers) {
        if (header.first != name)
            continue;
        if (!joined.isEmpty())
            joined += ',';
        joined += header.second;
    }
    return joined;
}

} // namespace

bool isValidWebSocketCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t min = 0;
        char32_t codePoint = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            min = 0x80;
            codePoint = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            min = 0x800;
            codePoint = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            min = 0x10000;
            codePoint = lead & 0x07;
        } else {
            return false;
        }
        if (size - i < length)
            return false;
        for (int k = 1; k < length; ++k) {
            const unsigned char next = data[i + k];
            if ((next & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

WebSocketFrameParser::WebSocketFrameParser(qint64 maxMessageSize)
    : m_maxMessageSize(maxMessageSize)
{
}

void WebSocketFrameParser::feed(QByteArrayView bytes)
{
    if (m_finished)
        return;
    // Drop consumed bytes before growing, so the buffer never holds more than one frame plus
    // the last feed.
    if (m_offset > 0) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

WebSocketFrameParser::Event WebSocketFrameParser::fail(quint16 code)
{
    m_finished = true;
    m_buffer.clear();
    m_offset = 0;
    m_message.clear();
    Event event;
    event.kind = Event::Kind::Error;
    event.closeCode = code;
    return event;
}

std::optional<WebSocketFrameParser::Event> WebSocketFrameParser::next()
{
    while (!m_finished) {
        const auto *data = reinterpret_cast<const unsigned char *>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            return std::nullopt;
        const bool fin = data[0] & 0x80;
        const quint8 opcode = data[0] & 0x0F;
        if (data[0] & 0x70) // RSV1-3: no extension was negotiated
            return fail(WebSocketCloseCode::protocolError);
        if (!isKnownOpcode(opcode))
            return fail(WebSocketCloseCode::protocolError);
        if (!(data[1] & 0x80)) // a client must mask every frame (section 5.1)
            return fail(WebSocketCloseCode::protocolError);
        const bool control = opcode >= 0x8;
        quint64 length = data[1] & 0x7F;
        qsizetype headLength = 2;
        if (length == 126) {
            if (available < 4)
                return std::nullopt;
            length = (quint64(data[2]) << 8) | data[3];
            headLength = 4;
            if (length < 126) // the minimal encoding must be used (section 5.2)
                return fail(WebSocketCloseCode::protocolError);
        } else if (length == 127) {
            if (available < 10)
                return std::nullopt;
            length = 0;
            for (int k = 2; k < 10; ++k)
                length = (length << 8) | data[k];
            headLength = 10;
            if (length >> 63 || length <= 0xFFFF)
                return fail(WebSocketCloseCode::protocolError);
        }
        if (control && (!fin || length > maxControlPayload))
            return fail(WebSocketCloseCode::protocolError);
        if (opcode == 0x0 && !m_inMessage)
            return fail(WebSocketCloseCode::protocolError); // a continuation of nothing
        if ((opcode == 0x1 || opcode == 0x2) && m_inMessage)
            return fail(WebSocketCloseCode::protocolError); // a new message inside another
        // Decided from the head, before any payload byte is buffered.
        if (!control && length > static_cast<quint64>(m_maxMessageSize - m_message.size()))
            return fail(WebSocketCloseCode::messageTooBig);
        const qsizetype frameLength = headLength + 4 + static_cast<qsizetype>(length);
        if (available < frameLength)
            return std::nullopt;

        const unsigned char *mask = data + headLength;
        QByteArray payload(reinterpret_cast<const char *>(data + headLength + 4),
                           static_cast<qsizetype>(length));
        for (qsizetype k = 0; k < payload.size(); ++k)
            payload[k] = static_cast<char>(static_cast<unsigned char>(payload[k]) ^ mask[k % 4]);
        m_offset += frameLength;
        if (m_offset == m_buffer.size()) {
            m_buffer.clear();
            m_offset = 0;
        }

        Event event;
        switch (static_cast<WebSocketOpcode>(opcode)) {
        case WebSocketOpcode::Ping:
            event.kind = Event::Kind::Ping;
            event.payload = payload;
            return event;
        case WebSocketOpcode::Pong:
            event.kind = Event::Kind::Pong;
            event.payload = payload;
            return event;
        case WebSocketOpcode::Close: {
            event.kind = Event::Kind::Close;
            event.closeCode = WebSocketCloseCode::noStatus;
            if (payload.size() == 1)
                return fail(WebSocketCloseCode::protocolError);
            if (payload.size() >= 2) {
                const auto *p = reinterpret_cast<const unsigned char *>(payload.constData());
                const quint16 code = static_cast<quint16>((p[0] << 8) | p[1]);
                if (!isValidWebSocketCloseCode(code))
                    return fail(WebSocketCloseCode::protocolError);
                const QByteArray reason = payload.mid(2);
                if (!isValidUtf8(reason))
                    return fail(WebSocketCloseCode::invalidData);
                event.closeCode = code;
                event.payload = reason;
            }
            m_finished = true;
            m_buffer.clear();
            m_offset = 0;
            return event;
        }
        case WebSocketOpcode::Text:
        case WebSocketOpcode::Binary:
            m_inMessage = true;
            m_messageIsText = opcode == 0x1;
            m_message = payload;
            break;
        case WebSocketOpcode::Continuation:
            m_message += payload;
            break;
        }
        if (!fin)
            continue; // more fragments follow
        m_inMessage = false;
        if (m_messageIsText && !isValidUtf8(m_message))
            return fail(WebSocketCloseCode::invalidData);
        event.kind = Event::Kind::Message;
        event.text = m_messageIsText;
        event.payload = std::exchange(m_message, {});
        return event;
    }
    return std::nullopt;
}

QByteArray encodeWebSocketFrame(WebSocketOpcode opcode, QByteArrayView payload, bool fin,
                                std::optional<quint32> maskKey)
{
    QByteArray frame;
    frame.reserve(payload.size() + 14);
    frame.append(static_cast<char>((fin ? 0x80 : 0x00) | static_cast<quint8>(opcode)));
    const char maskBit = maskKey ? char(0x80) : char(0x00);
    const auto length = static_cast<quint64>(payload.size());
    if (length < 126) {
        frame.append(static_cast<char>(maskBit | static_cast<char>(length)));
    } else if (length <= 0xFFFF) {
        frame.append(static_cast<char>(maskBit | 126));
        frame.append(static_cast<char>(length >> 8));
        frame.append(static_cast<char>(length & 0xFF));
    } else {
        frame.append(static_cast<char>(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(static_cast<char>((length >> shift) & 0xFF));
    }
    if (!maskKey) {
        frame.append(payload);
        return frame;
    }
    const unsigned char mask[4] = {
        static_cast<unsigned char>(*maskKey >> 24), static_cast<unsigned char>(*maskKey >> 16),
        static_cast<unsigned char>(*maskKey >> 8), static_cast<unsigned char>(*maskKey)};
    frame.append(reinterpret_cast<const char *>(mask), 4);
    const qsizetype start = frame.size();
    frame.append(payload);
    for (qsizetype k = 0; k < payload.size(); ++k)
        frame[start + k] =
            static_cast<char>(static_cast<unsigned char>(frame[start + k]) ^ mask[k % 4]);
    return frame;
}

QByteArray encodeWebSocketClose(quint16 code, const QString &reason, std::optional<quint32> maskKey)
{
    QByteArray payload;
    payload.append(static_cast<char>(code >> 8));
    payload.append(static_cast<char>(code & 0xFF));
    QByteArray text = reason.toUtf8();
    // Cut to fit a control frame, backing off continuation bytes so the reason stays UTF-8.
    if (text.size() > maxControlPayload - 2) {
        qsizetype cut = maxControlPayload - 2;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut;
        text.truncate(cut);
    }
    payload.append(text);
    return encodeWebSocketFrame(WebSocketOpcode::Close, payload, true, maskKey);
}

QByteArray webSocketAcceptKey(QByteArrayView key)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(key);
    hash.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return hash.result().toBase64();
}

WebSocketUpgradeCheck checkWebSocketUpgrade(const QByteArray &method,
                                            const QList<QPair<QByteArray, QByteArray>> &headers,
                                            const QString &publicOrigin)
{
    WebSocketUpgradeCheck check;
    if (method != "GET" || !hasToken(headerOf(headers, "upgrade"), "websocket")
        || !hasToken(headerOf(headers, "connection"), "upgrade")) {
        check.problem = WebSocketUpgradeCheck::Problem::NotUpgrade;
        return check;
    }
    if (headerOf(headers, "sec-websocket-version").trimmed() != "13") {
        check.problem = WebSocketUpgradeCheck::Problem::BadVersion;
        return check;
    }
    const QByteArray key = headerOf(headers, "sec-websocket-key").trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 24 || !decoded || decoded.decoded.size() != 16) {
        check.problem = WebSocketUpgradeCheck::Problem::BadKey;
        return check;
    }
    // A browser always sends Origin on a WebSocket upgrade; another site's page must not ride on
    // the student's cookie (cross-site WebSocket hijacking).
    const QByteArray origin = headerOf(headers, "origin").trimmed();
    const QByteArray host = headerOf(headers, "host").trimmed();
    const bool ownOrigin = !origin.isEmpty()
        && ((!publicOrigin.isEmpty() && origin == publicOrigin.toUtf8())
            || (!host.isEmpty() && origin == "http://" + host));
    if (!ownOrigin) {
        check.problem = WebSocketUpgradeCheck::Problem::BadOrigin;
        return check;
    }
    check.acceptKey = webSocketAcceptKey(key);
    return check;
}

} // namespace Blockhaus::Http
