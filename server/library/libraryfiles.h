// SPDX-License-Identifier: AGPL-3.0-or-later
// LibraryFiles: the on-disk layout of the library cache, <dir>/<first two hex digits>/<md5ext>.
// Stateless apart from the folder, so every method may be called from any thread.
#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "server/sb3/assetname.h"

namespace Blockhaus::Library {

class LibraryFiles
{
public:
    explicit LibraryFiles(QString directory);

    QString pathFor(const Sb3::AssetName &name) const;
    bool contains(const Sb3::AssetName &name) const;
    // The bytes when the file exists and still matches its name; a damaged file is removed so
    // that it is downloaded again instead of being served as "immutable" forever (its size is
    // then added to *removedBytes, when given).
    std::optional<QByteArray> read(const Sb3::AssetName &name,
                                   qint64 *removedBytes = nullptr) const;
    // Atomic: a temporary file renamed into place (QSaveFile), so a crash or a full disk never
    // leaves a half-written file under a valid name. The caller has verified the MD5.
    bool write(const Sb3::AssetName &name, const QByteArray &data) const;
    // Removes what a crash during write() may have left behind (temporary files); start-up only.
    void removeLeftovers() const;
    // The bytes of every cached file (for the size cap); walks the folder, start-up only.
    qint64 totalBytes() const;

private:
    QString m_directory;
};

} // namespace Blockhaus::Library
