// SPDX-License-Identifier: AGPL-3.0-or-later
// The Limits section of API.md: header and body limits decided before reading, bodies without
// Content-Length, memory under a 10 GB announcement, the order of checks, malformed input,
// idle connections and the connection cap.
#include <QElapsedTimer>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr qint64 kib = 1024;
constexpr qint64 mib = 1024 * kib;
constexpr int connectionCap = 512;

QByteArray requestHead(const QByteArray &method, const QByteArray &path, quint16 port,
                       const QByteArray &token, const QByteArray &extraHeaders)
{
    QByteArray head =
        method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (!token.isEmpty())
        head += "Authorization: Bearer " + token + "\r\n";
    return head + extraHeaders + "\r\n";
}

QByteArray statusRequest(quint16 port)
{
    return requestHead("GET"_ba, "/api/v1/status"_ba, port, {}, {});
}

} // namespace

class TestLimitsApi : public QObject
{
    Q_OBJECT

private:
    bool serverStillServes();
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    QByteArray m_token;
    int m_project = 0;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void headersOverLimitAreRejected_data();
    void headersOverLimitAreRejected();
    void headersUnderLimitAreAccepted();

    void bodyWithoutContentLengthIsLengthRequired_data();
    void bodyWithoutContentLengthIsLengthRequired();

    void oversizedBodyIsRejectedBeforeReading_data();
    void oversizedBodyIsRejectedBeforeReading();
    void tenGigabyteAnnouncementDoesNotRaiseMemory_data();
    void tenGigabyteAnnouncementDoesNotRaiseMemory();
    void anonymousOversizedRequestIsUnauthorized_data();
    void anonymousOversizedRequestIsUnauthorized();

    void malformedInputIsRejectedWithoutCrash_data();
    void malformedInputIsRejectedWithoutCrash();

    void idleConnectionsAreClosed();
    void connectionCapRefusesOnlyExtraConnections();
};

void TestLimitsApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 7d"_s, {u"Anna M."_s});
    QCOMPARE(m_classroom.students.size(), 1);
    m_token = m_classroom.students.first().token;
    QVERIFY(!m_token.isEmpty());
    Client client(m_server->port());
    client.setBearer(m_token);
    const HttpReply created = client.post("/api/v1/projects?title=Limits"_ba, scratchProject());
    QVERIFY(statusIs(created, 201));
    m_project = created.object().value(u"id"_s).toInt();
    QVERIFY(m_project > 0);
}

void TestLimitsApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

bool TestLimitsApi::serverStillServes()
{
    if (!m_server->isRunning()) {
        qWarning("server exited:\n%s", m_server->output().right(4000).constData());
        return false;
    }
    Client client(m_server->port());
    return statusIs(client.get("/api/v1/status"_ba), 200);
}

void TestLimitsApi::headersOverLimitAreRejected_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("one 17 KiB header") << "X-Big: " + QByteArray(17 * kib, 'a') + "\r\n";
    QTest::newRow("one 1 MiB header") << "X-Big: " + QByteArray(mib, 'a') + "\r\n";
    QByteArray many;
    for (int i = 0; i < 200; ++i)
        many += "X-Header-" + QByteArray::number(i) + ": " + QByteArray(100, 'b') + "\r\n";
    QTest::newRow("200 headers of 100 bytes") << many;
    QTest::newRow("20 KiB cookie") << "Cookie: bh_session=" + QByteArray(20 * kib, 'c') + "\r\n";
}

void TestLimitsApi::headersOverLimitAreRejected()
{
    QFETCH(QByteArray, headers);
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write(requestHead("GET"_ba, "/api/v1/status"_ba, m_server->port(), {}, headers));
    const HttpReply reply = connection.readReply(15000);
    QVERIFY(statusIs(reply, 431));
    QVERIFY(isErrorBody(reply, u"headers_too_large"_s));
    QVERIFY(connection.waitForClosed(10000));
    QVERIFY(serverStillServes());
}

void TestLimitsApi::headersUnderLimitAreAccepted()
{
    Client client(m_server->port());
    const HttpReply reply =
        client.get("/api/v1/status"_ba, {{"X-Padding"_ba, QByteArray(12 * kib, 'a')}});
    QVERIFY(statusIs(reply, 200));
}

void TestLimitsApi::bodyWithoutContentLengthIsLengthRequired_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path"); // PROJECT is replaced by the project id
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("chunked"); // false: neither Content-Length nor Transfer-Encoding
    const QByteArray svg = svgAsset(7);
    const QByteArray assetPath = "/api/v1/assets/" + md5ext(svg, u"svg"_s).toUtf8();
    for (const bool chunked : {true, false}) {
        const char *how = chunked ? "chunked" : "no length";
        QTest::addRow("POST project, %s", how) << "POST"_ba
                                               << "/api/v1/projects?title=x"_ba
                                               << "application/json"_ba << chunked;
        QTest::addRow("PUT project, %s", how) << "PUT"_ba
                                              << "/api/v1/projects/PROJECT"_ba
                                              << "application/json"_ba << chunked;
        QTest::addRow("PUT asset, %s", how)
            << "PUT"_ba << assetPath << "image/svg+xml"_ba << chunked;
        QTest::addRow("POST sb3 import, %s", how) << "POST"_ba
                                                  << "/api/v1/projects/import?title=x"_ba
                                                  << "application/x.scratch.sb3"_ba << chunked;
        QTest::addRow("PUT thumbnail, %s", how) << "PUT"_ba
                                                << "/api/v1/projects/PROJECT/thumbnail"_ba
                                                << "image/png"_ba << chunked;
    }
}

void TestLimitsApi::bodyWithoutContentLengthIsLengthRequired()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, chunked);
    path.replace("PROJECT", QByteArray::number(m_project));
    QByteArray headers = "Content-Type: " + contentType + "\r\nIf-Match: \"1\"\r\n";
    QByteArray body;
    if (chunked) {
        headers += "Transfer-Encoding: chunked\r\n";
        const QByteArray payload = scratchProject();
        body = QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n0\r\n\r\n";
    }
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write(requestHead(method, path, m_server->port(), m_token, headers) + body);
    const HttpReply reply = connection.readReply(15000);
    QVERIFY(statusIs(reply, 411));
    QVERIFY(isErrorBody(reply, u"length_required"_s));

    // Nothing was stored: the project is still at version 1.
    Client client(m_server->port());
    client.setBearer(m_token);
    const HttpReply meta =
        client.get("/api/v1/projects/" + QByteArray::number(m_project) + "/meta");
    QVERIFY(statusIs(meta, 200));
    QCOMPARE(meta.object().value(u"version"_s).toInt(), 1);
    QVERIFY(serverStillServes());
}

void TestLimitsApi::oversizedBodyIsRejectedBeforeReading_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<qint64>("contentLength");
    const QByteArray png = "/api/v1/assets/0123456789abcdef0123456789abcdef.png"_ba;
    QTest::newRow("project POST 10 MiB + 1") << "POST"_ba
                                             << "/api/v1/projects?title=x"_ba
                                             << "application/json"_ba << 10 * mib + 1;
    QTest::newRow("project PUT 10 MiB + 1") << "PUT"_ba
                                            << "/api/v1/projects/PROJECT"_ba
                                            << "application/json"_ba << 10 * mib + 1;
    QTest::newRow("project PUT 1 GB") << "PUT"_ba
                                      << "/api/v1/projects/PROJECT"_ba
                                      << "application/json"_ba << qint64(1000) * mib;
    QTest::newRow("asset PUT 10 MiB + 1") << "PUT"_ba << png << "image/png"_ba << 10 * mib + 1;
    QTest::newRow("asset POST 10 MiB + 1") << "POST"_ba << png << "image/png"_ba << 10 * mib + 1;
    QTest::newRow("sb3 import 50 MiB + 1") << "POST"_ba
                                           << "/api/v1/projects/import?title=x"_ba
                                           << "application/x.scratch.sb3"_ba << 50 * mib + 1;
    QTest::newRow("thumbnail 512 KiB + 1") << "PUT"_ba
                                           << "/api/v1/projects/PROJECT/thumbnail"_ba
                                           << "image/png"_ba << 512 * kib + 1;
}

void TestLimitsApi::oversizedBodyIsRejectedBeforeReading()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(qint64, contentLength);
    path.replace("PROJECT", QByteArray::number(m_project));
    const QByteArray headers = "Content-Type: " + contentType + "\r\nIf-Match: \"1\"\r\n"
        + "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    // Only the head is sent: the answer must come without the body.
    connection.write(requestHead(method, path, m_server->port(), m_token, headers));
    const HttpReply reply = connection.readReply(15000);
    QVERIFY(statusIs(reply, 413));
    QVERIFY(isErrorBody(reply, u"payload_too_large"_s));
    QVERIFY(connection.waitForClosed(10000)); // the unread body ends the connection
    QVERIFY(serverStillServes());
}

void TestLimitsApi::tenGigabyteAnnouncementDoesNotRaiseMemory_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("authenticated");
    QTest::addColumn<QList<int>>("statuses");
    QTest::newRow("asset upload") << "PUT"_ba
                                  << "/api/v1/assets/0123456789abcdef0123456789abcdef.wav"_ba
                                  << true << QList<int>{413};
    QTest::newRow("project save") << "PUT"_ba
                                  << "/api/v1/projects/PROJECT"_ba << true << QList<int>{413};
    QTest::newRow("anonymous sb3 import")
        << "POST"_ba
        << "/api/v1/projects/import?title=x"_ba << false << QList<int>{401};
}

void TestLimitsApi::tenGigabyteAnnouncementDoesNotRaiseMemory()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(bool, authenticated);
    QFETCH(QList<int>, statuses);
    path.replace("PROJECT", QByteArray::number(m_project));
    const qint64 pid = m_server->pid();
    const qint64 baselineKiB = residentSetKiB(pid);
    QVERIFY(baselineKiB > 0);

    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    const QByteArray headers = "Content-Type: application/octet-stream\r\nIf-Match: \"1\"\r\n"
                               "Content-Length: 10000000000\r\n"_ba;
    connection.write(requestHead(method, path, m_server->port(),
                                 authenticated ? m_token : QByteArray(), headers));

    // ~64 MiB in 1 MiB pieces, never more than 2 MiB queued here; stops when the server
    // closes. The server's resident size is sampled after every piece.
    const QByteArray piece(mib, 'z');
    qint64 peakKiB = baselineKiB;
    qint64 sent = 0;
    QElapsedTimer clock;
    clock.start();
    while (sent < 64 * mib && connection.isOpen() && clock.elapsed() < 60000) {
        connection.write(piece);
        sent += piece.size();
        const bool reading = connection.drain(2 * mib, 5000);
        peakKiB = std::max(peakKiB, residentSetKiB(pid));
        if (!reading)
            break; // the server stopped reading without closing: nothing more gets in
    }
    const HttpReply reply = connection.readReply(15000);
    peakKiB = std::max(peakKiB, residentSetKiB(pid));
    QVERIFY(statusIsOneOf(reply, statuses));
    const qint64 growthKiB = peakKiB - baselineKiB;
    QVERIFY2(
        growthKiB < 40 * 1024,
        qPrintable(u"VmRSS grew by %1 KiB (baseline %2 KiB) after sending %3 MiB"_s.arg(growthKiB)
                       .arg(baselineKiB)
                       .arg(sent / mib)));
    connection.close();
    QVERIFY(serverStillServes());
}

void TestLimitsApi::anonymousOversizedRequestIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("project POST, no credentials") << "POST"_ba
                                                  << "/api/v1/projects?title=x"_ba << QByteArray();
    QTest::newRow("project PUT, invalid token") << "PUT"_ba
                                                << "/api/v1/projects/PROJECT"_ba
                                                << "Bearer invalid-token"_ba;
    QTest::newRow("asset PUT, no credentials")
        << "PUT"_ba
        << "/api/v1/assets/0123456789abcdef0123456789abcdef.png"_ba << QByteArray();
    QTest::newRow("sb3 import, no credentials")
        << "POST"_ba
        << "/api/v1/projects/import?title=x"_ba << QByteArray();
    QTest::newRow("thumbnail, invalid token") << "PUT"_ba
                                              << "/api/v1/projects/PROJECT/thumbnail"_ba
                                              << "Bearer invalid-token"_ba;
}

void TestLimitsApi::anonymousOversizedRequestIsUnauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authorization);
    path.replace("PROJECT", QByteArray::number(m_project));
    QByteArray headers = "Content-Type: application/json\r\nIf-Match: \"1\"\r\n"
                         "Content-Length: 209715200\r\n"_ba;
    if (!authorization.isEmpty())
        headers += "Authorization: " + authorization + "\r\n";
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write(requestHead(method, path, m_server->port(), {}, headers));
    const HttpReply reply = connection.readReply(15000);
    QVERIFY(statusIs(reply, 401)); // authentication is checked before size
    QVERIFY(isErrorBody(reply, u"unauthorized"_s));
    QVERIFY(serverStillServes());
}

void TestLimitsApi::malformedInputIsRejectedWithoutCrash_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("statuses"); // 0: the server closed without answering
    const QList<int> rejected{400, 0};
    QByteArray binary;
    for (int i = 0; i < 4096; ++i)
        binary.append(char((i * 7919 + 13) % 256));
    QTest::newRow("empty lines") << "\r\n\r\n\r\n\r\n"_ba << QList<int>{400, 0};
    QTest::newRow("method only") << "GET\r\n\r\n"_ba << rejected;
    QTest::newRow("no version") << "GET /api/v1/status\r\n\r\n"_ba << QList<int>{400, 0};
    QTest::newRow("unknown version")
        << "GET /api/v1/status HTTP/9.9\r\n\r\n"_ba << QList<int>{400, 505, 0};
    QTest::newRow("not http") << "HELLO WORLD\r\n\r\n"_ba << rejected;
    QTest::newRow("smtp") << "EHLO example.org\r\nMAIL FROM:<a@b>\r\n\r\n"_ba << rejected;
    QTest::newRow("header without colon")
        << "GET /api/v1/status HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n"_ba << rejected;
    QTest::newRow("negative length")
        << "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"_ba << rejected;
    QTest::newRow("non-numeric length")
        << "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"_ba << rejected;
    QTest::newRow("length overflow")
        << "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"_ba
        << QList<int>{400, 413, 0};
    QTest::newRow("conflicting lengths")
        << "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}"_ba
        << rejected;
    QTest::newRow("length and chunked")
        << "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"_ba
        << QList<int>{400, 411, 0};
    static constexpr char withNul[] = "GET /api/v1/status HTTP/1.1\r\nHost: a\0b\r\n\r\n";
    QTest::newRow("nul in header") << QByteArray(withNul, sizeof(withNul) - 1) << rejected;
    QTest::newRow("control characters in path")
        << "GET /api/v1/\x01\x02\x7f HTTP/1.1\r\nHost: x\r\n\r\n"_ba << QList<int>{400, 404, 0};
    QTest::newRow("bad percent encoding")
        << "GET /api/v1/join/%zz%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n"_ba << QList<int>{400, 404, 0};
    QTest::newRow("absolute form to elsewhere")
        << "GET http://evil.example/api/v1/status HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        << QList<int>{200, 400, 404, 0};
    QTest::newRow("very long method") << QByteArray(8000, 'G') + " / HTTP/1.1\r\n\r\n"
                                      << QList<int>{400, 405, 501, 0};
    QTest::newRow("tls client hello")
        << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba + QByteArray(64, '\x42') + "\r\n\r\n"
        << rejected;
    QTest::newRow("binary noise") << binary + "\r\n\r\n" << rejected;
    QTest::newRow("garbage after a valid request")
        << "GET /api/v1/status HTTP/1.1\r\nHost: x\r\n\r\n\x00\xff\xfe garbage\r\n\r\n"_ba
        << QList<int>{200};
}

void TestLimitsApi::malformedInputIsRejectedWithoutCrash()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, statuses);
    const HttpReply reply = Client::sendRaw(m_server->port(), bytes, 15000);
    QVERIFY2(!reply.timedOut, "the server neither answered nor closed the connection");
    QVERIFY(statusIsOneOf(reply, statuses));
    if (reply.status >= 400)
        QVERIFY(reply.object().value(u"error"_s).isString());
    QVERIFY(serverStillServes());
}

void TestLimitsApi::idleConnectionsAreClosed()
{
    TestServer::Options options;
    options.extraArgs = QStringList{u"--idle-timeout-s"_s, u"2"_s};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());

    // Silent from the start, idle after a keep-alive request, and stalled mid-request.
    RawConnection silent(server.port());
    RawConnection afterRequest(server.port());
    RawConnection midRequest(server.port());
    QVERIFY(silent.open() && afterRequest.open() && midRequest.open());
    QElapsedTimer clock;
    clock.start();
    afterRequest.write(statusRequest(server.port()));
    QVERIFY(statusIs(afterRequest.readReply(5000), 200));
    midRequest.write("GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "_ba);

    QVERIFY(silent.waitForClosed(10000));
    QVERIFY2(clock.elapsed() >= 1000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(afterRequest.waitForClosed(10000));
    QVERIFY(midRequest.waitForClosed(10000));
    QVERIFY(clock.elapsed() < 10000);

    // An active connection is not idle.
    RawConnection active(server.port());
    QVERIFY(active.open());
    for (int i = 0; i < 3; ++i) {
        active.write(statusRequest(server.port()));
        QVERIFY(statusIs(active.readReply(5000), 200));
    }
    QVERIFY(active.isOpen());
    QVERIFY(server.stop());
}

void TestLimitsApi::connectionCapRefusesOnlyExtraConnections()
{
    // A long idle timeout so that nothing is closed for idleness while the test runs.
    TestServer::Options options;
    options.extraArgs = QStringList{u"--idle-timeout-s"_s, u"300"_s};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const quint16 port = server.port();
    QElapsedTimer clock;
    clock.start();

    // One by one, each proven accepted by a round trip, up to the cap.
    std::vector<std::unique_ptr<RawConnection>> connections;
    for (int i = 0; i < connectionCap; ++i) {
        auto connection = std::make_unique<RawConnection>(port);
        QVERIFY2(connection->open(5000), qPrintable(u"connection %1 not opened"_s.arg(i)));
        connection->write(statusRequest(port));
        const HttpReply reply = connection->readReply(10000);
        QVERIFY2(reply.status == 200,
                 qPrintable(u"connection %1 of the first %2: status %3"_s.arg(i)
                                .arg(connectionCap)
                                .arg(reply.status)));
        connections.push_back(std::move(connection));
        QVERIFY(clock.elapsed() < 120000);
    }

    // Eight more: each gets 503 with Retry-After or is closed; none hangs.
    for (int i = 0; i < 8; ++i) {
        RawConnection extra(port);
        if (!extra.open(5000))
            continue; // refused outright is fine too
        extra.write(statusRequest(port));
        const HttpReply reply = extra.readReply(10000);
        QVERIFY2(!reply.timedOut, "an extra connection hung");
        QVERIFY(statusIsOneOf(reply, {503, 0}));
        if (reply.status == 503) {
            QVERIFY(isErrorBody(reply, u"unavailable"_s));
            QVERIFY(!reply.header("retry-after"_ba).isEmpty());
            QVERIFY(extra.waitForClosed(10000));
        }
    }

    // The first 512 are still served.
    for (size_t i = 0; i < connections.size(); ++i) {
        connections[i]->write(statusRequest(port));
        const HttpReply reply = connections[i]->readReply(10000);
        QVERIFY2(reply.status == 200,
                 qPrintable(u"kept connection %1: status %2"_s.arg(i).arg(reply.status)));
    }

    // Closing some frees their places at once (within a bounded wait).
    for (size_t i = 0; i < 20; ++i)
        connections[i]->close();
    QTRY_VERIFY_WITH_TIMEOUT(statusIs(Client(port).get("/api/v1/status"_ba), 200), 10000);
    connections.clear();
    QList<HttpRequest> requests;
    for (int i = 0; i < 50; ++i)
        requests.append({"GET"_ba, "/api/v1/status"_ba, {}, {}, true});
    const auto allServed = [&] {
        const QList<HttpReply> replies = runConcurrently(port, requests, 20000);
        return std::all_of(replies.cbegin(), replies.cend(),
                           [](const HttpReply &reply) { return reply.status == 200; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allServed(), 30000);
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestLimitsApi)
#include "tst_limitsapi.moc"
