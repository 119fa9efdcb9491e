// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/httpconnection.h"

#include <algorithm>

#include <QFutureWatcher>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif
#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <sys/ioctl.h>
#endif

#include "server/http/clientaddress.h"
#include "server/http/errors.h"
#include "server/http/httplog.h"
#include "server/http/httpserver.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// The socket buffers at most this much; beyond it the kernel's TCP window pushes back on the
// client, so an announced 10 GB upload never reaches our memory.
constexpr qint64 socketReadBuffer = 64 * 1024;
// Reply bytes are handed to the socket only while its own buffer holds less than this, so a
// reply (or a file) is copied into the socket a little at a time as the client reads it.
constexpr qint64 socketWriteHighWater = 256 * 1024;
constexpr qint64 writeChunk = 64 * 1024;
constexpr int lingerMs = 2000;
constexpr qint64 maxDiscardBytes = 8 * 1024 * 1024;

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

// Bytes the kernel still holds for the client (sent but not acknowledged, or not sent yet). Qt
// reports bytesWritten when bytes reach the kernel; a slow reader may then need many seconds for
// the last few megabytes, which must not count as idleness. -1 when the platform cannot tell.
qint64 kernelUnsent(qintptr descriptor)
{
#ifdef Q_OS_LINUX
    int pending = 0;
    if (descriptor >= 0 && ::ioctl(static_cast<int>(descriptor), SIOCOUTQ, &pending) == 0)
        return pending;
#else
    Q_UNUSED(descriptor);
#endif
    return -1;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
    , m_parser(server->config().headerLimit)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(socketReadBuffer);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcHttp) << "socket error" << m_socket->errorString();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            close();
    });
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this]() {
        // Bytes still leaving the kernel's queue are progress too (a slow reader of a big reply).
        if (kernelStillSending()) {
            m_idleTimer.start(m_server->config().idleTimeoutMs);
            return;
        }
        qCDebug(lcHttp) << "closing idle connection from" << m_socket->peerAddress();
        abortConnection();
    });
    m_headTimer.setSingleShot(true);
    connect(&m_headTimer, &QTimer::timeout, this, [this]() {
        if (m_state != State::Reading || !m_parser.headStarted())
            return;
        qCDebug(lcHttp) << "request head too slow from" << m_socket->peerAddress();
        sendReply(requestTimeout());
    });
    connect(&m_bodyRateTimer, &QTimer::timeout, this, &HttpConnection::onBodyRateTick);
    connect(&m_lingerTimer, &QTimer::timeout, this, [this]() {
        // Close once the client has everything (or takes nothing more for an idle period).
        if (kernelStillSending()) {
            m_lingerStalledMs = 0;
            return;
        }
        if (m_lastKernelUnsent > 0) {
            m_lingerStalledMs += lingerMs;
            if (m_lingerStalledMs < m_server->config().idleTimeoutMs)
                return;
        }
        abortConnection();
    });
    restartIdleTimer();
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    releaseBodyBytes();
}

qint64 HttpConnection::unsentBytes() const
{
    qint64 pending = m_socket->bytesToWrite();
    for (const Output &output : m_output) {
        pending += output.file ? output.fileRemaining
                               : static_cast<qint64>(output.bytes.size() - output.offset);
    }
    return pending;
}

bool HttpConnection::backPressured() const
{
    return unsentBytes() > m_server->config().maxUnsentReplyBytes;
}

bool HttpConnection::kernelStillSending()
{
    const qint64 pending = kernelUnsent(m_socket->socketDescriptor());
    const bool progressed = pending > 0 && pending != m_lastKernelUnsent;
    m_lastKernelUnsent = pending;
    return progressed;
}

void HttpConnection::restartIdleTimer()
{
    if (m_closed || m_lingering)
        return;
    // While a handler works on the request the client has nothing to do; its reply restarts
    // the clock.
    const bool handlerBusy = m_state == State::Waiting || m_state == State::Authorising;
    if (handlerBusy && unsentBytes() == 0)
        m_idleTimer.stop();
    else
        m_idleTimer.start(m_server->config().idleTimeoutMs);
}

void HttpConnection::releaseBodyBytes()
{
    if (m_reservedBodyBytes > 0)
        m_server->releaseRequestBytes(m_reservedBodyBytes);
    m_reservedBodyBytes = 0;
}

void HttpConnection::drain()
{
    m_draining = true;
    if (m_takeover) {
        abortConnection(); // a stream or WebSocket about to start is not started any more
        return;
    }
    if (m_state == State::Reading && !m_parser.headStarted() && m_parser.bodyRemaining() == 0) {
        if (unsentBytes() == 0) {
            abortConnection();
            return;
        }
        m_closeAfterFlush = true; // the last reply still leaves, then the connection closes
        m_state = State::Closing;
        finishClosing();
    }
}

void HttpConnection::abortConnection()
{
    if (m_closed)
        return;
    m_socket->abort();
    close();
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_state = State::Closing;
    m_idleTimer.stop();
    m_headTimer.stop();
    m_bodyRateTimer.stop();
    m_lingerTimer.stop();
    m_output.clear();
    releaseBodyBytes();
    emit closed();
    deleteLater(); // the socket is our child
}

void HttpConnection::finishClosing()
{
    // Closing a socket that still has unread request bytes makes the kernel send a reset, which
    // can destroy the answer before the client reads it (the classic lost 413). So: send every
    // byte of the answer, shut down our sending side, discard what the client still sends, and
    // close once the client has taken it all (the linger timer starts after the flush, never
    // when the reply is queued: a slow reader gets the whole reply).
    if (m_closed || !m_closeAfterFlush || m_lingering || unsentBytes() > 0)
        return;
    m_lingering = true;
    m_idleTimer.stop();
    m_halfClosed = shutdownSending(m_socket->socketDescriptor());
    if (!m_halfClosed)
        m_socket->disconnectFromHost();
    m_lastKernelUnsent = kernelUnsent(m_socket->socketDescriptor());
    m_lingerTimer.start(lingerMs);
}

void HttpConnection::onReadyRead()
{
    if (m_closed)
        return;
    if (m_takeover)
        return; // the bytes are the next protocol's: they wait in the socket for its owner
    if (m_state == State::Closing) {
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        if (m_discarded > maxDiscardBytes)
            abortConnection();
        return;
    }
    process();
}

void HttpConnection::onBytesWritten()
{
    if (m_closed)
        return;
    restartIdleTimer(); // write progress counts like read progress
    pump();
    if (m_takeover) {
        handOverWhenSent();
        return;
    }
    if (m_closeAfterFlush) {
        finishClosing();
        return;
    }
    if (m_state == State::Reading) {
        if (m_draining && !m_parser.headStarted() && unsentBytes() == 0) {
            abortConnection();
            return;
        }
        process(); // resumes a connection that stopped reading under back-pressure
    }
}

void HttpConnection::process()
{
    const HttpConfig &config = m_server->config();
    while (!m_closed && m_state == State::Reading) {
        const bool inBody = m_parser.bodyRemaining() > 0;
        if (!inBody && backPressured()) {
            // The client does not take its replies: read no further request until they drain
            // (onBytesWritten resumes). Its next head gets a fresh deadline then.
            m_headTimer.stop();
            return;
        }
        qint64 got = 0;
        const qint64 wanted = m_parser.wanted();
        if (wanted > 0 && m_socket->bytesAvailable() > 0) {
            const QByteArray bytes = m_socket->read(wanted);
            got = bytes.size();
            if (got > 0) {
                m_parser.feed(bytes);
                if (inBody)
                    m_bodyBytesThisWindow += got;
                restartIdleTimer();
            }
        }
        switch (m_parser.parse()) {
        case RequestParser::Status::NeedMore:
            if (m_parser.headStarted() && !m_headTimer.isActive())
                m_headTimer.start(config.requestHeadTimeoutMs);
            if (got == 0)
                return;
            break;
        case RequestParser::Status::Error:
            m_headTimer.stop();
            m_requestId = m_server->nextRequestId();
            sendReply(m_parser.error());
            return;
        case RequestParser::Status::HeadComplete:
            m_headTimer.stop();
            onHead();
            break;
        case RequestParser::Status::BodyComplete:
            m_bodyRateTimer.stop();
            dispatch();
            return;
        }
    }
}

void HttpConnection::onHead()
{
    Request &request = m_parser.request();
    request.peer = m_socket->peerAddress();
    QList<QByteArray> forwardedFor;
    for (const auto &header : std::as_const(request.headers)) {
        if (header.first == "x-forwarded-for")
            forwardedFor.append(header.second);
    }
    request.client = clientAddress(request.peer, forwardedFor, m_server->config().trustedProxies);
    request.requestId = m_server->nextRequestId();
    m_requestId = request.requestId;
    const Router::BodyRule rule =
        m_server->dispatcher().router().bodyRule(request.method, request.path);
    const RequestParser::BodyDecision decision =
        RequestParser::decideBody(request, rule.limit, rule.required);
    if (decision.refusedStatus) {
        // The route still authenticates first, then answers 411/413 (API.md order of checks).
        request.bodyRefusedStatus = decision.refusedStatus;
        dispatch();
        return;
    }
    if (decision.length == 0) {
        m_parser.expectBody(0);
        return;
    }
    // The login is checked from the head before a byte of the body is read: an anonymous
    // upload costs no memory and no bandwidth (the connection closes unread).
    m_state = State::Authorising;
    restartIdleTimer();
    using Answer = std::optional<Reply>;
    const qint64 length = decision.length;
    auto decide = [this, length](const Answer &answer) {
        if (m_closed || m_state != State::Authorising)
            return;
        if (answer)
            sendReply(*answer);
        else
            readBody(length);
    };
    QFuture<Answer> check = m_server->dispatcher().authoriseHead(request);
    if (check.isFinished()) {
        // Public routes and requests without credentials are decided at once, without a
        // round trip through the event loop.
        decide(check.result());
        return;
    }
    auto *watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcher<Answer>::finished, this, [watcher, decide]() {
        const Answer answer = watcher->result();
        watcher->deleteLater();
        decide(answer);
    });
    watcher->setFuture(check);
}

void HttpConnection::readBody(qint64 length)
{
    // Only a body that passed the login holds a share of the server-wide budget, so anonymous
    // announcements cannot use it up.
    if (!m_server->reserveRequestBytes(length)) {
        Reply reply = errorReply(ErrorKind::Unavailable,
                                 u"The server is receiving too many uploads right now. Please try "
                                 "again in a moment."_s,
                                 m_parser.request().requestId);
        reply.closeConnection = true;
        sendReply(reply);
        return;
    }
    m_reservedBodyBytes = length;
    m_state = State::Reading;
    if (m_parser.request().header("expect").toLower() == "100-continue") {
        Output output;
        output.bytes = "HTTP/1.1 100 Continue\r\n\r\n"_ba;
        m_output.push_back(std::move(output));
        pump();
    }
    m_parser.expectBody(length);
    m_bodyBytesThisWindow = 0;
    m_bodyRemainingAtWindowStart = length;
    m_bodyRateTimer.start(m_server->config().bodyRateWindowMs);
    restartIdleTimer();
    process();
}

void HttpConnection::onBodyRateTick()
{
    if (m_closed || m_state != State::Reading || m_parser.bodyRemaining() == 0) {
        m_bodyRateTimer.stop();
        return;
    }
    // A body that trickles in holds its share of the upload budget and a connection: after
    // the first window (the grace) every window must bring a minimum.
    const qint64 needed =
        std::min(m_server->config().minBodyBytesPerWindow, m_bodyRemainingAtWindowStart);
    if (m_bodyBytesThisWindow < needed) {
        qCDebug(lcHttp) << "request body too slow from" << m_socket->peerAddress();
        m_bodyRateTimer.stop();
        sendReply(requestTimeout());
        return;
    }
    m_bodyBytesThisWindow = 0;
    m_bodyRemainingAtWindowStart = m_parser.bodyRemaining();
}

void HttpConnection::dispatch()
{
    if (m_state == State::Waiting || m_state == State::Closing)
        return;
    m_state = State::Waiting;
    m_headTimer.stop();
    m_bodyRateTimer.stop();
    restartIdleTimer();
    Request request = std::move(m_parser.request());
    m_isHead = request.isHead;
    m_requestId = request.requestId;
    m_forceClose = request.bodyRefusedStatus != 0;
    auto *watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher]() {
        const Reply reply = watcher->result();
        watcher->deleteLater();
        sendReply(reply);
    });
    watcher->setFuture(m_server->dispatcher().dispatch(std::move(request)));
}

void HttpConnection::sendReply(Reply reply)
{
    if (m_closed || m_closeAfterFlush)
        return;
    m_server->recordStatus(reply.status);
    releaseBodyBytes(); // the body, if any, now belongs to the finished handler
    m_headTimer.stop();
    m_bodyRateTimer.stop();
    // A long-lived exchange needs a request that was read whole (its body, if any) and a server
    // that is not shutting down; anything else gets the reply as an ordinary last answer.
    const bool takeover = reply.takeover && !m_forceClose && !m_draining && !m_isHead
        && m_parser.bodyRemaining() == 0;
    const bool closeAfter = !takeover
        && (reply.closeConnection || m_forceClose || !m_parser.keepAlive() || m_draining
            || reply.takeover);
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    const bool bodyAllowed = reply.status != 204 && reply.status != 304;
    if (bodyAllowed) {
        if (!reply.contentType.isEmpty())
            head += "Content-Type: " + reply.contentType + "\r\n";
        if (!takeover && reply.status != 101)
            head += "Content-Length: " + QByteArray::number(reply.bodySize()) + "\r\n";
    }
    bool hasCacheControl = false;
    for (const auto &header : reply.headers) {
        head += header.first + ": " + header.second + "\r\n";
        hasCacheControl =
            hasCacheControl || header.first.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    }
    if (!hasCacheControl)
        head += "Cache-Control: no-store\r\n";
    if (!m_requestId.isEmpty())
        head += "X-Request-Id: " + m_requestId + "\r\n";
    head += "X-Content-Type-Options: nosniff\r\n";
    if (takeover)
        head += "\r\n";
    else
        head += closeAfter ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    Output headOutput;
    headOutput.bytes = head;
    m_output.push_back(std::move(headOutput));
    if (bodyAllowed && !m_isHead && reply.bodySize() > 0) {
        Output body;
        if (reply.file) {
            body.file = reply.file;
            body.fileRemaining = reply.file->size;
        } else {
            body.bytes = reply.body; // shared, not copied: the socket gets it chunk by chunk
        }
        m_output.push_back(std::move(body));
    }
    m_isHead = false;
    m_forceClose = false;
    m_requestId.clear();
    pump();
    if (m_closed)
        return;
    if (takeover) {
        m_takeover = std::move(reply.takeover);
        m_state = State::Closing; // reads nothing more as HTTP
        handOverWhenSent();
        return;
    }
    if (closeAfter) {
        m_closeAfterFlush = true;
        m_state = State::Closing;
        restartIdleTimer();
        finishClosing();
        return;
    }
    m_parser.finishRequest();
    m_state = State::Reading;
    restartIdleTimer();
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::handOverWhenSent()
{
    if (m_closed || !m_takeover || !m_output.empty())
        return;
    // Everything of the reply is in the socket's buffer: from here on the socket is the
    // callee's, with its pending bytes (Qt keeps writing them) and what the client sent early.
    auto takeover = std::exchange(m_takeover, {});
    QByteArray alreadyRead = m_parser.takeBuffered();
    QTcpSocket *socket = m_socket;
    socket->disconnect(this);
    socket->setParent(nullptr);
    m_closed = true;
    m_idleTimer.stop();
    m_headTimer.stop();
    m_bodyRateTimer.stop();
    m_lingerTimer.stop();
    releaseBodyBytes();
    emit closed();
    deleteLater();
    takeover(socket, std::move(alreadyRead));
}

void HttpConnection::pump()
{
    while (!m_closed && !m_output.empty() && m_socket->bytesToWrite() < socketWriteHighWater) {
        Output &output = m_output.front();
        const qint64 room = std::max(writeChunk, socketWriteHighWater - m_socket->bytesToWrite());
        if (!output.file) {
            const qint64 left = output.bytes.size() - output.offset;
            const qint64 take = std::min(left, room);
            m_socket->write(output.bytes.constData() + output.offset, take);
            output.offset += take;
            if (output.offset >= output.bytes.size())
                m_output.pop_front();
            continue;
        }
        if (!output.device) {
            output.device = std::make_unique<QFile>(output.file->path);
            if (!output.device->open(QIODevice::ReadOnly)) {
                // The head promised this many bytes; the only honest answer now is to close.
                qCWarning(lcHttp) << "cannot open reply file" << output.file->path;
                abortConnection();
                return;
            }
        }
        const QByteArray chunk = output.device->read(std::min(output.fileRemaining, room));
        if (chunk.isEmpty()) {
            qCWarning(lcHttp) << "reply file shrank while it was sent" << output.file->path;
            abortConnection();
            return;
        }
        m_socket->write(chunk);
        output.fileRemaining -= chunk.size();
        if (output.fileRemaining <= 0)
            m_output.pop_front();
    }
}

} // namespace Blockhaus::Http
