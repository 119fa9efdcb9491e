// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests of the per-user storage quota (issue #12) against a real server on 127.0.0.1
// started with --student-quota-mb 1: GET /api/v1/me/storage, 507 insufficient_storage for every
// kind of write (projects, versions, copies, thumbnails, .sb3 imports, assets, backpack) with
// nothing kept, shared assets counted once, parallel writers that cannot pass a stale check, and
// freeing space: DELETE /api/v1/projects/{id}?purge=1 and DELETE /api/v1/projects?trash=1; the
// quota from the saved settings with the command line winning, and wrong values refused.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr qint64 quotaBytes = 1'000'000; // --student-quota-mb 1

const QByteArray pngThumbnail =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\x60\x00"
    "\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"_ba;

// An SVG of exactly `size` bytes whose content differs per seed.
QByteArray bigSvg(const QByteArray &seed, qint64 size)
{
    const QByteArray head = "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba + seed + ' ';
    const QByteArray tail = " --></svg>"_ba;
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

// A PNG thumbnail of about `size` bytes (the server sniffs the signature only).
QByteArray bigPng(const QByteArray &seed, qint64 size)
{
    return pngThumbnail + seed + QByteArray(size - pngThumbnail.size() - seed.size(), '\0');
}

QByteArray projectPath(int id, const QByteArray &suffix = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + suffix;
}

QByteArray backpackJson(const QByteArray &body, const QByteArray &thumbnail)
{
    return QJsonDocument(QJsonObject{{u"type"_s, u"costume"_s},
                                     {u"mime"_s, u"image/svg+xml"_s},
                                     {u"name"_s, u"Big costume"_s},
                                     {u"body"_s, QString::fromLatin1(body.toBase64())},
                                     {u"thumbnail"_s, QString::fromLatin1(thumbnail.toBase64())}})
        .toJson(QJsonDocument::Compact);
}

// The kinds of write a student can make, each tried once where it fits and once where it does not.
enum class Write { Create, Save, Rename, Copy, Thumbnail, Import, Asset, Backpack, RestoreVersion };

} // namespace

Q_DECLARE_METATYPE(Write)

class TestQuotaApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void storageStartsEmptyAndCountsProjects();
    void staffHaveNoLimitByDefault();
    void writeOverQuotaIsRefusedAndKeepsNothing_data();
    void writeOverQuotaIsRefusedAndKeepsNothing();
    void existingAssetCostsNothing();
    void parallelUploadsNeverExceedTheQuota();
    void parallelSavesNeverExceedTheQuota();
    void purgeDeletesATrashedProjectForGood();
    void purgeRefusesAProjectNotInTheTrash();
    void purgeIsForTheOwnerOnly_data();
    void purgeIsForTheOwnerOnly();
    void emptyTrashPurgesOnlyMyTrash();
    void purgeMakesRoomForNewWork();
    void anonymousIsUnauthorized_data();
    void anonymousIsUnauthorized();
    void quotaComesFromSettingsAndTheCommandLineWins_data();
    void quotaComesFromSettingsAndTheCommandLineWins();
    void wrongSizeOptionExitsWithTheUsageCode_data();
    void wrongSizeOptionExitsWithTheUsageCode();

private:
    // A fresh student (nothing stored) logged in; its token.
    QByteArray newStudent();
    Client &as(const QByteArray &token);
    qint64 used(const QByteArray &token);
    QString storageError(const HttpReply &reply, qint64 expectedUsed);
    // Creates a project of about `size` bytes; its id (0 on failure).
    int createProject(const QByteArray &token, qint64 size, const QByteArray &marker);

    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    std::unique_ptr<Client> m_client;
    int m_serial = 0;
};

QByteArray TestQuotaApi::newStudent()
{
    const Classroom::Account account = createUser(m_server->port(), m_classroom.adminToken,
                                                  u"quota%1"_s.arg(++m_serial), u"student"_s);
    if (account.id == 0)
        qWarning("could not create a student");
    return account.token;
}

Client &TestQuotaApi::as(const QByteArray &token)
{
    m_client->setBearer(token);
    return *m_client;
}

qint64 TestQuotaApi::used(const QByteArray &token)
{
    const HttpReply reply = as(token).get("/api/v1/me/storage"_ba);
    if (reply.status != 200) {
        qWarning("storage: %s", qPrintable(describe(reply)));
        return -1;
    }
    return static_cast<qint64>(reply.object().value("used_bytes"_L1).toDouble(-1));
}

// Empty when the reply is the 507 of a full quota saying how much is used of how much.
QString TestQuotaApi::storageError(const HttpReply &reply, qint64 expectedUsed)
{
    const QString error = checkError(reply, 507, u"insufficient_storage"_s);
    if (!error.isEmpty())
        return error;
    const QJsonObject body = reply.object();
    if (body.value("quota_bytes"_L1).toDouble() != static_cast<double>(quotaBytes))
        return u"quota_bytes is not the quota: "_s + QString::fromUtf8(reply.body.left(300));
    if (body.value("used_bytes"_L1).toDouble() != static_cast<double>(expectedUsed))
        return u"used_bytes is not %1: "_s.arg(expectedUsed) + QString::fromUtf8(reply.body);
    return {};
}

int TestQuotaApi::createProject(const QByteArray &token, qint64 size, const QByteArray &marker)
{
    const HttpReply reply =
        as(token).post("/api/v1/projects?title=Big"_ba,
                       scratchProject({}, static_cast<int>(size), QString::fromLatin1(marker)));
    if (reply.status != 201) {
        qWarning("create: %s", qPrintable(describe(reply)));
        return 0;
    }
    return reply.object().value("id"_L1).toInt();
}

void TestQuotaApi::initTestCase()
{
    TestServer::Options options;
    options.extraArgs = QStringList{u"--student-quota-mb"_s, u"1"_s};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Quota class"_s,
                                {u"Quinn Q."_s, u"Rosa R."_s});
    QCOMPARE(m_classroom.students.size(), 2);
    m_client = std::make_unique<Client>(m_server->port());
}

void TestQuotaApi::cleanupTestCase()
{
    m_client.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestQuotaApi::storageStartsEmptyAndCountsProjects()
{
    const QByteArray token = newStudent();
    HttpReply reply = as(token).get("/api/v1/me/storage"_ba);
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    QCOMPARE(reply.object().value("used_bytes"_L1).toInt(-1), 0);
    QCOMPARE(reply.object().value("quota_bytes"_L1).toDouble(), static_cast<double>(quotaBytes));

    const QByteArray body = scratchProject({}, 20000, u"counted"_s);
    reply = as(token).post("/api/v1/projects?title=A"_ba, body);
    QCOMPARE(reply.status, 201);
    const int id = reply.object().value("id"_L1).toInt();
    QCOMPARE(used(token), body.size());
    // Every retained version counts: a second save keeps both bodies.
    const QByteArray second = scratchProject({}, 30000, u"second"_s);
    reply = as(token).put(projectPath(id), second, "application/json"_ba,
                          {{"If-Match"_ba, ifMatch(1)}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(used(token), body.size() + second.size());
    // The trash still takes space.
    QCOMPARE(as(token).del(projectPath(id)).status, 204);
    QCOMPARE(used(token), body.size() + second.size());
}

void TestQuotaApi::staffHaveNoLimitByDefault()
{
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const HttpReply reply = admin.get("/api/v1/me/storage"_ba);
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    QVERIFY(reply.object().value("quota_bytes"_L1).isNull());
    // More than a student's whole quota in one project.
    const HttpReply created =
        admin.post("/api/v1/projects?title=Big"_ba, scratchProject({}, 1200 * 1024, u"staff"_s));
    QVERIFY2(statusIs(created, 201), qPrintable(describe(created)));
}

void TestQuotaApi::writeOverQuotaIsRefusedAndKeepsNothing_data()
{
    QTest::addColumn<Write>("write");
    QTest::newRow("create") << Write::Create;
    QTest::newRow("save") << Write::Save;
    QTest::newRow("rename (a new version)") << Write::Rename;
    QTest::newRow("copy") << Write::Copy;
    QTest::newRow("thumbnail") << Write::Thumbnail;
    QTest::newRow("import .sb3") << Write::Import;
    QTest::newRow("asset upload") << Write::Asset;
    QTest::newRow("backpack") << Write::Backpack;
    QTest::newRow("restore a version") << Write::RestoreVersion;
}

void TestQuotaApi::writeOverQuotaIsRefusedAndKeepsNothing()
{
    QFETCH(Write, write);
    const QByteArray token = newStudent();
    const QByteArray tag = QTest::currentDataTag();
    // A project of 400 KB: two more of its size (a version, a copy) do not fit in 1 MB with
    // what we add below, one does. A thumbnail replaces the old one, so that case starts fuller.
    const qint64 base = write == Write::Thumbnail ? 600 * 1024 : 400 * 1024;
    const int id = createProject(token, base, tag);
    QVERIFY(id > 0);
    const qint64 before = used(token);
    QVERIFY(before >= base);

    // First a write that fits, so the refusal below is the quota's and not a broken route.
    auto attempt = [&](int round) -> HttpReply {
        const QByteArray seed = tag + '-' + QByteArray::number(round);
        // Round 0 uses ~300 KB, round 1 another ~400 KB: together beyond the quota.
        const qint64 size = round == 0 ? 300 * 1024 : 400 * 1024;
        Client &client = as(token);
        switch (write) {
        case Write::Create:
            return client.post(
                "/api/v1/projects?title=More"_ba,
                scratchProject({}, static_cast<int>(size), QString::fromLatin1(seed)));
        case Write::Save:
        case Write::Rename:
        case Write::RestoreVersion: {
            const int version =
                client.get(projectPath(id, "/meta")).object().value("version"_L1).toInt();
            if (write == Write::Save || round == 0) {
                // Saves of a project of the same size: every retained version counts.
                return client.put(projectPath(id),
                                  scratchProject({}, 400 * 1024, QString::fromLatin1(seed)),
                                  "application/json"_ba, {{"If-Match"_ba, ifMatch(version)}});
            }
            if (write == Write::Rename) {
                return client.patch(projectPath(id), R"({"title":"Renamed"})"_ba,
                                    "application/json"_ba, {{"If-Match"_ba, ifMatch(version)}});
            }
            return client.post(projectPath(id, "/versions/1/restore"), {}, "application/json"_ba,
                               {{"If-Match"_ba, ifMatch(version)}});
        }
        case Write::Copy:
            if (round == 0)
                return client.post("/api/v1/projects?title=Filler"_ba,
                                   scratchProject({}, 250 * 1024, QString::fromLatin1(seed)));
            return client.post(projectPath(id, "/copy"), {});
        case Write::Thumbnail:
            // 250 KB, then 500 KB in its place (the thumbnail limit is 512 KiB).
            return client.put(projectPath(id, "/thumbnail"),
                              bigPng(seed, round == 0 ? 250 * 1024 : 500 * 1024), "image/png"_ba);
        case Write::Import: {
            const QByteArray svg = bigSvg(seed, size / 2);
            const QString name = md5ext(svg, u"svg"_s);
            const QByteArray sb3 = makeSb3(
                scratchProject({name}, static_cast<int>(size / 2), QString::fromLatin1(seed)),
                {{name, svg}});
            return client.post("/api/v1/projects/import?title=Imported"_ba, sb3,
                               "application/x.scratch.sb3"_ba);
        }
        case Write::Asset: {
            const QByteArray svg = bigSvg(seed, size);
            return client.put("/api/v1/assets/"_ba + md5ext(svg, u"svg"_s).toUtf8(), svg,
                              "image/svg+xml"_ba);
        }
        case Write::Backpack:
            return client.post("/api/v1/backpack"_ba,
                               backpackJson(bigSvg(seed, size - 1000), pngThumbnail + seed));
        }
        return {};
    };

    const HttpReply fits = attempt(0);
    QVERIFY2(statusIsOneOf(fits, {200, 201, 204}), qPrintable(describe(fits)));
    const qint64 afterFirst = used(token);
    QVERIFY2(afterFirst > before, qPrintable(u"%1 -> %2"_s.arg(before).arg(afterFirst)));
    QVERIFY(afterFirst <= quotaBytes);

    const HttpReply refused = attempt(1);
    const QString error = storageError(refused, afterFirst);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Nothing of the refused write stays behind.
    QCOMPARE(used(token), afterFirst);
    const QJsonObject meta = as(token).get(projectPath(id, "/meta")).object();
    if (write == Write::Rename)
        QCOMPARE(meta.value("title"_L1).toString(), u"Big"_s);
    const int projects =
        as(token).get("/api/v1/projects"_ba).object().value("projects"_L1).toArray().size();
    const bool addsProject =
        write == Write::Create || write == Write::Copy || write == Write::Import;
    QCOMPARE(projects, addsProject ? 2 : 1);
}

void TestQuotaApi::existingAssetCostsNothing()
{
    const QByteArray first = newStudent();
    const QByteArray second = newStudent();
    const QByteArray svg = bigSvg("shared", 700 * 1024);
    const QByteArray path = "/api/v1/assets/"_ba + md5ext(svg, u"svg"_s).toUtf8();
    QCOMPARE(as(first).put(path, svg, "image/svg+xml"_ba).status, 201);
    QCOMPARE(used(first), svg.size());

    // The second student fills most of their quota, then "uploads" the same costume: it is
    // already here, so it costs them nothing and is not refused.
    QVERIFY(createProject(second, 700 * 1024, "filler") > 0);
    const qint64 before = used(second);
    const HttpReply again = as(second).put(path, svg, "image/svg+xml"_ba);
    QVERIFY2(statusIs(again, 200), qPrintable(describe(again)));
    QCOMPARE(used(second), before);
    QCOMPARE(used(first), svg.size());
}

void TestQuotaApi::parallelUploadsNeverExceedTheQuota()
{
    // Ten different 200 KB costumes at once from one student: a check outside the write
    // transaction would let all of them read "nothing used yet" and pass.
    const QByteArray token = newStudent();
    constexpr qint64 size = 200 * 1024;
    QList<HttpRequest> requests;
    for (int i = 0; i < 10; ++i) {
        const QByteArray svg = bigSvg("parallel-" + QByteArray::number(i), size);
        HttpRequest request;
        request.method = "PUT";
        request.path = "/api/v1/assets/"_ba + md5ext(svg, u"svg"_s).toUtf8();
        request.headers = bearerHeader(token);
        request.body = svg;
        requests << request;
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    int stored = 0;
    for (const HttpReply &reply : replies) {
        QVERIFY2(reply.status == 201 || reply.status == 507, qPrintable(describe(reply)));
        if (reply.status == 201)
            ++stored;
        else
            QVERIFY(isErrorBody(reply, u"insufficient_storage"_s));
    }
    QCOMPARE(stored, static_cast<int>(quotaBytes / size)); // four fit, the others do not
    QCOMPARE(used(token), stored * size);
    QVERIFY(used(token) <= quotaBytes);
}

void TestQuotaApi::parallelSavesNeverExceedTheQuota()
{
    // Eight new projects of 150 KB at once: six fit into 1 MB.
    const QByteArray token = newStudent();
    QList<HttpRequest> requests;
    QList<qint64> sizes;
    for (int i = 0; i < 8; ++i) {
        HttpRequest request;
        request.method = "POST";
        request.path = "/api/v1/projects?title=P"_ba + QByteArray::number(i);
        request.headers = bearerHeader(token);
        request.headers.append({"Content-Type"_ba, "application/json"_ba});
        request.body = scratchProject({}, 150 * 1024, u"parallel-%1"_s.arg(i));
        sizes << request.body.size();
        requests << request;
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    qint64 stored = 0;
    int created = 0;
    for (int i = 0; i < replies.size(); ++i) {
        QVERIFY2(replies[i].status == 201 || replies[i].status == 507,
                 qPrintable(describe(replies[i])));
        if (replies[i].status == 201) {
            stored += sizes[i];
            ++created;
        }
    }
    QCOMPARE(created, static_cast<int>(quotaBytes / sizes.first()));
    QCOMPARE(used(token), stored);
    QVERIFY(stored <= quotaBytes);
    QCOMPARE(as(token).get("/api/v1/projects"_ba).object().value("projects"_L1).toArray().size(),
             created);
}

void TestQuotaApi::purgeDeletesATrashedProjectForGood()
{
    const QByteArray token = newStudent();
    const int id = createProject(token, 100 * 1024, "purged");
    QVERIFY(id > 0);
    QCOMPARE(as(token).put(projectPath(id, "/thumbnail"), pngThumbnail, "image/png"_ba).status,
             204);
    const int kept = createProject(token, 50 * 1024, "kept");
    QVERIFY(kept > 0);
    const qint64 keptBytes = as(token).get(projectPath(kept)).body.size();
    QCOMPARE(as(token).del(projectPath(id)).status, 204);

    const HttpReply purged = as(token).del(projectPath(id, "?purge=1"));
    QVERIFY2(statusIs(purged, 204), qPrintable(describe(purged)));
    // Gone everywhere: not in the trash, not restorable, no versions or thumbnail left.
    QCOMPARE(as(token).get(projectPath(id, "/meta")).status, 404);
    QCOMPARE(as(token).post(projectPath(id, "/restore"), {}).status, 404);
    QVERIFY(as(token)
                .get("/api/v1/projects?trash=1"_ba)
                .object()
                .value("projects"_L1)
                .toArray()
                .isEmpty());
    const QString where = u" WHERE project_id = %1"_s.arg(id);
    QCOMPARE(sqlValue(m_server->databasePath(), u"SELECT COUNT(*) FROM project_versions"_s + where)
                 .toInt(),
             0);
    QCOMPARE(
        sqlValue(m_server->databasePath(), u"SELECT COUNT(*) FROM project_thumbnails"_s + where)
            .toInt(),
        0);
    QCOMPARE(used(token), keptBytes);
    // Purging it again: there is nothing left.
    QCOMPARE(as(token).del(projectPath(id, "?purge=1")).status, 404);
}

void TestQuotaApi::purgeRefusesAProjectNotInTheTrash()
{
    const QByteArray token = newStudent();
    const int id = createProject(token, 1000, "active");
    QVERIFY(id > 0);
    const HttpReply reply = as(token).del(projectPath(id, "?purge=1"));
    const QString error = checkError(reply, 400, u"bad_request"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(as(token).get(projectPath(id, "/meta")).status, 200);
}

void TestQuotaApi::purgeIsForTheOwnerOnly_data()
{
    QTest::addColumn<QString>("who");
    QTest::newRow("classmate") << u"classmate"_s;
    QTest::newRow("admin") << u"admin"_s;
}

void TestQuotaApi::purgeIsForTheOwnerOnly()
{
    QFETCH(QString, who);
    const QByteArray owner = m_classroom.students.at(0).token;
    const int id = createProject(owner, 1000, QTest::currentDataTag());
    QVERIFY(id > 0);
    QCOMPARE(as(owner).del(projectPath(id)).status, 204);
    const QByteArray other =
        who == u"admin"_s ? m_classroom.adminToken : m_classroom.students.at(1).token;
    const HttpReply reply = as(other).del(projectPath(id, "?purge=1"));
    const QString error = checkError(reply, 403, u"forbidden"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(as(owner).post(projectPath(id, "/restore"), {}).status, 200);
}

void TestQuotaApi::emptyTrashPurgesOnlyMyTrash()
{
    const QByteArray mine = newStudent();
    const QByteArray theirs = newStudent();
    const int active = createProject(mine, 2000, "active");
    const int trashedA = createProject(mine, 3000, "trashed-a");
    const int trashedB = createProject(mine, 4000, "trashed-b");
    const int other = createProject(theirs, 5000, "other");
    for (int id : {active, trashedA, trashedB, other})
        QVERIFY(id > 0);
    QCOMPARE(as(mine).del(projectPath(trashedA)).status, 204);
    QCOMPARE(as(mine).del(projectPath(trashedB)).status, 204);
    QCOMPARE(as(theirs).del(projectPath(other)).status, 204);
    const qint64 activeBytes = as(mine).get(projectPath(active)).body.size();
    const qint64 theirBytes = used(theirs);

    // Without ?trash=1 the collection is not deleted.
    HttpReply reply = as(mine).del("/api/v1/projects"_ba);
    QString error = checkError(reply, 400, u"bad_request"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(
        as(mine).get("/api/v1/projects?trash=1"_ba).object().value("projects"_L1).toArray().size(),
        2);

    reply = as(mine).del("/api/v1/projects?trash=1"_ba);
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    QCOMPARE(reply.object().value("purged"_L1).toInt(), 2);
    QVERIFY(as(mine)
                .get("/api/v1/projects?trash=1"_ba)
                .object()
                .value("projects"_L1)
                .toArray()
                .isEmpty());
    QCOMPARE(as(mine).get(projectPath(active, "/meta")).status, 200);
    QCOMPARE(used(mine), activeBytes);
    // The classmate's trash is untouched.
    QCOMPARE(used(theirs), theirBytes);
    QCOMPARE(as(theirs).post(projectPath(other, "/restore"), {}).status, 200);
    // An empty trash empties again without complaint.
    reply = as(mine).del("/api/v1/projects?trash=1"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("purged"_L1).toInt(), 0);
}

void TestQuotaApi::purgeMakesRoomForNewWork()
{
    const QByteArray token = newStudent();
    const int big = createProject(token, 700 * 1024, "big");
    QVERIFY(big > 0);
    const QByteArray next = scratchProject({}, 500 * 1024, u"next"_s);
    HttpReply reply = as(token).post("/api/v1/projects?title=Next"_ba, next);
    QCOMPARE(reply.status, 507);
    // Moving it to the trash frees nothing; deleting it for good does.
    QCOMPARE(as(token).del(projectPath(big)).status, 204);
    QCOMPARE(as(token).post("/api/v1/projects?title=Next"_ba, next).status, 507);
    QCOMPARE(as(token).del(projectPath(big, "?purge=1")).status, 204);
    reply = as(token).post("/api/v1/projects?title=Next"_ba, next);
    QVERIFY2(statusIs(reply, 201), qPrintable(describe(reply)));
    QCOMPARE(used(token), next.size());
}

void TestQuotaApi::anonymousIsUnauthorized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("storage") << "GET"_ba
                             << "/api/v1/me/storage"_ba;
    QTest::newRow("purge") << "DELETE"_ba
                           << "/api/v1/projects/1?purge=1"_ba;
    QTest::newRow("empty trash") << "DELETE"_ba
                                 << "/api/v1/projects?trash=1"_ba;
}

void TestQuotaApi::anonymousIsUnauthorized()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    Client anonymous(m_server->port());
    HttpRequest request;
    request.method = method;
    request.path = path;
    const QString error = checkError(anonymous.request(request), 401, u"unauthorized"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestQuotaApi::quotaComesFromSettingsAndTheCommandLineWins_data()
{
    QTest::addColumn<QString>("setting"); // quota/studentMB in the settings file; empty: none
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QVariant>("expected"); // quota_bytes of a student; null: no limit
    QTest::newRow("default") << QString() << QStringList() << QVariant(200'000'000.0);
    QTest::newRow("saved setting") << u"3"_s << QStringList() << QVariant(3'000'000.0);
    QTest::newRow("command line wins")
        << u"3"_s << QStringList{u"--student-quota-mb"_s, u"5"_s} << QVariant(5'000'000.0);
    QTest::newRow("0 is no limit") << u"0"_s << QStringList() << QVariant();
}

void TestQuotaApi::quotaComesFromSettingsAndTheCommandLineWins()
{
    QFETCH(QString, setting);
    QFETCH(QStringList, arguments);
    QFETCH(QVariant, expected);
    // The settings file the dashboard writes, in a configuration folder of the test's own.
    QTemporaryDir config;
    QVERIFY(config.isValid());
    if (!setting.isEmpty()) {
        QSettings settings(config.filePath(u"Blockhaus/Blockhaus.conf"_s), QSettings::IniFormat);
        settings.setValue(u"quota/studentMB"_s, setting);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }
    TestServer::Options options;
    options.extraArgs = arguments;
    options.extraEnv.insert(u"XDG_CONFIG_HOME"_s, config.path());
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Settings class"_s, {u"Sam S."_s});
    QCOMPARE(classroom.students.size(), 1);
    Client client(server.port());
    client.setBearer(classroom.students.first().token);
    const HttpReply reply = client.get("/api/v1/me/storage"_ba);
    QVERIFY2(statusIs(reply, 200), qPrintable(describe(reply)));
    const QJsonValue quota = reply.object().value("quota_bytes"_L1);
    if (expected.isValid())
        QCOMPARE(quota.toDouble(), expected.toDouble());
    else
        QVERIFY2(quota.isNull(), qPrintable(describe(reply)));
    QVERIFY(server.stop());
}

void TestQuotaApi::wrongSizeOptionExitsWithTheUsageCode_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    for (const QString &option :
         {u"student-quota-mb"_s, u"teacher-quota-mb"_s, u"library-cache-mb"_s}) {
        for (const QString &value : {u"-1"_s, u"lots"_s, u"99999999999"_s})
            QTest::addRow("%s %s", qPrintable(option), qPrintable(value)) << option << value;
    }
}

void TestQuotaApi::wrongSizeOptionExitsWithTheUsageCode()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    QProcess process;
    process.start(QStringLiteral(BLOCKHAUS_BINARY),
                  {u"--headless"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                   u"--data-dir"_s, dataDir.path(), u"--"_s + option, value});
    QVERIFY(process.waitForFinished(30'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains(option.toUtf8()), errors.constData());
}

QTEST_GUILESS_MAIN(TestQuotaApi)
#include "tst_quotaapi.moc"
