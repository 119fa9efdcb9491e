// SPDX-License-Identifier: AGPL-3.0-or-later
// Static files from the web root: the pages' pretty addresses, precompressed variants chosen by
// Accept-Encoding, validators and 304, immutable caching of content-hashed editor files, and
// that nothing outside the web root can be reached.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

const QByteArray chunkPath = "/chunks/fetch-worker.12a0667c4caaa6201bad.js";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestStaticApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void prettyAddresses_data();
    void prettyAddresses();
    void encodings_data();
    void encodings();
    void conditionalRequests();
    void changedFileIsServedFresh();
    void outsideTheWebRoot_data();
    void outsideTheWebRoot();

private:
    QTemporaryDir m_outside; // holds web/ and a secret next to it
    QString m_web;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<Client> m_client;
};

void TestStaticApi::initTestCase()
{
    QVERIFY(m_outside.isValid());
    m_web = m_outside.filePath(u"web"_s);
    for (const QString &page : {u"index"_s, u"join"_s, u"projects"_s, u"gallery"_s, u"teacher"_s,
                                u"about"_s, u"editor"_s})
        QVERIFY(writeFile(m_web + u'/' + page + u".html"_s, "page:" + page.toUtf8()));
    QVERIFY(writeFile(m_web + QString::fromLatin1(chunkPath), "identity bytes of the chunk"));
    QVERIFY(writeFile(m_web + QString::fromLatin1(chunkPath) + u".gz"_s, "gzip bytes"));
    QVERIFY(writeFile(m_web + QString::fromLatin1(chunkPath) + u".br"_s, "brotli bytes"));
    QVERIFY(writeFile(m_web + u"/scratch-gui-standalone.js"_s, "bundle"));
    QVERIFY(writeFile(m_web + u"/scratch-gui-standalone.js.gz"_s, "gzipped bundle"));
    QVERIFY(writeFile(m_outside.filePath(u"secret.txt"_s), "never served"));
    QVERIFY(QFile::link(m_outside.filePath(u"secret.txt"_s), m_web + u"/link.txt"_s));
    QVERIFY(QDir(m_web).mkpath(u"folder"_s));

    TestServer::Options options;
    options.extraArgs = {u"--web-root"_s, m_web};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_client = std::make_unique<Client>(m_server->port());
}

void TestStaticApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().constData());
}

void TestStaticApi::prettyAddresses_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("root") << QByteArray("/") << QByteArray("page:index");
    QTest::newRow("join") << QByteArray("/join") << QByteArray("page:join");
    QTest::newRow("join with code (QR link)")
        << QByteArray("/join/K7Q2-MX") << QByteArray("page:join");
    QTest::newRow("editor with query")
        << QByteArray("/editor?project=12") << QByteArray("page:editor");
    QTest::newRow("projects") << QByteArray("/projects") << QByteArray("page:projects");
    QTest::newRow("gallery") << QByteArray("/gallery") << QByteArray("page:gallery");
    QTest::newRow("teacher") << QByteArray("/teacher") << QByteArray("page:teacher");
    QTest::newRow("about") << QByteArray("/about") << QByteArray("page:about");
    QTest::newRow("file name") << QByteArray("/editor.html") << QByteArray("page:editor");
}

void TestStaticApi::prettyAddresses()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    const HttpReply reply = m_client->get(path);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, body);
    QCOMPARE(reply.header("content-type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(reply.header("cache-control"), QByteArray("no-cache"));
    QVERIFY(!reply.header("etag").isEmpty());
}

void TestStaticApi::encodings_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("acceptEncoding");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentEncoding");
    QTest::addColumn<QByteArray>("cacheControl");

    const QByteArray immutable = "public, max-age=31536000, immutable";
    QTest::newRow("chunk, br preferred")
        << chunkPath << QByteArray("gzip, deflate, br") << QByteArray("brotli bytes")
        << QByteArray("br") << immutable;
    QTest::newRow("chunk, gzip") << chunkPath << QByteArray("gzip") << QByteArray("gzip bytes")
                                 << QByteArray("gzip") << immutable;
    QTest::newRow("chunk, br refused")
        << chunkPath << QByteArray("br;q=0, gzip") << QByteArray("gzip bytes") << QByteArray("gzip")
        << immutable;
    QTest::newRow("chunk, identity")
        << chunkPath << QByteArray() << QByteArray("identity bytes of the chunk") << QByteArray()
        << immutable;
    QTest::newRow("bundle: no br variant, gzip chosen")
        << QByteArray("/scratch-gui-standalone.js") << QByteArray("br, gzip")
        << QByteArray("gzipped bundle") << QByteArray("gzip") << QByteArray("no-cache");
}

void TestStaticApi::encodings()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, acceptEncoding);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentEncoding);
    QFETCH(QByteArray, cacheControl);
    HeaderList headers;
    if (!acceptEncoding.isEmpty())
        headers.append({"Accept-Encoding", acceptEncoding});
    const HttpReply reply = m_client->get(path, headers);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, body);
    QCOMPARE(reply.header("content-encoding"), contentEncoding);
    QCOMPARE(reply.header("content-type"), QByteArray("text/javascript; charset=utf-8"));
    QCOMPARE(reply.header("cache-control"), cacheControl);
    QCOMPARE(reply.header("vary"), QByteArray("Accept-Encoding"));
}

void TestStaticApi::conditionalRequests()
{
    const HeaderList brotli{{"Accept-Encoding", "br"}};
    const HttpReply first = m_client->get(chunkPath, brotli);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("etag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"'));

    HeaderList revalidate = brotli;
    revalidate.append({"If-None-Match", "\"other\", " + etag});
    const HttpReply notModified = m_client->get(chunkPath, revalidate);
    QCOMPARE(notModified.status, 304);
    QVERIFY(notModified.body.isEmpty());
    QCOMPARE(notModified.header("etag"), etag);
    QCOMPARE(notModified.header("cache-control"), first.header("cache-control"));

    // Another representation has another validator: a gzip client must not get 304 for br.
    const HttpReply gzip =
        m_client->get(chunkPath, {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
    QCOMPARE(gzip.status, 200);
    QCOMPARE(gzip.body, QByteArray("gzip bytes"));
    QVERIFY(gzip.header("etag") != etag);
}

void TestStaticApi::changedFileIsServedFresh()
{
    const HttpReply before = m_client->get("/about");
    QCOMPARE(before.body, QByteArray("page:about"));
    // A different length and mtime: the in-memory copy must not be served any more.
    QVERIFY(writeFile(m_web + u"/about.html"_s, "page:about, second edition"));
    QFile file(m_web + u"/about.html"_s);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(5),
                             QFileDevice::FileModificationTime));
    file.close();
    const HttpReply after = m_client->get("/about", {{"If-None-Match", before.header("etag")}});
    QCOMPARE(after.status, 200);
    QCOMPARE(after.body, QByteArray("page:about, second edition"));
}

void TestStaticApi::outsideTheWebRoot_data()
{
    QTest::addColumn<QByteArray>("path");

    QTest::newRow("dot dot") << QByteArray("/../secret.txt");
    QTest::newRow("encoded dot dot") << QByteArray("/%2e%2e/secret.txt");
    QTest::newRow("join dot dot") << QByteArray("/join/../../secret.txt");
    QTest::newRow("symbolic link out") << QByteArray("/link.txt");
    QTest::newRow("folder") << QByteArray("/folder");
    QTest::newRow("folder slash") << QByteArray("/folder/");
    QTest::newRow("missing") << QByteArray("/nothing-here.js");
    QTest::newRow("backslash") << QByteArray("/..%5csecret.txt");
    QTest::newRow("nul") << QByteArray("/index.html%00.js");
    QTest::newRow("variant file name is not a path of its own")
        << QByteArray("/scratch-gui-standalone.js.gz/x");
}

void TestStaticApi::outsideTheWebRoot()
{
    QFETCH(QByteArray, path);
    const HttpReply reply = m_client->get(path);
    QVERIFY2(reply.status == 404 || reply.status == 400,
             QByteArray::number(reply.status).constData());
    QVERIFY(!reply.body.contains("never served"));
    QVERIFY(!reply.errorCode().isEmpty());
}

QTEST_GUILESS_MAIN(TestStaticApi)
#include "tst_staticapi.moc"
