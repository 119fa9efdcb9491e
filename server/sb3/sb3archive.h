// SPDX-License-Identifier: AGPL-3.0-or-later
// .sb3 archives (zip) read and written with libzip, with caps against zip bombs and path tricks.
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Sb3 {

struct ArchiveLimits
{
    int maxEntries = 1000;
    qint64 maxTotalUncompressed = 200LL * 1024 * 1024;
    qint64 maxEntrySize = 10LL * 1024 * 1024; // one asset or the project.json
    // Imports: project.json is read first and only the entries it names are kept; every other
    // entry is inflated in chunks only to count it against the caps, so an import holds no more
    // than the project needs.
    bool onlyReferencedEntries = false;
};

struct ArchiveFile
{
    QString name;
    QByteArray data;
};

struct Sb3Content
{
    QByteArray projectJson;
    QList<ArchiveFile> files; // every other entry, names checked to be flat file names
};

// Reads the archive fully into memory within the limits; the sizes counted are the bytes
// actually inflated, never the sizes the archive claims.
Result<Sb3Content> readSb3(const QByteArray &zipBytes, const ArchiveLimits &limits = {});
// Writes project.json followed by the given files (stored as deflate).
Result<QByteArray> writeSb3(const QByteArray &projectJson, const QList<ArchiveFile> &files);

// An entry whose bytes are produced only when the archive is written, one entry at a time, and
// dropped right after: an export holds one asset in memory, not the whole project.
struct LazyArchiveFile
{
    QString name;
    std::function<Result<QByteArray>()> load;
};

// Writes project.json followed by the given files (deflate, like writeSb3) into a new file at
// path. On failure the error of the first failed load (or Internal/StorageFull) is returned and
// nothing is left at path. Runs on the caller's thread: every load is called from here.
Result<Ok> writeSb3File(const QString &path, const QByteArray &projectJson,
                        const QList<LazyArchiveFile> &files);

struct ZipEntry
{
    QString name; // the name inside the archive (UTF-8)
    QString sourcePath; // the file on disk whose bytes it holds
};

// Writes a zip file at path holding the given files, streamed from disk when the archive is
// closed (so a class's worth of projects never sits in memory at once) and stored without
// compressing again (an .sb3 is already a zip). An existing file at path is replaced. On failure
// nothing is left at path: libzip writes a temporary file next to it and renames it only once
// complete. Zero entries is an error, because libzip would write no file at all.
Result<Ok> writeZipFile(const QString &path, const QList<ZipEntry> &entries);

} // namespace Blockhaus::Sb3
