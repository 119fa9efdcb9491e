// SPDX-License-Identifier: AGPL-3.0-or-later
#include "tests/support/testsupport.h"

#include <atomic>
#include <csignal>
#include <functional>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLibrary>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>

#include <sqlite3.h>
#include <sys/types.h>
#include <zip.h>

#include "tests/support/pgdatabase.h"

using namespace Qt::StringLiterals;

namespace Blockhaus::Test {

namespace {

constexpr int connectTimeoutMs = 10000;

QString randomPassword(int length)
{
    static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"_s;
    QString result;
    result.reserve(length);
    for (int i = 0; i < length; ++i)
        result.append(alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size()))));
    return result;
}

bool hasHeader(const HeaderList &headers, const QByteArray &lowerCaseName)
{
    for (const auto &header : headers) {
        if (header.first.toLower() == lowerCaseName)
            return true;
    }
    return false;
}

// Serializes a request: request line, Host (unless given), the given headers, extra headers
// (credentials; skipped when the request names the same header), Content-Length, body.
QByteArray serialize(const HttpRequest &request, quint16 port, const HeaderList &extra = {})
{
    QByteArray bytes = request.method + ' ' + request.path + " HTTP/1.1\r\n";
    if (!hasHeader(request.headers, "host"_ba))
        bytes += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto &[name, value] : request.headers)
        bytes += name + ": " + value + "\r\n";
    for (const auto &[name, value] : extra) {
        if (!hasHeader(request.headers, name.toLower()))
            bytes += name + ": " + value + "\r\n";
    }
    if (request.sendContentLength && !hasHeader(request.headers, "content-length"_ba)) {
        const bool bodyless = request.body.isEmpty()
            && (request.method == "GET" || request.method == "HEAD" || request.method == "DELETE"
                || request.method == "OPTIONS");
        if (!bodyless)
            bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    bytes += "\r\n";
    bytes += request.body;
    return bytes;
}

enum class ParseResult { Incomplete, Complete, Failed };

// Decodes a chunked body starting at `from`; returns Incomplete until the last chunk arrived.
ParseResult decodeChunked(const QByteArray &buffer, qsizetype from, QByteArray &body,
                          qsizetype &end)
{
    body.clear();
    qsizetype pos = from;
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return ParseResult::Incomplete;
        QByteArray sizeText = buffer.mid(pos, lineEnd - pos);
        if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
            sizeText.truncate(semicolon);
        bool ok = false;
        const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return ParseResult::Failed;
        pos = lineEnd + 2;
        if (size == 0) {
            const qsizetype trailerEnd = buffer.indexOf("\r\n\r\n", pos - 2);
            if (trailerEnd < 0)
                return ParseResult::Incomplete;
            end = trailerEnd + 4;
            return ParseResult::Complete;
        }
        if (buffer.size() < pos + size + 2)
            return ParseResult::Incomplete;
        body += buffer.mid(pos, size);
        pos += size + 2;
    }
}

// Parses one response from the front of `buffer` (1xx interim responses are dropped). On
// Complete the response is removed from the buffer and `closeAfter` says whether the connection
// ends with it. `closed`: the peer closed, so a body without length ends here.
ParseResult parseResponse(QByteArray &buffer, bool headRequest, bool closed, HttpReply &reply,
                          bool &closeAfter)
{
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return closed ? ParseResult::Failed : ParseResult::Incomplete;
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
        if (statusParts.size() < 2 || !statusParts.first().startsWith("HTTP/1."))
            return ParseResult::Failed;
        bool ok = false;
        const int status = statusParts.at(1).toInt(&ok);
        if (!ok || status < 100 || status > 999)
            return ParseResult::Failed;
        HeaderList headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return ParseResult::Failed;
            headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        if (status < 200 && status != 101) {
            buffer.remove(0, headEnd + 4);
            continue;
        }
        reply.status = status;
        reply.headers = headers;
        const QByteArray connection = reply.header("connection"_ba).toLower();
        closeAfter = connection.contains("close")
            || (statusParts.first() == "HTTP/1.0" && !connection.contains("keep-alive"));
        const qsizetype bodyStart = headEnd + 4;
        if (headRequest || status == 204 || status == 304) {
            reply.body.clear();
            buffer.remove(0, bodyStart);
            return ParseResult::Complete;
        }
        if (reply.header("transfer-encoding"_ba).toLower().contains("chunked")) {
            qsizetype end = 0;
            const ParseResult result = decodeChunked(buffer, bodyStart, reply.body, end);
            if (result == ParseResult::Complete)
                buffer.remove(0, end);
            else if (closed)
                return ParseResult::Failed;
            return result;
        }
        const QByteArray lengthText = reply.header("content-length"_ba);
        if (!lengthText.isEmpty()) {
            const qlonglong length = lengthText.toLongLong(&ok);
            if (!ok || length < 0)
                return ParseResult::Failed;
            if (buffer.size() - bodyStart < length)
                return closed ? ParseResult::Failed : ParseResult::Incomplete;
            reply.body = buffer.mid(bodyStart, length);
            buffer.remove(0, bodyStart + length);
            return ParseResult::Complete;
        }
        // No length: the body runs until the server closes.
        if (!closed)
            return ParseResult::Incomplete;
        reply.body = buffer.mid(bodyStart);
        buffer.clear();
        closeAfter = true;
        return ParseResult::Complete;
    }
}

// Runs a local event loop until done() holds or the deadline passes. Wakes on the socket's
// signals. A real event loop (not waitForReadyRead) keeps the server's output pipe drained
// while a test waits, so a chatty server never blocks on a full pipe.
bool waitUntil(QTcpSocket *socket, const std::function<bool()> &done, QDeadlineTimer deadline)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto check = [&] {
        if (done())
            loop.quit();
    };
    QObject::connect(socket, &QTcpSocket::readyRead, &loop, check);
    QObject::connect(socket, &QTcpSocket::connected, &loop, check);
    QObject::connect(socket, &QTcpSocket::disconnected, &loop, check);
    QObject::connect(socket, &QTcpSocket::errorOccurred, &loop, check);
    QObject::connect(socket, &QTcpSocket::stateChanged, &loop, check);
    while (!done() && !deadline.hasExpired()) {
        timer.start(std::max<qint64>(1, deadline.remainingTime()));
        loop.exec();
    }
    return done();
}

bool socketGone(const QTcpSocket *socket)
{
    return socket->state() == QAbstractSocket::UnconnectedState
        || socket->state() == QAbstractSocket::ClosingState;
}

// Reads one response from a connected socket (with `sent` already written).
struct ReadOutcome
{
    HttpReply reply;
    bool complete = false;
    bool closeAfter = false;
    bool receivedNothing = true;
};

ReadOutcome readResponse(QTcpSocket *socket, QByteArray &buffer, bool headRequest,
                         QDeadlineTimer deadline)
{
    ReadOutcome outcome;
    ParseResult result = ParseResult::Incomplete;
    const auto step = [&] {
        if (result != ParseResult::Incomplete)
            return true; // parsed already (a complete response was taken out of the buffer)
        buffer += socket->readAll();
        if (!buffer.isEmpty())
            outcome.receivedNothing = false;
        result = parseResponse(buffer, headRequest, socketGone(socket), outcome.reply,
                               outcome.closeAfter);
        return result != ParseResult::Incomplete;
    };
    waitUntil(socket, step, deadline);
    if (result == ParseResult::Complete) {
        outcome.complete = true;
        return outcome;
    }
    outcome.reply = HttpReply{};
    outcome.reply.timedOut = result == ParseResult::Incomplete;
    outcome.reply.transportError =
        buffer.isEmpty() ? socket->errorString() : u"incomplete or malformed response"_s;
    outcome.reply.body = buffer; // whatever arrived, for diagnostics
    return outcome;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HttpReply

QByteArray HttpReply::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QList<QByteArray> HttpReply::headerValues(const QByteArray &lowerCaseName) const
{
    QList<QByteArray> values;
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            values.append(value);
    }
    return values;
}

QJsonObject HttpReply::object() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray HttpReply::array() const
{
    return QJsonDocument::fromJson(body).array();
}

// ---------------------------------------------------------------------------------------------
// TestServer

TestServer::TestServer()
    : TestServer(Options{})
{
}

TestServer::TestServer(Options options)
    : m_options(std::move(options))
    , m_adminPassword(randomPassword(20))
{
}

TestServer::~TestServer()
{
    if (isRunning() && !stop(10000) && isRunning())
        kill9();
}

bool TestServer::postgresRequested()
{
    return !qEnvironmentVariableIsEmpty("BLOCKHAUS_TEST_DATABASE");
}

bool TestServer::start(int timeoutMs)
{
    if (isRunning())
        return false;
    if (m_options.dataDir.isEmpty() && !m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid())
            return false;
    }
    QStringList arguments{u"--headless"_s,
                          u"--listen"_s,
                          u"127.0.0.1"_s,
                          u"--port"_s,
                          u"0"_s,
                          u"--data-dir"_s,
                          dataDir(),
                          u"--pool-size"_s,
                          QString::number(m_options.poolSize),
                          u"--acquire-timeout-ms"_s,
                          QString::number(m_options.acquireTimeoutMs)};
    arguments += m_options.extraArgs;
    if (postgresRequested() && !m_options.extraArgs.contains(u"--database"_s)) {
        if (!m_postgres) {
            m_postgres = std::make_unique<PgTestDatabase>();
            if (!m_postgres->isValid()) {
                qWarning("TestServer: no PostgreSQL database: %s",
                         qPrintable(m_postgres->errorText()));
                m_postgres.reset();
                return false;
            }
        }
        // The password stays in the environment (BLOCKHAUS_DATABASE_PASSWORD), as in production.
        arguments << u"--database"_s << m_postgres->url();
    }
    // Tests never reach the internet: without an explicit upstream the library cache is offline.
    if (!m_options.extraArgs.contains(u"--library-upstream"_s))
        arguments << u"--library-upstream"_s << u"none"_s;
    // Every test client shares the address 127.0.0.1, and suites open hundreds of connections at
    // once; the per-address cap (default 64) is tested where a suite names it.
    if (!m_options.extraArgs.contains(u"--max-connections-per-address"_s))
        arguments << u"--max-connections-per-address"_s << u"100000"_s;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BLOCKHAUS_ADMIN_PASSWORD"_s, m_adminPassword);
    if (m_options.sqliteMaxPageCount > 0) {
        environment.insert(u"BLOCKHAUS_SQLITE_MAX_PAGE_COUNT"_s,
                           QString::number(m_options.sqliteMaxPageCount));
    }
    const QStringList extraKeys = m_options.extraEnv.keys();
    for (const QString &key : extraKeys)
        environment.insert(key, m_options.extraEnv.value(key));

    m_port = 0;
    output(); // collect what the previous run left in its pipe
    const qsizetype outputStart = m_output.size();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProcessEnvironment(environment);
    QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                     [this] { m_output += m_process->readAll(); });
    m_process->start(QStringLiteral(BLOCKHAUS_BINARY), arguments);

    const QDeadlineTimer deadline(timeoutMs);
    if (!m_process->waitForStarted(int(std::max<qint64>(1, deadline.remainingTime())))) {
        qWarning("TestServer: cannot start %s: %s", BLOCKHAUS_BINARY,
                 qPrintable(m_process->errorString()));
        return false;
    }
    static const QRegularExpression readyLine(u"Blockhaus is listening on port (\\d+)"_s);
    while (!deadline.hasExpired()) {
        const QString printed = QString::fromUtf8(m_output.mid(outputStart));
        if (const auto match = readyLine.match(printed); match.hasMatch()) {
            m_port = match.captured(1).toUShort();
            return m_port != 0;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
        m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        m_output += m_process->readAll();
    }
    qWarning("TestServer: no ready line; output:\n%s", m_output.mid(outputStart).constData());
    if (isRunning())
        kill9();
    return false;
}

bool TestServer::stop(int timeoutMs)
{
    if (!m_process)
        return false;
    if (m_process->state() == QProcess::NotRunning) {
        output();
        return m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
    }
    m_process->terminate();
    const bool finished = m_process->waitForFinished(timeoutMs);
    output();
    if (!finished) {
        qWarning("TestServer: no exit within %d ms after SIGTERM", timeoutMs);
        kill9();
        return false;
    }
    return m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

void TestServer::kill9()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(30000);
    output();
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString TestServer::dataDir() const
{
    if (!m_options.dataDir.isEmpty())
        return m_options.dataDir;
    return m_tempDir ? m_tempDir->path() : QString();
}

QString TestServer::databasePath() const
{
    if (m_postgres)
        return m_postgres->url();
    return dataDir() + u"/blockhaus.sqlite3"_s;
}

QByteArray TestServer::output() const
{
    if (m_process)
        m_output += m_process->readAll();
    return m_output;
}

qint64 TestServer::pid() const
{
    return m_process ? m_process->processId() : 0;
}

// ---------------------------------------------------------------------------------------------
// Client

struct Client::Connection
{
    std::unique_ptr<QTcpSocket> socket;
    QByteArray buffer;
};

Client::Client(quint16 port)
    : m_port(port)
{
}

Client::~Client() = default;

QByteArray Client::origin() const
{
    return "http://127.0.0.1:" + QByteArray::number(m_port);
}

HttpReply Client::request(const HttpRequest &request, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    HeaderList credentials;
    if (!m_bearer.isEmpty())
        credentials.append({"Authorization"_ba, "Bearer " + m_bearer});
    if (!m_cookie.isEmpty())
        credentials.append({"Cookie"_ba, m_cookie});
    if (!m_origin.isEmpty())
        credentials.append({"Origin"_ba, m_origin});
    const QByteArray bytes = serialize(request, m_port, credentials);
    const bool headRequest = request.method == "HEAD";

    // A reused keep-alive connection may have been closed by the server just before we wrote;
    // then (and only then: nothing came back) the request is repeated once on a new connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool reused = m_connection && m_connection->socket
            && m_connection->socket->state() == QAbstractSocket::ConnectedState
            && m_connection->socket->bytesAvailable() == 0 && m_connection->buffer.isEmpty();
        if (!reused) {
            m_connection = std::make_unique<Connection>();
            m_connection->socket = std::make_unique<QTcpSocket>();
            QTcpSocket *socket = m_connection->socket.get();
            socket->connectToHost(u"127.0.0.1"_s, m_port);
            const QDeadlineTimer connectDeadline(
                std::min<qint64>(connectTimeoutMs, std::max<qint64>(1, deadline.remainingTime())));
            waitUntil(
                socket,
                [socket] {
                    return socket->state() == QAbstractSocket::ConnectedState
                        || socket->state() == QAbstractSocket::UnconnectedState;
                },
                connectDeadline);
            if (socket->state() != QAbstractSocket::ConnectedState) {
                m_connection.reset();
                HttpReply reply;
                reply.timedOut = deadline.hasExpired();
                return reply;
            }
        }
        QTcpSocket *socket = m_connection->socket.get();
        socket->write(bytes);
        ReadOutcome outcome = readResponse(socket, m_connection->buffer, headRequest, deadline);
        if (outcome.complete) {
            if (outcome.closeAfter || socketGone(socket))
                m_connection.reset();
            return outcome.reply;
        }
        m_connection.reset();
        if (!(reused && outcome.receivedNothing && !outcome.reply.timedOut))
            return outcome.reply;
    }
    return {};
}

HttpReply Client::get(const QByteArray &path, const HeaderList &headers)
{
    return request({"GET"_ba, path, headers, {}, true});
}

HttpReply Client::del(const QByteArray &path, const HeaderList &headers)
{
    return request({"DELETE"_ba, path, headers, {}, true});
}

namespace {

HeaderList withContentType(const QByteArray &contentType, const HeaderList &headers)
{
    HeaderList all;
    if (!contentType.isEmpty())
        all.append({"Content-Type"_ba, contentType});
    all += headers;
    return all;
}

} // namespace

HttpReply Client::post(const QByteArray &path, const QByteArray &body,
                       const QByteArray &contentType, const HeaderList &headers)
{
    return request({"POST"_ba, path, withContentType(contentType, headers), body, true});
}

HttpReply Client::put(const QByteArray &path, const QByteArray &body, const QByteArray &contentType,
                      const HeaderList &headers)
{
    return request({"PUT"_ba, path, withContentType(contentType, headers), body, true});
}

HttpReply Client::patch(const QByteArray &path, const QByteArray &body,
                        const QByteArray &contentType, const HeaderList &headers)
{
    return request({"PATCH"_ba, path, withContentType(contentType, headers), body, true});
}

HttpReply Client::postJson(const QByteArray &path, const QJsonObject &body)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpReply Client::login(const QString &username, const QString &password)
{
    const HttpReply reply =
        postJson("/api/v1/session"_ba, {{u"username"_s, username}, {u"password"_s, password}});
    if (reply.status == 201)
        m_bearer = reply.object().value(u"token"_s).toString().toUtf8();
    return reply;
}

HttpReply Client::sendRaw(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    waitUntil(
        &socket,
        [&socket] {
            return socket.state() == QAbstractSocket::ConnectedState
                || socket.state() == QAbstractSocket::UnconnectedState;
        },
        deadline);
    if (socket.state() != QAbstractSocket::ConnectedState) {
        HttpReply reply;
        reply.timedOut = deadline.hasExpired();
        return reply;
    }
    socket.write(bytes);
    QByteArray buffer;
    return readResponse(&socket, buffer, bytes.startsWith("HEAD "), deadline).reply;
}

// ---------------------------------------------------------------------------------------------
// RawConnection

RawConnection::RawConnection(quint16 port)
    : m_port(port)
{
}

RawConnection::~RawConnection() = default;

bool RawConnection::open(int timeoutMs)
{
    m_buffer.clear();
    m_socket = std::make_unique<QTcpSocket>();
    QTcpSocket *socket = m_socket.get();
    socket->connectToHost(u"127.0.0.1"_s, m_port);
    waitUntil(
        socket,
        [socket] {
            return socket->state() == QAbstractSocket::ConnectedState
                || socket->state() == QAbstractSocket::UnconnectedState;
        },
        QDeadlineTimer(timeoutMs));
    return socket->state() == QAbstractSocket::ConnectedState;
}

bool RawConnection::openFrom(const QHostAddress &local, int receiveBufferBytes, int timeoutMs)
{
    m_buffer.clear();
    m_socket = std::make_unique<QTcpSocket>();
    QTcpSocket *socket = m_socket.get();
    // Binding first creates the socket, so the receive buffer is set before the handshake
    // (where the TCP window scale is agreed).
    if (!socket->bind(local, 0))
        return false;
    if (receiveBufferBytes > 0)
        socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBufferBytes);
    socket->connectToHost(u"127.0.0.1"_s, m_port);
    waitUntil(
        socket,
        [socket] {
            return socket->state() == QAbstractSocket::ConnectedState
                || socket->state() == QAbstractSocket::UnconnectedState;
        },
        QDeadlineTimer(timeoutMs));
    return socket->state() == QAbstractSocket::ConnectedState;
}

bool RawConnection::waitForBytes(const QByteArray &needle, int timeoutMs)
{
    if (!m_socket)
        return false;
    QTcpSocket *socket = m_socket.get();
    waitUntil(
        socket,
        [this, socket, &needle] {
            m_buffer += socket->readAll();
            return m_buffer.contains(needle) || socketGone(socket);
        },
        QDeadlineTimer(timeoutMs));
    return m_buffer.contains(needle);
}

void RawConnection::setReadBufferSize(qint64 bytes)
{
    if (m_socket)
        m_socket->setReadBufferSize(bytes);
}

HttpReply RawConnection::readReplySlowly(qint64 bytesPerStep, int stepMs, int timeoutMs,
                                         qint64 *received)
{
    if (!m_socket)
        return {};
    QTcpSocket *socket = m_socket.get();
    // Qt's own buffer holds no more than one step, so the kernel's small window does the rest.
    socket->setReadBufferSize(bytesPerStep);
    const QDeadlineTimer deadline(timeoutMs);
    HttpReply reply;
    bool closeAfter = false;
    ParseResult result = ParseResult::Incomplete;
    qint64 total = 0;
    while (result == ParseResult::Incomplete && !deadline.hasExpired()) {
        const QByteArray step = socket->read(bytesPerStep);
        total += step.size();
        m_buffer += step;
        const bool closed = socketGone(socket) && socket->bytesAvailable() == 0;
        result = parseResponse(m_buffer, false, closed, reply, closeAfter);
        if (result != ParseResult::Incomplete)
            break;
        // The pause is the slowness under test: this client takes one step per stepMs.
        QEventLoop loop;
        QTimer::singleShot(stepMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    socket->setReadBufferSize(0);
    if (received)
        *received = total;
    if (result == ParseResult::Complete)
        return reply;
    HttpReply failed;
    failed.timedOut = result == ParseResult::Incomplete;
    failed.transportError = u"incomplete response after %1 bytes"_s.arg(total);
    return failed;
}

bool RawConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawConnection::write(const QByteArray &bytes)
{
    if (isOpen())
        m_socket->write(bytes);
}

bool RawConnection::drain(qint64 maxPending, int timeoutMs)
{
    if (!m_socket)
        return true;
    QTcpSocket *socket = m_socket.get();
    // Incoming bytes are collected as they come so that a reply is not lost.
    return waitUntil(
        socket,
        [this, socket, maxPending] {
            m_buffer += socket->readAll();
            return socketGone(socket) || socket->bytesToWrite() <= maxPending;
        },
        QDeadlineTimer(timeoutMs));
}

HttpReply RawConnection::readReply(int timeoutMs, bool headRequest)
{
    if (!m_socket)
        return {};
    return readResponse(m_socket.get(), m_buffer, headRequest, QDeadlineTimer(timeoutMs)).reply;
}

bool RawConnection::waitForClosed(int timeoutMs)
{
    if (!m_socket)
        return true;
    QTcpSocket *socket = m_socket.get();
    return waitUntil(
        socket,
        [this, socket] {
            m_buffer += socket->readAll();
            return socketGone(socket);
        },
        QDeadlineTimer(timeoutMs));
}

void RawConnection::close()
{
    if (m_socket)
        m_socket->abort();
    m_socket.reset();
    m_buffer.clear();
}

// ---------------------------------------------------------------------------------------------
// runConcurrently

QList<HttpReply> runConcurrently(quint16 port, const QList<HttpRequest> &requests, int timeoutMs)
{
    struct Slot
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray bytes;
        QByteArray buffer;
        quint16 port = 0;
        bool head = false;
        bool done = false;
        HttpReply reply;
    };
    QList<HttpReply> replies;
    if (requests.isEmpty())
        return replies;

    std::vector<Slot> pending(size_t(requests.size()));
    qsizetype remaining = requests.size();
    QEventLoop loop;
    QTimer deadlineTimer;
    deadlineTimer.setSingleShot(true);
    QObject::connect(&deadlineTimer, &QTimer::timeout, &loop, &QEventLoop::quit);

    const auto finish = [&](Slot &slot, HttpReply reply) {
        if (slot.done)
            return;
        slot.done = true;
        slot.reply = std::move(reply);
        slot.socket->disconnect(&loop);
        slot.socket->abort();
        if (--remaining == 0)
            loop.quit();
    };
    const auto consume = [&](Slot &slot) {
        if (slot.done)
            return;
        slot.buffer += slot.socket->readAll();
        HttpReply reply;
        bool closeAfter = false;
        const bool closed = socketGone(slot.socket.get());
        const ParseResult result = parseResponse(slot.buffer, slot.head, closed, reply, closeAfter);
        if (result == ParseResult::Complete) {
            finish(slot, std::move(reply));
        } else if (result == ParseResult::Failed || closed) {
            HttpReply failed;
            failed.body = slot.buffer;
            failed.transportError = slot.buffer.isEmpty() ? slot.socket->errorString()
                                                          : u"incomplete or malformed response"_s;
            finish(slot, std::move(failed));
        }
    };

    for (qsizetype i = 0; i < requests.size(); ++i) {
        Slot &slot = pending[size_t(i)];
        slot.port = requests.at(i).port ? requests.at(i).port : port;
        slot.bytes = serialize(requests.at(i), slot.port);
        slot.head = requests.at(i).method == "HEAD";
        slot.socket = std::make_unique<QTcpSocket>();
        QTcpSocket *socket = slot.socket.get();
        QObject::connect(socket, &QTcpSocket::connected, &loop,
                         [socket, &slot] { socket->write(slot.bytes); });
        QObject::connect(socket, &QTcpSocket::readyRead, &loop,
                         [&consume, &slot] { consume(slot); });
        QObject::connect(socket, &QTcpSocket::disconnected, &loop,
                         [&consume, &slot] { consume(slot); });
        QObject::connect(socket, &QTcpSocket::errorOccurred, &loop,
                         [&consume, &slot](QAbstractSocket::SocketError error) {
                             if (error != QAbstractSocket::RemoteHostClosedError
                                 || socketGone(slot.socket.get()))
                                 consume(slot);
                         });
    }
    deadlineTimer.start(timeoutMs);
    for (Slot &slot : pending)
        slot.socket->connectToHost(u"127.0.0.1"_s, slot.port);
    if (remaining > 0)
        loop.exec();

    replies.reserve(requests.size());
    for (Slot &slot : pending) {
        if (!slot.done) {
            slot.socket->disconnect(&loop);
            slot.socket->abort();
            slot.reply = HttpReply{};
            slot.reply.timedOut = true;
            slot.reply.body = slot.buffer;
        }
        replies.append(std::move(slot.reply));
    }
    return replies;
}

// ---------------------------------------------------------------------------------------------
// Assertion helpers

bool statusIs(const HttpReply &reply, int expected)
{
    return statusIsOneOf(reply, {expected});
}

bool statusIsOneOf(const HttpReply &reply, const QList<int> &expected)
{
    if (expected.contains(reply.status))
        return true;
    QByteArray wanted;
    for (int status : expected)
        wanted += (wanted.isEmpty() ? "" : " or ") + QByteArray::number(status);
    qWarning("expected HTTP %s, got %d%s: %s", wanted.constData(), reply.status,
             reply.timedOut ? " (timed out)" : "", reply.body.left(600).constData());
    return false;
}

bool isErrorBody(const HttpReply &reply, const QString &code)
{
    const QJsonObject object = reply.object();
    const bool ok = object.value(u"error"_s).toString() == code
        && object.value(u"message"_s).isString()
        && !object.value(u"message"_s).toString().isEmpty();
    if (!ok) {
        qWarning("expected error body {\"error\":\"%s\",\"message\":...}, got HTTP %d: %s",
                 qPrintable(code), reply.status, reply.body.left(600).constData());
    }
    return ok;
}

// ---------------------------------------------------------------------------------------------
// Request helpers and fixtures

HeaderList bearerHeader(const QByteArray &token)
{
    return {{"Authorization"_ba, "Bearer " + token}};
}

QByteArray ifMatch(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

QByteArray md5Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
}

QString md5ext(const QByteArray &bytes, const QString &format)
{
    return QString::fromLatin1(md5Hex(bytes)) + u'.' + format;
}

QByteArray svgAsset(int seed)
{
    const QByteArray colour =
        QCryptographicHash::hash(QByteArray::number(seed), QCryptographicHash::Sha1)
            .toHex()
            .left(6);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\" "
           "viewBox=\"0 0 96 96\"><rect x=\"8\" y=\"8\" width=\"80\" height=\"80\" fill=\"#"
        + colour + "\"/><!-- blockhaus test asset " + QByteArray::number(seed) + " --></svg>\n";
}

QByteArray scratchProject(const QStringList &costumeMd5exts, int paddingBytes,
                          const QString &marker)
{
    const auto costumes = [&](bool stage, qsizetype count) {
        QJsonArray list;
        for (qsizetype i = 0; i < std::min(count, costumeMd5exts.size()); ++i) {
            const QString &name = costumeMd5exts.at(i);
            const qsizetype dot = name.lastIndexOf(u'.');
            list.append(QJsonObject{{u"name"_s, u"costume%1"_s.arg(i + 1)},
                                    {u"assetId"_s, name.left(dot)},
                                    {u"md5ext"_s, name},
                                    {u"dataFormat"_s, name.mid(dot + 1)},
                                    {u"bitmapResolution"_s, 1},
                                    {u"rotationCenterX"_s, stage ? 240 : 48},
                                    {u"rotationCenterY"_s, stage ? 180 : 48}});
        }
        return list;
    };
    const auto build = [&](const QString &padding) {
        QJsonObject stage{
            {u"isStage"_s, true},
            {u"name"_s, u"Stage"_s},
            {u"variables"_s,
             QJsonObject{{u"blockhausMarkerVar"_s, QJsonArray{u"marker"_s, marker}},
                         {u"blockhausPaddingVar"_s, QJsonArray{u"padding"_s, padding}}}},
            {u"lists"_s, QJsonObject{}},
            {u"broadcasts"_s, QJsonObject{}},
            {u"blocks"_s, QJsonObject{}},
            {u"comments"_s, QJsonObject{}},
            {u"currentCostume"_s, 0},
            {u"costumes"_s, costumes(true, costumeMd5exts.size())},
            {u"sounds"_s, QJsonArray{}},
            {u"volume"_s, 100},
            {u"layerOrder"_s, 0},
            {u"tempo"_s, 60},
            {u"videoTransparency"_s, 50},
            {u"videoState"_s, u"on"_s},
            {u"textToSpeechLanguage"_s, QJsonValue::Null}};
        QJsonObject sprite{{u"isStage"_s, false},
                           {u"name"_s, u"Sprite1"_s},
                           {u"variables"_s, QJsonObject{}},
                           {u"lists"_s, QJsonObject{}},
                           {u"broadcasts"_s, QJsonObject{}},
                           {u"blocks"_s, QJsonObject{}},
                           {u"comments"_s, QJsonObject{}},
                           {u"currentCostume"_s, 0},
                           {u"costumes"_s, costumes(false, 1)},
                           {u"sounds"_s, QJsonArray{}},
                           {u"volume"_s, 100},
                           {u"layerOrder"_s, 1},
                           {u"visible"_s, true},
                           {u"x"_s, 0},
                           {u"y"_s, 0},
                           {u"size"_s, 100},
                           {u"direction"_s, 90},
                           {u"draggable"_s, false},
                           {u"rotationStyle"_s, u"all around"_s}};
        QJsonObject project{{u"targets"_s, QJsonArray{stage, sprite}},
                            {u"monitors"_s, QJsonArray{}},
                            {u"extensions"_s, QJsonArray{}},
                            {u"meta"_s,
                             QJsonObject{{u"semver"_s, u"3.0.0"_s},
                                         {u"vm"_s, u"0.2.0"_s},
                                         {u"agent"_s, u"blockhaus-tests"_s}}}};
        return QJsonDocument(project).toJson(QJsonDocument::Compact);
    };
    const QByteArray unpadded = build({});
    if (paddingBytes <= unpadded.size())
        return unpadded;
    return build(QString(paddingBytes - unpadded.size(), u'x'));
}

QByteArray incompressibleBytes(qsizetype size, quint32 seed)
{
    static constexpr char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = alphabet[generator.bounded(quint32(sizeof(alphabet) - 1))];
    return bytes;
}

QByteArray incompressibleScratchProject(int paddingBytes, const QString &marker)
{
    QByteArray project = scratchProject({}, paddingBytes, marker);
    // The padding is the one long run of 'x' in the JSON: the same length, other letters.
    const qsizetype run = std::max<qsizetype>(paddingBytes / 2, 64);
    const qsizetype start = project.indexOf(QByteArray(run, 'x'));
    if (start < 0)
        return project;
    qsizetype end = start;
    while (end < project.size() && project.at(end) == 'x')
        ++end;
    project.replace(start, end - start, incompressibleBytes(end - start, qHash(marker)));
    return project;
}

QByteArray makeSb3(const QByteArray &projectJson, const QList<QPair<QString, QByteArray>> &files)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *archiveSource = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!archiveSource) {
        zip_error_fini(&error);
        return {};
    }
    zip_t *archive = zip_open_from_source(archiveSource, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(archiveSource);
        return {};
    }
    zip_source_keep(archiveSource); // survive zip_close so the bytes can be read back

    // libzip reads the entry buffers only in zip_close; keep them alive until then.
    QList<QPair<QByteArray, QByteArray>> entries{{"project.json"_ba, projectJson}};
    for (const auto &[name, bytes] : files)
        entries.append({name.toUtf8(), bytes});
    bool ok = true;
    for (const auto &[name, bytes] : std::as_const(entries)) {
        zip_source_t *entry =
            zip_source_buffer(archive, bytes.constData(), zip_uint64_t(bytes.size()), 0);
        if (!entry
            || zip_file_add(archive, name.constData(), entry, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)
                < 0) {
            if (entry)
                zip_source_free(entry);
            ok = false;
            break;
        }
    }
    if (!ok) {
        zip_discard(archive);
        zip_source_free(archiveSource);
        return {};
    }
    if (zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(archiveSource);
        return {};
    }

    QByteArray result;
    if (zip_source_open(archiveSource) == 0) {
        if (zip_source_seek(archiveSource, 0, SEEK_END) == 0) {
            const zip_int64_t size = zip_source_tell(archiveSource);
            zip_source_seek(archiveSource, 0, SEEK_SET);
            if (size > 0) {
                result.resize(qsizetype(size));
                const zip_int64_t read =
                    zip_source_read(archiveSource, result.data(), zip_uint64_t(size));
                if (read != size)
                    result.clear();
            }
        }
        zip_source_close(archiveSource);
    }
    zip_source_free(archiveSource);
    return result;
}

Classroom makeClassroom(quint16 port, const QString &adminPassword, const QString &className,
                        const QStringList &studentNames)
{
    Classroom classroom;
    Client admin(port);
    const HttpReply login = admin.login(u"admin"_s, adminPassword);
    if (login.status != 201) {
        qWarning("makeClassroom: admin login -> %d %s", login.status, login.body.constData());
        return classroom;
    }
    classroom.adminToken = admin.bearer();

    const HttpReply created = admin.postJson("/api/v1/classes"_ba, {{u"name"_s, className}});
    if (created.status != 201) {
        qWarning("makeClassroom: POST /api/v1/classes -> %d %s", created.status,
                 created.body.constData());
        return classroom;
    }
    classroom.classId = created.object().value(u"id"_s).toInt();
    classroom.joinCode = created.object().value(u"join_code"_s).toString();
    if (studentNames.isEmpty())
        return classroom;

    const HttpReply added =
        admin.postJson("/api/v1/classes/" + QByteArray::number(classroom.classId) + "/students",
                       {{u"names"_s, QJsonArray::fromStringList(studentNames)}});
    if (added.status != 201) {
        qWarning("makeClassroom: POST students -> %d %s", added.status, added.body.constData());
        return classroom;
    }
    const QJsonArray students = added.object().value(u"students"_s).toArray();
    for (const QJsonValue &value : students) {
        const QJsonObject student = value.toObject();
        Classroom::Account account;
        account.id = student.value(u"id"_s).toInt();
        account.username = student.value(u"username"_s).toString();
        account.password = student.value(u"password"_s).toString();
        Client client(port);
        const HttpReply studentLogin = client.login(account.username, account.password);
        if (studentLogin.status != 201) {
            qWarning("makeClassroom: login %s -> %d %s", qPrintable(account.username),
                     studentLogin.status, studentLogin.body.constData());
        }
        account.token = client.bearer();
        classroom.students.append(account);
    }
    return classroom;
}

Classroom::Account createUser(quint16 port, const QByteArray &adminToken, const QString &username,
                              const QString &role)
{
    Classroom::Account account;
    Client admin(port);
    admin.setBearer(adminToken);
    const HttpReply created = admin.postJson(
        "/api/v1/users"_ba,
        {{u"username"_s, username}, {u"display_name"_s, username}, {u"role"_s, role}});
    if (created.status != 201) {
        qWarning("createUser: POST /api/v1/users %s -> %d %s", qPrintable(username), created.status,
                 created.body.constData());
        return account;
    }
    account.id = created.object().value(u"id"_s).toInt();
    account.username = created.object().value(u"username"_s).toString();
    account.password = created.object().value(u"password"_s).toString();
    Client client(port);
    const HttpReply login = client.login(account.username, account.password);
    if (login.status != 201) {
        qWarning("createUser: login %s -> %d %s", qPrintable(username), login.status,
                 login.body.constData());
    }
    account.token = client.bearer();
    return account;
}

// ---------------------------------------------------------------------------------------------
// Read-only database access and process figures

std::optional<QList<QStringList>> queryDatabase(const QString &databasePath, const QString &sql)
{
    if (isPostgresAddress(databasePath))
        return queryPostgres(databasePath, sql);
    // Loaded at run time so that the support library needs no extra link dependency; the
    // declarations come from <sqlite3.h>.
    static QLibrary library(u"sqlite3"_s, 0);
    if (!library.isLoaded() && !library.load()) {
        qWarning("queryDatabase: %s", qPrintable(library.errorString()));
        return std::nullopt;
    }
    const auto resolve = [](const char *name) { return library.resolve(name); };
    const auto open = reinterpret_cast<decltype(&sqlite3_open_v2)>(resolve("sqlite3_open_v2"));
    const auto close = reinterpret_cast<decltype(&sqlite3_close_v2)>(resolve("sqlite3_close_v2"));
    const auto prepare =
        reinterpret_cast<decltype(&sqlite3_prepare_v2)>(resolve("sqlite3_prepare_v2"));
    const auto step = reinterpret_cast<decltype(&sqlite3_step)>(resolve("sqlite3_step"));
    const auto finalize =
        reinterpret_cast<decltype(&sqlite3_finalize)>(resolve("sqlite3_finalize"));
    const auto columnCount =
        reinterpret_cast<decltype(&sqlite3_column_count)>(resolve("sqlite3_column_count"));
    const auto columnType =
        reinterpret_cast<decltype(&sqlite3_column_type)>(resolve("sqlite3_column_type"));
    const auto columnText =
        reinterpret_cast<decltype(&sqlite3_column_text)>(resolve("sqlite3_column_text"));
    const auto columnBytes =
        reinterpret_cast<decltype(&sqlite3_column_bytes)>(resolve("sqlite3_column_bytes"));
    const auto busyTimeout =
        reinterpret_cast<decltype(&sqlite3_busy_timeout)>(resolve("sqlite3_busy_timeout"));
    const auto errmsg = reinterpret_cast<decltype(&sqlite3_errmsg)>(resolve("sqlite3_errmsg"));
    if (!open || !close || !prepare || !step || !finalize || !columnCount || !columnType
        || !columnText || !columnBytes || !busyTimeout || !errmsg) {
        qWarning("queryDatabase: libsqlite3 lacks a needed function");
        return std::nullopt;
    }

    sqlite3 *db = nullptr;
    if (open(QFile::encodeName(databasePath).constData(), &db, SQLITE_OPEN_READONLY, nullptr)
        != SQLITE_OK) {
        qWarning("queryDatabase: cannot open %s", qPrintable(databasePath));
        close(db);
        return std::nullopt;
    }
    busyTimeout(db, 10000);
    sqlite3_stmt *statement = nullptr;
    const QByteArray sqlText = sql.toUtf8();
    if (prepare(db, sqlText.constData(), int(sqlText.size()), &statement, nullptr) != SQLITE_OK) {
        qWarning("queryDatabase: %s: %s", sqlText.constData(), errmsg(db));
        finalize(statement);
        close(db);
        return std::nullopt;
    }
    QList<QStringList> rows;
    int result = SQLITE_OK;
    while ((result = step(statement)) == SQLITE_ROW) {
        QStringList row;
        for (int column = 0; column < columnCount(statement); ++column) {
            if (columnType(statement, column) == SQLITE_NULL) {
                row.append(QString());
                continue;
            }
            const unsigned char *text = columnText(statement, column);
            const int size = columnBytes(statement, column);
            row.append(QString::fromUtf8(QByteArrayView(text, size)));
        }
        rows.append(row);
    }
    if (result != SQLITE_DONE)
        qWarning("queryDatabase: %s: %s", sqlText.constData(), errmsg(db));
    finalize(statement);
    close(db);
    if (result != SQLITE_DONE)
        return std::nullopt;
    return rows;
}

qint64 residentSetKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts.at(1).toLongLong() : -1;
        }
    }
    return -1;
}

QVariant sqlValue(const QString &databasePath, const QString &sql)
{
    if (isPostgresAddress(databasePath)) {
        if (sql == u"PRAGMA integrity_check"_s)
            return postgresIntegrityCheck(databasePath);
        const auto rows = queryPostgres(databasePath, sql);
        if (!rows || rows->isEmpty() || rows->first().isEmpty())
            return {};
        return rows->first().first();
    }
    static std::atomic<int> counter{0};
    const QString name = u"testsupport-probe-%1"_s.arg(++counter);
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
            else
                qWarning("query failed: %s", qPrintable(sql));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

int execDatabase(const QString &database, const QString &sql, const QVariantList &binds)
{
    if (isPostgresAddress(database)) {
        int rows = -1;
        queryPostgres(database, sql, binds, &rows);
        return rows;
    }
    static std::atomic<int> counter{0};
    const QString name = u"testsupport-exec-%1"_s.arg(++counter);
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(database);
        if (db.open()) {
            QSqlQuery query(db);
            // The server writes too: wait for its lock rather than fail.
            if (query.exec(u"PRAGMA busy_timeout=10000"_s) && query.prepare(sql)) {
                for (const QVariant &value : binds)
                    query.addBindValue(value);
                if (query.exec())
                    rows = query.numRowsAffected();
            }
            if (rows < 0)
                qWarning("execDatabase: %s: %s", qPrintable(sql),
                         qPrintable(query.lastError().text()));
            query.finish();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QString describe(const HttpReply &reply)
{
    // No status: say why (a reset, a refusal, the deadline), else a failure reads "0 ".
    if (reply.status == 0) {
        return u"no reply (%1) %2"_s.arg(reply.timedOut ? u"timed out"_s : reply.transportError)
            .arg(QString::fromUtf8(reply.body.left(200)));
    }
    return u"%1 %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body.left(200)));
}

QString checkError(const HttpReply &reply, int status, const QString &code)
{
    if (reply.status != status) {
        return u"status %1, expected %2; body: %3"_s.arg(reply.status)
            .arg(status)
            .arg(QString::fromUtf8(reply.body.left(300)));
    }
    if (reply.errorCode() != code)
        return u"error code '%1', expected '%2'"_s.arg(reply.errorCode(), code);
    if (reply.object().value(QLatin1StringView("message")).toString().isEmpty())
        return u"error without a message"_s;
    return {};
}

FinishedRun runToEnd(const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(10'000);
        const QByteArray errors = process.readAllStandardError();
        return {-1, process.readAllStandardOutput() + errors, errors};
    }
    const QByteArray errors = process.readAllStandardError();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput() + errors, errors};
}

} // namespace Blockhaus::Test
