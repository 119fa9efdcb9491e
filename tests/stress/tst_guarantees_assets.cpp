// SPDX-License-Identifier: AGPL-3.0-or-later
// Stress tests for the asset guarantees G6 (one row per content, whoever uploads at once) and G7
// (a backpack item and its assets commit together) of ARCHITECTURE.md, checked through the API and
// against the SQLite file.

#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>

#include <unistd.h>

#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

const QByteArray pngThumbnail =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\x60\x00"
    "\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"_ba;

// Bytes of a WAV-like asset of about `size` bytes, unique per seed.
QByteArray wavBytes(const QByteArray &seed, int size)
{
    QByteArray bytes = "RIFF\x24\x00\x00\x00WAVEfmt "_ba + seed;
    // Incompressible filler: it must take its size on PostgreSQL's disk too (TOAST compresses).
    bytes.append(incompressibleBytes(std::max<qsizetype>(0, size - bytes.size()), qHash(seed)));
    return bytes;
}

HttpRequest uploadRequest(const QByteArray &token, const QByteArray &method, const QString &name,
                          const QByteArray &bytes)
{
    HttpRequest request;
    request.method = method;
    request.path = "/api/v1/assets/"_ba + name.toUtf8();
    request.body = bytes;
    request.headers = bearerHeader(token);
    request.headers.append({"Content-Type"_ba, "application/octet-stream"_ba});
    return request;
}

QByteArray backpackItem(const QByteArray &body, const QByteArray &thumbnail)
{
    return QJsonDocument(QJsonObject{{u"type"_s, u"sound"_s},
                                     {u"mime"_s, u"audio/x-wav"_s},
                                     {u"name"_s, u"pop"_s},
                                     {u"body"_s, QString::fromLatin1(body.toBase64())},
                                     {u"thumbnail"_s, QString::fromLatin1(thumbnail.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestGuaranteesAssets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void g6_concurrentUploadsOfSameBytesStoreOneRow();
    void g6_concurrentMismatchedUploadsAreRejected();
    void g7_backpackSaveOnFullDiskLeavesNothing();
    void g7_backpackSaveWithOversizedThumbnailOnFullDiskLeavesNothing();

private:
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
};

void TestGuaranteesAssets::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Asset stress"_s,
                                {u"A 1"_s, u"A 2"_s, u"A 3"_s, u"A 4"_s, u"A 5"_s});
    QCOMPARE(m_classroom.students.size(), 5);
    for (const Classroom::Account &student : std::as_const(m_classroom.students))
        QVERIFY(!student.token.isEmpty());
}

void TestGuaranteesAssets::cleanupTestCase()
{
    if (m_server) {
        QVERIFY(m_server->stop());
        QCOMPARE(sqlValue(m_server->databasePath(), u"PRAGMA integrity_check"_s).toString(),
                 u"ok"_s);
    }
}

// G6. Catches: check-then-insert without UNIQUE(md5, data_format) (duplicate rows), a plain
// INSERT whose unique violation surfaces as 409/500 to a slower uploader, several uploaders told
// "stored" (201), and uploaders receiving different asset ids for the same content. The race only
// shows when several uploads of one content are processed at the same time, so there are six
// rounds of 50 uploads with fresh bytes each; all requests of a round are written at once, and
// every other round uses small bodies, which arrive whole before the server starts on them.
void TestGuaranteesAssets::g6_concurrentUploadsOfSameBytesStoreOneRow()
{
    constexpr int uploaders = 50;
    constexpr int rounds = 6;
    for (int round = 0; round < rounds; ++round) {
        const int size = round % 2 ? 200000 : 8000;
        const QByteArray bytes = wavBytes("g6-round-"_ba + QByteArray::number(round), size);
        const QString name = md5ext(bytes, u"wav"_s);
        QList<HttpRequest> requests;
        for (int i = 0; i < uploaders; ++i) {
            requests.append(uploadRequest(m_classroom.students.at(i % 5).token,
                                          i % 2 ? "PUT"_ba : "POST"_ba, name, bytes));
        }
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        int created = 0;
        QSet<QString> ids;
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 200 || reply.status == 201,
                     qPrintable(u"round %1: "_s.arg(round) + describe(reply)));
            if (reply.status == 201)
                ++created;
            QCOMPARE(reply.object().value("md5ext"_L1).toString(), name);
            ids.insert(reply.object().value("assetId"_L1).toVariant().toString());
        }
        QCOMPARE(created, 1);
        QCOMPARE(ids.size(), 1);

        Client client(m_server->port());
        client.setBearer(m_classroom.students.first().token);
        const HttpReply stored = client.get("/api/v1/assets/"_ba + name.toUtf8());
        QCOMPARE(stored.status, 200);
        QCOMPARE(stored.body, bytes);
        QCOMPARE(
            sqlValue(m_server->databasePath(),
                     u"SELECT count(*) FROM assets WHERE md5 = '%1' AND data_format = 'wav'"_s.arg(
                         QString::fromLatin1(md5Hex(bytes))))
                .toInt(),
            1);
    }
}

// G6. Half the uploaders send bytes whose MD5 is not the name. Catches: a mismatched body that is
// stored (or wins the insert race and shadows the right bytes), and a mismatch check that is
// skipped when the row already exists or is being inserted concurrently.
void TestGuaranteesAssets::g6_concurrentMismatchedUploadsAreRejected()
{
    constexpr int uploaders = 50;
    const QByteArray good = wavBytes("g6-good"_ba, 100000);
    const QByteArray bad = wavBytes("g6-bad"_ba, 100000);
    const QString name = md5ext(good, u"wav"_s);
    const QString badOnlyName = md5ext(wavBytes("g6-never"_ba, 100), u"wav"_s);
    QList<HttpRequest> requests;
    for (int i = 0; i < uploaders; ++i) {
        const QByteArray token = m_classroom.students.at(i % 5).token;
        if (i % 3 == 0)
            requests.append(uploadRequest(token, "PUT"_ba, name, good));
        else if (i % 3 == 1)
            requests.append(uploadRequest(token, "PUT"_ba, name, bad));
        else
            requests.append(uploadRequest(token, "POST"_ba, badOnlyName, bad));
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    int created = 0;
    for (int i = 0; i < uploaders; ++i) {
        const HttpReply &reply = replies.at(i);
        if (i % 3 == 0) {
            QVERIFY2(reply.status == 200 || reply.status == 201, qPrintable(describe(reply)));
            created += reply.status == 201;
        } else {
            QVERIFY2(reply.status == 422, qPrintable(describe(reply)));
            QCOMPARE(reply.errorCode(), u"unprocessable"_s);
        }
    }
    QCOMPARE(created, 1);
    Client client(m_server->port());
    client.setBearer(m_classroom.students.first().token);
    QCOMPARE(client.get("/api/v1/assets/"_ba + name.toUtf8()).body, good);
    QCOMPARE(client.get("/api/v1/assets/"_ba + badOnlyName.toUtf8()).status, 404);
    const QString path = m_server->databasePath();
    QCOMPARE(sqlValue(path,
                      u"SELECT count(*) FROM assets WHERE md5 = '%1'"_s.arg(
                          QString::fromLatin1(md5Hex(good))))
                 .toInt(),
             1);
    QCOMPARE(sqlValue(path,
                      u"SELECT count(*) FROM assets WHERE md5 IN ('%1', '%2')"_s.arg(
                          QString::fromLatin1(md5Hex(bad)), badOnlyName.left(32)))
                 .toInt(),
             0);
}

namespace {

// The page-ceiling setup shared by the G7 cases: a server with one student who has one backpack
// item, stopped, measured, and started again with max_page_count a few pages above what the
// database uses, so that a write of more than `fitsBytes` cannot be committed.
struct FullDisk
{
    // PostgreSQL (#15): the database on a small filesystem, filled (tests/support PgSmallDisk).
    // Declared before the TestServer, so that the server's database is dropped first.
    std::unique_ptr<PgSmallDisk> smallDisk;
    Classroom::Account student;
    QByteArray existingBodyPath; // GET path of the stored item's body
    QString databasePath;
    qint64 fitsBytes = 0; // free pages plus headroom, in bytes (an upper bound of what fits)
    int itemRows = 0;
    int assetRows = 0;
};

void startWithFullDisk(TestServer &server, FullDisk &disk, const QString &studentName)
{
    if (TestServer::postgresRequested()) {
        disk.smallDisk = std::make_unique<PgSmallDisk>();
        QVERIFY2(disk.smallDisk->isValid(), qPrintable(disk.smallDisk->errorText()));
    }
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"G7 class"_s, {studentName});
    QCOMPARE(classroom.students.size(), 1);
    disk.student = classroom.students.first();
    {
        Client client(server.port());
        client.setBearer(disk.student.token);
        const HttpReply item = client.post(
            "/api/v1/backpack"_ba, backpackItem(wavBytes("g7-existing"_ba, 1000), pngThumbnail));
        QVERIFY2(item.status == 201, qPrintable(describe(item)));
        const QString bodyUrl = item.object().value("bodyUrl"_L1).toString();
        const QString origin = u"http://127.0.0.1:%1"_s.arg(server.port());
        disk.existingBodyPath =
            (bodyUrl.startsWith(origin) ? bodyUrl.mid(origin.size()) : bodyUrl).toUtf8();
    }
    QVERIFY(server.stop());

    disk.databasePath = server.databasePath();
    disk.itemRows = sqlValue(disk.databasePath, u"SELECT count(*) FROM backpack_items"_s).toInt();
    disk.assetRows = sqlValue(disk.databasePath, u"SELECT count(*) FROM assets"_s).toInt();
    if (disk.smallDisk) {
        // Room for a login and small writes (a few 8 KiB pages), not for a big asset.
        constexpr qint64 leaveFree = 512 * 1024;
        QVERIFY2(disk.smallDisk->moveDatabase(disk.databasePath),
                 qPrintable(disk.smallDisk->errorText()));
        QVERIFY2(disk.smallDisk->fill(leaveFree), qPrintable(disk.smallDisk->errorText()));
        QVERIFY(disk.smallDisk->freeBytes() <= leaveFree);
        disk.fitsBytes = leaveFree;
        QVERIFY2(server.start(), server.output().constData());
        return;
    }
    const qint64 pageCount = sqlValue(disk.databasePath, u"PRAGMA page_count"_s).toLongLong();
    const qint64 freePages = sqlValue(disk.databasePath, u"PRAGMA freelist_count"_s).toLongLong();
    const qint64 pageSize = sqlValue(disk.databasePath, u"PRAGMA page_size"_s).toLongLong();
    QVERIFY(pageCount > 0);
    QVERIFY(pageSize >= 512);
    constexpr qint64 headroomPages = 24; // room for a login and small writes, not for a big asset
    disk.fitsBytes = (freePages + headroomPages) * pageSize;

    server.options().sqliteMaxPageCount = pageCount + headroomPages;
    QVERIFY2(server.start(), server.output().constData());
}

// After a failed backpack save: nothing of it in the file, and the file is sound.
void verifyNothingLeft(const FullDisk &disk, const QByteArray &body, const QByteArray &thumbnail)
{
    const QString &path = disk.databasePath;
    QCOMPARE(sqlValue(path, u"SELECT count(*) FROM backpack_items"_s).toInt(), disk.itemRows);
    QCOMPARE(sqlValue(path, u"SELECT count(*) FROM assets"_s).toInt(), disk.assetRows);
    QCOMPARE(
        sqlValue(path,
                 u"SELECT count(*) FROM assets WHERE md5 IN ('%1', '%2')"_s.arg(
                     QString::fromLatin1(md5Hex(body)), QString::fromLatin1(md5Hex(thumbnail))))
            .toInt(),
        0);
    QCOMPARE(disk.smallDisk ? postgresIntegrityCheck(path)
                            : sqlValue(path, u"PRAGMA integrity_check"_s).toString(),
             u"ok"_s);
}

// Room again (the page ceiling lifted, the filler removed), for the check that the same write
// then succeeds: the 507 came from the full disk.
void makeRoom(TestServer &server, FullDisk &disk)
{
    server.options().sqliteMaxPageCount = 0;
    if (disk.smallDisk)
        QVERIFY(disk.smallDisk->unfill());
}

} // namespace

// G7. The thumbnail is small enough to fit under the ceiling, the body is not. Catches: the item
// or its thumbnail asset committed in a separate transaction before the body, assets left behind
// by a failed item, 500 or a crash instead of 507, and reads that stop working on a full disk.
void TestGuaranteesAssets::g7_backpackSaveOnFullDiskLeavesNothing()
{
    if (TestServer::postgresRequested() && ::geteuid() != 0)
        QSKIP("A full disk on PostgreSQL needs root to mount a small filesystem; tools/test.sh "
              "and CI run as root.");
    FullDisk disk; // before the server: its database is dropped before the small disk goes
    TestServer server;
    startWithFullDisk(server, disk, u"Gus G."_s);
    if (QTest::currentTestFailed())
        return;
    const int bodySize = int(disk.fitsBytes + 2 * 1024 * 1024);
    QVERIFY(bodySize < 5 * 1024 * 1024); // base64 in JSON stays well under 10 MiB
    const QByteArray body = wavBytes("g7-too-big"_ba, bodySize);
    const QByteArray thumbnail = pngThumbnail + "g7 unique thumbnail"_ba;

    Client client(server.port());
    QCOMPARE(client.login(disk.student.username, disk.student.password).status, 201);
    const HttpReply full = client.post("/api/v1/backpack"_ba, backpackItem(body, thumbnail));
    QVERIFY2(full.status == 507, qPrintable(describe(full)));
    QCOMPARE(full.errorCode(), u"insufficient_storage"_s);

    const HttpReply list = client.get("/api/v1/backpack"_ba);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(client.get("/api/v1/assets/"_ba + md5ext(body, u"wav"_s).toUtf8()).status, 404);
    QCOMPARE(client.get("/api/v1/assets/"_ba + md5ext(thumbnail, u"png"_s).toUtf8()).status, 404);
    QCOMPARE(client.get(disk.existingBodyPath).status, 200);
    QCOMPARE(client.get("/api/v1/status"_ba).status, 200);
    QVERIFY(server.stop());
    verifyNothingLeft(disk, body, thumbnail);
    if (QTest::currentTestFailed())
        return;

    // Without the ceiling the same item is stored: the 507 came from the full disk.
    makeRoom(server, disk);
    QVERIFY2(server.start(), server.output().constData());
    Client after(server.port());
    QCOMPARE(after.login(disk.student.username, disk.student.password).status, 201);
    QCOMPARE(after.post("/api/v1/backpack"_ba, backpackItem(body, thumbnail)).status, 201);
    QVERIFY(server.stop());
}

// G7, the mirror case: the body is small enough to fit under the ceiling, the thumbnail (a PNG
// signature and filler; thumbnails are bounded only by the request limit) is not. Catches: the
// body asset committed in its own transaction before the thumbnail and the item (an orphaned
// asset nobody's backpack points at), an item listed without its thumbnail, 500 instead of 507.
void TestGuaranteesAssets::g7_backpackSaveWithOversizedThumbnailOnFullDiskLeavesNothing()
{
    if (TestServer::postgresRequested() && ::geteuid() != 0)
        QSKIP("A full disk on PostgreSQL needs root to mount a small filesystem; tools/test.sh "
              "and CI run as root.");
    FullDisk disk; // before the server: its database is dropped before the small disk goes
    TestServer server;
    startWithFullDisk(server, disk, u"Greta G."_s);
    if (QTest::currentTestFailed())
        return;
    const int thumbnailSize = int(disk.fitsBytes + 2 * 1024 * 1024);
    QVERIFY(thumbnailSize < 5 * 1024 * 1024); // base64 in JSON stays well under the limit
    const QByteArray body = wavBytes("g7-small-body"_ba, 1500);
    QByteArray thumbnail = pngThumbnail.left(8) + "g7 oversized thumbnail"_ba;
    thumbnail.append(incompressibleBytes(thumbnailSize - thumbnail.size(), 2));
    const QString bodyName = md5ext(body, u"wav"_s);

    Client client(server.port());
    QCOMPARE(client.login(disk.student.username, disk.student.password).status, 201);
    const HttpReply full = client.post("/api/v1/backpack"_ba, backpackItem(body, thumbnail));
    QVERIFY2(full.status == 507, qPrintable(describe(full)));
    QCOMPARE(full.errorCode(), u"insufficient_storage"_s);

    const HttpReply orphan = client.get("/api/v1/assets/"_ba + bodyName.toUtf8());
    QVERIFY2(orphan.status == 404,
             qPrintable(u"the body of a failed backpack save is stored: "_s + describe(orphan)));
    QCOMPARE(client.get("/api/v1/assets/"_ba + md5ext(thumbnail, u"png"_s).toUtf8()).status, 404);
    const HttpReply list = client.get("/api/v1/backpack"_ba);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array().size(), 1);
    for (const QJsonValue &item : list.array())
        QVERIFY(!item.toObject().value("bodyUrl"_L1).toString().contains(bodyName));
    QCOMPARE(client.get(disk.existingBodyPath).status, 200);
    QCOMPARE(client.get("/api/v1/status"_ba).status, 200);
    QVERIFY(server.stop());
    verifyNothingLeft(disk, body, thumbnail);
    if (QTest::currentTestFailed())
        return;

    // Without the ceiling the same item is stored: the 507 came from the full disk.
    makeRoom(server, disk);
    QVERIFY2(server.start(), server.output().constData());
    Client after(server.port());
    QCOMPARE(after.login(disk.student.username, disk.student.password).status, 201);
    QCOMPARE(after.post("/api/v1/backpack"_ba, backpackItem(body, thumbnail)).status, 201);
    QCOMPARE(after.get("/api/v1/assets/"_ba + bodyName.toUtf8()).body, body);
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestGuaranteesAssets)
#include "tst_guarantees_assets.moc"
