// SPDX-License-Identifier: AGPL-3.0-or-later
#include "tests/support/fakeupstream.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace Blockhaus::Test {

using namespace Qt::StringLiterals;

FakeUpstream::FakeUpstream(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeUpstream::onConnection);
}

FakeUpstream::~FakeUpstream() = default;

bool FakeUpstream::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeUpstream::port() const
{
    return m_server.serverPort();
}

QString FakeUpstream::urlTemplate() const
{
    return u"http://127.0.0.1:%1/{md5ext}"_s.arg(port());
}

quint16 FakeUpstream::closedPort()
{
    // Bound and released: nothing else on a test machine picks it up within a test's time.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void FakeUpstream::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeUpstream::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    // "GET /<md5ext> HTTP/1.1"
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    buffer.clear();
    const QString md5ext =
        requestLine.size() >= 2 ? QString::fromLatin1(requestLine.at(1).mid(1)) : QString();
    ++m_total;
    m_counts[md5ext] += 1;
    if (m_stalled)
        return;
    QPointer<QTcpSocket> guarded(socket);
    if (m_delayMs > 0)
        QTimer::singleShot(m_delayMs, this, [this, guarded, md5ext]() { answer(guarded, md5ext); });
    else
        answer(guarded, md5ext);
}

void FakeUpstream::answer(QPointer<QTcpSocket> socket, const QString &md5ext)
{
    if (!socket)
        return;
    const auto found = m_assets.constFind(md5ext);
    const QByteArray body = found != m_assets.cend() ? *found : QByteArray("not found");
    const QByteArray status = found != m_assets.cend() ? "200 OK" : "404 Not Found";
    socket->write("HTTP/1.1 " + status
                  + "\r\nContent-Type: application/octet-stream\r\n"
                    "Content-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace Blockhaus::Test
