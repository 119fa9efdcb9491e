// SPDX-License-Identifier: AGPL-3.0-or-later
// The library cache as one file (#13): a school downloads the Scratch library once and copies it
// by USB stick to every teacher laptop. A zip of the cache folder's files; an import checks every
// entry's MD5 against its name and keeps only what matches.
#pragma once

#include <QString>

#include "server/core/result.h"
#include "server/library/libraryfiles.h"

namespace Blockhaus::Library {

struct LibraryImport
{
    int added = 0; // new files now in the cache
    int present = 0; // already there
    int damaged = 0; // bytes not matching the name (or larger than an asset may be): skipped
    int ignored = 0; // entries that are no library file (other names, folders)
    int overLimit = 0; // valid files left out: the cache's size limit was reached
    qint64 addedBytes = 0;
};

// Writes every valid file of the cache folder into a zip at path (entries <xx>/<md5ext>, the
// folder layout). Atomic: a temporary file renamed into place, so a failed export leaves no
// half-written archive and never damages an older one. The number of files written, or why not
// (an empty cache is an error: there is nothing to copy).
Result<int> exportLibrary(const QString &directory, const QString &path);
// Adds the archive's valid files to the cache at directory; safe while students read it (each
// file is written atomically). roomBytes (>= 0) is what the cache's size limit still allows: a
// file that would go beyond it is left out and counted, so an archive from a school with a larger
// limit never overfills a small laptop. maxEntries bounds the archive's entry count.
Result<LibraryImport> importLibrary(const LibraryFiles &files, const QString &path,
                                    qint64 maxAssetBytes, qint64 roomBytes = -1,
                                    int maxEntries = 100'000);

} // namespace Blockhaus::Library
