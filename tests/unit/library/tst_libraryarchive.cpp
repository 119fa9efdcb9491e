// SPDX-License-Identifier: AGPL-3.0-or-later
// The library cache as one file (#13): export then import into an empty cache gives the same
// files; an entry whose bytes do not match its name is skipped and reported, never stored.
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "server/library/libraryarchive.h"
#include "server/library/libraryfiles.h"
#include "server/sb3/assetname.h"
#include "server/sb3/sb3archive.h"

using namespace Blockhaus;
using namespace Qt::StringLiterals;

namespace {

Sb3::AssetName assetFor(const QByteArray &bytes, const QString &format)
{
    Sb3::AssetName name;
    const QString md5ext = Sb3::md5Hex(bytes) + u'.' + format;
    Sb3::parseAssetName(md5ext, &name);
    return name;
}

QByteArray svg(int i)
{
    return "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba + QByteArray::number(i)
        + " --></svg>"_ba;
}

} // namespace

class TestLibraryArchive : public QObject
{
    Q_OBJECT

private slots:
    void exportThenImportGivesTheSameFiles();
    void damagedEntryIsSkippedAndReported();
    void emptyCacheHasNothingToExport();
    void importStopsAtTheSizeLimit();
};

void TestLibraryArchive::exportThenImportGivesTheSameFiles()
{
    QTemporaryDir source, target, out;
    QVERIFY(source.isValid() && target.isValid() && out.isValid());
    const Library::LibraryFiles from(source.path());
    QList<Sb3::AssetName> names;
    for (int i = 0; i < 3; ++i) {
        names.append(assetFor(svg(i), u"svg"_s));
        QVERIFY(from.write(names.last(), svg(i)));
    }
    const QString archive = out.filePath(u"library.zip"_s);
    const Result<int> exported = Library::exportLibrary(source.path(), archive);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    QCOMPARE(*exported, 3);
    // Atomic: only the archive itself is in the folder, no temporary file.
    QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{u"library.zip"_s});

    const Library::LibraryFiles to(target.path());
    const Result<Library::LibraryImport> imported = Library::importLibrary(to, archive, 1 << 20);
    QVERIFY(imported);
    QCOMPARE(imported->added, 3);
    QCOMPARE(imported->damaged, 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(to.read(names.at(i)).value_or(QByteArray()), svg(i));

    // A second import adds nothing.
    const Result<Library::LibraryImport> again = Library::importLibrary(to, archive, 1 << 20);
    QVERIFY(again);
    QCOMPARE(again->added, 0);
    QCOMPARE(again->present, 3);
}

void TestLibraryArchive::damagedEntryIsSkippedAndReported()
{
    QTemporaryDir work, target;
    QVERIFY(work.isValid() && target.isValid());
    const Sb3::AssetName good = assetFor(svg(10), u"svg"_s);
    const Sb3::AssetName liar = assetFor(svg(11), u"svg"_s); // named for svg(11), holds other bytes
    const auto put = [&work](const QString &file, const QByteArray &bytes) {
        QFile out(work.filePath(file));
        return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size();
    };
    QVERIFY(put(u"good"_s, svg(10)));
    QVERIFY(put(u"liar"_s, "<svg>not what the name says</svg>"_ba));
    QVERIFY(put(u"readme"_s, "hello"_ba));
    const QString archive = work.filePath(u"library.zip"_s);
    QVERIFY(Sb3::writeZipFile(archive,
                              {{good.md5.left(2) + u'/' + good.md5ext(), work.filePath(u"good"_s)},
                               {liar.md5.left(2) + u'/' + liar.md5ext(), work.filePath(u"liar"_s)},
                               {u"README.txt"_s, work.filePath(u"readme"_s)}}));

    const Library::LibraryFiles to(target.path());
    const Result<Library::LibraryImport> imported = Library::importLibrary(to, archive, 1 << 20);
    QVERIFY(imported);
    QCOMPARE(imported->added, 1);
    QCOMPARE(imported->damaged, 1);
    QCOMPARE(imported->ignored, 1);
    QVERIFY(to.contains(good));
    QVERIFY(!to.contains(liar));
    QVERIFY(!QFileInfo::exists(to.pathFor(liar)));

    // Not a zip at all: refused with a sentence, nothing added.
    const Result<Library::LibraryImport> junk =
        Library::importLibrary(to, work.filePath(u"readme"_s), 1 << 20);
    QVERIFY(!junk);
    QCOMPARE(junk.error().kind, ErrorKind::Unprocessable);
}

void TestLibraryArchive::emptyCacheHasNothingToExport()
{
    QTemporaryDir empty, out;
    QVERIFY(empty.isValid() && out.isValid());
    const QString archive = out.filePath(u"library.zip"_s);
    const Result<int> exported = Library::exportLibrary(empty.path(), archive);
    QVERIFY(!exported);
    QVERIFY(!QFileInfo::exists(archive));
}

// An archive from a school with a larger limit never overfills a laptop with a smaller one: the
// files beyond the room left are counted and left out, the rest is imported.
void TestLibraryArchive::importStopsAtTheSizeLimit()
{
    QTemporaryDir source, target, out;
    QVERIFY(source.isValid() && target.isValid() && out.isValid());
    const Library::LibraryFiles from(source.path());
    qint64 oneFile = 0;
    for (int i = 20; i < 24; ++i) {
        QVERIFY(from.write(assetFor(svg(i), u"svg"_s), svg(i)));
        oneFile = std::max<qint64>(oneFile, svg(i).size());
    }
    const QString archive = out.filePath(u"library.zip"_s);
    QVERIFY(Library::exportLibrary(source.path(), archive));

    const Library::LibraryFiles to(target.path());
    // Room for two files, not three.
    const Result<Library::LibraryImport> imported =
        Library::importLibrary(to, archive, 1 << 20, 2 * oneFile + oneFile / 2);
    QVERIFY(imported);
    QCOMPARE(imported->added, 2);
    QCOMPARE(imported->overLimit, 2);
    QVERIFY(imported->addedBytes <= 2 * oneFile + oneFile / 2);
    QCOMPARE(to.totalBytes(), imported->addedBytes);

    // No room at all: nothing is added, everything is counted.
    QTemporaryDir full;
    QVERIFY(full.isValid());
    const Library::LibraryFiles none(full.path());
    const Result<Library::LibraryImport> refused =
        Library::importLibrary(none, archive, 1 << 20, 0);
    QVERIFY(refused);
    QCOMPARE(refused->added, 0);
    QCOMPARE(refused->overLimit, 4);
}

QTEST_GUILESS_MAIN(TestLibraryArchive)
#include "tst_libraryarchive.moc"
