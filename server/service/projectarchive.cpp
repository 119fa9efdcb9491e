// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/projectarchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryFile>

#include "server/sb3/projectjson.h"
#include "server/sb3/sb3archive.h"
#include "server/store/assetstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;

namespace {

struct StoredProject
{
    QString title;
    QByteArray body;
    QStringList assetRefs;
};

Result<StoredProject> storedProject(Db::Connection &db, const Core::Caller &caller, qint64 id)
{
    auto meta = Store::ProjectStore::meta(db, caller, id);
    if (!meta)
        return meta.error();
    auto content = Store::ProjectStore::content(db, caller, id);
    if (!content)
        return content.error();
    auto info = Sb3::validateProject(content->body);
    if (!info)
        return makeError(ErrorKind::Internal, u"A stored project is not valid."_s);
    return StoredProject{meta->title, content->body, info->assetRefs};
}

} // namespace

Result<ProjectArchive> projectArchive(Db::Connection &db, const Core::Caller &caller, qint64 id)
{
    auto project = storedProject(db, caller, id);
    if (!project)
        return project.error();
    // Assets are immutable, so reading them after the body is still one consistent project.
    auto assets = Store::AssetStore::getMany(db, project->assetRefs);
    if (!assets)
        return assets.error();
    QList<Sb3::ArchiveFile> files;
    for (const Core::AssetData &asset : std::as_const(*assets))
        files.append({asset.md5 + u'.' + asset.format, asset.data});
    auto zip = Sb3::writeSb3(project->body, files);
    if (!zip)
        return zip.error();
    return ProjectArchive{project->title, *zip};
}

Result<ProjectArchiveFile> projectArchiveFile(Db::Connection &db, const Core::Caller &caller,
                                              qint64 id)
{
    auto project = storedProject(db, caller, id);
    if (!project)
        return project.error();
    // Library items (costumes of the Scratch library) need not be stored here: like getMany,
    // the archive holds the assets the server has.
    auto missing = Store::ProjectStore::missingAssets(db, project->assetRefs);
    if (!missing)
        return missing.error();
    QList<Sb3::LazyArchiveFile> files;
    QStringList seen;
    for (const QString &ref : std::as_const(project->assetRefs)) {
        if (missing->contains(ref) || seen.contains(ref))
            continue;
        seen.append(ref);
        const QString md5 = ref.section(u'.', 0, 0);
        const QString format = ref.section(u'.', 1);
        files.append({ref, [&db, md5, format]() -> Result<QByteArray> {
                          auto asset = Store::AssetStore::get(db, md5, format);
                          if (!asset)
                              return asset.error();
                          return asset->data;
                      }});
    }
    // A name reserved by QTemporaryFile, written by libzip (which replaces it atomically), and
    // owned from then on by the ReplyFile that removes it.
    QTemporaryFile reserve(QDir::tempPath() + u"/blockhaus-export-XXXXXX.sb3"_s);
    if (!reserve.open())
        return makeError(ErrorKind::Internal, u"No temporary file could be created."_s);
    reserve.setAutoRemove(false);
    const QString path = reserve.fileName();
    reserve.close();
    auto removeOnFailure = qScopeGuard([&path]() { QFile::remove(path); });
    auto written = Sb3::writeSb3File(path, project->body, files);
    if (!written)
        return written.error();
    const qint64 size = QFileInfo(path).size();
    if (size <= 0)
        return makeError(ErrorKind::Internal);
    removeOnFailure.dismiss();
    return ProjectArchiveFile{project->title, std::make_shared<Core::FileBody>(path, size, true)};
}

} // namespace Blockhaus::Service
