// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for .sb3 import and export (API.md Projects: import and /sb3): assets are
// stored deduplicated, a round trip keeps everything, and broken or hostile archives are refused
// with 422 leaving nothing behind.

#include <cstring>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

#include <zip.h>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

struct ZipEntry
{
    QByteArray name;
    QByteArray data;
    zip_uint64_t zeros = 0; // > 0: the entry is this many zero bytes, streamed (for zip bombs)
};

// A libzip source producing `size` zero bytes without holding them in memory.
struct ZeroSource
{
    zip_uint64_t size = 0;
    zip_uint64_t offset = 0;
    zip_error_t error;
};

zip_int64_t zeroSourceCallback(void *userdata, void *data, zip_uint64_t length,
                               zip_source_cmd_t cmd)
{
    auto *source = static_cast<ZeroSource *>(userdata);
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        source->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const zip_uint64_t n = std::min(length, source->size - source->offset);
        std::memset(data, 0, n);
        source->offset += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        auto *stat = static_cast<zip_stat_t *>(data);
        zip_stat_init(stat);
        stat->size = source->size;
        stat->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&source->error);
        delete source;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

// Writes a deflated zip in memory with exactly the given entry names (no sanitising).
QByteArray makeZip(const QList<ZipEntry> &entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *archiveSource = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t *archive =
        archiveSource ? zip_open_from_source(archiveSource, ZIP_TRUNCATE, &error) : nullptr;
    zip_error_fini(&error);
    if (!archive) {
        if (archiveSource)
            zip_source_free(archiveSource);
        return {};
    }
    zip_source_keep(archiveSource);
    for (const ZipEntry &entry : entries) {
        zip_source_t *source = nullptr;
        if (entry.zeros > 0) {
            auto *zeros = new ZeroSource;
            zeros->size = entry.zeros;
            zip_error_init(&zeros->error);
            source = zip_source_function(archive, zeroSourceCallback, zeros);
            if (!source) {
                zip_error_fini(&zeros->error);
                delete zeros;
            }
        } else {
            source = zip_source_buffer(archive, entry.data.constData(),
                                       static_cast<zip_uint64_t>(entry.data.size()), 0);
        }
        const zip_int64_t index =
            source ? zip_file_add(archive, entry.name.constData(), source, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (source)
                zip_source_free(source);
            zip_discard(archive);
            zip_source_free(archiveSource);
            return {};
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
    }
    if (zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(archiveSource);
        return {};
    }
    QByteArray result;
    if (zip_source_open(archiveSource) == 0) {
        if (zip_source_seek(archiveSource, 0, SEEK_END) == 0) {
            const zip_int64_t size = zip_source_tell(archiveSource);
            zip_source_seek(archiveSource, 0, SEEK_SET);
            result.resize(static_cast<qsizetype>(size));
            if (zip_source_read(archiveSource, result.data(), static_cast<zip_uint64_t>(size))
                != size)
                result.clear();
        }
        zip_source_close(archiveSource);
    }
    zip_source_free(archiveSource);
    return result;
}

QMap<QString, QByteArray> unzip(const QByteArray &archive)
{
    QMap<QString, QByteArray> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(
        archive.constData(), static_cast<zip_uint64_t>(archive.size()), 0, &error);
    zip_t *zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    zip_error_fini(&error);
    if (!zip) {
        if (source)
            zip_source_free(source);
        return entries;
    }
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0)
            continue;
        zip_file_t *file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        if (!file)
            continue;
        QByteArray data(static_cast<qsizetype>(stat.size), Qt::Uninitialized);
        const zip_int64_t read = zip_fread(file, data.data(), stat.size);
        zip_fclose(file);
        if (read == static_cast<zip_int64_t>(stat.size))
            entries.insert(QString::fromUtf8(stat.name), data);
    }
    zip_discard(zip);
    return entries;
}

QJsonObject parseObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

constexpr zip_uint64_t mib = 1024 * 1024;

} // namespace

class TestSb3Api : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void importCreatesProjectAndStoresAssets_data();
    void importCreatesProjectAndStoresAssets();
    void importDeduplicatesAssets();
    void importMayUseAssetsTheServerHas();
    void importReportsMissingAssets();
    void exportThenImportKeepsProjectAndAssets();
    void brokenArchiveIsRejectedAndNothingStored_data();
    void brokenArchiveIsRejectedAndNothingStored();
    void otherContentTypeIsUnsupported();
    void anonymousImportIsUnauthorized();

private:
    HttpReply import(const QByteArray &sb3,
                     const QByteArray &contentType = "application/x.scratch.sb3"_ba,
                     const QByteArray &token = {});
    int projectCount();
    int assetStatus(const QString &name);

    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    QByteArray m_token;
};

HttpReply TestSb3Api::import(const QByteArray &sb3, const QByteArray &contentType,
                             const QByteArray &token)
{
    Client client(m_server->port());
    client.setBearer(token.isEmpty() ? m_token : token);
    if (token == "anonymous")
        client.setBearer({});
    return client.post("/api/v1/projects/import?title=Imported"_ba, sb3, contentType);
}

int TestSb3Api::projectCount()
{
    Client client(m_server->port());
    client.setBearer(m_token);
    const HttpReply reply = client.get("/api/v1/projects"_ba);
    return reply.status == 200 ? int(reply.object().value("projects"_L1).toArray().size()) : -1;
}

int TestSb3Api::assetStatus(const QString &name)
{
    Client client(m_server->port());
    client.setBearer(m_token);
    return client.get("/api/v1/assets/"_ba + name.toUtf8()).status;
}

void TestSb3Api::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Sb3 class"_s, {u"Ida I."_s});
    QCOMPARE(m_classroom.students.size(), 1);
    m_token = m_classroom.students.first().token;
    QVERIFY(!m_token.isEmpty());
}

void TestSb3Api::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestSb3Api::importCreatesProjectAndStoresAssets_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("seed");
    QTest::newRow("application/x.scratch.sb3") << "application/x.scratch.sb3"_ba << 5001;
    QTest::newRow("application/zip") << "application/zip"_ba << 5011;
}

void TestSb3Api::importCreatesProjectAndStoresAssets()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, seed);
    const QByteArray svg1 = svgAsset(seed);
    const QByteArray svg2 = svgAsset(seed + 1);
    const QString name1 = md5ext(svg1, u"svg"_s);
    const QString name2 = md5ext(svg2, u"svg"_s);
    const QByteArray project = scratchProject({name1, name2}, 0, u"import-marker"_s);
    const int before = projectCount();

    const HttpReply reply = import(makeSb3(project, {{name1, svg1}, {name2, svg2}}), contentType);
    QCOMPARE(reply.status, 201);
    const QJsonObject meta = reply.object();
    const int id = meta.value("id"_L1).toInt();
    QVERIFY(id > 0);
    QCOMPARE(meta.value("version"_L1).toInt(), 1);
    QCOMPARE(meta.value("title"_L1).toString(), u"Imported"_s);
    QCOMPARE(meta.value("owner"_L1).toObject().value("id"_L1).toInt(),
             m_classroom.students.first().id);
    QCOMPARE(projectCount(), before + 1);

    Client client(m_server->port());
    client.setBearer(m_token);
    QCOMPARE(parseObject(client.get("/api/v1/projects/"_ba + QByteArray::number(id)).body),
             parseObject(project));
    for (const auto &[name, bytes] : {qMakePair(name1, svg1), qMakePair(name2, svg2)}) {
        const HttpReply asset = client.get("/api/v1/assets/"_ba + name.toUtf8());
        QCOMPARE(asset.status, 200);
        QCOMPARE(asset.body, bytes);
    }
}

void TestSb3Api::importDeduplicatesAssets()
{
    const QByteArray svg = svgAsset(5101);
    const QString name = md5ext(svg, u"svg"_s);
    const QByteArray sb3 = makeSb3(scratchProject({name}, 0, u"dedup"_s), {{name, svg}});
    const HttpReply first = import(sb3);
    const HttpReply second = import(sb3);
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QVERIFY(first.object().value("id"_L1).toInt() != second.object().value("id"_L1).toInt());
    // The asset exists exactly once: uploading the same bytes reports "already existed".
    Client client(m_server->port());
    client.setBearer(m_token);
    const HttpReply upload =
        client.put("/api/v1/assets/"_ba + name.toUtf8(), svg, "image/svg+xml"_ba);
    QCOMPARE(upload.status, 200);
}

void TestSb3Api::importMayUseAssetsTheServerHas()
{
    const QByteArray onServer = svgAsset(5201);
    const QByteArray inArchive = svgAsset(5202);
    const QString serverName = md5ext(onServer, u"svg"_s);
    const QString archiveName = md5ext(inArchive, u"svg"_s);
    Client client(m_server->port());
    client.setBearer(m_token);
    QCOMPARE(
        client.put("/api/v1/assets/"_ba + serverName.toUtf8(), onServer, "image/svg+xml"_ba).status,
        201);
    const HttpReply reply =
        import(makeSb3(scratchProject({serverName, archiveName}), {{archiveName, inArchive}}));
    QCOMPARE(reply.status, 201);
    QCOMPARE(assetStatus(archiveName), 200);
}

void TestSb3Api::importReportsMissingAssets()
{
    const QByteArray present = svgAsset(5301);
    const QString presentName = md5ext(present, u"svg"_s);
    const QString missingName = md5ext(svgAsset(5302), u"svg"_s);
    const int before = projectCount();
    const HttpReply reply =
        import(makeSb3(scratchProject({presentName, missingName}), {{presentName, present}}));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.errorCode(), u"unprocessable"_s);
    QCOMPARE(reply.object().value("missing_assets"_L1).toArray(), QJsonArray{missingName});
    QCOMPARE(projectCount(), before);
    // G5: the archive's other assets are not left behind by a refused import.
    QCOMPARE(assetStatus(presentName), 404);
}

void TestSb3Api::exportThenImportKeepsProjectAndAssets()
{
    Client client(m_server->port());
    client.setBearer(m_token);
    const QByteArray svg = svgAsset(5401);
    const QByteArray wav = "RIFF\x24\x00\x00\x00WAVEfmt round trip"_ba;
    const QString svgName = md5ext(svg, u"svg"_s);
    const QString wavName = md5ext(wav, u"wav"_s);
    QVERIFY(client.put("/api/v1/assets/"_ba + svgName.toUtf8(), svg, "image/svg+xml"_ba).status
                / 100
            == 2);
    QVERIFY(client.put("/api/v1/assets/"_ba + wavName.toUtf8(), wav, "audio/wav"_ba).status / 100
            == 2);
    // A project with a costume (from the fixture) and a sound added by hand.
    QJsonObject project = parseObject(scratchProject({svgName}, 2000, u"round-trip"_s));
    QJsonArray targets = project.value("targets"_L1).toArray();
    QJsonObject stage = targets.at(0).toObject();
    stage.insert(u"sounds"_s,
                 QJsonArray{QJsonObject{{u"name"_s, u"pop"_s},
                                        {u"assetId"_s, wavName.left(32)},
                                        {u"dataFormat"_s, u"wav"_s},
                                        {u"md5ext"_s, wavName},
                                        {u"format"_s, u""_s},
                                        {u"rate"_s, 48000},
                                        {u"sampleCount"_s, 1}}});
    targets.replace(0, stage);
    project.insert(u"targets"_s, targets);
    const QByteArray body = QJsonDocument(project).toJson(QJsonDocument::Compact);
    const HttpReply created = client.post("/api/v1/projects?title=Round"_ba, body);
    QCOMPARE(created.status, 201);
    const QByteArray id = QByteArray::number(created.object().value("id"_L1).toInt());

    const HttpReply exported = client.get("/api/v1/projects/"_ba + id + "/sb3"_ba);
    QCOMPARE(exported.status, 200);
    const QMap<QString, QByteArray> entries = unzip(exported.body);
    QCOMPARE(entries.value(svgName), svg);
    QCOMPARE(entries.value(wavName), wav);

    const HttpReply imported = import(exported.body);
    QCOMPARE(imported.status, 201);
    const QByteArray newId = QByteArray::number(imported.object().value("id"_L1).toInt());
    QVERIFY(newId != id);
    QCOMPARE(parseObject(client.get("/api/v1/projects/"_ba + newId).body), project);

    const QMap<QString, QByteArray> again =
        unzip(client.get("/api/v1/projects/"_ba + newId + "/sb3"_ba).body);
    QCOMPARE(parseObject(again.value(u"project.json"_s)), project);
    QCOMPARE(again.value(svgName), svg);
    QCOMPARE(again.value(wavName), wav);
}

void TestSb3Api::brokenArchiveIsRejectedAndNothingStored_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<QString>("uniqueAsset"); // in the archive; must not be stored

    int seed = 5500;
    const auto next = [&seed](QString *name, QByteArray *bytes) {
        *bytes = svgAsset(++seed);
        *name = md5ext(*bytes, u"svg"_s);
    };
    QString name;
    QByteArray svg;

    next(&name, &svg);
    QTest::newRow("not a zip") << "this is not a zip file "_ba + svg << name;

    next(&name, &svg);
    const QByteArray whole = makeSb3(scratchProject({name}), {{name, svg}});
    QTest::newRow("truncated zip") << whole.left(whole.size() / 2) << name;
    QTest::newRow("truncated central directory") << whole.left(whole.size() - 10) << name;

    next(&name, &svg);
    QTest::newRow("empty") << QByteArray() << name;

    next(&name, &svg);
    QTest::newRow("without project.json") << makeZip({{name.toUtf8(), svg}}) << name;

    next(&name, &svg);
    QTest::newRow("project.json not json")
        << makeSb3("{\"targets\": [ oops"_ba, {{name, svg}}) << name;

    next(&name, &svg);
    QTest::newRow("project.json not scratch 3")
        << makeSb3("{\"objName\":\"Stage\",\"children\":[]}"_ba, {{name, svg}}) << name;

    next(&name, &svg);
    QTest::newRow("parent traversal") << makeZip({{"project.json"_ba, scratchProject({name})},
                                                  {name.toUtf8(), svg},
                                                  {"../evil.svg"_ba, svgAsset(7000)}})
                                      << name;

    next(&name, &svg);
    QTest::newRow("parent traversal as asset name")
        << makeZip({{"project.json"_ba, scratchProject({name})}, {"../"_ba + name.toUtf8(), svg}})
        << name;

    next(&name, &svg);
    QTest::newRow("absolute path") << makeZip({{"project.json"_ba, scratchProject({name})},
                                               {name.toUtf8(), svg},
                                               {"/etc/evil.svg"_ba, svgAsset(7001)}})
                                   << name;

    next(&name, &svg);
    QTest::newRow("entry in a folder") << makeZip({{"project.json"_ba, scratchProject({name})},
                                                   {name.toUtf8(), svg},
                                                   {"folder/x.svg"_ba, svgAsset(7002)}})
                                       << name;

    next(&name, &svg);
    QTest::newRow("backslash traversal") << makeZip({{"project.json"_ba, scratchProject({name})},
                                                     {name.toUtf8(), svg},
                                                     {"..\\evil.svg"_ba, svgAsset(7003)}})
                                         << name;

    next(&name, &svg);
    {
        QList<ZipEntry> entries{{"project.json"_ba, scratchProject({name}), 0},
                                {name.toUtf8(), svg, 0}};
        for (int i = 0; entries.size() <= 1000; ++i)
            entries.append(
                {"extra-"_ba + QByteArray::number(i) + ".txt"_ba, QByteArray::number(i), 0});
        QTest::newRow("1001 entries") << makeZip(entries) << name;
    }

    next(&name, &svg);
    {
        // One entry inflating to 300 MiB: past the 10 MiB asset limit and the 200 MiB total.
        const QByteArray bomb = makeZip({{"project.json"_ba, scratchProject({name}), 0},
                                         {name.toUtf8(), svg, 0},
                                         {"bomb.wav"_ba, {}, 300 * mib}});
        QVERIFY(!bomb.isEmpty() && bomb.size() < 5 * 1024 * 1024);
        QTest::newRow("zip bomb entry") << bomb << name;
    }

    next(&name, &svg);
    {
        // Each entry below the 10 MiB asset limit, together past the 200 MiB total.
        QList<ZipEntry> entries{{"project.json"_ba, scratchProject({name}), 0},
                                {name.toUtf8(), svg, 0}};
        for (int i = 0; i < 25; ++i)
            entries.append({"zeros-"_ba + QByteArray::number(i) + ".wav"_ba, {}, 9 * mib});
        const QByteArray bomb = makeZip(entries);
        QVERIFY(!bomb.isEmpty() && bomb.size() < 5 * 1024 * 1024);
        QTest::newRow("zip bomb total") << bomb << name;
    }

    next(&name, &svg);
    {
        // project.json itself inflating past the 10 MiB project limit.
        const QByteArray bomb =
            makeZip({{"project.json"_ba, {}, 64 * mib}, {name.toUtf8(), svg, 0}});
        QVERIFY(!bomb.isEmpty());
        QTest::newRow("project.json bomb") << bomb << name;
    }
}

void TestSb3Api::brokenArchiveIsRejectedAndNothingStored()
{
    QFETCH(QByteArray, archive);
    QFETCH(QString, uniqueAsset);
    const int before = projectCount();
    QVERIFY(before >= 0);
    const HttpReply reply = import(archive);
    QVERIFY2(reply.status == 422,
             qPrintable(u"%1 %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body.left(300)))));
    QCOMPARE(reply.errorCode(), u"unprocessable"_s);
    QVERIFY(!reply.object().value("message"_L1).toString().isEmpty());
    QCOMPARE(projectCount(), before);
    QCOMPARE(assetStatus(uniqueAsset), 404);
    // The server is still healthy.
    Client client(m_server->port());
    const HttpReply status = client.get("/api/v1/status"_ba);
    QCOMPARE(status.status, 200);
    QCOMPARE(status.object().value("status"_L1).toString(), u"ok"_s);
    QVERIFY(m_server->isRunning());
}

void TestSb3Api::otherContentTypeIsUnsupported()
{
    const QByteArray svg = svgAsset(5601);
    const QString name = md5ext(svg, u"svg"_s);
    const int before = projectCount();
    const HttpReply reply = import(makeSb3(scratchProject({name}), {{name, svg}}), "text/plain"_ba);
    QCOMPARE(reply.status, 415);
    QCOMPARE(reply.errorCode(), u"unsupported_media_type"_s);
    QCOMPARE(projectCount(), before);
    QCOMPARE(assetStatus(name), 404);
}

void TestSb3Api::anonymousImportIsUnauthorized()
{
    const QByteArray svg = svgAsset(5701);
    const QString name = md5ext(svg, u"svg"_s);
    const HttpReply reply = import(makeSb3(scratchProject({name}), {{name, svg}}),
                                   "application/x.scratch.sb3"_ba, "anonymous"_ba);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), u"unauthorized"_s);
    QCOMPARE(assetStatus(name), 404);
}

QTEST_GUILESS_MAIN(TestSb3Api)
#include "tst_sb3api.moc"
