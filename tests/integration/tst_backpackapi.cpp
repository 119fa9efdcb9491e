// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for the Backpack resource of API.md: items whose body and thumbnail are stored
// as assets, listing with paging, ownership and input validation.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

const QByteArray pngThumbnail =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\x60\x00"
    "\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"_ba;

QByteArray jpegThumbnail(const QByteArray &seed)
{
    return "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"_ba + seed
        + "\xff\xd9"_ba;
}

QByteArray wavBytes(const QByteArray &seed)
{
    return "RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00"_ba + seed;
}

QByteArray itemJson(const QString &type, const QString &mime, const QString &name,
                    const QByteArray &body, const QByteArray &thumbnail)
{
    return QJsonDocument(QJsonObject{{u"type"_s, type},
                                     {u"mime"_s, mime},
                                     {u"name"_s, name},
                                     {u"body"_s, QString::fromLatin1(body.toBase64())},
                                     {u"thumbnail"_s, QString::fromLatin1(thumbnail.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

QStringList idsOf(const QJsonArray &items)
{
    QStringList ids;
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value("id"_L1).toString());
    return ids;
}

} // namespace

class TestBackpackApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void postCreatesItemWithAssets_data();
    void postCreatesItemWithAssets();
    void sameBodyIsStoredOnceAndServedToBoth();
    void listIsNewestFirstWithLimitAndOffset();
    void listShowsOnlyMyItems();
    void deleteRemovesMyItem();
    void deleteOfSomeoneElsesItemIsNotFound();
    void invalidItemIsRejectedAndNothingStored_data();
    void invalidItemIsRejectedAndNothingStored();
    void anonymousIsUnauthorized_data();
    void anonymousIsUnauthorized();
    void zipIsAcceptedOnlyThroughTheBackpack();

private:
    HttpReply send(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {});
    QJsonArray list(const QByteArray &token, const QByteArray &query = "?limit=100&offset=0"_ba);
    QByteArray pathOf(const QString &url) const;
    QByteArray seed();

    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    int m_seed = 0;
};

HttpReply TestBackpackApi::send(const QByteArray &token, const QByteArray &method,
                                const QByteArray &path, const QByteArray &body)
{
    Client client(m_server->port());
    if (!token.isEmpty())
        client.setBearer(token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    if (!body.isEmpty())
        request.headers.append({"Content-Type"_ba, "application/json"_ba});
    return client.request(request);
}

QJsonArray TestBackpackApi::list(const QByteArray &token, const QByteArray &query)
{
    const HttpReply reply = send(token, "GET"_ba, "/api/v1/backpack"_ba + query);
    if (reply.status != 200)
        qWarning("backpack list: %d %s", reply.status, reply.body.constData());
    return reply.array();
}

// The URL as a path on this server (API.md: absolute paths; an absolute URL to this origin too).
QByteArray TestBackpackApi::pathOf(const QString &url) const
{
    const QString origin = u"http://127.0.0.1:%1"_s.arg(m_server->port());
    return (url.startsWith(origin) ? url.mid(origin.size()) : url).toUtf8();
}

QByteArray TestBackpackApi::seed()
{
    return "backpack-seed-"_ba + QByteArray::number(++m_seed);
}

void TestBackpackApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Backpack class"_s,
                                {u"Alma A."_s, u"Bert B."_s, u"Cleo C."_s, u"Dana D."_s});
    QCOMPARE(m_classroom.students.size(), 4);
    for (const Classroom::Account &student : std::as_const(m_classroom.students))
        QVERIFY(!student.token.isEmpty());
}

void TestBackpackApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestBackpackApi::postCreatesItemWithAssets_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("thumbnail");
    QTest::newRow("costume svg") << u"costume"_s << u"image/svg+xml"_s << svgAsset(9001) << u"svg"_s
                                 << pngThumbnail;
    QTest::newRow("costume png") << u"costume"_s << u"image/png"_s
                                 << QByteArray(pngThumbnail + "costume"_ba) << u"png"_s
                                 << jpegThumbnail("c1"_ba);
    QTest::newRow("sound wav") << u"sound"_s << u"audio/x-wav"_s << wavBytes("s1"_ba) << u"wav"_s
                               << pngThumbnail;
    QTest::newRow("sprite zip") << u"sprite"_s << u"application/zip"_s
                                << makeSb3("{\"isStage\":false,\"name\":\"Cat\"}"_ba,
                                           {{md5ext(svgAsset(9002), u"svg"_s), svgAsset(9002)}})
                                << u"zip"_s << jpegThumbnail("sp1"_ba);
    QTest::newRow("script json") << u"script"_s << u"application/json"_s
                                 << "[{\"opcode\":\"motion_movesteps\"}]"_ba << u"json"_s
                                 << pngThumbnail;
}

void TestBackpackApi::postCreatesItemWithAssets()
{
    QFETCH(QString, type);
    QFETCH(QString, mime);
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QByteArray, thumbnail);
    const QByteArray token = m_classroom.students.at(0).token;
    const HttpReply reply = send(token, "POST"_ba, "/api/v1/backpack"_ba,
                                 itemJson(type, mime, u"My item"_s, body, thumbnail));
    QCOMPARE(reply.status, 201);
    const QJsonObject item = reply.object();

    const QString id = item.value("id"_L1).toString();
    QVERIFY2(QRegularExpression(
                 u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s)
                 .match(id)
                 .hasMatch(),
             qPrintable(id));
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(item.value("type"_L1).toString(), type);
    QCOMPARE(item.value("name"_L1).toString(), u"My item"_s);
    QCOMPARE(item.value("mime"_L1).toString(), mime);
    QCOMPARE(item.value("body"_L1).toString(), md5ext(body, format));
    const QString thumbnailName = item.value("thumbnail"_L1).toString();
    const QString thumbnailMd5 = QString::fromLatin1(md5Hex(thumbnail));
    const QStringList thumbnailNames = thumbnail.startsWith("\x89PNG")
        ? QStringList{thumbnailMd5 + u".png"_s}
        : QStringList{thumbnailMd5 + u".jpg"_s, thumbnailMd5 + u".jpeg"_s};
    QVERIFY2(thumbnailNames.contains(thumbnailName), qPrintable(thumbnailName));

    const QString bodyUrl = item.value("bodyUrl"_L1).toString();
    const QString thumbnailUrl = item.value("thumbnailUrl"_L1).toString();
    QCOMPARE(pathOf(bodyUrl), "/api/v1/assets/"_ba + md5ext(body, format).toUtf8());
    QCOMPARE(pathOf(thumbnailUrl), "/api/v1/assets/"_ba + thumbnailName.toUtf8());
    QVERIFY(pathOf(bodyUrl).startsWith('/'));

    const HttpReply bodyReply = send(token, "GET"_ba, pathOf(bodyUrl));
    QCOMPARE(bodyReply.status, 200);
    QCOMPARE(bodyReply.body, body);
    if (format == u"zip")
        QCOMPARE(bodyReply.header("content-type"_ba).split(';').first(), "application/zip"_ba);
    const HttpReply thumbnailReply = send(token, "GET"_ba, pathOf(thumbnailUrl));
    QCOMPARE(thumbnailReply.status, 200);
    QCOMPARE(thumbnailReply.body, thumbnail);

    // The listed item is the one returned.
    const QJsonArray items = list(token);
    QVERIFY(!items.isEmpty());
    QCOMPARE(items.first().toObject(), item);
}

void TestBackpackApi::sameBodyIsStoredOnceAndServedToBoth()
{
    const QByteArray body = svgAsset(9100);
    const QByteArray first = m_classroom.students.at(0).token;
    const QByteArray second = m_classroom.students.at(1).token;
    const HttpReply a =
        send(first, "POST"_ba, "/api/v1/backpack"_ba,
             itemJson(u"costume"_s, u"image/svg+xml"_s, u"cat"_s, body, pngThumbnail));
    const HttpReply b =
        send(second, "POST"_ba, "/api/v1/backpack"_ba,
             itemJson(u"costume"_s, u"image/svg+xml"_s, u"cat"_s, body, pngThumbnail));
    QCOMPARE(a.status, 201);
    QCOMPARE(b.status, 201);
    QVERIFY(a.object().value("id"_L1).toString() != b.object().value("id"_L1).toString());
    QCOMPARE(a.object().value("body"_L1).toString(), b.object().value("body"_L1).toString());
    QCOMPARE(a.object().value("thumbnail"_L1).toString(),
             b.object().value("thumbnail"_L1).toString());
    // Stored as an ordinary asset: uploading the same bytes again reports "already existed".
    Client client(m_server->port());
    client.setBearer(first);
    QCOMPARE(
        client.put("/api/v1/assets/"_ba + md5ext(body, u"svg"_s).toUtf8(), body, "image/svg+xml"_ba)
            .status,
        200);
}

void TestBackpackApi::listIsNewestFirstWithLimitAndOffset()
{
    const QByteArray token = m_classroom.students.at(2).token;
    QVERIFY(list(token).isEmpty());
    QStringList created;
    for (int i = 0; i < 3; ++i) {
        const HttpReply reply = send(token, "POST"_ba, "/api/v1/backpack"_ba,
                                     itemJson(u"sound"_s, u"audio/x-wav"_s, u"sound %1"_s.arg(i),
                                              wavBytes(seed()), pngThumbnail));
        QCOMPARE(reply.status, 201);
        created.prepend(reply.object().value("id"_L1).toString());
    }
    QCOMPARE(idsOf(list(token, "?limit=20&offset=0"_ba)), created);
    QCOMPARE(idsOf(list(token, "?limit=2&offset=0"_ba)), created.mid(0, 2));
    QCOMPARE(idsOf(list(token, "?limit=2&offset=2"_ba)), created.mid(2));
    QCOMPARE(idsOf(list(token, "?limit=20&offset=3"_ba)), QStringList());
    // The defaults (limit 20, offset 0) apply without a query.
    QCOMPARE(idsOf(list(token, {})), created);
}

void TestBackpackApi::listShowsOnlyMyItems()
{
    const QByteArray mine = m_classroom.students.at(0).token;
    const QByteArray theirs = m_classroom.students.at(3).token;
    const HttpReply reply = send(mine, "POST"_ba, "/api/v1/backpack"_ba,
                                 itemJson(u"script"_s, u"application/json"_s, u"s"_s,
                                          "[\""_ba + seed() + "\"]"_ba, pngThumbnail));
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value("id"_L1).toString();
    QVERIFY(idsOf(list(mine)).contains(id));
    QVERIFY(!idsOf(list(theirs)).contains(id));
    QVERIFY(!idsOf(list(m_classroom.adminToken)).contains(id));
}

void TestBackpackApi::deleteRemovesMyItem()
{
    const QByteArray token = m_classroom.students.at(1).token;
    const HttpReply reply =
        send(token, "POST"_ba, "/api/v1/backpack"_ba,
             itemJson(u"sound"_s, u"audio/x-wav"_s, u"gone"_s, wavBytes(seed()), pngThumbnail));
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value("id"_L1).toString();
    QCOMPARE(send(token, "DELETE"_ba, "/api/v1/backpack/"_ba + id.toUtf8()).status, 204);
    QVERIFY(!idsOf(list(token)).contains(id));
    const HttpReply again = send(token, "DELETE"_ba, "/api/v1/backpack/"_ba + id.toUtf8());
    QCOMPARE(again.status, 404);
    QCOMPARE(again.errorCode(), u"not_found"_s);
    QCOMPARE(
        send(token, "DELETE"_ba,
             "/api/v1/backpack/"_ba + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8())
            .status,
        404);
}

void TestBackpackApi::deleteOfSomeoneElsesItemIsNotFound()
{
    const QByteArray owner = m_classroom.students.at(0).token;
    const HttpReply reply =
        send(owner, "POST"_ba, "/api/v1/backpack"_ba,
             itemJson(u"sound"_s, u"audio/x-wav"_s, u"keep"_s, wavBytes(seed()), pngThumbnail));
    QCOMPARE(reply.status, 201);
    const QString id = reply.object().value("id"_L1).toString();
    for (const QByteArray &other : {m_classroom.students.at(1).token, m_classroom.adminToken}) {
        const HttpReply denied = send(other, "DELETE"_ba, "/api/v1/backpack/"_ba + id.toUtf8());
        QCOMPARE(denied.status, 404);
        QCOMPARE(denied.errorCode(), u"not_found"_s);
    }
    QVERIFY(idsOf(list(owner)).contains(id));
}

void TestBackpackApi::invalidItemIsRejectedAndNothingStored_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QList<int>>("expected");
    QTest::addColumn<QByteArray>("unstoredBody"); // must not become an asset
    QTest::addColumn<QString>("unstoredFormat");

    const QByteArray body = svgAsset(9200);
    const QByteArray validThumb = pngThumbnail;
    const auto replaceField = [&](const QString &field, const QJsonValue &value) {
        QJsonObject object = QJsonDocument::fromJson(itemJson(u"costume"_s, u"image/svg+xml"_s,
                                                              u"x"_s, body, validThumb))
                                 .object();
        if (value.isUndefined())
            object.remove(field);
        else
            object.insert(field, value);
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("body not base64")
        << replaceField(u"body"_s, u"!!not*base64!!"_s) << QList<int>{400} << body << u"svg"_s;
    QTest::newRow("thumbnail not base64")
        << replaceField(u"thumbnail"_s, u"%%%%"_s) << QList<int>{400} << body << u"svg"_s;
    QTest::newRow("not json") << "{\"type\":"_ba << QList<int>{400} << body << u"svg"_s;
    QTest::newRow("json array") << "[]"_ba << QList<int>{400} << body << u"svg"_s;
    QTest::newRow("body missing") << replaceField(u"body"_s, QJsonValue(QJsonValue::Undefined))
                                  << QList<int>{400, 422} << body << u"svg"_s;
    QTest::newRow("thumbnail missing")
        << replaceField(u"thumbnail"_s, QJsonValue(QJsonValue::Undefined)) << QList<int>{400, 422}
        << body << u"svg"_s;
    // API.md: type is costume, sound, sprite or script; anything else is invalid input.
    QTest::newRow("unknown type") << replaceField(u"type"_s, u"monster"_s) << QList<int>{400, 422}
                                  << body << u"svg"_s;
    QTest::newRow("type not a string")
        << replaceField(u"type"_s, 7) << QList<int>{400, 422} << body << u"svg"_s;
    // A body format outside the asset formats plus zip is an unsupported media type.
    QTest::newRow("unsupported body mime") << replaceField(u"mime"_s, u"application/x-msdownload"_s)
                                           << QList<int>{415} << body << u"svg"_s;
    // Thumbnails are JPEG or PNG, decided by their bytes.
    QTest::newRow("gif thumbnail") << replaceField(
        u"thumbnail"_s, QString::fromLatin1("GIF89a\x01\x00\x01\x00;"_ba.toBase64()))
                                   << QList<int>{415, 422} << body << u"svg"_s;
    QTest::newRow("svg thumbnail")
        << replaceField(u"thumbnail"_s, QString::fromLatin1(svgAsset(9201).toBase64()))
        << QList<int>{415, 422} << body << u"svg"_s;
}

void TestBackpackApi::invalidItemIsRejectedAndNothingStored()
{
    QFETCH(QByteArray, request);
    QFETCH(QList<int>, expected);
    QFETCH(QByteArray, unstoredBody);
    QFETCH(QString, unstoredFormat);
    const QByteArray token = m_classroom.students.at(3).token;
    const int before = list(token).size();
    const HttpReply reply = send(token, "POST"_ba, "/api/v1/backpack"_ba, request);
    QVERIFY2(expected.contains(reply.status),
             qPrintable(u"%1 %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body))));
    const QMap<int, QString> codes{
        {400, u"bad_request"_s}, {415, u"unsupported_media_type"_s}, {422, u"unprocessable"_s}};
    QCOMPARE(reply.errorCode(), codes.value(reply.status));
    QVERIFY(!reply.object().value("message"_L1).toString().isEmpty());
    QCOMPARE(list(token).size(), before);
    QCOMPARE(
        send(token, "GET"_ba, "/api/v1/assets/"_ba + md5ext(unstoredBody, unstoredFormat).toUtf8())
            .status,
        404);
}

void TestBackpackApi::anonymousIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("list") << "GET"_ba
                          << "/api/v1/backpack"_ba;
    QTest::newRow("post") << "POST"_ba
                          << "/api/v1/backpack"_ba;
    QTest::newRow("delete") << "DELETE"_ba
                            << "/api/v1/backpack/00000000-0000-4000-8000-000000000000"_ba;
}

void TestBackpackApi::anonymousIsUnauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    const QByteArray body = method == "POST"
        ? itemJson(u"costume"_s, u"image/svg+xml"_s, u"x"_s, svgAsset(9300), pngThumbnail)
        : QByteArray();
    const HttpReply reply = send({}, method, path, body);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), u"unauthorized"_s);
}

void TestBackpackApi::zipIsAcceptedOnlyThroughTheBackpack()
{
    const QByteArray zip = makeSb3("{\"isStage\":false,\"name\":\""_ba + seed() + "\"}"_ba, {});
    const QString name = md5ext(zip, u"zip"_s);
    const QByteArray token = m_classroom.students.at(1).token;
    Client client(m_server->port());
    client.setBearer(token);
    for (const QByteArray &method : {"PUT"_ba, "POST"_ba}) {
        HttpRequest request;
        request.method = method;
        request.path = "/api/v1/assets/"_ba + name.toUtf8();
        request.body = zip;
        request.headers = {{"Content-Type"_ba, "application/zip"_ba}};
        const HttpReply reply = client.request(request);
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.errorCode(), u"unsupported_media_type"_s);
    }
    QCOMPARE(client.get("/api/v1/assets/"_ba + name.toUtf8()).status, 404);

    const HttpReply item =
        send(token, "POST"_ba, "/api/v1/backpack"_ba,
             itemJson(u"sprite"_s, u"application/zip"_s, u"Cat"_s, zip, pngThumbnail));
    QCOMPARE(item.status, 201);
    QCOMPARE(item.object().value("body"_L1).toString(), name);
    const HttpReply served = client.get("/api/v1/assets/"_ba + name.toUtf8());
    QCOMPARE(served.status, 200);
    QCOMPARE(served.body, zip);
}

QTEST_GUILESS_MAIN(TestBackpackApi)
#include "tst_backpackapi.moc"
