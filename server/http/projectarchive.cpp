// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/projectarchive.h"

#include "server/sb3/projectjson.h"
#include "server/sb3/sb3archive.h"
#include "server/store/assetstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

Result<ProjectArchive> projectArchive(Db::Connection &db, const Store::Caller &caller, qint64 id)
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
    // Assets are immutable, so reading them after the body is still one consistent project.
    auto assets = Store::AssetStore::getMany(db, info->assetRefs);
    if (!assets)
        return assets.error();
    QList<Sb3::ArchiveFile> files;
    for (const Store::AssetData &asset : std::as_const(*assets))
        files.append({asset.md5 + u'.' + asset.format, asset.data});
    auto zip = Sb3::writeSb3(content->body, files);
    if (!zip)
        return zip.error();
    return ProjectArchive{meta->title, *zip};
}

} // namespace Blockhaus::Http
