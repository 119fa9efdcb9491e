// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/projects.h"

#include <algorithm>

#include <QSet>

#include "server/core/text.h"
#include "server/sb3/assetname.h"
#include "server/sb3/projectjson.h"
#include "server/sb3/sb3archive.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"
#include "server/store/storagequota.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Core::ProjectMeta;
using Store::ProjectStore;

namespace {

// The title of a project as typed: cleaned as every door cleans names; blank is "Untitled".
QString projectTitle(const QString &typed)
{
    return Core::cleanTitle(typed, u"Untitled"_s);
}

// The owner a caller may act for: an admin for anyone, a teacher for the students of a class
// they teach (the same rule as the teacher's pages of the API).
Result<Core::User> manageableOwner(Work &work, const Caller &caller, qint64 ownerId)
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only the owner can change this project."));
    return Store::ClassStore::manageableUser(work.connection(), caller, ownerId);
}

} // namespace

Result<QList<ProjectMeta>> Projects::listOwn(Work &work, const Caller &caller, bool trash) const
{
    return ProjectStore::listOwn(work.connection(), caller, trash);
}

Result<QList<ProjectMeta>> Projects::listShared(Work &work, const Caller &caller) const
{
    return ProjectStore::listShared(work.connection(), caller);
}

Result<ProjectMeta> Projects::create(Work &work, const Caller &caller, const QString &title,
                                     const QByteArray &body) const
{
    auto info = Sb3::validateProject(body);
    if (!info)
        return info.error();
    return ProjectStore::create(work.connection(), caller, projectTitle(title), body,
                                info->assetRefs, quotaFor(caller));
}

Result<ProjectMeta> Projects::importSb3(Work &work, const Caller &caller, const QString &title,
                                        const QByteArray &sb3) const
{
    Sb3::ArchiveLimits limits;
    if (m_maxArchiveEntry > 0)
        limits.maxEntrySize = m_maxArchiveEntry;
    limits.onlyReferencedEntries = true; // entries the project does not name are never inflated
    auto archive = Sb3::readSb3(sb3, limits);
    if (!archive)
        return archive.error();
    auto info = Sb3::validateProject(archive->projectJson);
    if (!info)
        return info.error();
    QHash<QString, const Sb3::ArchiveFile *> files;
    for (const Sb3::ArchiveFile &file : archive->files)
        files.insert(file.name, &file);
    QList<Core::AssetData> assets;
    QSet<QString> added;
    for (const QString &ref : std::as_const(info->assetRefs)) {
        const Sb3::ArchiveFile *file = files.value(ref);
        if (!file || added.contains(ref))
            continue; // not in the archive: it must already be on the server (checked in store)
        Sb3::AssetName name;
        Sb3::parseAssetName(ref, &name);
        if (Sb3::md5Hex(file->data) != name.md5) {
            return makeError(ErrorKind::Unprocessable,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "The file %1 in this .sb3 is damaged (its content "
                                               "does not match its name)."),
                             {ref});
        }
        assets.append({name.md5, name.format, file->data});
        added.insert(ref);
    }
    return ProjectStore::createWithAssets(work.connection(), caller, projectTitle(title),
                                          archive->projectJson, info->assetRefs, assets,
                                          quotaFor(caller));
}

Result<Core::ProjectContent> Projects::content(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::content(work.connection(), caller, id);
}

Result<ProjectMeta> Projects::meta(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::meta(work.connection(), caller, id);
}

Result<ProjectMeta> Projects::save(Work &work, const Caller &caller, qint64 id, int expectedVersion,
                                   const QByteArray &body,
                                   const std::optional<QString> &title) const
{
    auto info = Sb3::validateProject(body);
    if (!info)
        return info.error();
    std::optional<QString> clean;
    if (title)
        clean = projectTitle(*title);
    return ProjectStore::save(work.connection(), caller, id, expectedVersion, body, info->assetRefs,
                              clean, quotaFor(caller));
}

Result<ProjectMeta> Projects::rename(Work &work, const Caller &caller, qint64 id,
                                     int expectedVersion, const QString &title) const
{
    const QString clean = Core::cleanTitle(title, {});
    if (clean.isEmpty())
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A new title is needed: {\"title\": \"...\"}."));
    return ProjectStore::rename(work.connection(), caller, id, expectedVersion, clean,
                                quotaFor(caller));
}

Result<Ok> Projects::trash(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::trash(work.connection(), caller, id);
}

Result<Ok> Projects::purge(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::purge(work.connection(), caller, id);
}

Result<int> Projects::emptyTrash(Work &work, const Caller &caller) const
{
    return ProjectStore::emptyTrash(work.connection(), caller);
}

Result<ProjectMeta> Projects::restore(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::restore(work.connection(), caller, id);
}

Result<ProjectMeta> Projects::copy(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::copy(work.connection(), caller, id, quotaFor(caller));
}

Result<ProjectMeta> Projects::share(Work &work, const Caller &caller, qint64 id,
                                    const QList<qint64> &groupIds) const
{
    QList<qint64> unique;
    for (qint64 groupId : groupIds) {
        if (!unique.contains(groupId))
            unique.append(groupId);
    }
    return ProjectStore::share(work.connection(), caller, id, unique);
}

Result<ProjectArchiveFile> Projects::exportFile(Work &work, const Caller &caller, qint64 id) const
{
    return projectArchiveFile(work.connection(), caller, id);
}

Result<ProjectArchive> Projects::exportArchive(Work &work, const Caller &caller, qint64 id) const
{
    return projectArchive(work.connection(), caller, id);
}

Result<Ok> Projects::putThumbnail(Work &work, const Caller &caller, qint64 id,
                                  const QByteArray &image) const
{
    const QString mime = Sb3::sniffThumbnail(image);
    if (mime.isEmpty())
        return makeError(
            ErrorKind::UnsupportedMediaType,
            QT_TRANSLATE_NOOP("Sentence", "A thumbnail must be a PNG or JPEG picture."));
    return ProjectStore::putThumbnail(work.connection(), caller, id, {mime, image},
                                      quotaFor(caller));
}

Result<Core::Thumbnail> Projects::thumbnail(Work &work, const Caller &caller, qint64 id) const
{
    return ProjectStore::thumbnail(work.connection(), caller, id);
}

Result<QList<Core::VersionInfo>> Projects::versions(Work &work, const Caller &caller,
                                                    qint64 id) const
{
    return ProjectStore::versions(work.connection(), caller, id);
}

Result<QByteArray> Projects::versionContent(Work &work, const Caller &caller, qint64 id,
                                            int version) const
{
    return ProjectStore::versionContent(work.connection(), caller, id, version);
}

Result<ProjectMeta> Projects::restoreVersion(Work &work, const Caller &caller, qint64 id,
                                             int version, int expectedVersion) const
{
    return ProjectStore::restoreVersion(work.connection(), caller, id, version, expectedVersion,
                                        quotaFor(caller));
}

Result<StorageFigures> Projects::storage(Work &work, const Caller &caller) const
{
    auto usage = Store::StorageStore::usage(work.connection(), caller.userId, quotaFor(caller));
    if (!usage)
        return usage.error();
    return StorageFigures{usage->usedBytes, usage->quotaBytes};
}

Result<QList<StudentProject>> Projects::studentProjects(Work &work, const Caller &caller,
                                                        qint64 userId, bool trash) const
{
    auto owner = manageableOwner(work, caller, userId);
    if (!owner)
        return owner.error();
    // Only the owner lists their trash (ProjectStore::listOwn), so it is asked as them.
    auto projects = ProjectStore::listOwn(work.connection(), Caller::of(*owner), trash);
    if (!projects)
        return projects.error();
    auto thumbnails = ProjectStore::thumbnailsOwnedBy(work.connection(), userId);
    if (!thumbnails)
        return thumbnails.error();
    QList<StudentProject> list;
    for (const ProjectMeta &meta : std::as_const(*projects))
        list.append({meta, thumbnails->value(meta.id).data});
    return list;
}

Result<ProjectMeta> Projects::restoreFromTrashFor(Work &work, const Caller &caller, qint64 id) const
{
    // A trashed project is invisible to meta(); its owner is looked up directly.
    auto ownerRef = ProjectStore::ownerOf(work.connection(), id);
    if (!ownerRef)
        return ownerRef.error();
    if (ownerRef->id == caller.userId)
        return restore(work, caller, id);
    auto owner = manageableOwner(work, caller, ownerRef->id);
    if (!owner)
        return owner.error();
    return ProjectStore::restore(work.connection(), Caller::of(*owner), id);
}

Result<ProjectMeta> Projects::restoreVersionFor(Work &work, const Caller &caller, qint64 id,
                                                int version) const
{
    auto current = ProjectStore::meta(work.connection(), caller, id);
    if (!current)
        return current.error();
    if (current->owner.id == caller.userId)
        return restoreVersion(work, caller, id, version, current->version);
    auto owner = manageableOwner(work, caller, current->owner.id);
    if (!owner)
        return owner.error();
    // The new version is recorded as saved by the owner, the only one who may save it.
    return ProjectStore::restoreVersion(work.connection(), Caller::of(*owner), id, version,
                                        current->version);
}

Result<QList<ClassProject>> Projects::classProjects(Work &work, const Caller &caller,
                                                    qint64 classId) const
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only teachers can export a class."));
    // The classes the caller teaches (admin: all): the class must be one of them.
    auto classes = Store::ClassStore::list(work.connection(), caller);
    if (!classes)
        return classes.error();
    const bool teaches =
        std::any_of(classes->cbegin(), classes->cend(),
                    [classId](const Core::ClassInfo &info) { return info.id == classId; });
    if (!teaches)
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such class."));
    auto rows = Store::ClassStore::students(work.connection(), caller);
    if (!rows)
        return rows.error();
    QList<ClassProject> list;
    for (const Core::StudentRow &row : std::as_const(*rows)) {
        const bool inClass =
            std::any_of(row.groups.cbegin(), row.groups.cend(),
                        [classId](const Core::GroupRef &group) { return group.id == classId; });
        if (!inClass)
            continue;
        auto projects = ProjectStore::listOwnedBy(work.connection(), row.user.id);
        if (!projects)
            return projects.error();
        for (const ProjectMeta &meta : std::as_const(*projects))
            list.append({row.user, meta.id, meta.title});
    }
    return list;
}

} // namespace Blockhaus::Service
