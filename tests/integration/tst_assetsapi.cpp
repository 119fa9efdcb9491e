// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for the content-addressed Assets resource of API.md: upload by PUT and POST,
// deduplication, name and format checks, and the caching headers of GET.

#include <QJsonObject>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

const QStringList allFormats{u"svg"_s, u"png"_s, u"jpg"_s, u"jpeg"_s, u"gif"_s,
                             u"bmp"_s, u"wav"_s, u"mp3"_s, u"ogg"_s,  u"json"_s};

// Plausible bytes of each format (the right magic number), unique per seed.
QByteArray assetBytes(const QString &format, const QByteArray &seed)
{
    if (format == u"svg")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba + seed + " --></svg>"_ba;
    if (format == u"png")
        return "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"_ba + seed;
    if (format == u"jpg" || format == u"jpeg")
        return "\xff\xd8\xff\xe0\x00\x10JFIF\x00"_ba + seed + "\xff\xd9"_ba;
    if (format == u"gif")
        return "GIF89a\x01\x00\x01\x00"_ba + seed;
    if (format == u"bmp")
        return "BM\x3a\x00\x00\x00"_ba + seed;
    if (format == u"wav")
        return "RIFF\x24\x00\x00\x00WAVEfmt "_ba + seed;
    if (format == u"mp3")
        return "ID3\x03\x00\x00\x00\x00\x00\x00"_ba + seed;
    if (format == u"ogg")
        return "OggS\x00\x02"_ba + seed;
    return "{\"seed\":\""_ba + seed + "\"}"_ba;
}

// The Content-Types a GET may answer for a format (a few formats have common aliases).
QList<QByteArray> contentTypesFor(const QString &format)
{
    if (format == u"svg")
        return {"image/svg+xml"_ba};
    if (format == u"png")
        return {"image/png"_ba};
    if (format == u"jpg" || format == u"jpeg")
        return {"image/jpeg"_ba};
    if (format == u"gif")
        return {"image/gif"_ba};
    if (format == u"bmp")
        return {"image/bmp"_ba, "image/x-ms-bmp"_ba};
    if (format == u"wav")
        return {"audio/wav"_ba, "audio/x-wav"_ba, "audio/wave"_ba};
    if (format == u"mp3")
        return {"audio/mpeg"_ba, "audio/mp3"_ba};
    if (format == u"ogg")
        return {"audio/ogg"_ba};
    return {"application/json"_ba};
}

QByteArray assetPath(const QString &name)
{
    return "/api/v1/assets/"_ba + name.toUtf8();
}

} // namespace

class TestAssetsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void uploadStoresOnceAndReportsExisting_data();
    void uploadStoresOnceAndReportsExisting();
    void getServesBytesWithFormatHeaders_data();
    void getServesBytesWithFormatHeaders();
    void ifNoneMatchAnswersNotModified();
    void requestContentTypeIsIgnored();
    void anyLoggedInUserReadsAssets();
    void md5MismatchIsUnprocessable_data();
    void md5MismatchIsUnprocessable();
    void unknownFormatIsUnsupported_data();
    void unknownFormatIsUnsupported();
    void malformedNameIsBadRequest_data();
    void malformedNameIsBadRequest();
    void unknownAssetIsNotFound();
    void anonymousIsUnauthorized_data();
    void anonymousIsUnauthorized();
    void oversizedAssetIsTooLarge();

private:
    QByteArray uniqueSeed();
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {}, const HeaderList &headers = {});

    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    int m_seed = 0;
};

QByteArray TestAssetsApi::uniqueSeed()
{
    return "assets-test-"_ba + QByteArray::number(++m_seed) + "-"_ba
        + QByteArray(QTest::currentDataTag() ? QTest::currentDataTag() : "");
}

HttpReply TestAssetsApi::send(const QByteArray &token, const QByteArray &method,
                              const QByteArray &path, const QByteArray &body,
                              const HeaderList &headers)
{
    Client client(m_server->port());
    if (!token.isEmpty())
        client.setBearer(token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = headers;
    if (method == "PUT" || method == "POST")
        request.headers.append({"Content-Type"_ba, "application/octet-stream"_ba});
    return client.request(request);
}

void TestAssetsApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Assets class"_s,
                                {u"Ada L."_s, u"Bo K."_s});
    QCOMPARE(m_classroom.students.size(), 2);
    for (const Classroom::Account &student : std::as_const(m_classroom.students))
        QVERIFY(!student.token.isEmpty());
}

void TestAssetsApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestAssetsApi::uploadStoresOnceAndReportsExisting_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("firstMethod");
    QTest::addColumn<QByteArray>("secondMethod");
    for (const QString &format : allFormats) {
        QTest::addRow("%s PUT then POST", qPrintable(format)) << format << "PUT"_ba
                                                              << "POST"_ba;
        QTest::addRow("%s POST then PUT", qPrintable(format)) << format << "POST"_ba
                                                              << "PUT"_ba;
    }
}

void TestAssetsApi::uploadStoresOnceAndReportsExisting()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, firstMethod);
    QFETCH(QByteArray, secondMethod);
    const QByteArray bytes = assetBytes(format, uniqueSeed());
    const QString name = md5ext(bytes, format);

    const HttpReply first =
        send(m_classroom.students.at(0).token, firstMethod, assetPath(name), bytes);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.object().value("status"_L1).toString(), u"ok"_s);
    QCOMPARE(first.object().value("md5ext"_L1).toString(), name);
    const QJsonValue assetId = first.object().value("assetId"_L1);
    QVERIFY(!assetId.isUndefined() && !assetId.isNull());

    // Another user uploading the same bytes gets "already existed" and the same id.
    const HttpReply second =
        send(m_classroom.students.at(1).token, secondMethod, assetPath(name), bytes);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.object().value("status"_L1).toString(), u"ok"_s);
    QCOMPARE(second.object().value("md5ext"_L1).toString(), name);
    QCOMPARE(second.object().value("assetId"_L1), assetId);
}

void TestAssetsApi::getServesBytesWithFormatHeaders_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &format : allFormats)
        QTest::newRow(qPrintable(format)) << format;
}

void TestAssetsApi::getServesBytesWithFormatHeaders()
{
    QFETCH(QString, format);
    const QByteArray bytes = assetBytes(format, uniqueSeed());
    const QString name = md5ext(bytes, format);
    QCOMPARE(send(m_classroom.students.at(0).token, "PUT"_ba, assetPath(name), bytes).status, 201);

    const HttpReply reply = send(m_classroom.students.at(0).token, "GET"_ba, assetPath(name));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, bytes);
    const QByteArray contentType = reply.header("content-type"_ba).split(';').first().trimmed();
    QVERIFY2(contentTypesFor(format).contains(contentType), contentType.constData());
    QCOMPARE(reply.header("etag"_ba), "\""_ba + md5Hex(bytes) + "\""_ba);
    QCOMPARE(reply.header("cache-control"_ba), "private, max-age=31536000, immutable"_ba);
}

void TestAssetsApi::ifNoneMatchAnswersNotModified()
{
    const QByteArray bytes = assetBytes(u"png"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"png"_s);
    const QByteArray token = m_classroom.students.at(0).token;
    QCOMPARE(send(token, "PUT"_ba, assetPath(name), bytes).status, 201);
    const QByteArray etag = "\""_ba + md5Hex(bytes) + "\""_ba;

    HttpReply reply = send(token, "GET"_ba, assetPath(name), {}, {{"If-None-Match"_ba, etag}});
    QCOMPARE(reply.status, 304);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(reply.header("etag"_ba), etag);

    reply =
        send(token, "GET"_ba, assetPath(name), {}, {{"If-None-Match"_ba, "\"0123\", "_ba + etag}});
    QCOMPARE(reply.status, 304);

    reply = send(token, "GET"_ba, assetPath(name), {},
                 {{"If-None-Match"_ba, "\"00000000000000000000000000000000\""_ba}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, bytes);
}

void TestAssetsApi::requestContentTypeIsIgnored()
{
    // API.md: the format comes from the name; the request Content-Type is ignored.
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"svg"_s);
    Client client(m_server->port());
    client.setBearer(m_classroom.students.at(0).token);
    QCOMPARE(client.put(assetPath(name), bytes, "text/plain"_ba).status, 201);
    const HttpReply reply = client.get(assetPath(name));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"_ba).split(';').first(), "image/svg+xml"_ba);
}

void TestAssetsApi::anyLoggedInUserReadsAssets()
{
    const QByteArray bytes = assetBytes(u"wav"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"wav"_s);
    QCOMPARE(send(m_classroom.students.at(0).token, "POST"_ba, assetPath(name), bytes).status, 201);
    for (const QByteArray &token : {m_classroom.students.at(1).token, m_classroom.adminToken}) {
        const HttpReply reply = send(token, "GET"_ba, assetPath(name));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, bytes);
    }
}

void TestAssetsApi::md5MismatchIsUnprocessable_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("PUT") << "PUT"_ba;
    QTest::newRow("POST") << "POST"_ba;
}

void TestAssetsApi::md5MismatchIsUnprocessable()
{
    QFETCH(QByteArray, method);
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QByteArray other = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(other, u"svg"_s);
    const QByteArray token = m_classroom.students.at(0).token;
    const QString error =
        checkError(send(token, method, assetPath(name), bytes), 422, u"unprocessable"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(send(token, "GET"_ba, assetPath(name)).status, 404);
    QCOMPARE(send(token, "GET"_ba, assetPath(md5ext(bytes, u"svg"_s))).status, 404);
}

void TestAssetsApi::unknownFormatIsUnsupported_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("md5Matches");
    for (const QString &format : {u"exe"_s, u"txt"_s, u"mp4"_s, u"html"_s, u"zip"_s}) {
        QTest::addRow("%s", qPrintable(format)) << format << true;
        // The media type is checked before the content (API.md, order of checks).
        QTest::addRow("%s with wrong md5", qPrintable(format)) << format << false;
    }
}

void TestAssetsApi::unknownFormatIsUnsupported()
{
    QFETCH(QString, format);
    QFETCH(bool, md5Matches);
    const QByteArray bytes = "PK\x03\x04 not really "_ba + uniqueSeed();
    const QString name = md5ext(md5Matches ? bytes : bytes + "x"_ba, format);
    const QByteArray token = m_classroom.students.at(0).token;
    for (const QByteArray &method : {"PUT"_ba, "POST"_ba}) {
        const QString error = checkError(send(token, method, assetPath(name), bytes), 415,
                                         u"unsupported_media_type"_s);
        QVERIFY2(error.isEmpty(), qPrintable(QString::fromLatin1(method) + u": "_s + error));
    }
}

void TestAssetsApi::malformedNameIsBadRequest_data()
{
    QTest::addColumn<QString>("name");
    const QString md5 = QString::fromLatin1(md5Hex("malformed"_ba));
    QTest::newRow("short md5") << md5.left(31) + u".svg"_s;
    QTest::newRow("long md5") << md5 + u"0.svg"_s;
    QTest::newRow("uppercase md5") << md5.toUpper() + u".svg"_s;
    QTest::newRow("not hex") << QString(32, u'g') + u".svg"_s;
    QTest::newRow("no extension") << md5;
    QTest::newRow("empty extension") << md5 + u"."_s;
    QTest::newRow("no md5") << u".svg"_s;
    QTest::newRow("double extension") << md5 + u".svg.svg"_s;
}

void TestAssetsApi::malformedNameIsBadRequest()
{
    QFETCH(QString, name);
    const QByteArray token = m_classroom.students.at(0).token;
    for (const QByteArray &method : {"PUT"_ba, "POST"_ba, "GET"_ba}) {
        const HttpReply reply =
            send(token, method, assetPath(name), method == "GET" ? QByteArray() : "malformed"_ba);
        const QString error = checkError(reply, 400, u"bad_request"_s);
        QVERIFY2(error.isEmpty(), qPrintable(QString::fromLatin1(method) + u": "_s + error));
    }
}

void TestAssetsApi::unknownAssetIsNotFound()
{
    const QString name = md5ext(uniqueSeed(), u"png"_s);
    const QString error = checkError(
        send(m_classroom.students.at(0).token, "GET"_ba, assetPath(name)), 404, u"not_found"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestAssetsApi::anonymousIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("nameValid");
    for (const QByteArray &method : {"PUT"_ba, "POST"_ba, "GET"_ba}) {
        QTest::addRow("%s", method.constData()) << method << true;
        // Authentication is checked before the name (API.md, order of checks).
        QTest::addRow("%s malformed name", method.constData()) << method << false;
    }
}

void TestAssetsApi::anonymousIsUnauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, nameValid);
    const QByteArray bytes = assetBytes(u"svg"_s, uniqueSeed());
    const QString name = md5ext(bytes, u"svg"_s);
    if (method == "GET")
        QCOMPARE(send(m_classroom.students.at(0).token, "PUT"_ba, assetPath(name), bytes).status,
                 201);
    const HttpReply reply = send({}, method, assetPath(nameValid ? name : u"nonsense.svg"_s),
                                 method == "GET" ? QByteArray() : bytes);
    const QString error = checkError(reply, 401, u"unauthorized"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (method == "GET")
        QVERIFY(!reply.body.contains(bytes));
    else
        QCOMPARE(send(m_classroom.students.at(0).token, "GET"_ba, assetPath(name)).status, 404);
}

void TestAssetsApi::oversizedAssetIsTooLarge()
{
    QByteArray bytes = assetBytes(u"wav"_s, uniqueSeed());
    bytes.append(QByteArray(10 * 1024 * 1024 + 1 - bytes.size(), 'a'));
    const QString name = md5ext(bytes, u"wav"_s);
    const QString error =
        checkError(send(m_classroom.students.at(0).token, "PUT"_ba, assetPath(name), bytes), 413,
                   u"payload_too_large"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(send(m_classroom.students.at(0).token, "GET"_ba, assetPath(name)).status, 404);
    // Exactly at the limit is fine.
    bytes.chop(1);
    QCOMPARE(
        send(m_classroom.students.at(0).token, "PUT"_ba, assetPath(md5ext(bytes, u"wav"_s)), bytes)
            .status,
        201);
}

QTEST_GUILESS_MAIN(TestAssetsApi)
#include "tst_assetsapi.moc"
