// SPDX-License-Identifier: AGPL-3.0-or-later
// CloudClient: a Scratch cloud-data client over a raw QTcpSocket WebSocket to 127.0.0.1, with
// its own minimal RFC 6455 client framing (masked text frames out, unmasked frames in), written
// apart from the server's code so the tests check the server against an independent reading of
// the RFC. Used by integration.cloudapi and the cloud benchmark (tests/bench). Every wait runs
// an event loop with a deadline.
#pragma once

#include <functional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpSocket>

namespace Blockhaus::Test {

class CloudClient : public QObject
{
    Q_OBJECT

public:
    explicit CloudClient(quint16 port, QObject *parent = nullptr);

    // Sends the upgrade request (GET /api/v1/cloud, or path) with the bearer token and Origin
    // (none when empty) and waits for the head of the answer: its status (101 on success, 0 on
    // timeout). The answer's head and body are kept for checks.
    int open(const QByteArray &token, const QByteArray &origin, int timeoutMs = 10000,
             const QByteArray &path = "/api/v1/cloud");
    QByteArray responseHead() const { return m_head; }
    QByteArray responseBody() const { return m_body; }

    // A cloud message as one masked text frame, ending in a newline as the editor sends it.
    void send(const QJsonObject &message);
    void handshake(qint64 projectId);
    void set(const QString &name, const QString &value);
    // Raw bytes (a hand-made frame).
    void writeRaw(const QByteArray &bytes);

    // Waits until a "set" of name to value has arrived (any time since open); false on timeout.
    bool waitForSet(const QString &name, const QString &value, int timeoutMs = 10000);
    // Waits until the server closed: its close code (-1: the TCP connection ended without a
    // close frame, 0: timeout).
    int waitForClose(int timeoutMs = 10000);
    // Every "set" received so far: (name, value).
    const QList<QPair<QString, QString>> &sets() const { return m_sets; }
    bool isOpen() const;
    void close();

signals:
    void setReceived(const QString &name, const QString &value);

private:
    void onReadyRead();
    void parseFrames();
    bool waitUntil(const std::function<bool()> &done, int timeoutMs);

    quint16 m_port;
    QTcpSocket m_socket;
    bool m_upgraded = false;
    QByteArray m_head;
    QByteArray m_body;
    QByteArray m_buffer;
    QByteArray m_message; // fragments of a text message
    QList<QPair<QString, QString>> m_sets;
    int m_closeCode = 0;
    bool m_ended = false;
};

} // namespace Blockhaus::Test
