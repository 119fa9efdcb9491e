// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for the Scratch library cache: /library/{md5ext}, the fallback of
// GET /api/v1/assets/{md5ext}, and the teacher's /api/v1/library status and fill. The upstream
// CDN is a fake on 127.0.0.1; nothing here reaches the internet. Only names in the editor's
// catalogue are downloaded (issue #12): tests that need a new name add it to the catalogue first.

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/fakeupstream.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr int upstreamTimeoutMs = 1000; // of the servers whose upstream is unreachable

QByteArray assetBytes(const QString &format, const QByteArray &seed)
{
    if (format == u"png")
        return "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"_ba + seed;
    if (format == u"wav")
        return "RIFF\x24\x00\x00\x00WAVEfmt "_ba + seed;
    if (format == u"mp3")
        return "ID3\x03\x00\x00\x00\x00\x00\x00"_ba + seed;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba + seed + " --></svg>"_ba;
}

QByteArray contentTypeFor(const QString &format)
{
    if (format == u"png")
        return "image/png"_ba;
    if (format == u"wav")
        return "audio/wav"_ba;
    if (format == u"mp3")
        return "audio/mpeg"_ba;
    return "image/svg+xml"_ba;
}

QByteArray libraryPath(const QString &name)
{
    return "/library/"_ba + name.toUtf8();
}

QByteArray assetPath(const QString &name)
{
    return "/api/v1/assets/"_ba + name.toUtf8();
}

// Every file under <dataDir>/library, relative to it.
QStringList libraryFiles(const QString &dataDir)
{
    QStringList files;
    const QDir root(dataDir + u"/library"_s);
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    return files;
}

// Only finished files named <first two hex digits>/<md5ext>: no temporary or partial files.
QString checkOnlyCompleteFiles(const QString &dataDir)
{
    static const QRegularExpression valid(u"^([0-9a-f]{2})/\\1[0-9a-f]{30}\\.[a-z0-9]+$"_s);
    const QStringList files = libraryFiles(dataDir);
    for (const QString &file : files) {
        if (!valid.match(file).hasMatch())
            return u"unexpected file in the library folder: "_s + file;
    }
    return {};
}

QString cachedPath(const QString &dataDir, const QString &name)
{
    return dataDir + u"/library/"_s + name.left(2) + u'/' + name;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray entries(const QStringList &names)
{
    QJsonArray array;
    for (const QString &name : names)
        array.append(QJsonObject{{u"name"_s, name.left(6)}, {u"md5ext"_s, name}});
    return QJsonDocument(array).toJson();
}

} // namespace

class TestLibraryApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void missIsDownloadedOnceThenServedFromDisk_data();
    void missIsDownloadedOnceThenServedFromDisk();
    void concurrentMissesShareOneDownload();
    void wrongBytesAreNeitherStoredNorServed();
    void upstreamNotFoundIsNotFound();
    void unreachableUpstreamAnswersWithinTimeout_data();
    void unreachableUpstreamAnswersWithinTimeout();
    void offlineModeAnswersNotFoundWithoutNetwork();
    void assetsGetFallsBackToLibrary();
    void ifNoneMatchAnswersNotModified_data();
    void ifNoneMatchAnswersNotModified();
    void sessionIsRequired_data();
    void sessionIsRequired();
    void invalidNameIsRejected_data();
    void invalidNameIsRejected();
    void statusAndFillAreForTeachers();
    void fillDownloadsTheCatalogueOnce();
    void nameOutsideTheCatalogueIsNotFoundWithoutUpstream_data();
    void nameOutsideTheCatalogueIsNotFoundWithoutUpstream();
    void availableListsWhatCannotBeServedOffline();
    void availableListsNothingMissingWhenUpstreamAnswers();

private:
    // Adds names to the web root's catalogue (backdrops.json, which initTestCase leaves out), so
    // the server may download them; an empty list takes every added name out again.
    void allowInCatalogue(const QStringList &names);
    QByteArray uniqueSeed();
    HttpReply get(const QByteArray &path, const HeaderList &headers = {});
    QJsonObject libraryStatus();

    FakeUpstream m_upstream;
    QTemporaryDir m_webRoot;
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    QStringList m_catalogue; // distinct names in the web root's catalogue files
    QString m_catalogueMissing; // in the catalogue, unknown to the upstream
    QStringList m_allowed; // names added by allowInCatalogue()
    int m_seed = 0;
};

QByteArray TestLibraryApi::uniqueSeed()
{
    return "library-test-"_ba + QByteArray::number(++m_seed) + "-"_ba
        + QByteArray(QTest::currentDataTag() ? QTest::currentDataTag() : "");
}

HttpReply TestLibraryApi::get(const QByteArray &path, const HeaderList &headers)
{
    Client client(m_server->port());
    client.setBearer(m_classroom.students.at(0).token);
    return client.get(path, headers);
}

void TestLibraryApi::allowInCatalogue(const QStringList &names)
{
    const QString path = m_webRoot.path() + u"/libraries/backdrops.json"_s;
    if (names.isEmpty()) {
        m_allowed.clear();
        QVERIFY(!QFile::exists(path) || QFile::remove(path));
        return;
    }
    m_allowed += names;
    QVERIFY(writeFile(path, entries(m_allowed)));
}

QJsonObject TestLibraryApi::libraryStatus()
{
    Client client(m_server->port());
    client.setBearer(m_classroom.adminToken);
    return client.get("/api/v1/library"_ba).object();
}

void TestLibraryApi::initTestCase()
{
    QVERIFY(m_upstream.listen());
    QVERIFY(m_webRoot.isValid());

    // The editor's catalogue: costumes, a sprite naming a costume twice and a sound, sounds; no
    // backdrops.json (tolerated). One costume is unknown to the upstream.
    QStringList costumes, sounds;
    for (int i = 0; i < 3; ++i) {
        const QByteArray bytes =
            assetBytes(u"svg"_s, "catalogue-costume-"_ba + QByteArray::number(i));
        costumes << md5ext(bytes, u"svg"_s);
        m_upstream.serve(costumes.last(), bytes);
    }
    const QByteArray png = assetBytes(u"png"_s, "catalogue-sprite-costume"_ba);
    const QString spriteCostume = md5ext(png, u"png"_s);
    m_upstream.serve(spriteCostume, png);
    for (int i = 0; i < 2; ++i) {
        const QByteArray bytes =
            assetBytes(u"wav"_s, "catalogue-sound-"_ba + QByteArray::number(i));
        sounds << md5ext(bytes, u"wav"_s);
        m_upstream.serve(sounds.last(), bytes);
    }
    m_catalogueMissing = md5ext("catalogue-missing"_ba, u"svg"_s);
    const QJsonArray sprites{
        QJsonObject{{u"name"_s, u"Sprite"_s},
                    {u"costumes"_s,
                     QJsonArray{QJsonObject{{u"md5ext"_s, costumes.first()}},
                                QJsonObject{{u"md5ext"_s, spriteCostume}}}},
                    {u"sounds"_s, QJsonArray{QJsonObject{{u"md5ext"_s, sounds.first()}}}}}};
    QVERIFY(QDir(m_webRoot.path()).mkpath(u"libraries"_s));
    const QString libraries = m_webRoot.path() + u"/libraries/"_s;
    QVERIFY(writeFile(libraries + u"costumes.json"_s,
                      entries(costumes + QStringList{m_catalogueMissing})));
    QVERIFY(writeFile(libraries + u"sprites.json"_s, QJsonDocument(sprites).toJson()));
    QVERIFY(writeFile(libraries + u"sounds.json"_s, entries(sounds)));
    m_catalogue = costumes + QStringList{m_catalogueMissing, spriteCostume} + sounds;

    TestServer::Options options;
    options.extraArgs = QStringList{u"--library-upstream"_s,   m_upstream.urlTemplate(),
                                    u"--library-timeout-ms"_s, u"10000"_s,
                                    u"--web-root"_s,           m_webRoot.path()};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Library class"_s,
                                {u"Ada L."_s, u"Bo K."_s});
    QCOMPARE(m_classroom.students.size(), 2);
}

void TestLibraryApi::cleanupTestCase()
{
    if (m_server) {
        QVERIFY(m_server->stop());
        const QString stray = checkOnlyCompleteFiles(m_server->dataDir());
        QVERIFY2(stray.isEmpty(), qPrintable(stray));
    }
}

void TestLibraryApi::missIsDownloadedOnceThenServedFromDisk_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &format : {u"svg"_s, u"png"_s, u"wav"_s, u"mp3"_s})
        QTest::newRow(qPrintable(format)) << format;
}

void TestLibraryApi::missIsDownloadedOnceThenServedFromDisk()
{
    QFETCH(QString, format);
    const QByteArray bytes = assetBytes(format, uniqueSeed());
    const QString name = md5ext(bytes, format);
    m_upstream.serve(name, bytes);
    allowInCatalogue({name});

    for (int attempt = 0; attempt < 3; ++attempt) {
        const HttpReply reply = get(libraryPath(name));
        QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
        QCOMPARE(reply.body, bytes);
        QCOMPARE(reply.header("content-type"_ba).split(';').first(), contentTypeFor(format));
        QCOMPARE(reply.header("etag"_ba), "\""_ba + md5Hex(bytes) + "\""_ba);
        QCOMPARE(reply.header("cache-control"_ba), "public, max-age=31536000, immutable"_ba);
        // Downloaded by the first request only; then from disk.
        QCOMPARE(m_upstream.requestCount(name), 1);
        QVERIFY(QFile::exists(cachedPath(m_server->dataDir(), name)));
    }
}

void TestLibraryApi::concurrentMissesShareOneDownload()
{
    const QByteArray bytes = assetBytes(u"png"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"png"_s);
    m_upstream.serve(name, bytes);
    allowInCatalogue({name});
    // Slow enough that all requests arrive while the one download is under way.
    m_upstream.setDelayMs(500);
    const auto resetDelay = qScopeGuard([this] { m_upstream.setDelayMs(0); });

    HttpRequest request;
    request.path = libraryPath(name);
    request.headers = bearerHeader(m_classroom.students.at(1).token);
    const QList<HttpReply> replies =
        runConcurrently(m_server->port(), QList<HttpRequest>(30, request));
    QCOMPARE(replies.size(), 30);
    for (const HttpReply &reply : replies) {
        QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
        QCOMPARE(reply.body, bytes);
    }
    QCOMPARE(m_upstream.requestCount(name), 1);
}

void TestLibraryApi::wrongBytesAreNeitherStoredNorServed()
{
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QByteArray wrong = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"svg"_s);
    m_upstream.serve(name, wrong);
    allowInCatalogue({name});

    for (int attempt = 1; attempt <= 2; ++attempt) {
        const HttpReply reply = get(libraryPath(name));
        const QString error = checkError(reply, 503, u"unavailable"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reply.header("retry-after"_ba).isEmpty());
        QVERIFY(!reply.body.contains(wrong));
        QVERIFY(!QFile::exists(cachedPath(m_server->dataDir(), name)));
        // Not remembered as good: each request asks again.
        QCOMPARE(m_upstream.requestCount(name), attempt);
    }
    const QString error = checkError(get(assetPath(name)), 503, u"unavailable"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString stray = checkOnlyCompleteFiles(m_server->dataDir());
    QVERIFY2(stray.isEmpty(), qPrintable(stray));
}

void TestLibraryApi::upstreamNotFoundIsNotFound()
{
    const QString name = md5ext(uniqueSeed(), u"wav"_s);
    allowInCatalogue({name});
    for (const QByteArray &path : {libraryPath(name), assetPath(name)}) {
        const QString error = checkError(get(path), 404, u"not_found"_s);
        QVERIFY2(error.isEmpty(), qPrintable(QString::fromLatin1(path) + u": "_s + error));
    }
    QCOMPARE(m_upstream.requestCount(name), 2);
    QVERIFY(!QFile::exists(cachedPath(m_server->dataDir(), name)));
    const QString stray = checkOnlyCompleteFiles(m_server->dataDir());
    QVERIFY2(stray.isEmpty(), qPrintable(stray));
}

void TestLibraryApi::unreachableUpstreamAnswersWithinTimeout_data()
{
    QTest::addColumn<bool>("stalled");
    QTest::newRow("connection refused") << false;
    QTest::newRow("no answer") << true;
}

void TestLibraryApi::unreachableUpstreamAnswersWithinTimeout()
{
    QFETCH(bool, stalled);
    FakeUpstream stalling;
    QString url = u"http://127.0.0.1:%1/{md5ext}"_s.arg(FakeUpstream::closedPort());
    if (stalled) {
        QVERIFY(stalling.listen());
        stalling.setStalled(true);
        url = stalling.urlTemplate();
    }
    // Both names are in this server's catalogue, so both misses go to the upstream.
    const QString name = md5ext(uniqueSeed(), u"svg"_s);
    const QString second = md5ext(uniqueSeed(), u"png"_s);
    QTemporaryDir webRoot;
    QVERIFY(webRoot.isValid() && QDir(webRoot.path()).mkpath(u"libraries"_s));
    QVERIFY(writeFile(webRoot.path() + u"/libraries/costumes.json"_s, entries({name, second})));
    TestServer::Options options;
    options.extraArgs = QStringList{u"--library-upstream"_s,   url,
                                    u"--library-timeout-ms"_s, QString::number(upstreamTimeoutMs),
                                    u"--web-root"_s,           webRoot.path()};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(u"admin"_s, server.adminPassword()).status, 201);

    QElapsedTimer elapsed;
    elapsed.start();
    HttpReply reply = client.get(libraryPath(name));
    QString error = checkError(reply, 503, u"unavailable"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!reply.header("retry-after"_ba).isEmpty());
    QVERIFY2(elapsed.elapsed() < upstreamTimeoutMs + 4000,
             qPrintable(QString::number(elapsed.elapsed())));
    if (stalled) {
        // Answered by the deadline, not by an error of the connection.
        QVERIFY2(elapsed.elapsed() >= upstreamTimeoutMs - 100,
                 qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(stalling.requestCount(name), 1);
    }

    // The next misses do not wait for the same unreachable host again: they answer at once.
    elapsed.restart();
    for (const QByteArray &path : {libraryPath(second), assetPath(name)}) {
        reply = client.get(path);
        error = checkError(reply, 503, u"unavailable"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reply.header("retry-after"_ba).isEmpty());
    }
    QVERIFY2(elapsed.elapsed() < upstreamTimeoutMs, qPrintable(QString::number(elapsed.elapsed())));
    if (stalled)
        QCOMPARE(stalling.requestCount(), 1);
    QVERIFY(server.stop());
    QVERIFY(libraryFiles(server.dataDir()).isEmpty());
}

void TestLibraryApi::offlineModeAnswersNotFoundWithoutNetwork()
{
    // TestServer passes --library-upstream none unless told otherwise.
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(u"admin"_s, server.adminPassword()).status, 201);
    const int before = m_upstream.requestCount();

    const QString name = md5ext(uniqueSeed(), u"svg"_s);
    for (const QByteArray &path : {libraryPath(name), assetPath(name)}) {
        const QString error = checkError(client.get(path), 404, u"not_found"_s);
        QVERIFY2(error.isEmpty(), qPrintable(QString::fromLatin1(path) + u": "_s + error));
    }
    const QJsonObject status = client.get("/api/v1/library"_ba).object();
    QCOMPARE(status.value("upstream"_L1), QJsonValue(false));
    QCOMPARE(m_upstream.requestCount(), before);
    QVERIFY(server.stop());
    QVERIFY(libraryFiles(server.dataDir()).isEmpty());
}

void TestLibraryApi::assetsGetFallsBackToLibrary()
{
    const QByteArray bytes = assetBytes(u"wav"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"wav"_s);
    m_upstream.serve(name, bytes);
    allowInCatalogue({name});

    HttpReply reply = get(assetPath(name));
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    QCOMPARE(reply.body, bytes);
    QCOMPARE(reply.header("content-type"_ba).split(';').first(), "audio/wav"_ba);
    QCOMPARE(reply.header("etag"_ba), "\""_ba + md5Hex(bytes) + "\""_ba);
    QCOMPARE(reply.header("cache-control"_ba), "private, max-age=31536000, immutable"_ba);
    QCOMPARE(m_upstream.requestCount(name), 1);
    // Served from the library, never written to the assets table (G6 stays the upload's).
    QCOMPARE(sqlValue(m_server->databasePath(),
                      u"SELECT COUNT(*) FROM assets WHERE md5 = '%1'"_s.arg(name.left(32)))
                 .toInt(),
             0);
    // Also under /library, from the same cached file.
    reply = get(libraryPath(name));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, bytes);
    QCOMPARE(m_upstream.requestCount(name), 1);

    // An uploaded asset is answered from the database; the upstream is not asked.
    const QByteArray uploaded = assetBytes(u"svg"_s, uniqueSeed());
    const QString uploadedName = md5ext(uploaded, u"svg"_s);
    Client client(m_server->port());
    client.setBearer(m_classroom.students.at(0).token);
    QCOMPARE(client.put(assetPath(uploadedName), uploaded, "image/svg+xml"_ba).status, 201);
    reply = get(assetPath(uploadedName));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, uploaded);
    QCOMPARE(m_upstream.requestCount(uploadedName), 0);
}

void TestLibraryApi::ifNoneMatchAnswersNotModified_data()
{
    QTest::addColumn<bool>("library");
    QTest::newRow("/library") << true;
    QTest::newRow("/api/v1/assets fallback") << false;
}

void TestLibraryApi::ifNoneMatchAnswersNotModified()
{
    QFETCH(bool, library);
    const QByteArray bytes = assetBytes(u"png"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"png"_s);
    m_upstream.serve(name, bytes);
    allowInCatalogue({name});
    const QByteArray path = library ? libraryPath(name) : assetPath(name);
    const QByteArray etag = "\""_ba + md5Hex(bytes) + "\""_ba;

    HttpReply reply = get(path, {{"If-None-Match"_ba, etag}});
    QCOMPARE(reply.status, 304);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(reply.header("etag"_ba), etag);
    reply = get(path, {{"If-None-Match"_ba, "\"00000000000000000000000000000000\""_ba}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, bytes);
    QCOMPARE(m_upstream.requestCount(name), 1);
}

void TestLibraryApi::sessionIsRequired_data()
{
    QTest::addColumn<bool>("library");
    QTest::newRow("/library") << true;
    QTest::newRow("/api/v1/assets fallback") << false;
}

void TestLibraryApi::sessionIsRequired()
{
    QFETCH(bool, library);
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"svg"_s);
    m_upstream.serve(name, bytes);
    allowInCatalogue({name});
    const QByteArray path = library ? libraryPath(name) : assetPath(name);

    Client anonymous(m_server->port());
    const QString error = checkError(anonymous.get(path), 401, u"unauthorized"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_upstream.requestCount(name), 0);

    // The pickers' <img> requests carry the session cookie, not a bearer token.
    Client browser(m_server->port());
    browser.setCookie("bh_session="_ba + m_classroom.students.at(1).token);
    const HttpReply reply = browser.get(path);
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    QCOMPARE(reply.body, bytes);
}

void TestLibraryApi::invalidNameIsRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString md5 = QString::fromLatin1(md5Hex("invalid library name"_ba));
    QTest::newRow("short md5") << md5.left(31) + u".svg"_s << 400 << u"bad_request"_s;
    QTest::newRow("uppercase md5") << md5.toUpper() + u".svg"_s << 400 << u"bad_request"_s;
    QTest::newRow("not hex") << QString(32, u'g') + u".svg"_s << 400 << u"bad_request"_s;
    QTest::newRow("no extension") << md5 << 400 << u"bad_request"_s;
    QTest::newRow("double extension") << md5 + u".svg.svg"_s << 400 << u"bad_request"_s;
    QTest::newRow("unknown format") << md5 + u".exe"_s << 415 << u"unsupported_media_type"_s;
    QTest::newRow("zip") << md5 + u".zip"_s << 415 << u"unsupported_media_type"_s;
}

void TestLibraryApi::invalidNameIsRejected()
{
    QFETCH(QString, name);
    QFETCH(int, status);
    QFETCH(QString, code);
    const int before = m_upstream.requestCount();
    const QString error = checkError(get(libraryPath(name)), status, code);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_upstream.requestCount(), before);
}

void TestLibraryApi::statusAndFillAreForTeachers()
{
    Client student(m_server->port());
    student.setBearer(m_classroom.students.at(0).token);
    QString error = checkError(student.get("/api/v1/library"_ba), 403, u"forbidden"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = checkError(student.post("/api/v1/library/fill"_ba, {}), 403, u"forbidden"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    Client anonymous(m_server->port());
    error = checkError(anonymous.get("/api/v1/library"_ba), 401, u"unauthorized"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    allowInCatalogue({}); // back to the editor's own catalogue
    const QJsonObject status = libraryStatus();
    for (const auto key : {"cached"_L1, "total"_L1, "filling"_L1, "done"_L1, "failed"_L1,
                           "upstream"_L1, "cache_bytes"_L1, "cache_max_bytes"_L1, "cache_full"_L1})
        QVERIFY2(status.contains(key), qPrintable(key));
    // The default cap is 1 GB, far from reached here.
    QCOMPARE(status.value("cache_max_bytes"_L1).toDouble(), 1e9);
    QCOMPARE(status.value("cache_full"_L1), QJsonValue(false));
    QVERIFY(status.value("cache_bytes"_L1).toDouble() > 0);
    // Health shows the same, for IT's monitoring.
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const QJsonObject health =
        admin.get("/api/v1/health"_ba).object().value("library"_L1).toObject();
    QCOMPARE(health.value("cache_max_bytes"_L1), status.value("cache_max_bytes"_L1));
    QCOMPARE(health.value("cache_full"_L1), QJsonValue(false));
    QVERIFY(health.value("cache_bytes"_L1).toDouble() > 0);
    QCOMPARE(status.value("total"_L1).toInt(), m_catalogue.size());
    QCOMPARE(status.value("upstream"_L1), QJsonValue(true));
}

void TestLibraryApi::fillDownloadsTheCatalogueOnce()
{
    allowInCatalogue({}); // back to the editor's own catalogue
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const qsizetype total = m_catalogue.size();
    QCOMPARE(libraryStatus().value("filling"_L1), QJsonValue(false));

    for (int round = 1; round <= 2; ++round) {
        const HttpReply started = admin.post("/api/v1/library/fill"_ba, {});
        QVERIFY2(statusIs(started, 202), qPrintable(describe(started)));
        QCOMPARE(started.object().value("total"_L1).toInt(), total);
        QTRY_VERIFY_WITH_TIMEOUT(!libraryStatus().value("filling"_L1).toBool(), 20000);

        const QJsonObject status = libraryStatus();
        QCOMPARE(status.value("total"_L1).toInt(), total);
        QCOMPARE(status.value("done"_L1).toInt(), total);
        QCOMPARE(status.value("failed"_L1).toInt(), 1); // the one the upstream lacks
        QCOMPARE(status.value("cached"_L1).toInt(), total - 1);
        // Every item was downloaded once, in the first round only; the missing one is retried.
        for (const QString &name : std::as_const(m_catalogue)) {
            const int expected = name == m_catalogueMissing ? round : 1;
            QVERIFY2(
                m_upstream.requestCount(name) == expected,
                qPrintable(u"%1 asked %2 times"_s.arg(name).arg(m_upstream.requestCount(name))));
            QCOMPARE(QFile::exists(cachedPath(m_server->dataDir(), name)),
                     name != m_catalogueMissing);
        }
    }
    const QString stray = checkOnlyCompleteFiles(m_server->dataDir());
    QVERIFY2(stray.isEmpty(), qPrintable(stray));
}

void TestLibraryApi::nameOutsideTheCatalogueIsNotFoundWithoutUpstream_data()
{
    QTest::addColumn<bool>("library");
    QTest::newRow("/library") << true;
    QTest::newRow("/api/v1/assets fallback") << false;
}

void TestLibraryApi::nameOutsideTheCatalogueIsNotFoundWithoutUpstream()
{
    // The upstream has it, but the editor's pickers never ask for it: the server is no open
    // door to the CDN, and its cache holds only the catalogue.
    QFETCH(bool, library);
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"svg"_s);
    m_upstream.serve(name, bytes);
    const HttpReply reply = get(library ? libraryPath(name) : assetPath(name));
    const QString error = checkError(reply, 404, u"not_found"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_upstream.requestCount(name), 0);
    QVERIFY(!QFile::exists(cachedPath(m_server->dataDir(), name)));
}

// #13: offline, the editor hides exactly the items whose files are not all on disk.
void TestLibraryApi::availableListsWhatCannotBeServedOffline()
{
    const QByteArray hereBytes = assetBytes(u"svg"_s, uniqueSeed());
    const QString here = md5ext(hereBytes, u"svg"_s);
    const QString gone = md5ext(uniqueSeed(), u"png"_s);
    QTemporaryDir webRoot;
    QVERIFY(webRoot.isValid() && QDir(webRoot.path()).mkpath(u"libraries"_s));
    const QString libraries = webRoot.path() + u"/libraries/"_s;
    QVERIFY(writeFile(
        libraries + u"costumes.json"_s,
        QJsonDocument(QJsonArray{QJsonObject{{u"name"_s, u"Here"_s}, {u"md5ext"_s, here}},
                                 QJsonObject{{u"name"_s, u"Gone"_s}, {u"md5ext"_s, gone}}})
            .toJson()));
    // A sprite is available only when every costume is: one of its two is missing.
    QVERIFY(writeFile(
        libraries + u"sprites.json"_s,
        QJsonDocument(QJsonArray{QJsonObject{{u"name"_s, u"Half"_s},
                                             {u"costumes"_s,
                                              QJsonArray{QJsonObject{{u"md5ext"_s, here}},
                                                         QJsonObject{{u"md5ext"_s, gone}}}}}})
            .toJson()));
    TestServer::Options options;
    options.extraArgs =
        QStringList{u"--library-upstream"_s,
                    u"http://127.0.0.1:%1/{md5ext}"_s.arg(FakeUpstream::closedPort()),
                    u"--library-timeout-ms"_s,
                    QString::number(upstreamTimeoutMs),
                    u"--web-root"_s,
                    webRoot.path()};
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    QVERIFY(QDir().mkpath(QFileInfo(cachedPath(server.dataDir(), here)).path()));
    QVERIFY(writeFile(cachedPath(server.dataDir(), here), hereBytes));
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Offline class"_s, {u"Cy D."_s});
    QCOMPARE(classroom.students.size(), 1);

    Client client(server.port());
    client.setBearer(classroom.students.at(0).token);
    const HttpReply reply = client.get("/api/v1/library/available"_ba);
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.object();
    QCOMPARE(body.value(u"upstream"_s).toBool(), true);
    QCOMPARE(body.value(u"reachable"_s).toBool(), false);
    QCOMPARE(body.value(u"total"_s).toInt(), 3);
    QCOMPARE(body.value(u"available"_s).toInt(), 1);
    const QJsonObject missing = body.value(u"missing"_s).toObject();
    QCOMPARE(missing.value(u"costumes"_s).toArray(), QJsonArray{u"Gone"_s});
    QCOMPARE(missing.value(u"sprites"_s).toArray(), QJsonArray{u"Half"_s});
    QCOMPARE(missing.value(u"sounds"_s).toArray(), QJsonArray());
    QCOMPARE(body.value(u"missing_assets"_s).toArray(), QJsonArray{gone});
    QCOMPARE(reply.header("cache-control"_ba), "no-store"_ba);
    QVERIFY(server.stop());
}

void TestLibraryApi::availableListsNothingMissingWhenUpstreamAnswers()
{
    // This suite's server reaches its upstream: whatever is missing is fetched on demand.
    const HttpReply reply = get("/api/v1/library/available"_ba);
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.object();
    QCOMPARE(body.value(u"reachable"_s).toBool(), true);
    QVERIFY(body.value(u"total"_s).toInt() > 0);
    QCOMPARE(body.value(u"available"_s).toInt(), body.value(u"total"_s).toInt());
    QCOMPARE(body.value(u"missing_assets"_s).toArray(), QJsonArray());
}

QTEST_GUILESS_MAIN(TestLibraryApi)
#include "tst_libraryapi.moc"
