// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/library/libraryfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "server/library/librarylog.h"

namespace Blockhaus::Library {

using namespace Qt::StringLiterals;

LibraryFiles::LibraryFiles(QString directory)
    : m_directory(std::move(directory))
{
}

QString LibraryFiles::pathFor(const Sb3::AssetName &name) const
{
    return m_directory + u'/' + name.md5.left(2) + u'/' + name.md5ext();
}

bool LibraryFiles::contains(const Sb3::AssetName &name) const
{
    return QFileInfo::exists(pathFor(name));
}

std::optional<QByteArray> LibraryFiles::read(const Sb3::AssetName &name, qint64 *removedBytes) const
{
    QFile file(pathFor(name));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray data = file.readAll();
    file.close();
    if (Sb3::md5Hex(data) != name.md5) {
        qCWarning(lcLibrary) << "removing damaged library file" << file.fileName();
        if (QFile::remove(file.fileName()) && removedBytes)
            *removedBytes += data.size();
        return std::nullopt;
    }
    return data;
}

bool LibraryFiles::write(const Sb3::AssetName &name, const QByteArray &data) const
{
    const QString path = pathFor(name);
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (file.write(data) != data.size()) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

void LibraryFiles::removeLeftovers() const
{
    // Only inside the two-hex-digit folders, and only names that are not valid asset names: the
    // cache never owns anything else.
    const QDir root(m_directory);
    const QStringList folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : folders) {
        if (folder.size() != 2)
            continue;
        const QDir dir(root.filePath(folder));
        const QStringList files = dir.entryList(QDir::Files | QDir::Hidden);
        for (const QString &file : files) {
            Sb3::AssetName name;
            const bool valid = Sb3::parseAssetName(file, &name) == Sb3::AssetNameProblem::None
                && name.md5.left(2) == folder;
            if (!valid) {
                qCInfo(lcLibrary) << "removing leftover" << dir.filePath(file);
                QFile::remove(dir.filePath(file));
            }
        }
    }
}

qint64 LibraryFiles::totalBytes() const
{
    qint64 total = 0;
    QDirIterator it(m_directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace Blockhaus::Library
