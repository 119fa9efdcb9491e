// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/httpconnection.h"

#include <QFutureWatcher>
#include <QUrl>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include "server/http/errors.h"
#include "server/http/httplog.h"
#include "server/http/httpserver.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// The socket buffers at most this much; beyond it the kernel's TCP window pushes back on the
// client, so an announced 10 GB upload never reaches our memory.
constexpr qint64 socketReadBuffer = 64 * 1024;
constexpr int maxHeaderLines = 100;
constexpr qsizetype maxTargetLength = 8 * 1024;
constexpr int lingerMs = 2000;
constexpr int maxEmptyLines = 2;
constexpr qsizetype maxMethodLength = 32;
constexpr qint64 maxDiscardBytes = 8 * 1024 * 1024;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool hasControlChars(const QByteArray &text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return true;
    }
    return false;
}

bool shutdownSending(qintptr descriptor)
{
    if (descriptor < 0)
        return false;
#ifdef Q_OS_WIN
    return ::shutdown(static_cast<SOCKET>(descriptor), SD_SEND) == 0;
#else
    return ::shutdown(static_cast<int>(descriptor), SHUT_WR) == 0;
#endif
}

Reply badRequest(const QString &why)
{
    Reply reply = errorReply(ErrorKind::BadRequest, why, {});
    reply.closeConnection = true;
    return reply;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(socketReadBuffer);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcHttp) << "socket error" << m_socket->errorString();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            close();
    });
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this]() {
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
        m_socket->abort();
        close();
    });
    restartIdleTimer();
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::restartIdleTimer()
{
    m_idleTimer.start(m_server->config().idleTimeoutMs);
}

void HttpConnection::drain()
{
    m_draining = true;
    if (m_state == State::ReadingHead && m_buffer.isEmpty()) {
        m_socket->abort();
        close();
    }
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_state = State::Closing;
    m_idleTimer.stop();
    emit closed();
    deleteLater(); // the socket is our child
}

void HttpConnection::lingeringClose()
{
    // Closing a socket that still has unread request bytes makes the kernel send a reset, which
    // can destroy the answer before the client reads it (the classic lost 413). So: send the
    // answer, shut down our sending side, discard what the client still sends for a short
    // while, then close.
    m_state = State::Closing;
    m_idleTimer.stop();
    auto shutdownWhenFlushed = [this]() {
        if (m_socket->bytesToWrite() > 0 || m_halfClosed)
            return;
        m_halfClosed = true;
        if (!shutdownSending(m_socket->socketDescriptor()))
            m_socket->disconnectFromHost();
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, shutdownWhenFlushed);
    shutdownWhenFlushed();
    QTimer::singleShot(lingerMs, this, [this]() {
        m_socket->abort();
        close();
    });
}

void HttpConnection::onReadyRead()
{
    if (m_state == State::Closing) {
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > maxDiscardBytes) {
            m_socket->abort();
            close();
        }
        return;
    }
    if (m_state == State::ReadingHead || m_state == State::ReadingBody)
        restartIdleTimer();
    process();
}

void HttpConnection::process()
{
    const qint64 headerLimit = m_server->config().headerLimit;
    while (m_state == State::ReadingHead && !m_draining) {
        const qint64 room = headerLimit + 4 - m_buffer.size();
        if (room > 0 && m_socket->bytesAvailable() > 0)
            m_buffer += m_socket->read(room);
        // A stray empty line before a request is allowed (RFC 9112, 2.2); a stream of them is
        // not a request at all.
        while (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n')) {
            m_buffer.remove(0, m_buffer.startsWith('\n') ? 1 : 2);
            if (++m_emptyLines > maxEmptyLines) {
                fail(badRequest(u"This is not an HTTP request."_s));
                return;
            }
        }
        if (m_buffer.isEmpty())
            return;
        qsizetype end = m_buffer.indexOf("\r\n\r\n");
        qsizetype separator = 4;
        const qsizetype bareEnd = m_buffer.indexOf("\n\n");
        if (bareEnd >= 0 && (end < 0 || bareEnd < end)) {
            end = bareEnd;
            separator = 2;
        }
        if (end < 0) {
            if (m_buffer.size() > headerLimit)
                fail(headersTooLarge());
            return;
        }
        if (end > headerLimit) {
            fail(headersTooLarge());
            return;
        }
        if (!parseHead(end, separator))
            return;
    }
    if (m_state != State::ReadingBody)
        return;
    if (!m_buffer.isEmpty()) {
        const qsizetype take =
            static_cast<qsizetype>(std::min<qint64>(m_buffer.size(), m_bodyRemaining));
        m_request.body.append(m_buffer.constData(), take);
        m_buffer.remove(0, take);
        m_bodyRemaining -= take;
    }
    while (m_bodyRemaining > 0 && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(m_bodyRemaining);
        if (chunk.isEmpty())
            break;
        m_request.body.append(chunk);
        m_bodyRemaining -= chunk.size();
    }
    if (m_bodyRemaining == 0)
        dispatch();
}

bool HttpConnection::parseHead(qsizetype headEnd, qsizetype separatorLength)
{
    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd + separatorLength);
    m_request = Request();
    m_request.peer = m_socket->peerAddress();
    m_request.requestId = m_server->nextRequestId();

    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[0].size() > maxMethodLength) {
        fail(badRequest(u"The request line is malformed."_s));
        return false;
    }
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(badRequest(u"Only HTTP/1.0 and HTTP/1.1 are spoken here."_s));
        return false;
    }
    const QByteArray &target = parts[1];
    if (!target.startsWith('/') || target.size() > maxTargetLength || hasControlChars(target)) {
        fail(badRequest(u"The request target is malformed."_s));
        return false;
    }
    m_request.method = parts[0];
    if (m_request.method == "HEAD") {
        m_request.method = "GET";
        m_request.isHead = true;
    }
    m_request.target = target;
    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = question < 0 ? target : target.left(question);
    m_request.path = QUrl::fromPercentEncoding(rawPath);
    if (question >= 0) {
        // Form-style "+" means a space in query strings (URLSearchParams writes it).
        QByteArray query = target.mid(question + 1);
        query.replace('+', "%20");
        m_request.query.setQuery(QString::fromUtf8(query));
    }
    if (lines.size() - 1 > maxHeaderLines) {
        fail(headersTooLarge());
        return false;
    }
    QByteArray contentLength;
    m_keepAlive = version == "HTTP/1.1";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // A folded line (leading whitespace) or a name with spaces is refused (RFC 9112, 5.1-2).
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')
            || !isToken(line.left(colon))) {
            fail(badRequest(u"A request header is malformed."_s));
            return false;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (hasControlChars(QByteArray(value).replace('\t', ' '))) {
            fail(badRequest(u"A request header holds control characters."_s));
            return false;
        }
        if (name == "content-length") {
            if (!contentLength.isEmpty() && contentLength != value) {
                fail(badRequest(u"Conflicting Content-Length headers."_s));
                return false;
            }
            contentLength = value;
        } else if (name == "connection") {
            const QByteArray lower = value.toLower();
            if (lower.contains("close"))
                m_keepAlive = false;
            else if (lower.contains("keep-alive"))
                m_keepAlive = true;
        }
        m_request.headers.append({name, value});
    }
    m_request.contentLength = -1;
    if (!contentLength.isEmpty()) {
        bool ok = contentLength.size() <= 18;
        for (char c : contentLength)
            ok = ok && c >= '0' && c <= '9';
        if (!ok) {
            fail(badRequest(u"The Content-Length header is not a number."_s));
            return false;
        }
        m_request.contentLength = contentLength.toLongLong();
    }
    startBody();
    if (m_request.bodyRefusedStatus)
        dispatch();
    return m_state == State::ReadingBody;
}

void HttpConnection::startBody()
{
    const qint64 length = std::max<qint64>(0, m_request.contentLength);
    const Router::BodyRule rule =
        m_server->dispatcher().router().bodyRule(m_request.method, m_request.path);
    const qint64 limit = rule.limit;
    if (m_request.hasHeader("transfer-encoding")
        || (rule.required && m_request.contentLength < 0)) {
        m_request.bodyRefusedStatus = 411;
        return;
    }
    if (length > limit) {
        // Decided from Content-Length alone: the body is never read, the connection closes
        // after the answer.
        m_request.bodyRefusedStatus = 413;
        return;
    }
    if (length == 0) {
        dispatch();
        return;
    }
    if (m_request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_state = State::ReadingBody;
    m_bodyRemaining = length;
}

void HttpConnection::dispatch()
{
    if (m_state == State::Waiting || m_state == State::Closing)
        return;
    m_state = State::Waiting;
    m_idleTimer.stop();
    if (m_request.bodyRefusedStatus)
        m_keepAlive = false;
    auto *watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher]() {
        const Reply reply = watcher->result();
        watcher->deleteLater();
        sendReply(reply);
    });
    watcher->setFuture(m_server->dispatcher().dispatch(m_request));
}

void HttpConnection::fail(Reply reply)
{
    reply.closeConnection = true;
    m_keepAlive = false;
    m_state = State::Waiting;
    sendReply(reply);
}

void HttpConnection::sendReply(Reply reply)
{
    if (m_state == State::Closing)
        return;
    m_server->recordStatus(reply.status);
    const bool closeAfter = reply.closeConnection || !m_keepAlive || m_draining;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    const bool bodyAllowed = reply.status != 204 && reply.status != 304;
    if (bodyAllowed) {
        if (!reply.contentType.isEmpty())
            head += "Content-Type: " + reply.contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    }
    bool hasCacheControl = false;
    for (const auto &header : reply.headers) {
        head += header.first + ": " + header.second + "\r\n";
        hasCacheControl =
            hasCacheControl || header.first.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    if (!hasCacheControl)
        head += "Cache-Control: no-store\r\n";
    if (!m_request.requestId.isEmpty())
        head += "X-Request-Id: " + m_request.requestId + "\r\n";
    head += "X-Content-Type-Options: nosniff\r\n";
    head += closeAfter ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    m_socket->write(head);
    if (bodyAllowed && !m_request.isHead && !reply.body.isEmpty())
        m_socket->write(reply.body);
    if (closeAfter) {
        lingeringClose();
        return;
    }
    m_request = Request();
    m_emptyLines = 0;
    m_state = State::ReadingHead;
    restartIdleTimer();
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

} // namespace Blockhaus::Http
