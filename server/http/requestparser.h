// SPDX-License-Identifier: AGPL-3.0-or-later
// RequestParser turns the bytes of one HTTP/1.1 connection into requests: bytes in, "head
// complete", "body complete" or an error answer out. It owns no socket and needs no event loop,
// so it is unit-tested byte by byte and fuzzed (tests/fuzz/fuzz_httprequest.cpp); HttpConnection
// feeds it and decides what a request's body may be from the route table.
#pragma once

#include <utility>

#include <QByteArray>
#include <QByteArrayView>

#include "server/http/reply.h"
#include "server/http/request.h"

namespace Blockhaus::Http {

class RequestParser
{
public:
    enum class Status {
        NeedMore, // feed more bytes (at most wanted())
        HeadComplete, // request() holds the head; call expectBody() or finishRequest()
        BodyComplete, // request().body holds the whole body
        Error, // error() is the answer; the connection closes after it
    };

    // What may happen to the body of a request, decided from its head and its route's rule.
    struct BodyDecision
    {
        qint64 length = 0; // bytes to read when refusedStatus is 0
        int refusedStatus = 0; // 411 (no usable length) or 413 (over the limit): never read
    };

    explicit RequestParser(qint64 headerLimit);

    // Appends bytes read from the connection. Feeding more than wanted() is allowed (a test or
    // the fuzzer may); the head limit is still enforced.
    void feed(QByteArrayView bytes);
    // How many bytes the parser can use now: the room left under the head limit while reading a
    // head, the rest of the body while reading one, 0 otherwise. The connection reads no more
    // than this from its socket, so the kernel's TCP window pushes back on the client.
    qint64 wanted() const;
    // Advances as far as the buffered bytes allow.
    Status parse();

    // After HeadComplete: read this many body bytes (0: the request is complete at once).
    void expectBody(qint64 length);
    // After BodyComplete or a decision not to read the body: ready for the next request; bytes
    // already fed after this request are kept (pipelining).
    void finishRequest();

    Request &request() { return m_request; }
    const Request &request() const { return m_request; }
    bool keepAlive() const { return m_keepAlive; }
    const Reply &error() const { return m_error; }
    // True while a head has started arriving but is not complete (for the head deadline).
    bool headStarted() const;
    // Bytes fed but not yet consumed (the start of the next request, or body bytes).
    qsizetype buffered() const { return m_buffer.size(); }
    // Hands out and forgets those bytes (a connection taken over by another protocol).
    QByteArray takeBuffered() { return std::exchange(m_buffer, {}); }
    qint64 bodyRemaining() const { return m_bodyRemaining; }

    // 411 for Transfer-Encoding (this server reads no chunked bodies) or a missing length where
    // the route needs a body, 413 when Content-Length is over the route's limit, else the length.
    static BodyDecision decideBody(const Request &request, qint64 limit, bool lengthRequired);

private:
    enum class State { Head, Body, Done, Failed };

    Status fail(Reply reply);
    Status parseHead(qsizetype headEnd, qsizetype separatorLength);

    qint64 m_headerLimit;
    State m_state = State::Head;
    QByteArray m_buffer;
    Request m_request;
    qint64 m_bodyRemaining = 0;
    bool m_keepAlive = true;
    int m_emptyLines = 0; // empty lines seen before the current request line
    Reply m_error;
};

} // namespace Blockhaus::Http
