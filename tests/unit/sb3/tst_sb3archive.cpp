// SPDX-License-Identifier: AGPL-3.0-or-later
// Sb3::readSb3 / writeSb3 (round trip, broken archives, path tricks, zip-bomb caps counted on
// inflated bytes) and the asset-name helpers of assetname.h (names, formats, thumbnails).
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include "server/sb3/assetname.h"
#include "server/sb3/sb3archive.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

constexpr qint64 kib = 1024;
constexpr qint64 mib = 1024 * kib;
const QString md5a = u"83a9787d4cb6f3b7632b4ddfebf74367"_s;
const QByteArray projectJson = R"({"targets":[],"meta":{"semver":"3.0.0"}})";

struct ZipEntry
{
    QByteArray name; // raw bytes, so that the reader sees exactly these
    QByteArray data;
    bool stored = false; // no compression, so a test can find and damage the bytes
    bool directory = false;
};

// Builds a zip in memory with libzip, bypassing every check of writeSb3; empty on failure.
// The entries' bytes are referenced, not copied, until zip_close.
QByteArray buildZip(const QList<ZipEntry> &entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_error_fini(&error);
    if (!target)
        return {};
    zip_source_keep(target);
    zip_t *archive = zip_open_from_source(target, ZIP_TRUNCATE, nullptr);
    if (!archive) {
        zip_source_free(target);
        return {};
    }
    bool ok = true;
    for (const ZipEntry &entry : entries) {
        zip_int64_t index = -1;
        if (entry.directory) {
            index = zip_dir_add(archive, entry.name.constData(), ZIP_FL_ENC_GUESS);
        } else if (zip_source_t *source =
                       zip_source_buffer(archive, entry.data.constData(),
                                         static_cast<zip_uint64_t>(entry.data.size()), 0)) {
            index = zip_file_add(archive, entry.name.constData(), source, ZIP_FL_ENC_GUESS);
            if (index < 0)
                zip_source_free(source);
            else if (entry.stored)
                zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE,
                                         0);
        }
        if (index < 0) {
            qWarning() << "cannot add" << entry.name << zip_strerror(archive);
            ok = false;
            break;
        }
    }
    if (!ok || zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(target);
        return {};
    }
    QByteArray out;
    zip_stat_t stat;
    if (zip_source_open(target) == 0) {
        if (zip_source_stat(target, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE)) {
            out.resize(static_cast<qsizetype>(stat.size));
            if (zip_source_read(target, out.data(), stat.size)
                != static_cast<zip_int64_t>(stat.size))
                out.clear();
        }
        zip_source_close(target);
    }
    zip_source_free(target);
    return out;
}

QByteArray allByteValues()
{
    QByteArray bytes;
    for (int round = 0; round < 4; ++round) {
        for (int value = 0; value < 256; ++value)
            bytes.append(static_cast<char>(value));
    }
    return bytes;
}

} // namespace

class TestSb3Archive : public QObject
{
    Q_OBJECT

private slots:
    void writeThenReadRoundTrip();
    void writeThenReadProjectOnly();
    void writeFileThenReadRoundTrip();
    void writeFileFailingLoadLeavesNothing();
    void importReadsOnlyReferencedEntries();
    void writtenArchiveStartsWithProjectJson();
    void refusesWhatIsNotAZip_data();
    void refusesWhatIsNotAZip();
    void refusesTruncatedZip_data();
    void refusesTruncatedZip();
    void refusesDamagedEntry();
    void refusesArchiveWithoutProjectJson();
    void refusesUnsafeEntryNames_data();
    void refusesUnsafeEntryNames();
    void skipsDirectoryEntries();
    void entryCountIsCapped_data();
    void entryCountIsCapped();
    void entrySizeIsCappedOnInflatedBytes_data();
    void entrySizeIsCappedOnInflatedBytes();
    void entrySizeIsCappedWhateverTheHeadersClaim();
    void totalSizeIsCappedOnInflatedBytes_data();
    void totalSizeIsCappedOnInflatedBytes();

    void parsesAssetNames_data();
    void parsesAssetNames();
    void contentTypeFollowsFormat_data();
    void contentTypeFollowsFormat();
    void md5HexIsLowerCase();
    void sniffsThumbnails_data();
    void sniffsThumbnails();
    void thumbnailFormatFollowsMime();
};

void TestSb3Archive::writeThenReadRoundTrip()
{
    const QList<Sb3::ArchiveFile> files{
        {md5a + u".svg"_s, QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")},
        {u"cd21514d0531fdffb22204e0ec5ed84a.wav"_s, allByteValues()},
        {u"b7853f557e4426412e64bb3da6531a99.png"_s, QByteArray(300 * 1024, 'x')},
        {u"0123456789abcdef0123456789abcdef.json"_s, QByteArray()},
    };
    const auto written = Sb3::writeSb3(projectJson, files);
    QVERIFY(written.ok());
    QVERIFY(written->startsWith("PK\x03\x04"));

    const auto read = Sb3::readSb3(*written);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read->projectJson, projectJson);
    QCOMPARE(read->files.size(), files.size());
    for (qsizetype i = 0; i < files.size(); ++i) {
        QCOMPARE(read->files.at(i).name, files.at(i).name);
        QCOMPARE(read->files.at(i).data, files.at(i).data);
    }
}

void TestSb3Archive::writeFileThenReadRoundTrip()
{
    // The streamed export: each entry is loaded once, while the archive is written.
    const QList<Sb3::ArchiveFile> files{
        {md5a + u".svg"_s, QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")},
        {u"cd21514d0531fdffb22204e0ec5ed84a.wav"_s, allByteValues()},
        {u"b7853f557e4426412e64bb3da6531a99.png"_s, QByteArray(300 * 1024, 'x')},
        {u"0123456789abcdef0123456789abcdef.json"_s, QByteArray()},
    };
    QList<int> loads(files.size(), 0);
    QList<Sb3::LazyArchiveFile> lazy;
    for (qsizetype i = 0; i < files.size(); ++i) {
        lazy.append({files.at(i).name, [&files, &loads, i]() -> Result<QByteArray> {
                         ++loads[i];
                         return files.at(i).data;
                     }});
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"out.sb3"_s);
    const auto written = Sb3::writeSb3File(path, projectJson, lazy);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QCOMPARE(loads, QList<int>(files.size(), 1));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("PK\x03\x04"));
    const auto read = Sb3::readSb3(bytes);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read->projectJson, projectJson);
    QCOMPARE(read->files.size(), files.size());
    for (qsizetype i = 0; i < files.size(); ++i) {
        QCOMPARE(read->files.at(i).name, files.at(i).name);
        QCOMPARE(read->files.at(i).data, files.at(i).data);
    }
}

void TestSb3Archive::writeFileFailingLoadLeavesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"out.sb3"_s);
    const QList<Sb3::LazyArchiveFile> lazy{
        {md5a + u".svg"_s, []() -> Result<QByteArray> { return QByteArray("<svg/>"); }},
        {u"cd21514d0531fdffb22204e0ec5ed84a.wav"_s,
         []() -> Result<QByteArray> { return makeError(ErrorKind::NotFound, u"gone"_s); }},
    };
    const auto written = Sb3::writeSb3File(path, projectJson, lazy);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().kind, ErrorKind::NotFound); // the load's own error
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestSb3Archive::importReadsOnlyReferencedEntries()
{
    // A project naming one costume, and an archive that also carries an entry it never names:
    // an import keeps only what the project names, but still counts the rest against the caps.
    const QByteArray named = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    const QByteArray project =
        R"({"targets":[{"isStage":true,"name":"Stage","sounds":[],"costumes":[)"
        R"({"name":"a","md5ext":"83a9787d4cb6f3b7632b4ddfebf74367.svg"}]}],)"
        R"("monitors":[],"extensions":[],"meta":{"semver":"3.0.0","vm":"0.2.0"}})";
    const QByteArray zip = buildZip({
        {"cd21514d0531fdffb22204e0ec5ed84a.wav", QByteArray(mib / 2, '\0')},
        {"project.json", project},
        {"83a9787d4cb6f3b7632b4ddfebf74367.svg", named},
    });
    QVERIFY(!zip.isEmpty());
    Sb3::ArchiveLimits limits;
    QCOMPARE(Sb3::readSb3(zip, limits)->files.size(), 2); // read whole: both entries

    limits.onlyReferencedEntries = true;
    const auto read = Sb3::readSb3(zip, limits);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read->projectJson, project);
    QCOMPARE(read->files.size(), 1);
    QCOMPARE(read->files.first().name, md5a + u".svg"_s);
    QCOMPARE(read->files.first().data, named);

    limits.maxEntrySize = mib / 4; // the unnamed entry is still measured
    QVERIFY(!Sb3::readSb3(zip, limits).ok());
}

void TestSb3Archive::writeThenReadProjectOnly()
{
    const auto written = Sb3::writeSb3(projectJson, {});
    QVERIFY(written.ok());
    const auto read = Sb3::readSb3(*written);
    QVERIFY(read.ok());
    QCOMPARE(read->projectJson, projectJson);
    QVERIFY(read->files.isEmpty());
}

void TestSb3Archive::writtenArchiveStartsWithProjectJson()
{
    const auto written = Sb3::writeSb3(projectJson, {{md5a + u".svg"_s, QByteArray("<svg/>")}});
    QVERIFY(written.ok());
    // The first local file header (30 bytes) is followed by the first entry's name.
    QCOMPARE(written->mid(30, 12), QByteArray("project.json"));
}

void TestSb3Archive::refusesWhatIsNotAZip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why");
    // libzip reads zero bytes as an empty archive; either sentence tells the teacher enough.
    QTest::newRow("empty") << QByteArray() << u"no project.json"_s;
    QTest::newRow("text") << QByteArray("this is not a zip archive at all") << u"not a zip"_s;
    QTest::newRow("project.json itself") << projectJson << u"not a zip"_s;
    QTest::newRow("zip magic only") << QByteArray("PK\x03\x04", 4) << u"not a zip"_s;
    QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << u"not a zip"_s;
}

void TestSb3Archive::refusesWhatIsNotAZip()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    const auto read = Sb3::readSb3(bytes);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.contains(why), qPrintable(read.error().message));
}

void TestSb3Archive::refusesTruncatedZip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const auto written = Sb3::writeSb3(projectJson, {{md5a + u".svg"_s, allByteValues()}});
    QVERIFY(written.ok());
    const QByteArray &whole = *written;
    QTest::newRow("first 30 bytes") << whole.left(30);
    QTest::newRow("first half") << whole.left(whole.size() / 2);
    QTest::newRow("all but the directory end") << whole.left(whole.size() - 22);
    QTest::newRow("all but 10 bytes") << whole.left(whole.size() - 10);
    QTest::newRow("all but 1 byte") << whole.left(whole.size() - 1);
}

void TestSb3Archive::refusesTruncatedZip()
{
    QFETCH(QByteArray, bytes);
    const auto read = Sb3::readSb3(bytes);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.startsWith(u"This .sb3 file cannot be used"_s),
             qPrintable(read.error().message));
}

void TestSb3Archive::refusesDamagedEntry()
{
    // A stored (uncompressed) entry whose bytes are changed after writing: its CRC no longer
    // matches, which only reading the entry can tell.
    const QByteArray payload = "BLOCKHAUS-PAYLOAD-" + QByteArray(1000, 'p');
    QByteArray zip =
        buildZip({{"project.json", projectJson}, {(md5a + u".svg"_s).toLatin1(), payload, true}});
    QVERIFY(!zip.isEmpty());
    const qsizetype at = zip.indexOf("BLOCKHAUS-PAYLOAD-");
    QVERIFY(at > 0);
    zip[at + 20] = 'q';
    const auto read = Sb3::readSb3(zip);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.contains(u"damaged"_s), qPrintable(read.error().message));
}

void TestSb3Archive::refusesArchiveWithoutProjectJson()
{
    const QByteArray zip =
        buildZip({{(md5a + u".svg"_s).toLatin1(), "<svg/>"}, {"Project.json", projectJson}});
    QVERIFY(!zip.isEmpty());
    const auto read = Sb3::readSb3(zip);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.contains(u"no project.json"_s), qPrintable(read.error().message));
}

void TestSb3Archive::refusesUnsafeEntryNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("folder") << QByteArray("costumes/a.svg");
    QTest::newRow("project.json in a folder") << QByteArray("sub/project.json");
    QTest::newRow("parent reference") << QByteArray("../a.svg");
    QTest::newRow("deep parent reference") << QByteArray("a/../../etc/cron.d/x");
    QTest::newRow("dot dot") << QByteArray("..");
    QTest::newRow("dot") << QByteArray(".");
    QTest::newRow("backslash") << QByteArray("costumes\\a.svg");
    QTest::newRow("backslash parent") << QByteArray("..\\..\\a.svg");
    QTest::newRow("absolute path") << QByteArray("/etc/passwd");
    QTest::newRow("drive letter") << QByteArray("C:evil.svg");
    QTest::newRow("newline") << QByteArray("a\nb.svg");
    QTest::newRow("tab") << QByteArray("a\tb.svg");
    QTest::newRow("control character") << QByteArray("a\x01"
                                                     "b.svg");
    QTest::newRow("escape") << QByteArray("a\x1b[31mb.svg");
    QTest::newRow("delete") << QByteArray("a\x7f"
                                          "b.svg");
    QTest::newRow("too long") << QByteArray(256, 'a');
}

void TestSb3Archive::refusesUnsafeEntryNames()
{
    QFETCH(QByteArray, name);
    const QByteArray zip = buildZip({{"project.json", projectJson}, {name, "data"}});
    QVERIFY(!zip.isEmpty());
    const auto read = Sb3::readSb3(zip);
    if (read.ok()) {
        QFAIL(qPrintable(
            u"accepted; the entry reads back as \u201c%1\u201d"_s.arg(read->files.value(0).name)));
    }
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.contains(u"is not allowed"_s), qPrintable(read.error().message));
}

void TestSb3Archive::skipsDirectoryEntries()
{
    const QByteArray zip = buildZip({{"assets", {}, false, true},
                                     {"project.json", projectJson},
                                     {(md5a + u".svg"_s).toLatin1(), "<svg/>"}});
    QVERIFY(!zip.isEmpty());
    const auto read = Sb3::readSb3(zip);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QCOMPARE(read->projectJson, projectJson);
    QCOMPARE(read->files.size(), 1);
    QCOMPARE(read->files.first().name, md5a + u".svg"_s);
}

void TestSb3Archive::entryCountIsCapped_data()
{
    QTest::addColumn<int>("entries"); // including project.json
    QTest::addColumn<bool>("accepted");
    QTest::newRow("below the cap") << 4 << true;
    QTest::newRow("at the cap") << 5 << true;
    QTest::newRow("one above the cap") << 6 << false;
    QTest::newRow("far above the cap") << 50 << false;
}

void TestSb3Archive::entryCountIsCapped()
{
    QFETCH(int, entries);
    QFETCH(bool, accepted);
    Sb3::ArchiveLimits limits;
    limits.maxEntries = 5;
    QList<ZipEntry> list{{"project.json", projectJson}};
    for (int i = 1; i < entries; ++i)
        list.append({u"%1.svg"_s.arg(i, 32, 16, QLatin1Char('0')).toLatin1(), "<svg/>"});
    const QByteArray zip = buildZip(list);
    QVERIFY(!zip.isEmpty());
    const auto read = Sb3::readSb3(zip, limits);
    QCOMPARE(read.ok(), accepted);
    if (accepted) {
        QCOMPARE(read->files.size(), entries - 1);
    } else {
        QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
        QVERIFY2(read.error().message.contains(u"too many files"_s),
                 qPrintable(read.error().message));
    }
}

void TestSb3Archive::entrySizeIsCappedOnInflatedBytes_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("isProject");
    // The cap is 256 KiB; zeros deflate to about a thousandth of their size, so the archive
    // itself stays small: only the inflated bytes can tell.
    QTest::newRow("asset at the cap") << 256 * kib << true << false;
    QTest::newRow("asset one byte over") << 256 * kib + 1 << false << false;
    QTest::newRow("asset bomb, 8 MiB") << 8 * mib << false << false;
    QTest::newRow("project.json over") << 256 * kib + 1 << false << true;
}

void TestSb3Archive::entrySizeIsCappedOnInflatedBytes()
{
    QFETCH(qint64, size);
    QFETCH(bool, accepted);
    QFETCH(bool, isProject);
    Sb3::ArchiveLimits limits;
    limits.maxEntrySize = 256 * kib;
    limits.maxTotalUncompressed = 64 * mib;
    const QByteArray zeros(size, '\0');
    const QByteArray zip = isProject
        ? buildZip({{"project.json", zeros}})
        : buildZip({{"project.json", projectJson}, {(md5a + u".wav"_s).toLatin1(), zeros}});
    QVERIFY(!zip.isEmpty());
    QVERIFY(zip.size() < size / 50); // really compressed: the cap is not judged on archive size
    const auto read = Sb3::readSb3(zip, limits);
    QCOMPARE(read.ok(), accepted);
    if (accepted) {
        QCOMPARE(read->files.size(), 1);
        QCOMPARE(read->files.first().data.size(), size);
    } else {
        QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
        QVERIFY2(read.error().message.contains(u"too large"_s), qPrintable(read.error().message));
    }
}

void TestSb3Archive::entrySizeIsCappedWhateverTheHeadersClaim()
{
    // A zip bomb that lies: both headers of its first entry claim 100 bytes while the entry
    // inflates to 1 MiB. The cap must count what is inflated.
    Sb3::ArchiveLimits limits;
    limits.maxEntrySize = 256 * kib;
    const QByteArray zeros(mib, '\0');
    QByteArray zip =
        buildZip({{(md5a + u".wav"_s).toLatin1(), zeros}, {"project.json", projectJson}});
    QVERIFY(zip.startsWith("PK\x03\x04"));
    const auto claim = [&zip](qsizetype at) {
        const quint32 claimed = 100;
        for (int i = 0; i < 4; ++i)
            zip[at + i] = static_cast<char>((claimed >> (8 * i)) & 0xff);
    };
    claim(22); // uncompressed size in the local file header
    const qsizetype central = zip.indexOf("PK\x01\x02");
    QVERIFY(central > 0);
    claim(central + 24); // and in the central directory
    const auto read = Sb3::readSb3(zip, limits);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
    QVERIFY2(read.error().message.contains(u"too large"_s), qPrintable(read.error().message));
}

void TestSb3Archive::totalSizeIsCappedOnInflatedBytes_data()
{
    QTest::addColumn<int>("entries"); // assets of just under 1 MiB each
    QTest::addColumn<bool>("accepted");
    QTest::newRow("two, under 2 MiB in all") << 2 << true;
    QTest::newRow("three, over 2 MiB in all") << 3 << false;
    QTest::newRow("forty, far over") << 40 << false;
}

void TestSb3Archive::totalSizeIsCappedOnInflatedBytes()
{
    QFETCH(int, entries);
    QFETCH(bool, accepted);
    Sb3::ArchiveLimits limits;
    limits.maxEntrySize = 1 * mib;
    limits.maxTotalUncompressed = 2 * mib;
    const QByteArray zeros(mib - 4 * kib, '\0'); // shared by every entry
    QList<ZipEntry> list{{"project.json", projectJson}};
    for (int i = 0; i < entries; ++i)
        list.append({u"%1.wav"_s.arg(i, 32, 16, QLatin1Char('0')).toLatin1(), zeros});
    const QByteArray zip = buildZip(list);
    QVERIFY(!zip.isEmpty());
    const auto read = Sb3::readSb3(zip, limits);
    QCOMPARE(read.ok(), accepted);
    if (accepted) {
        QCOMPARE(read->files.size(), entries);
    } else {
        QCOMPARE(read.error().kind, ErrorKind::Unprocessable);
        QVERIFY2(read.error().message.contains(u"more than 2 MiB"_s),
                 qPrintable(read.error().message));
    }
}

void TestSb3Archive::parsesAssetNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("zipAllowed");
    QTest::addColumn<int>("problem"); // Sb3::AssetNameProblem
    QTest::addColumn<QString>("format");

    const int none = static_cast<int>(Sb3::AssetNameProblem::None);
    const int malformed = static_cast<int>(Sb3::AssetNameProblem::Malformed);
    const int unknown = static_cast<int>(Sb3::AssetNameProblem::UnknownFormat);

    for (const QString &format : {u"svg"_s, u"png"_s, u"jpg"_s, u"jpeg"_s, u"gif"_s, u"bmp"_s,
                                  u"wav"_s, u"mp3"_s, u"ogg"_s, u"json"_s}) {
        QTest::addRow("valid %s", qPrintable(format))
            << QString(md5a + u'.' + format) << false << none << format;
        QTest::addRow("valid %s, zip allowed", qPrintable(format))
            << QString(md5a + u'.' + format) << true << none << format;
    }
    QTest::newRow("zip when allowed") << QString(md5a + u".zip"_s) << true << none << u"zip"_s;
    QTest::newRow("zip when not allowed")
        << QString(md5a + u".zip"_s) << false << unknown << QString();
    QTest::newRow("unknown format") << QString(md5a + u".exe"_s) << false << unknown << QString();
    QTest::newRow("unknown format, zip allowed")
        << QString(md5a + u".html"_s) << true << unknown << QString();
    QTest::newRow("longest unknown format")
        << QString(md5a + u".abcdefg"_s) << false << unknown << QString();

    QTest::newRow("empty") << QString() << false << malformed << QString();
    QTest::newRow("no dot") << md5a << false << malformed << QString();
    QTest::newRow("no format") << QString(md5a + u"."_s) << false << malformed << QString();
    QTest::newRow("format only") << u".svg"_s << false << malformed << QString();
    QTest::newRow("upper-case hex")
        << QString(md5a.toUpper() + u".svg"_s) << false << malformed << QString();
    QTest::newRow("upper-case format")
        << QString(md5a + u".SVG"_s) << false << malformed << QString();
    QTest::newRow("31 hex digits")
        << QString(md5a.left(31) + u".svg"_s) << false << malformed << QString();
    QTest::newRow("33 hex digits") << QString(md5a + u"0.svg"_s) << false << malformed << QString();
    QTest::newRow("not hex") << QString(md5a.left(31) + u"g.svg"_s) << false << malformed
                             << QString();
    QTest::newRow("two extensions")
        << QString(md5a + u".svg.png"_s) << false << malformed << QString();
    QTest::newRow("trailing space")
        << QString(md5a + u".svg "_s) << false << malformed << QString();
    QTest::newRow("path") << QString(u"../"_s + md5a + u".svg"_s) << false << malformed
                          << QString();
    QTest::newRow("slash in format")
        << QString(md5a + u".sv/g"_s) << false << malformed << QString();
    QTest::newRow("too long") << QString(md5a + u".abcdefgh"_s) << false << malformed << QString();
}

void TestSb3Archive::parsesAssetNames()
{
    QFETCH(QString, text);
    QFETCH(bool, zipAllowed);
    QFETCH(int, problem);
    QFETCH(QString, format);
    Sb3::AssetName name;
    const auto found = Sb3::parseAssetName(text, &name, zipAllowed);
    QCOMPARE(static_cast<int>(found), problem);
    // Also without an output, as a pure check.
    QCOMPARE(static_cast<int>(Sb3::parseAssetName(text, nullptr, zipAllowed)), problem);
    if (found == Sb3::AssetNameProblem::None) {
        QCOMPARE(name.md5, md5a);
        QCOMPARE(name.format, format);
        QCOMPARE(name.md5ext(), text);
        QVERIFY(Sb3::isAssetFormat(format, zipAllowed));
    }
}

void TestSb3Archive::contentTypeFollowsFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("svg") << u"svg"_s << QByteArray("image/svg+xml");
    QTest::newRow("png") << u"png"_s << QByteArray("image/png");
    QTest::newRow("jpg") << u"jpg"_s << QByteArray("image/jpeg");
    QTest::newRow("jpeg") << u"jpeg"_s << QByteArray("image/jpeg");
    QTest::newRow("gif") << u"gif"_s << QByteArray("image/gif");
    QTest::newRow("bmp") << u"bmp"_s << QByteArray("image/bmp");
    QTest::newRow("wav") << u"wav"_s << QByteArray("audio/wav");
    QTest::newRow("mp3") << u"mp3"_s << QByteArray("audio/mpeg");
    QTest::newRow("ogg") << u"ogg"_s << QByteArray("audio/ogg");
    QTest::newRow("json") << u"json"_s << QByteArray("application/json");
    QTest::newRow("zip") << u"zip"_s << QByteArray("application/zip");
    QTest::newRow("unknown") << u"exe"_s << QByteArray("application/octet-stream");
}

void TestSb3Archive::contentTypeFollowsFormat()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, contentType);
    QCOMPARE(Sb3::contentTypeFor(format), contentType);
}

void TestSb3Archive::md5HexIsLowerCase()
{
    QCOMPARE(Sb3::md5Hex(QByteArray()), u"d41d8cd98f00b204e9800998ecf8427e"_s);
    QCOMPARE(Sb3::md5Hex("The quick brown fox jumps over the lazy dog"),
             u"9e107d9d372bb6826bd81d3542a419d6"_s);
}

void TestSb3Archive::sniffsThumbnails_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("mime");
    const QByteArray pngSignature("\x89PNG\r\n\x1a\n", 8);
    QTest::newRow("PNG") << QByteArray(pngSignature + QByteArray("\0\0\0\rIHDR", 8))
                         << u"image/png"_s;
    QTest::newRow("PNG signature only") << pngSignature << u"image/png"_s;
    QTest::newRow("JPEG JFIF") << QByteArray("\xff\xd8\xff\xe0\0\x10JFIF\0", 11) << u"image/jpeg"_s;
    QTest::newRow("JPEG Exif") << QByteArray("\xff\xd8\xff\xe1\0\x10"
                                             "Exif",
                                             10)
                               << u"image/jpeg"_s;
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("PNG signature cut") << pngSignature.left(7) << QString();
    QTest::newRow("GIF") << QByteArray("GIF89a\x01\0\x01\0", 10) << QString();
    QTest::newRow("SVG") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>") << QString();
    QTest::newRow("text") << QByteArray("image/png") << QString();
    QTest::newRow("zip") << QByteArray("PK\x03\x04", 4) << QString();
}

void TestSb3Archive::sniffsThumbnails()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, mime);
    QCOMPARE(Sb3::sniffThumbnail(bytes), mime);
}

void TestSb3Archive::thumbnailFormatFollowsMime()
{
    QCOMPARE(Sb3::formatForThumbnail(u"image/png"_s), u"png"_s);
    QCOMPARE(Sb3::formatForThumbnail(u"image/jpeg"_s), u"jpg"_s);
}

QTEST_GUILESS_MAIN(TestSb3Archive)
#include "tst_sb3archive.moc"
