// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/library/libraryarchive.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>

#include <zip.h>

#include "server/sb3/assetname.h"
#include "server/sb3/sb3archive.h"

namespace Blockhaus::Library {

using namespace Qt::StringLiterals;

Result<int> exportLibrary(const QString &directory, const QString &path)
{
    QList<Sb3::ZipEntry> entries;
    const QDir root(directory);
    const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &folder : folders) {
        if (folder.size() != 2)
            continue;
        const QDir dir(root.filePath(folder));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &file : files) {
            Sb3::AssetName name;
            if (Sb3::parseAssetName(file, &name) == Sb3::AssetNameProblem::None
                && name.md5.left(2) == folder)
                entries.append({folder + u'/' + file, dir.filePath(file)});
        }
    }
    if (entries.isEmpty())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "There is nothing to export: no part of the Scratch "
                                           "library is on this computer yet."));
    // writeZipFile writes a temporary file and renames it only once complete.
    const Result<Ok> written = Sb3::writeZipFile(path, entries);
    if (!written)
        return written.error();
    return static_cast<int>(entries.size());
}

Result<LibraryImport> importLibrary(const LibraryFiles &files, const QString &path,
                                    qint64 maxAssetBytes, qint64 roomBytes, int maxEntries)
{
    int zipError = 0;
    zip_t *zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &zipError);
    if (!zip)
        return makeError(
            ErrorKind::Unprocessable,
            QT_TRANSLATE_NOOP("Sentence", "The file %1 is not a Scratch library archive."), {path});
    const auto closer = qScopeGuard([zip]() { zip_discard(zip); });
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    if (count < 0 || count > maxEntries)
        return makeError(
            ErrorKind::Unprocessable,
            QT_TRANSLATE_NOOP("Sentence", "The file %1 is not a Scratch library archive."), {path});
    LibraryImport report;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0 || !stat.name) {
            ++report.ignored;
            continue;
        }
        const QString entry = QString::fromUtf8(stat.name);
        Sb3::AssetName name;
        if (entry.endsWith(u'/')
            || Sb3::parseAssetName(entry.section(u'/', -1), &name) != Sb3::AssetNameProblem::None) {
            ++report.ignored;
            continue;
        }
        if (files.contains(name)) {
            ++report.present;
            continue;
        }
        // The size the archive claims decides before anything is inflated; the bytes read are
        // checked against it below (a file larger than claimed is damaged).
        if (roomBytes >= 0 && (stat.valid & ZIP_STAT_SIZE) != 0
            && report.addedBytes + static_cast<qint64>(stat.size) > roomBytes) {
            ++report.overLimit;
            continue;
        }
        // The bytes actually inflated count, never the size the archive claims.
        zip_file_t *file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        if (!file) {
            ++report.damaged;
            continue;
        }
        QByteArray data;
        bool broken = false;
        for (;;) {
            const zip_int64_t read = zip_fread(file, chunk.data(), chunk.size());
            if (read < 0) {
                broken = true;
                break;
            }
            if (read == 0)
                break;
            data.append(chunk.constData(), static_cast<qsizetype>(read));
            if (data.size() > maxAssetBytes) {
                broken = true;
                break;
            }
        }
        zip_fclose(file);
        if (roomBytes >= 0 && report.addedBytes + data.size() > roomBytes) {
            ++report.overLimit;
            continue;
        }
        if (broken || Sb3::md5Hex(data) != name.md5) {
            ++report.damaged;
            continue;
        }
        if (!files.write(name, data))
            return makeError(ErrorKind::StorageFull,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "The library files could not be stored: is the "
                                               "disk full?"));
        ++report.added;
        report.addedBytes += data.size();
    }
    return report;
}

} // namespace Blockhaus::Library
