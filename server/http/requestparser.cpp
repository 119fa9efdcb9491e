// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/requestparser.h"

#include <algorithm>

#include <QUrl>

#include "server/http/errors.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

constexpr int maxHeaderLines = 100;
constexpr qsizetype maxTargetLength = 8 * 1024;
constexpr int maxEmptyLines = 2;
constexpr qsizetype maxMethodLength = 32;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    return std::all_of(text.begin(), text.end(), isTokenChar);
}

bool hasControlChars(const QByteArray &text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

Reply badRequest(const QString &why)
{
    Reply reply = errorReply(ErrorKind::BadRequest, why, {});
    reply.closeConnection = true;
    return reply;
}

} // namespace

RequestParser::RequestParser(qint64 headerLimit)
    : m_headerLimit(headerLimit)
{
}

void RequestParser::feed(QByteArrayView bytes)
{
    if (m_state != State::Failed)
        m_buffer.append(bytes);
}

qint64 RequestParser::wanted() const
{
    switch (m_state) {
    case State::Head:
        // Four more than the limit, so that a head of exactly the limit still shows its end.
        return std::max<qint64>(0, m_headerLimit + 4 - m_buffer.size());
    case State::Body:
        return std::max<qint64>(0, m_bodyRemaining - m_buffer.size());
    case State::Done:
    case State::Failed:
        break;
    }
    return 0;
}

bool RequestParser::headStarted() const
{
    return m_state == State::Head && !m_buffer.isEmpty();
}

RequestParser::Status RequestParser::fail(Reply reply)
{
    reply.closeConnection = true;
    m_error = std::move(reply);
    m_state = State::Failed;
    m_keepAlive = false;
    m_buffer.clear();
    return Status::Error;
}

RequestParser::Status RequestParser::parse()
{
    switch (m_state) {
    case State::Failed:
        return Status::Error;
    case State::Done:
        return Status::NeedMore; // the connection has not finished the current request yet
    case State::Body: {
        const auto take =
            static_cast<qsizetype>(std::min<qint64>(m_buffer.size(), m_bodyRemaining));
        if (take > 0) {
            m_request.body.append(m_buffer.constData(), take);
            m_buffer.remove(0, take);
            m_bodyRemaining -= take;
        }
        if (m_bodyRemaining > 0)
            return Status::NeedMore;
        m_state = State::Done;
        return Status::BodyComplete;
    }
    case State::Head:
        break;
    }
    // A stray empty line before a request is allowed (RFC 9112, 2.2); a stream of them is not a
    // request at all.
    while (m_buffer.startsWith("\r\n") || m_buffer.startsWith('\n')) {
        m_buffer.remove(0, m_buffer.startsWith('\n') ? 1 : 2);
        if (++m_emptyLines > maxEmptyLines)
            return fail(badRequest(u"This is not an HTTP request."_s));
    }
    if (m_buffer.isEmpty() || m_buffer == "\r")
        return Status::NeedMore;
    qsizetype end = m_buffer.indexOf("\r\n\r\n");
    qsizetype separator = 4;
    const qsizetype bareEnd = m_buffer.indexOf("\n\n");
    if (bareEnd >= 0 && (end < 0 || bareEnd < end)) {
        end = bareEnd;
        separator = 2;
    }
    if (end < 0) {
        if (m_buffer.size() > m_headerLimit)
            return fail(headersTooLarge());
        return Status::NeedMore;
    }
    if (end > m_headerLimit)
        return fail(headersTooLarge());
    return parseHead(end, separator);
}

RequestParser::Status RequestParser::parseHead(qsizetype headEnd, qsizetype separatorLength)
{
    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd + separatorLength);
    m_request = Request();

    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[0].size() > maxMethodLength)
        return fail(badRequest(u"The request line is malformed."_s));
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(badRequest(u"Only HTTP/1.0 and HTTP/1.1 are spoken here."_s));
    const QByteArray &target = parts[1];
    if (!target.startsWith('/') || target.size() > maxTargetLength || hasControlChars(target))
        return fail(badRequest(u"The request target is malformed."_s));
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
    if (lines.size() - 1 > maxHeaderLines)
        return fail(headersTooLarge());
    QByteArray contentLength;
    m_keepAlive = version == "HTTP/1.1";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // A folded line (leading whitespace) or a name with spaces is refused (RFC 9112, 5.1-2).
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')
            || !isToken(line.left(colon))) {
            return fail(badRequest(u"A request header is malformed."_s));
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (hasControlChars(QByteArray(value).replace('\t', ' ')))
            return fail(badRequest(u"A request header holds control characters."_s));
        if (name == "content-length") {
            if (!contentLength.isEmpty() && contentLength != value)
                return fail(badRequest(u"Conflicting Content-Length headers."_s));
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
        const bool digits = contentLength.size() <= 18
            && std::all_of(contentLength.begin(), contentLength.end(),
                           [](char c) { return c >= '0' && c <= '9'; });
        if (!digits)
            return fail(badRequest(u"The Content-Length header is not a number."_s));
        m_request.contentLength = contentLength.toLongLong();
    }
    m_emptyLines = 0;
    m_state = State::Done; // until the connection says what to do with the body
    return Status::HeadComplete;
}

void RequestParser::expectBody(qint64 length)
{
    if (m_state == State::Failed)
        return;
    m_bodyRemaining = std::max<qint64>(0, length);
    m_state = State::Body;
}

void RequestParser::finishRequest()
{
    if (m_state == State::Failed)
        return;
    m_request = Request();
    m_bodyRemaining = 0;
    m_emptyLines = 0;
    m_state = State::Head;
}

RequestParser::BodyDecision RequestParser::decideBody(const Request &request, qint64 limit,
                                                      bool lengthRequired)
{
    BodyDecision decision;
    if (request.hasHeader("transfer-encoding") || (lengthRequired && request.contentLength < 0)) {
        decision.refusedStatus = 411;
        return decision;
    }
    const qint64 length = std::max<qint64>(0, request.contentLength);
    if (length > limit) {
        // Decided from Content-Length alone: the body is never read, the connection closes
        // after the answer.
        decision.refusedStatus = 413;
        return decision;
    }
    decision.length = length;
    return decision;
}

} // namespace Blockhaus::Http
