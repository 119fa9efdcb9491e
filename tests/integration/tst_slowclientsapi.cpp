// SPDX-License-Identifier: AGPL-3.0-or-later
// Slow and abusive clients against the real server (API.md, Clarifications, "Slow and abusive
// clients"; issue #12): a slow reader gets every reply whole, a trickled head or body is closed
// after its deadline, one address cannot take every connection, replies nobody reads do not
// pile up, and the body of an upload that needs a login is not read before the login.
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr qint64 kib = 1024;
constexpr qint64 mib = 1024 * kib;
// The slow reader: 32 KiB every 20 ms (at most 1.6 MB/s) through a 16 KiB kernel window. A 9 MiB
// reply takes it about 6 s, well past the 2 s idle timeout the server runs with here, and is
// larger than what the kernel's send buffer (4 MiB at most on Linux) could deliver after a cut.
constexpr qint64 slowStep = 32 * kib;
constexpr qint64 bigReply = 9 * mib;
constexpr int slowStepMs = 20;
constexpr int slowReceiveBuffer = 16 * kib;
constexpr int idleTimeoutS = 2;
constexpr int requestTimeoutS = 2;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; i += 4) {
        const quint32 word = generator.generate();
        for (qint64 j = 0; j < 4 && i + j < size; ++j)
            bytes[i + j] = char((word >> (8 * j)) & 0xff);
    }
    return bytes;
}

QByteArray requestHead(const QByteArray &method, const QByteArray &path,
                       const QByteArray &extraHeaders = {})
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

QByteArray bearer(const QByteArray &token)
{
    return "Authorization: Bearer " + token + "\r\n";
}

// requests.total of /api/v1/health (loopback may read it); -1 when it cannot be read.
qint64 requestsTotal(quint16 port)
{
    Client client(port);
    const HttpReply reply = client.get("/api/v1/health"_ba);
    if (reply.status != 200)
        return -1;
    return static_cast<qint64>(
        reply.object().value(u"requests"_s).toObject().value(u"total"_s).toDouble());
}

} // namespace

class TestSlowClientsApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QByteArray m_token;
    QString m_bigAsset; // md5ext of a 9 MiB asset
    QByteArray m_bigAssetBytes;
    int m_bigProject = 0; // a 9 MiB project.json naming two 4.5 MiB assets
    qint64 m_bigProjectSize = 0;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void slowReaderGetsTheWholeReply_data();
    void slowReaderGetsTheWholeReply();
    void trickledHeadIsClosedAfterTheDeadline();
    void trickledBodyIsClosedForItsRate();
    void oneAddressCannotTakeEveryConnection();
    void unreadPipelinedRepliesDoNotPileUp();
    void uploadNeedingLoginIsRefusedBeforeItsBody_data();
    void uploadNeedingLoginIsRefusedBeforeItsBody();
    void uploadWithLoginIsReadAfterTheCheck();
    void bodiesBeingReadAreCappedServerWide();
    void largeStaticFileIsStreamedWhole();
    void exportTemporaryFilesAreRemoved();
};

void TestSlowClientsApi::initTestCase()
{
    TestServer::Options options;
    options.extraArgs = QStringList{u"--idle-timeout-s"_s, QString::number(idleTimeoutS),
                                    u"--request-timeout-s"_s, QString::number(requestTimeoutS)};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    const Classroom classroom =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 5a"_s, {u"Ben K."_s});
    QCOMPARE(classroom.students.size(), 1);
    m_token = classroom.students.first().token;

    Client client(m_server->port());
    client.setBearer(m_token);
    m_bigAssetBytes = randomBytes(bigReply + 123, 1);
    m_bigAsset = md5ext(m_bigAssetBytes, u"png"_s);
    QVERIFY(statusIsOneOf(
        client.put("/api/v1/assets/" + m_bigAsset.toUtf8(), m_bigAssetBytes, "image/png"_ba),
        {200, 201}));
    QStringList costumes;
    for (quint32 seed : {2u, 3u}) {
        const QByteArray bytes = randomBytes(bigReply / 2, seed);
        costumes.append(md5ext(bytes, u"png"_s));
        QVERIFY(statusIsOneOf(
            client.put("/api/v1/assets/" + costumes.last().toUtf8(), bytes, "image/png"_ba),
            {200, 201}));
    }
    const QByteArray project = scratchProject(costumes, int(bigReply), u"slow"_s);
    m_bigProjectSize = project.size();
    const HttpReply created = client.post("/api/v1/projects?title=Slow"_ba, project);
    QVERIFY(statusIs(created, 201));
    m_bigProject = created.object().value(u"id"_s).toInt();
}

void TestSlowClientsApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

void TestSlowClientsApi::slowReaderGetsTheWholeReply_data()
{
    QTest::addColumn<QByteArray>("path"); // PROJECT: the big project's id, ASSET: the big asset
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qint64>("minimumSize");
    for (const bool keepAlive : {true, false}) {
        const char *how = keepAlive ? "keep-alive" : "Connection: close";
        QTest::addRow("9 MiB asset, %s", how) << "/api/v1/assets/ASSET"_ba << keepAlive << bigReply;
        QTest::addRow("9 MiB project.json, %s", how)
            << "/api/v1/projects/PROJECT"_ba << keepAlive << bigReply;
        QTest::addRow("9 MiB .sb3, %s", how)
            << "/api/v1/projects/PROJECT/sb3"_ba << keepAlive << bigReply;
    }
}

void TestSlowClientsApi::slowReaderGetsTheWholeReply()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, keepAlive);
    QFETCH(qint64, minimumSize);
    const bool projectJson = path.endsWith("PROJECT");
    path.replace("PROJECT", QByteArray::number(m_bigProject));
    path.replace("ASSET", m_bigAsset.toUtf8());
    RawConnection connection(m_server->port());
    QVERIFY(connection.openFrom(QHostAddress::LocalHost, slowReceiveBuffer));
    connection.write(
        requestHead("GET"_ba, path, bearer(m_token) + (keepAlive ? "" : "Connection: close\r\n")));
    qint64 received = 0;
    const HttpReply reply = connection.readReplySlowly(slowStep, slowStepMs, 120000, &received);
    QVERIFY2(reply.status == 200,
             qPrintable(u"status %1 (%2) after %3 of at least %4 bytes"_s.arg(reply.status)
                            .arg(reply.transportError)
                            .arg(received)
                            .arg(minimumSize)));
    QVERIFY(reply.body.size() >= minimumSize);
    QCOMPARE(reply.body.size(), reply.header("content-length"_ba).toLongLong());
    if (path.contains("/assets/"))
        QCOMPARE(reply.body, m_bigAssetBytes);
    if (projectJson)
        QCOMPARE(reply.body.size(), m_bigProjectSize);
    if (keepAlive) {
        // The connection is still good for the next request.
        connection.write(requestHead("GET"_ba, "/api/v1/status"_ba));
        QVERIFY(statusIs(connection.readReply(10000), 200));
    } else {
        QVERIFY(connection.waitForClosed(10000));
    }
}

void TestSlowClientsApi::trickledHeadIsClosedAfterTheDeadline()
{
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write("GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n"_ba);
    // One header line every 500 ms (each one resets the idle timer): the whole head would take
    // 40 lines, 20 s; the server must give up after its 2 s head deadline.
    int sent = 0;
    for (; sent < 40 && connection.isOpen(); ++sent) {
        connection.write("X-Trickle-" + QByteArray::number(sent) + ": a\r\n");
        if (connection.waitForClosed(500))
            break;
    }
    QVERIFY2(sent < 40, "the trickled head was still being read after 40 lines");
    QVERIFY(connection.waitForClosed(10000));
    Client client(m_server->port());
    QVERIFY(statusIs(client.get("/api/v1/status"_ba), 200));
}

void TestSlowClientsApi::trickledBodyIsClosedForItsRate()
{
    const QByteArray bytes = randomBytes(100 * kib, 7);
    const QByteArray path = "/api/v1/assets/" + md5ext(bytes, u"wav"_s).toUtf8();
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write(requestHead("PUT"_ba, path,
                                 bearer(m_token) + "Content-Type: audio/wav\r\nContent-Length: "
                                     + QByteArray::number(bytes.size()) + "\r\n"));
    // 64 bytes every 250 ms, far below the minimum rate (4 KiB per 2 s window), for at most
    // 10 s (the idle timeout alone would never end it: every piece is progress).
    int pieces = 0;
    for (; pieces < 40 && connection.isOpen(); ++pieces) {
        connection.write(bytes.mid(pieces * 64, 64));
        if (connection.waitForClosed(250))
            break;
    }
    QVERIFY2(pieces < 40, "the trickled body was still being read after 10 s");
    const HttpReply reply = connection.readReply(10000);
    // The 408 is sent when the client still reads; closing alone is also fine.
    QVERIFY(statusIsOneOf(reply, {408, 0}));
    if (reply.status == 408)
        QVERIFY(isErrorBody(reply, u"request_timeout"_s));
    Client client(m_server->port());
    client.setBearer(m_token);
    QVERIFY(statusIs(client.get(path), 404)); // nothing half-written stayed behind
}

void TestSlowClientsApi::oneAddressCannotTakeEveryConnection()
{
    // The default cap of 64, named explicitly (TestServer lifts it for other suites), and a long
    // idle timeout so that no held connection is closed for idleness meanwhile.
    TestServer::Options options;
    options.extraArgs =
        QStringList{u"--idle-timeout-s"_s, u"300"_s, u"--max-connections-per-address"_s, u"64"_s};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const quint16 port = server.port();
    const QHostAddress other(u"127.0.0.2"_s);
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 64; ++i) {
        auto connection = std::make_unique<RawConnection>(port);
        QVERIFY2(connection->openFrom(other), qPrintable(u"connection %1 not opened"_s.arg(i)));
        connection->write(requestHead("GET"_ba, "/api/v1/status"_ba));
        const HttpReply reply = connection->readReply(10000);
        QVERIFY2(reply.status == 200,
                 qPrintable(u"connection %1: %2"_s.arg(i).arg(describe(reply))));
        held.push_back(std::move(connection));
    }
    // The 65th from that address is refused with the JSON 503 and closed.
    RawConnection extra(port);
    QVERIFY(extra.openFrom(other));
    extra.write(requestHead("GET"_ba, "/api/v1/status"_ba));
    const HttpReply refused = extra.readReply(10000);
    QVERIFY(statusIs(refused, 503));
    QVERIFY(isErrorBody(refused, u"unavailable"_s));
    QVERIFY(!refused.header("retry-after"_ba).isEmpty());
    QVERIFY(extra.waitForClosed(10000));

    // Every other address is served as before.
    Client client(port);
    QVERIFY(statusIs(client.get("/api/v1/status"_ba), 200));

    // A place freed by that address is available to it again.
    held.front()->close();
    held.erase(held.begin());
    // Refused attempts do not count; one is admitted once the server has seen the close.
    bool admitted = false;
    for (int attempt = 0; attempt < 100 && !admitted; ++attempt) {
        auto again = std::make_unique<RawConnection>(port);
        QVERIFY(again->openFrom(other));
        again->write(requestHead("GET"_ba, "/api/v1/status"_ba));
        const HttpReply reply = again->readReply(5000);
        QVERIFY(statusIsOneOf(reply, {200, 503}));
        admitted = reply.status == 200;
        if (admitted)
            held.push_back(std::move(again));
        else
            QTest::qWait(100); // the server has not processed the close yet
    }
    QVERIFY(admitted);
    // The held ones stay served (they are not idle long enough to be closed in this test).
    for (size_t i = 0; i < held.size(); i += 16) {
        held[i]->write(requestHead("GET"_ba, "/api/v1/status"_ba));
        QVERIFY(statusIs(held[i]->readReply(10000), 200));
    }
    held.clear();
    QVERIFY(server.stop());
}

void TestSlowClientsApi::unreadPipelinedRepliesDoNotPileUp()
{
    // A separate server with a long idle timeout, so the connection that never reads stays
    // open while its requests are counted.
    TestServer::Options options;
    options.extraArgs = QStringList{u"--idle-timeout-s"_s, u"120"_s};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 5b"_s, {u"Cem L."_s});
    QCOMPARE(classroom.students.size(), 1);
    const QByteArray token = classroom.students.first().token;
    const QByteArray asset = randomBytes(mib, 11);
    const QByteArray path = "/api/v1/assets/" + md5ext(asset, u"png"_s).toUtf8();
    Client uploader(server.port());
    uploader.setBearer(token);
    QVERIFY(statusIs(uploader.put(path, asset, "image/png"_ba), 201));

    constexpr int pipelined = 100;
    const qint64 before = requestsTotal(server.port());
    QVERIFY(before > 0);
    const qint64 rssBeforeKiB = residentSetKiB(server.pid());
    RawConnection connection(server.port());
    QVERIFY(connection.openFrom(QHostAddress::LocalHost, slowReceiveBuffer));
    connection.setReadBufferSize(slowStep); // this client reads nothing for now
    QByteArray requests;
    for (int i = 0; i < pipelined; ++i)
        requests += requestHead("GET"_ba, path, bearer(token));
    connection.write(requests);

    // Wait until the server stops answering them: the count of answered requests (minus this
    // test's own health requests) is the same twice in a row, 1 s apart.
    qint64 answered = -1;
    for (int round = 0, polls = 0; round < 30; ++round) {
        QTest::qWait(1000);
        const qint64 total = requestsTotal(server.port());
        QVERIFY(total >= 0);
        ++polls;
        const qint64 now = total - before - polls; // each poll answers one health request
        if (now == answered)
            break;
        answered = now;
    }
    // A figure, not an assertion (RSS depends on the allocator): the release measured +65 MiB.
    qInfo("%lld of %d pipelined 1 MiB replies were produced before the client read any; "
          "server VmRSS grew by %lld KiB",
          answered, pipelined, residentSetKiB(server.pid()) - rssBeforeKiB);
    // 2 MiB of unsent replies per connection, plus what the kernel buffers hold on loopback.
    QVERIFY2(answered >= 1 && answered <= 12,
             qPrintable(u"%1 of %2 pipelined 1 MiB replies were produced for a client that "
                        "reads nothing"_s.arg(answered)
                            .arg(pipelined)));

    // Once the client reads, every reply arrives, in order and whole.
    connection.setReadBufferSize(0);
    for (int i = 0; i < pipelined; ++i) {
        const HttpReply reply = connection.readReply(30000);
        QVERIFY2(reply.status == 200, qPrintable(u"reply %1: %2"_s.arg(i).arg(describe(reply))));
        QCOMPARE(reply.body.size(), asset.size());
    }
    QVERIFY(server.stop());
}

void TestSlowClientsApi::uploadNeedingLoginIsRefusedBeforeItsBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    const QByteArray asset = "/api/v1/assets/0123456789abcdef0123456789abcdef.wav"_ba;
    // Sizes under each route's limit: only the login can refuse them before the body.
    QTest::newRow("asset, no credentials") << "PUT"_ba << asset << QByteArray() << 401;
    QTest::newRow("asset, unknown token")
        << "PUT"_ba << asset << "Authorization: Bearer not-a-token\r\n"_ba << 401;
    QTest::newRow("asset, unknown cookie")
        << "POST"_ba << asset << "Cookie: bh_session=not-a-token\r\n"_ba << 401;
    QTest::newRow("project, no credentials")
        << "POST"_ba
        << "/api/v1/projects?title=x"_ba << QByteArray() << 401;
    QTest::newRow("sb3 import, no credentials")
        << "POST"_ba
        << "/api/v1/projects/import?title=x"_ba << QByteArray() << 401;
}

void TestSlowClientsApi::uploadNeedingLoginIsRefusedBeforeItsBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    // The head only, announcing 9 MiB (under every limit): the answer comes before a body byte.
    connection.write(requestHead(method, path,
                                 credentials
                                     + "Content-Type: application/octet-stream\r\n"
                                       "Content-Length: 9437184\r\n"));
    const HttpReply reply = connection.readReply(10000);
    QVERIFY(statusIs(reply, status));
    QVERIFY(isErrorBody(reply, u"unauthorized"_s));
    QCOMPARE(reply.header("connection"_ba).toLower(), "close"_ba); // the body stays unread
    QVERIFY(connection.waitForClosed(10000));
}

void TestSlowClientsApi::uploadWithLoginIsReadAfterTheCheck()
{
    // With a valid login the body is read as before, Expect: 100-continue included.
    const QByteArray bytes = randomBytes(300 * kib, 9);
    const QByteArray path = "/api/v1/assets/" + md5ext(bytes, u"wav"_s).toUtf8();
    RawConnection connection(m_server->port());
    QVERIFY(connection.open());
    connection.write(requestHead("PUT"_ba, path,
                                 bearer(m_token) + "Expect: 100-continue\r\nContent-Length: "
                                     + QByteArray::number(bytes.size()) + "\r\n"));
    connection.write(bytes);
    QVERIFY(statusIs(connection.readReply(15000), 201));
    Client client(m_server->port());
    client.setBearer(m_token);
    const HttpReply stored = client.get(path);
    QVERIFY(statusIs(stored, 200));
    QCOMPARE(stored.body, bytes);
}

void TestSlowClientsApi::bodiesBeingReadAreCappedServerWide()
{
    // Five .sb3 imports of 50 MiB each being read hold 250 MiB of the 256 MiB budget; a sixth
    // gets the JSON 503 before its body. A long request timeout keeps the five waiting.
    TestServer::Options options;
    options.extraArgs = QStringList{u"--request-timeout-s"_s, u"120"_s};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 5c"_s, {u"Dana M."_s});
    QCOMPARE(classroom.students.size(), 1);
    const QByteArray head =
        requestHead("POST"_ba, "/api/v1/projects/import?title=big"_ba,
                    bearer(classroom.students.first().token)
                        + "Content-Type: application/x.scratch.sb3\r\nExpect: 100-continue\r\n"
                          "Content-Length: "
                        + QByteArray::number(50 * mib) + "\r\n");
    std::vector<std::unique_ptr<RawConnection>> uploads;
    for (int i = 0; i < 5; ++i) {
        auto upload = std::make_unique<RawConnection>(server.port());
        QVERIFY(upload->open());
        upload->write(head);
        // "100 Continue" is sent once the login passed and the body has its share.
        QVERIFY2(upload->waitForBytes("HTTP/1.1 100 Continue"_ba, 10000),
                 qPrintable(u"upload %1 was not invited to send its body"_s.arg(i)));
        uploads.push_back(std::move(upload));
    }
    RawConnection sixth(server.port());
    QVERIFY(sixth.open());
    sixth.write(head);
    const HttpReply refused = sixth.readReply(10000);
    QVERIFY(statusIs(refused, 503));
    QVERIFY(isErrorBody(refused, u"unavailable"_s));
    QVERIFY(!refused.header("retry-after"_ba).isEmpty());

    // A closed upload gives its share back.
    uploads.front()->close();
    bool invited = false;
    for (int attempt = 0; attempt < 100 && !invited; ++attempt) {
        RawConnection again(server.port());
        QVERIFY(again.open());
        again.write(head);
        invited = again.waitForBytes("HTTP/1.1 100 Continue"_ba, 5000);
        if (!invited)
            QTest::qWait(100); // the server has not processed the close yet
    }
    QVERIFY(invited);
    uploads.clear();
    QVERIFY(server.stop());
}

void TestSlowClientsApi::largeStaticFileIsStreamedWhole()
{
    // Over the static cache's 24 MiB per file: sent from disk in chunks, byte for byte.
    QTemporaryDir webRoot;
    QVERIFY(webRoot.isValid());
    const QByteArray bytes = randomBytes(25 * mib + 17, 21);
    QFile file(webRoot.filePath(u"big.wav"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    TestServer::Options options;
    options.extraArgs = QStringList{u"--web-root"_s, webRoot.path()};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    for (int round = 0; round < 2; ++round) { // twice: a streamed file is never cached
        const HttpReply reply = client.get("/big.wav"_ba);
        QVERIFY(statusIs(reply, 200));
        QCOMPARE(reply.header("content-type"_ba), "audio/wav"_ba);
        QCOMPARE(reply.body.size(), bytes.size());
        QVERIFY(reply.body == bytes);
    }
    RawConnection head(server.port());
    QVERIFY(head.open());
    head.write(requestHead("HEAD"_ba, "/big.wav"_ba));
    const HttpReply headReply = head.readReply(10000, true);
    QVERIFY(statusIs(headReply, 200));
    QCOMPARE(headReply.header("content-length"_ba).toLongLong(), bytes.size());
    // The connection stays in step after a HEAD of a streamed file.
    head.write(requestHead("GET"_ba, "/api/v1/status"_ba));
    QVERIFY(statusIs(head.readReply(10000), 200));
    QVERIFY(server.stop());
}

void TestSlowClientsApi::exportTemporaryFilesAreRemoved()
{
    // An .sb3 export is written to a temporary file and streamed from there; it is removed when
    // the reply is done, whether the client took it all or went away halfway.
    QTemporaryDir temporary;
    QVERIFY(temporary.isValid());
    TestServer::Options options;
    options.extraEnv.insert(u"TMPDIR"_s, temporary.path());
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 5d"_s, {u"Eli N."_s});
    QCOMPARE(classroom.students.size(), 1);
    const QByteArray token = classroom.students.first().token;
    Client client(server.port());
    client.setBearer(token);
    const QByteArray asset = randomBytes(8 * mib, 31);
    const QString name = md5ext(asset, u"png"_s);
    QVERIFY(statusIs(client.put("/api/v1/assets/" + name.toUtf8(), asset, "image/png"_ba), 201));
    const HttpReply created =
        client.post("/api/v1/projects?title=Export"_ba, scratchProject({name}));
    QVERIFY(statusIs(created, 201));
    const QByteArray path =
        "/api/v1/projects/" + QByteArray::number(created.object().value(u"id"_s).toInt()) + "/sb3";
    const auto exportFiles = [&temporary] {
        return QDir(temporary.path())
            .entryList({u"blockhaus-export-*"_s}, QDir::Files | QDir::Hidden);
    };

    const HttpReply whole = client.get(path);
    QVERIFY(statusIs(whole, 200));
    QVERIFY(whole.body.size() > 8 * mib);
    QTRY_VERIFY_WITH_TIMEOUT(exportFiles().isEmpty(), 10000);

    RawConnection halfway(server.port());
    QVERIFY(halfway.openFrom(QHostAddress::LocalHost, slowReceiveBuffer));
    halfway.setReadBufferSize(slowStep);
    halfway.write(requestHead("GET"_ba, path, bearer(token)));
    QVERIFY(halfway.waitForBytes("HTTP/1.1 200"_ba, 10000));
    QCOMPARE(exportFiles().size(), 1); // being streamed
    halfway.close();
    QTRY_VERIFY_WITH_TIMEOUT(exportFiles().isEmpty(), 10000);
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestSlowClientsApi)
#include "tst_slowclientsapi.moc"
