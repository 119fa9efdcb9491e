// SPDX-License-Identifier: AGPL-3.0-or-later
#include "tests/support/cloudclient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Blockhaus::Test {

namespace {

QByteArray clientFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.append(static_cast<char>(0x80 | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        frame.append(static_cast<char>(0x80 | n));
    } else if (n <= 0xFFFF) {
        frame.append(static_cast<char>(0x80 | 126));
        frame.append(static_cast<char>((n >> 8) & 0xFF));
        frame.append(static_cast<char>(n & 0xFF));
    } else {
        frame.append(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(static_cast<char>((quint64(n) >> shift) & 0xFF));
    }
    const quint32 key = QRandomGenerator::global()->generate();
    char mask[4];
    for (int i = 0; i < 4; ++i)
        mask[i] = static_cast<char>((key >> (8 * i)) & 0xFF);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        frame.append(static_cast<char>(payload[i] ^ mask[i % 4]));
    return frame;
}

} // namespace

CloudClient::CloudClient(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &CloudClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_ended = true; });
}

int CloudClient::open(const QByteArray &token, const QByteArray &origin, int timeoutMs,
                      const QByteArray &path)
{
    m_socket.connectToHost(u"127.0.0.1"_s, m_port);
    if (!m_socket.waitForConnected(timeoutMs))
        return 0;
    QByteArray request = "GET " + path
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    if (!origin.isEmpty())
        request += "Origin: " + origin + "\r\n";
    request += "\r\n";
    m_socket.write(request);
    if (!waitUntil([this] { return !m_head.isEmpty() || m_ended; }, timeoutMs))
        return 0;
    if (m_head.isEmpty())
        return 0;
    const QList<QByteArray> statusLine = m_head.left(m_head.indexOf("\r\n")).split(' ');
    return statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
}

void CloudClient::send(const QJsonObject &message)
{
    writeRaw(clientFrame(0x1, QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n'));
}

void CloudClient::handshake(qint64 projectId)
{
    send({{u"method"_s, u"handshake"_s},
          {u"user"_s, u"someone else"_s},
          {u"project_id"_s, QString::number(projectId)}});
}

void CloudClient::set(const QString &name, const QString &value)
{
    send({{u"method"_s, u"set"_s}, {u"name"_s, name}, {u"value"_s, value}});
}

void CloudClient::writeRaw(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool CloudClient::isOpen() const
{
    return !m_ended && m_closeCode == 0 && m_socket.state() == QAbstractSocket::ConnectedState;
}

void CloudClient::close()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        writeRaw(clientFrame(0x8, QByteArray("\x03\xe8", 2)));
        m_socket.disconnectFromHost();
    }
}

void CloudClient::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (m_head.isEmpty()) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_head = m_buffer.left(end + 4);
        m_buffer.remove(0, end + 4);
        m_upgraded = m_head.startsWith("HTTP/1.1 101");
        if (!m_upgraded) {
            m_body = m_buffer; // the error's JSON (Content-Length bytes, read as they come)
            return;
        }
    }
    if (!m_upgraded) {
        m_body = m_buffer;
        return;
    }
    parseFrames();
}

void CloudClient::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto *d = reinterpret_cast<const unsigned char *>(m_buffer.constData());
        const bool fin = d[0] & 0x80;
        const int opcode = d[0] & 0x0F;
        qint64 length = d[1] & 0x7F;
        qsizetype head = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (d[2] << 8) | d[3];
            head = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | d[i];
            head = 10;
        }
        if (m_buffer.size() < head + length)
            return;
        const QByteArray payload = m_buffer.mid(head, length);
        m_buffer.remove(0, head + length);
        if (opcode == 0x9) { // ping: answer as a browser does
            writeRaw(clientFrame(0xA, payload));
            continue;
        }
        if (opcode == 0x8) {
            m_closeCode = payload.size() >= 2 ? (static_cast<unsigned char>(payload[0]) << 8)
                    | static_cast<unsigned char>(payload[1])
                                              : 1005;
            continue;
        }
        if (opcode == 0x1 || opcode == 0x0)
            m_message += payload;
        if (!fin || (opcode != 0x1 && opcode != 0x0))
            continue;
        const QByteArray text = std::exchange(m_message, {});
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject message = QJsonDocument::fromJson(line).object();
            if (message.value(u"method"_s).toString() != u"set"_s)
                continue;
            const QString name = message.value(u"name"_s).toString();
            const QJsonValue value = message.value(u"value"_s);
            const QString valueText =
                value.isString() ? value.toString() : QString::number(value.toDouble());
            m_sets.append({name, valueText});
            emit setReceived(name, valueText);
        }
    }
}

bool CloudClient::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(50, deadline.remainingTime() + 1), &loop,
                           &QEventLoop::quit);
        connect(&m_socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        connect(&m_socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

bool CloudClient::waitForSet(const QString &name, const QString &value, int timeoutMs)
{
    return waitUntil([&] { return m_sets.contains(QPair<QString, QString>(name, value)); },
                     timeoutMs);
}

int CloudClient::waitForClose(int timeoutMs)
{
    if (!waitUntil([this] { return m_closeCode != 0 || m_ended; }, timeoutMs))
        return 0;
    return m_closeCode != 0 ? m_closeCode : -1;
}

} // namespace Blockhaus::Test
