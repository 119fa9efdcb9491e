// SPDX-License-Identifier: AGPL-3.0-or-later
// Projects: every project operation of both doors (list, create, import, save, rename, trash,
// purge, restore, copy, share, export, thumbnails, versions, storage, and a teacher acting on a
// student's projects), with its authorization and bounds decided here, once.
#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include "server/core/quotapolicy.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/projectarchive.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

// The bytes a user stores and may store (GET /api/v1/me/storage).
struct StorageFigures
{
    qint64 usedBytes = 0;
    qint64 quotaBytes = 0; // 0: no limit
};

// One of a student's projects as the dashboard lists it: its meta and its thumbnail (empty when
// there is none).
struct StudentProject
{
    Core::ProjectMeta meta;
    QByteArray thumbnail;
};

// One project of a class export: whose it is and which one.
struct ClassProject
{
    Core::UserRef owner;
    qint64 projectId = 0;
    QString title;
};

class Projects
{
public:
    // quota: the server's storage limits; maxArchiveEntry: the largest file an .sb3 import may
    // inflate (0: no limit beyond the archive reader's own).
    explicit Projects(const Core::QuotaPolicy &quota, qint64 maxArchiveEntry = 0)
        : m_quota(quota)
        , m_maxArchiveEntry(maxArchiveEntry)
    {
    }

    Result<QList<Core::ProjectMeta>> listOwn(Work &work, const Core::Caller &caller,
                                             bool trash) const;
    Result<QList<Core::ProjectMeta>> listShared(Work &work, const Core::Caller &caller) const;
    // title as the client sent it (cleaned here; blank: "Untitled"); body a Scratch 3
    // project.json (else Unprocessable, with missing_assets when it names unknown assets). G5.
    Result<Core::ProjectMeta> create(Work &work, const Core::Caller &caller, const QString &title,
                                     const QByteArray &body) const;
    // An .sb3 archive: its assets and the project in one transaction (G5).
    Result<Core::ProjectMeta> importSb3(Work &work, const Core::Caller &caller,
                                        const QString &title, const QByteArray &sb3) const;
    Result<Core::ProjectContent> content(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<Core::ProjectMeta> meta(Work &work, const Core::Caller &caller, qint64 id) const;
    // G1: expectedVersion is the version the caller edits (the door parses it, e.g. If-Match);
    // a stale one is PreconditionFailed carrying who saved the current version. title: a new
    // title with the save, if any.
    Result<Core::ProjectMeta> save(Work &work, const Core::Caller &caller, qint64 id,
                                   int expectedVersion, const QByteArray &body,
                                   const std::optional<QString> &title) const;
    // A blank title is refused (BadRequest); G1 as for save.
    Result<Core::ProjectMeta> rename(Work &work, const Core::Caller &caller, qint64 id,
                                     int expectedVersion, const QString &title) const;
    Result<Ok> trash(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<Ok> purge(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<int> emptyTrash(Work &work, const Core::Caller &caller) const;
    Result<Core::ProjectMeta> restore(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<Core::ProjectMeta> copy(Work &work, const Core::Caller &caller, qint64 id) const;
    // G2: groupIds (duplicates ignored) replace the share set; a group the caller is not in
    // refuses all.
    Result<Core::ProjectMeta> share(Work &work, const Core::Caller &caller, qint64 id,
                                    const QList<qint64> &groupIds) const;
    Result<ProjectArchiveFile> exportFile(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<ProjectArchive> exportArchive(Work &work, const Core::Caller &caller, qint64 id) const;
    // image: PNG or JPEG bytes (else UnsupportedMediaType).
    Result<Ok> putThumbnail(Work &work, const Core::Caller &caller, qint64 id,
                            const QByteArray &image) const;
    Result<Core::Thumbnail> thumbnail(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<QList<Core::VersionInfo>> versions(Work &work, const Core::Caller &caller,
                                              qint64 id) const;
    Result<QByteArray> versionContent(Work &work, const Core::Caller &caller, qint64 id,
                                      int version) const;
    Result<Core::ProjectMeta> restoreVersion(Work &work, const Core::Caller &caller, qint64 id,
                                             int version, int expectedVersion) const;
    Result<StorageFigures> storage(Work &work, const Core::Caller &caller) const;

    // A teacher (of a class the student is in) or an admin acting on a student's projects: the
    // dashboard's Projects tab and the class export. Who may is decided once, here.
    Result<QList<StudentProject>> studentProjects(Work &work, const Core::Caller &caller,
                                                  qint64 userId, bool trash) const;
    // Restores a trashed project of a student the caller may manage, as its owner would.
    Result<Core::ProjectMeta> restoreFromTrashFor(Work &work, const Core::Caller &caller,
                                                  qint64 id) const;
    // A new version with version's content, for a student the caller may manage. G1: the
    // version current when it is read is the expected one, so a save by the student in between
    // is a PreconditionFailed rather than silently replaced. Not counted against the student's
    // quota: the teacher repairs, the student did not grow their work.
    Result<Core::ProjectMeta> restoreVersionFor(Work &work, const Core::Caller &caller, qint64 id,
                                                int version) const;
    // Every project (not trashed) of every student of a class the caller teaches (admin: any).
    Result<QList<ClassProject>> classProjects(Work &work, const Core::Caller &caller,
                                              qint64 classId) const;

private:
    qint64 quotaFor(const Core::Caller &caller) const { return m_quota.limitFor(caller.role); }

    Core::QuotaPolicy m_quota;
    qint64 m_maxArchiveEntry = 0;
};

} // namespace Blockhaus::Service
