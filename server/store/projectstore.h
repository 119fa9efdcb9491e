// SPDX-License-Identifier: AGPL-3.0-or-later
// server/store owns all SQL. ProjectStore: projects, their retained versions, shares, thumbnails.
#pragma once

#include <optional>

#include <QHash>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

// Every function runs on a worker thread with that thread's connection and is one unit of
// work: writes are one transaction (see the guarantee named at each function). quotaBytes is the
// caller's storage limit (0: none; see storagequota.h): a write that would take the owner's stored
// bytes beyond it is refused with QuotaExceeded inside its own transaction, and nothing is kept.
class ProjectStore
{
public:
    static constexpr int historyLength = 20; // versions kept, including the current one

    // G5: metadata and first version commit together or not at all.
    static Result<ProjectMeta> create(Db::Connection &db, const Caller &caller,
                                      const QString &title, const QByteArray &body,
                                      const QStringList &assetRefs, qint64 quotaBytes = 0);
    // G5 for imports: the archive's assets, the project and its first version in one transaction.
    static Result<ProjectMeta> createWithAssets(Db::Connection &db, const Caller &caller,
                                                const QString &title, const QByteArray &body,
                                                const QStringList &assetRefs,
                                                const QList<AssetData> &assets,
                                                qint64 quotaBytes = 0);
    static Result<QList<ProjectMeta>> listOwn(Db::Connection &db, const Caller &caller, bool trash);
    static Result<QList<ProjectMeta>> listShared(Db::Connection &db, const Caller &caller);
    // Projects of one owner (not trashed); the caller's right to see them is checked by the caller
    // (Service::Projects, which decides who may act for a student).
    static Result<QList<ProjectMeta>> listOwnedBy(Db::Connection &db, qint64 ownerId);
    // The owner of a project, also when it is in the trash (where meta() cannot see it), so that
    // an administrator can act for them; the caller's right to do so is checked by the caller
    // (Service::Projects).
    static Result<UserRef> ownerOf(Db::Connection &db, qint64 id);
    // Every thumbnail of one owner's projects, trashed or not, by project id, from one snapshot;
    // the caller's right to see them is checked by the caller (Service::Projects).
    static Result<QHash<qint64, Thumbnail>> thumbnailsOwnedBy(Db::Connection &db, qint64 ownerId);
    static Result<ProjectContent> content(Db::Connection &db, const Caller &caller, qint64 id);
    static Result<ProjectMeta> meta(Db::Connection &db, const Caller &caller, qint64 id);
    // G1: the write names the version it edits; a stale one is a Conflict carrying who saved
    // the current version. G3: a trashed project is NotFound, never resurrected.
    static Result<ProjectMeta> save(Db::Connection &db, const Caller &caller, qint64 id,
                                    int expectedVersion, const QByteArray &body,
                                    const QStringList &assetRefs,
                                    const std::optional<QString> &title, qint64 quotaBytes = 0);
    static Result<ProjectMeta> rename(Db::Connection &db, const Caller &caller, qint64 id,
                                      int expectedVersion, const QString &title,
                                      qint64 quotaBytes = 0);
    // G3: a soft delete in one transaction.
    static Result<Ok> trash(Db::Connection &db, const Caller &caller, qint64 id);
    static Result<ProjectMeta> restore(Db::Connection &db, const Caller &caller, qint64 id);
    // Deletes a project in the trash for good, with its versions, thumbnail and shares; owner
    // only. A project not in the trash is refused (BadRequest) and stays untouched. Assets stay:
    // they are shared by content.
    static Result<Ok> purge(Db::Connection &db, const Caller &caller, qint64 id);
    // purge() of every project in the caller's trash, in one transaction; how many went.
    static Result<int> emptyTrash(Db::Connection &db, const Caller &caller);
    // G4: the copy reads one consistent version inside its write transaction.
    // Gives the new project toId the body of fromId's version `version` as its version 1, and
    // fromId's thumbnail. Call it inside the write transaction that read `version`, so the body
    // is exactly that version (G4). Shared by copies, sends to a class and collections (#16).
    static Result<Ok> copyContent(Db::Connection &db, qint64 fromId, int version, qint64 toId,
                                  const QString &now, qint64 savedBy);
    static Result<ProjectMeta> copy(Db::Connection &db, const Caller &caller, qint64 id,
                                    qint64 quotaBytes = 0);
    // G2: the share set is replaced in one transaction; a group the caller is not in fails all.
    static Result<ProjectMeta> share(Db::Connection &db, const Caller &caller, qint64 id,
                                     const QList<qint64> &groupIds);
    static Result<Ok> putThumbnail(Db::Connection &db, const Caller &caller, qint64 id,
                                   const Thumbnail &thumbnail, qint64 quotaBytes = 0);
    static Result<Thumbnail> thumbnail(Db::Connection &db, const Caller &caller, qint64 id);
    static Result<QList<VersionInfo>> versions(Db::Connection &db, const Caller &caller, qint64 id);
    static Result<QByteArray> versionContent(Db::Connection &db, const Caller &caller, qint64 id,
                                             int version);
    static Result<ProjectMeta> restoreVersion(Db::Connection &db, const Caller &caller, qint64 id,
                                              int version, int expectedVersion,
                                              qint64 quotaBytes = 0);
    // A new project owned by ownerId with body as version 1, inside a write transaction the
    // caller already holds (assignment copies, #16); the caller checks rights and assets.
    static Result<ProjectMeta> insertInTransaction(Db::Connection &db, qint64 ownerId,
                                                   const QString &title, const QByteArray &body);
    // Asset references (md5ext) that the database does not hold.
    static Result<QStringList> missingAssets(Db::Connection &db, const QStringList &assetRefs);
};

} // namespace Blockhaus::Store
