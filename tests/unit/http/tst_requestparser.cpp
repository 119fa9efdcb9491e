// SPDX-License-Identifier: AGPL-3.0-or-later
// Http::RequestParser without a socket: valid heads and bodies fed whole, in odd pieces and one
// byte at a time, pipelined requests, every refusal the connection used to make (400, 431, and
// the 411/413 body decisions) and the bound on how much it asks to be fed.
#include <QTest>

#include "server/http/requestparser.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Http;

namespace {

constexpr qint64 headerLimit = 16 * 1024;
constexpr qint64 bodyLimit = 1024 * 1024;

struct Parsed
{
    QList<Request> requests; // complete, with their bodies
    QList<bool> keepAlive; // per request
    int errorStatus = 0; // the parser's refusal, if any
    int refusedBodyStatus = 0; // 411/413 decided from a head
    qint64 maxWanted = 0; // the most the parser asked for at once
};

// Feeds input the way HttpConnection does: never more than wanted(), at most chunk bytes at a
// time (0: as much as it wants), deciding each body from its head.
Parsed run(const QByteArray &input, qsizetype chunk, qint64 limit = headerLimit)
{
    Parsed parsed;
    RequestParser parser(limit);
    qsizetype offset = 0;
    for (int guard = 0; guard < 10 * (input.size() + 10); ++guard) {
        switch (parser.parse()) {
        case RequestParser::Status::Error:
            parsed.errorStatus = parser.error().status;
            return parsed;
        case RequestParser::Status::HeadComplete: {
            const auto decision = RequestParser::decideBody(parser.request(), bodyLimit,
                                                            parser.request().method == "PUT");
            if (decision.refusedStatus) {
                parsed.refusedBodyStatus = decision.refusedStatus;
                parsed.requests.append(parser.request());
                return parsed;
            }
            parser.expectBody(decision.length);
            continue;
        }
        case RequestParser::Status::BodyComplete:
            parsed.requests.append(parser.request());
            parsed.keepAlive.append(parser.keepAlive());
            parser.finishRequest();
            continue;
        case RequestParser::Status::NeedMore:
            break;
        }
        const qint64 wanted = parser.wanted();
        parsed.maxWanted = std::max(parsed.maxWanted, wanted);
        if (offset >= input.size() || wanted == 0)
            return parsed;
        qsizetype take = std::min<qsizetype>(input.size() - offset, wanted);
        if (chunk > 0)
            take = std::min(take, chunk);
        parser.feed(QByteArrayView(input).sliced(offset, take));
        offset += take;
    }
    qWarning("the parser made no progress");
    return parsed;
}

const QList<qsizetype> chunkSizes{0, 1, 7};

} // namespace

class TestRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidHeads_data();
    void parsesValidHeads();
    void refusesMalformedInput_data();
    void refusesMalformedInput();
    void decidesBodies_data();
    void decidesBodies();
    void readsBodiesInAnyPieces_data();
    void readsBodiesInAnyPieces();
    void keepsPipelinedRequestsApart_data();
    void keepsPipelinedRequestsApart();
    void asksForNoMoreThanTheHeadLimit();
    void staysFailedAfterAnError();
    void reportsAStartedHead();
};

void TestRequestParser::parsesValidHeads_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("queryTitle");
    QTest::addColumn<bool>("isHead");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<QByteArray>("hostHeader");
    QTest::addColumn<qsizetype>("chunk");

    const struct
    {
        const char *name;
        QByteArray input;
        QByteArray method;
        QString path;
        QString title;
        bool isHead;
        bool keepAlive;
        qint64 length;
        QByteArray host;
    } cases[] = {
        {"simple GET",
         "GET /api/v1/status HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
         "GET"_ba,
         u"/api/v1/status"_s,
         {},
         false,
         true,
         -1,
         "x"_ba},
        {"HEAD maps to GET",
         "HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
         "GET"_ba,
         u"/index.html"_s,
         {},
         true,
         true,
         -1,
         "x"_ba},
        {"HTTP/1.0 closes",
         "GET / HTTP/1.0\r\n\r\n"_ba,
         "GET"_ba,
         u"/"_s,
         {},
         false,
         false,
         -1,
         {}},
        {"HTTP/1.0 keep-alive",
         "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"_ba,
         "GET"_ba,
         u"/"_s,
         {},
         false,
         true,
         -1,
         {}},
        {"Connection: close",
         "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"_ba,
         "GET"_ba,
         u"/"_s,
         {},
         false,
         false,
         -1,
         {}},
        {"bare LF lines",
         "GET /a HTTP/1.1\nHost: y\n\n"_ba,
         "GET"_ba,
         u"/a"_s,
         {},
         false,
         true,
         -1,
         "y"_ba},
        {"two empty lines first",
         "\r\n\nGET /b HTTP/1.1\r\nHost: z\r\n\r\n"_ba,
         "GET"_ba,
         u"/b"_s,
         {},
         false,
         true,
         -1,
         "z"_ba},
        {"percent-decoded path, plus in query",
         "GET /join/a%20b?title=My+Cat%21 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, "GET"_ba, u"/join/a b"_s,
         u"My Cat!"_s, false, true, -1, "x"_ba},
        {"header name case and spaces",
         "GET / HTTP/1.1\r\nHOST:   spaced  \r\nX-Tab:\tvalue\r\n\r\n"_ba,
         "GET"_ba,
         u"/"_s,
         {},
         false,
         true,
         -1,
         "spaced"_ba},
        {"repeated equal Content-Length",
         "POST /p HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n"_ba,
         "POST"_ba,
         u"/p"_s,
         {},
         false,
         true,
         0,
         {}},
    };
    for (const auto &c : cases) {
        for (const qsizetype chunk : chunkSizes) {
            QTest::addRow("%s, chunks of %lld", c.name, static_cast<long long>(chunk))
                << c.input << c.method << c.path << c.title << c.isHead << c.keepAlive << c.length
                << c.host << chunk;
        }
    }
}

void TestRequestParser::parsesValidHeads()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, queryTitle);
    QFETCH(bool, isHead);
    QFETCH(bool, keepAlive);
    QFETCH(qint64, contentLength);
    QFETCH(QByteArray, hostHeader);
    QFETCH(qsizetype, chunk);
    const Parsed parsed = run(input, chunk);
    QCOMPARE(parsed.errorStatus, 0);
    QCOMPARE(parsed.requests.size(), 1);
    const Request &request = parsed.requests.first();
    QCOMPARE(request.method, method);
    QCOMPARE(request.path, path);
    QCOMPARE(request.query.queryItemValue(u"title"_s, QUrl::FullyDecoded), queryTitle);
    QCOMPARE(request.isHead, isHead);
    QCOMPARE(parsed.keepAlive.first(), keepAlive);
    QCOMPARE(request.contentLength, contentLength);
    QCOMPARE(request.header("host"), hostHeader);
}

void TestRequestParser::refusesMalformedInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<qsizetype>("chunk");
    QByteArray manyHeaders = "GET / HTTP/1.1\r\n"_ba;
    for (int i = 0; i < 101; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": a\r\n";
    manyHeaders += "\r\n";
    static constexpr char withNul[] = "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n";
    const struct
    {
        const char *name;
        QByteArray input;
        int status;
    } cases[] = {
        {"three empty lines", "\r\n\r\n\r\nGET / HTTP/1.1\r\n\r\n"_ba, 400},
        {"method only", "GET\r\n\r\n"_ba, 400},
        {"no version", "GET /api/v1/status\r\n\r\n"_ba, 400},
        {"unknown version", "GET / HTTP/9.9\r\n\r\n"_ba, 400},
        {"two spaces", "GET  / HTTP/1.1\r\n\r\n"_ba, 400},
        {"method with a slash", "GE/T / HTTP/1.1\r\n\r\n"_ba, 400},
        {"method over 32", QByteArray(33, 'G') + " / HTTP/1.1\r\n\r\n", 400},
        {"absolute form", "GET http://evil.example/ HTTP/1.1\r\n\r\n"_ba, 400},
        {"asterisk form", "OPTIONS * HTTP/1.1\r\n\r\n"_ba, 400},
        {"target over 8 KiB", "GET /" + QByteArray(8 * 1024, 'a') + " HTTP/1.1\r\n\r\n", 400},
        {"control character in target", "GET /a\x01 HTTP/1.1\r\n\r\n"_ba, 400},
        {"header without colon", "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"_ba, 400},
        {"empty header name", "GET / HTTP/1.1\r\n: x\r\n\r\n"_ba, 400},
        {"space in header name", "GET / HTTP/1.1\r\nHo st: x\r\n\r\n"_ba, 400},
        {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"_ba, 400},
        {"folded header", "GET / HTTP/1.1\r\nX-A: a\r\n  folded\r\n\r\n"_ba, 400},
        {"tab-folded header", "GET / HTTP/1.1\r\nX-A: a\r\n\tfolded\r\n\r\n"_ba, 400},
        {"nul in header value", QByteArray(withNul, sizeof(withNul) - 1), 400},
        {"conflicting Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}"_ba, 400},
        {"negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"_ba, 400},
        {"non-numeric Content-Length", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"_ba, 400},
        {"Content-Length list", "POST / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n"_ba, 400},
        {"19-digit Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: 9999999999999999999\r\n\r\n"_ba, 400},
        {"tls client hello",
         "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba + QByteArray(64, '\x42') + "\r\n\r\n",
         400},
        {"101 header lines", manyHeaders, 431},
        {"one 17 KiB header", "GET / HTTP/1.1\r\nX-Big: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n",
         431},
        {"endless head", "GET / HTTP/1.1\r\nX-Big: " + QByteArray(64 * 1024, 'a'), 431},
    };
    for (const auto &c : cases) {
        for (const qsizetype chunk : chunkSizes) {
            if (chunk == 1 && c.input.size() > 20 * 1024)
                continue; // byte by byte over 20 KiB only repeats the 7-byte case, slowly
            QTest::addRow("%s, chunks of %lld", c.name, static_cast<long long>(chunk))
                << c.input << c.status << chunk;
        }
    }
}

void TestRequestParser::refusesMalformedInput()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(qsizetype, chunk);
    const Parsed parsed = run(input, chunk);
    QCOMPARE(parsed.errorStatus, status);
    QVERIFY(parsed.requests.isEmpty());
}

void TestRequestParser::decidesBodies_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("lengthRequired");
    QTest::addColumn<int>("refused");
    QTest::addColumn<qint64>("length");
    QTest::newRow("no body") << "GET / HTTP/1.1\r\n\r\n"_ba << false << 0 << qint64(0);
    QTest::newRow("length under the limit")
        << "PUT / HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n"_ba << true << 0 << bodyLimit;
    QTest::newRow("length over the limit")
        << "PUT / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n"_ba << true << 413 << qint64(0);
    QTest::newRow("10 GB announced")
        << "PUT / HTTP/1.1\r\nContent-Length: 10000000000\r\n\r\n"_ba << true << 413 << qint64(0);
    QTest::newRow("chunked") << "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << true
                             << 411 << qint64(0);
    QTest::newRow("chunked and length")
        << "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n"_ba << false
        << 411 << qint64(0);
    QTest::newRow("required but missing")
        << "PUT / HTTP/1.1\r\n\r\n"_ba << true << 411 << qint64(0);
    QTest::newRow("optional and missing")
        << "POST / HTTP/1.1\r\n\r\n"_ba << false << 0 << qint64(0);
}

void TestRequestParser::decidesBodies()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, lengthRequired);
    QFETCH(int, refused);
    QFETCH(qint64, length);
    RequestParser parser(headerLimit);
    parser.feed(head);
    QCOMPARE(parser.parse(), RequestParser::Status::HeadComplete);
    const auto decision = RequestParser::decideBody(parser.request(), bodyLimit, lengthRequired);
    QCOMPARE(decision.refusedStatus, refused);
    QCOMPARE(decision.length, length);
}

void TestRequestParser::readsBodiesInAnyPieces_data()
{
    QTest::addColumn<qsizetype>("chunk");
    QTest::addColumn<QByteArray>("body");
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(4096)}) {
        QTest::addRow("3 bytes, chunks of %lld", static_cast<long long>(chunk))
            << chunk << "{}\n"_ba;
        QByteArray big(100 * 1024, 'x');
        for (qsizetype i = 0; i < big.size(); i += 97)
            big[i] = char('a' + i % 26);
        QTest::addRow("100 KiB, chunks of %lld", static_cast<long long>(chunk)) << chunk << big;
    }
}

void TestRequestParser::readsBodiesInAnyPieces()
{
    QFETCH(qsizetype, chunk);
    QFETCH(QByteArray, body);
    const QByteArray input = "PUT /api/v1/projects/1 HTTP/1.1\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const Parsed parsed = run(input, chunk);
    QCOMPARE(parsed.errorStatus, 0);
    QCOMPARE(parsed.requests.size(), 1);
    QCOMPARE(parsed.requests.first().body, body);
    // While reading a body the parser never asks for more than the rest of that body.
    QVERIFY(parsed.maxWanted <= std::max<qint64>(body.size(), headerLimit + 4));
}

void TestRequestParser::keepsPipelinedRequestsApart_data()
{
    QTest::addColumn<qsizetype>("chunk");
    for (const qsizetype chunk : chunkSizes)
        QTest::addRow("chunks of %lld", static_cast<long long>(chunk)) << chunk;
}

void TestRequestParser::keepsPipelinedRequestsApart()
{
    QFETCH(qsizetype, chunk);
    const QByteArray input = "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                             "PUT /two HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                             "\r\n" // a stray empty line between requests is allowed
                             "POST /three?title=t HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                             "GET /four HTTP/1.1\r\nConnection: close\r\n\r\n"_ba;
    const Parsed parsed = run(input, chunk);
    QCOMPARE(parsed.errorStatus, 0);
    QCOMPARE(parsed.requests.size(), 4);
    QCOMPARE(parsed.requests.at(0).path, u"/one"_s);
    QCOMPARE(parsed.requests.at(0).body, QByteArray());
    QCOMPARE(parsed.requests.at(1).path, u"/two"_s);
    QCOMPARE(parsed.requests.at(1).body, "hello"_ba);
    QCOMPARE(parsed.requests.at(2).path, u"/three"_s);
    QCOMPARE(parsed.requests.at(2).body, "abc"_ba);
    QCOMPARE(parsed.requests.at(3).path, u"/four"_s);
    QCOMPARE(parsed.keepAlive, (QList<bool>{true, true, true, false}));
}

void TestRequestParser::asksForNoMoreThanTheHeadLimit()
{
    RequestParser parser(1024);
    QCOMPARE(parser.wanted(), qint64(1024 + 4));
    parser.feed("GET / HTTP/1.1\r\n");
    QCOMPARE(parser.parse(), RequestParser::Status::NeedMore);
    QCOMPARE(parser.wanted(), qint64(1024 + 4 - 16));
    parser.feed(QByteArray(parser.wanted(), 'a'));
    QCOMPARE(parser.wanted(), qint64(0));
    QCOMPARE(parser.parse(), RequestParser::Status::Error);
    QCOMPARE(parser.error().status, 431);
    QVERIFY(parser.error().closeConnection);

    // A head of exactly the limit is still accepted.
    RequestParser exact(64);
    QByteArray head = "GET / HTTP/1.1\r\nX: "_ba;
    head += QByteArray(64 - head.size(), 'b');
    QCOMPARE(head.size(), 64);
    exact.feed(QByteArray(head + "\r\n\r\n"));
    QCOMPARE(exact.parse(), RequestParser::Status::HeadComplete);
}

void TestRequestParser::staysFailedAfterAnError()
{
    RequestParser parser(headerLimit);
    parser.feed("HELLO WORLD\r\n\r\nGET / HTTP/1.1\r\n\r\n");
    QCOMPARE(parser.parse(), RequestParser::Status::Error);
    QCOMPARE(parser.error().status, 400);
    QVERIFY(!parser.keepAlive());
    parser.feed("GET / HTTP/1.1\r\n\r\n");
    QCOMPARE(parser.parse(), RequestParser::Status::Error);
    QCOMPARE(parser.wanted(), qint64(0));
    QCOMPARE(parser.buffered(), qsizetype(0));
}

void TestRequestParser::reportsAStartedHead()
{
    RequestParser parser(headerLimit);
    QVERIFY(!parser.headStarted());
    parser.feed("\r\n");
    QCOMPARE(parser.parse(), RequestParser::Status::NeedMore);
    QVERIFY(!parser.headStarted()); // an empty line is not a request yet
    parser.feed("GET / HT");
    QCOMPARE(parser.parse(), RequestParser::Status::NeedMore);
    QVERIFY(parser.headStarted());
    parser.feed("TP/1.1\r\n\r\n");
    QCOMPARE(parser.parse(), RequestParser::Status::HeadComplete);
    QVERIFY(!parser.headStarted());
    parser.expectBody(0);
    QCOMPARE(parser.parse(), RequestParser::Status::BodyComplete);
    parser.finishRequest();
    QVERIFY(!parser.headStarted());
}

QTEST_GUILESS_MAIN(TestRequestParser)
#include "tst_requestparser.moc"
