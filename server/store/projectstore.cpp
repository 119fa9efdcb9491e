// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/projectstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/assetstore.h"
#include "server/store/assignmentstore.h"
#include "server/store/storagequota.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

// The columns every ProjectMeta query selects, in this order.
const QString metaColumns = u"p.id, p.title, p.version, p.created_at, p.updated_at, p.deleted_at, "
                            "u.id, u.username, u.display_name, "
                            "EXISTS (SELECT 1 FROM project_thumbnails t WHERE t.project_id = p.id) "
                            "FROM projects p JOIN users u ON u.id = p.owner_id "_s;

ProjectMeta metaFromRow(const Sql &row)
{
    ProjectMeta meta;
    meta.id = row.value(0).toLongLong();
    meta.title = row.value(1).toString();
    meta.version = row.value(2).toInt();
    meta.createdAt = row.value(3).toString();
    meta.updatedAt = row.value(4).toString();
    meta.deletedAt = row.value(5).toString();
    meta.owner = {row.value(6).toLongLong(), row.value(7).toString(), row.value(8).toString()};
    meta.hasThumbnail = row.value(9).toBool();
    return meta;
}

// Fills sharedWith for every project in the list with one query.
Result<Ok> attachShares(Db::Connection &db, QList<ProjectMeta> &projects, const QString &filter,
                        const QVariant &filterValue)
{
    if (projects.isEmpty())
        return Ok{};
    QHash<qint64, int> index;
    for (int i = 0; i < projects.size(); ++i)
        index.insert(projects[i].id, i);
    Sql q(db,
          u"SELECT s.project_id, g.id, g.name FROM project_shares s "
          "JOIN groups g ON g.id = s.group_id JOIN projects p ON p.id = s.project_id WHERE "_s
              + filter + u" ORDER BY g.name"_s);
    q.bind(filterValue);
    if (!q.exec())
        return q.error();
    while (q.next()) {
        const auto it = index.constFind(q.value(0).toLongLong());
        if (it != index.constEnd())
            projects[*it].sharedWith.append({q.value(1).toLongLong(), q.value(2).toString()});
    }
    return Ok{};
}

Result<ProjectMeta> loadMeta(Db::Connection &db, qint64 id)
{
    Sql q(db, u"SELECT "_s + metaColumns + u"WHERE p.id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound);
    QList<ProjectMeta> list{metaFromRow(q)};
    auto shares = attachShares(db, list, u"p.id = ?"_s, id);
    if (!shares)
        return shares.error();
    return list.first();
}

struct Access
{
    qint64 ownerId = 0;
    bool deleted = false;
    int version = 0;
    bool sharedWithCaller = false;
    bool callerTeachesOwner = false;
};

// lock: a write follows that this read decides; PostgreSQL then locks the project's row until
// the transaction ends, so writers of one project take turns as SQLite's single writer does.
Result<Access> loadAccess(Db::Connection &db, const Caller &caller, qint64 id, bool lock)
{
    Sql q(db,
          u"SELECT p.owner_id, p.deleted_at IS NOT NULL, p.version, "
          "EXISTS (SELECT 1 FROM project_shares s JOIN memberships m ON m.group_id = s.group_id "
          "        WHERE s.project_id = p.id AND m.user_id = ?), "
          "EXISTS (SELECT 1 FROM memberships t JOIN memberships o ON o.group_id = t.group_id "
          "        WHERE t.user_id = ? AND t.teaches = 1 AND o.user_id = p.owner_id) "
          "FROM projects p WHERE p.id = ?"_s
              + (lock ? db.dialect().forUpdate() : QString()));
    q.bind(caller.userId).bind(caller.userId).bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no project with this number."));
    return Access{q.value(0).toLongLong(), q.value(1).toBool(), q.value(2).toInt(),
                  q.value(3).toBool(), q.value(4).toBool()};
}

Error trashedError()
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence", "This project is in the trash."));
}

// Read access: owner, admin, a teacher of the owner, a member of a group it is shared with.
Result<Access> requireRead(Db::Connection &db, const Caller &caller, qint64 id, bool lock = false)
{
    auto access = loadAccess(db, caller, id, lock);
    if (!access)
        return access;
    if (access->deleted)
        return trashedError();
    const bool teacherSees =
        caller.isAdmin() || (caller.role == Role::Teacher && access->callerTeachesOwner);
    if (access->ownerId != caller.userId && !teacherSees && !access->sharedWithCaller)
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "This project belongs to someone else."));
    return access;
}

// Write access: only the owner.
Result<Access> requireOwner(Db::Connection &db, const Caller &caller, qint64 id, bool allowTrashed)
{
    auto access = loadAccess(db, caller, id, true);
    if (!access)
        return access;
    if (access->ownerId != caller.userId)
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only the owner can change this project."));
    if (access->deleted && !allowTrashed)
        return trashedError();
    return access;
}

Error conflictError(Db::Connection &db, qint64 id, int staleVersion)
{
    Sql q(db,
          u"SELECT p.version, p.updated_at, u.id, u.username, u.display_name "
          "FROM projects p JOIN users u ON u.id = p.updated_by WHERE p.id = ?"_s);
    q.bind(id);
    QJsonObject extra;
    if (q.exec() && q.next()) {
        extra.insert(u"current_version"_s, q.value(0).toInt());
        extra.insert(u"updated_at"_s, toApiTime(q.value(1).toString()));
        extra.insert(u"updated_by"_s,
                     QJsonObject{{u"id"_s, q.value(2).toLongLong()},
                                 {u"username"_s, q.value(3).toString()},
                                 {u"display_name"_s, q.value(4).toString()}});
    }
    extra.insert(u"your_version"_s, staleVersion);
    Error error = makeError(ErrorKind::PreconditionFailed,
                            QT_TRANSLATE_NOOP("Sentence",
                                              "Someone saved a newer version of this "
                                              "project in the meantime."));
    error.extra = extra;
    return error;
}

// Keeps the last historyLength versions up to `newest`. A cheap delete, because the versions
// table holds the bodies (no copies elsewhere).
Result<Ok> trimHistory(Db::Connection &db, qint64 id, int newest)
{
    Sql trim(db, u"DELETE FROM project_versions WHERE project_id = ? AND version <= ?"_s);
    trim.bind(id).bind(newest - ProjectStore::historyLength);
    if (!trim.exec())
        return trim.error();
    return Ok{};
}

Result<Ok> insertVersion(Db::Connection &db, qint64 id, int version, const QByteArray &body,
                         qint64 savedBy, const QString &now)
{
    Sql insert(db,
               u"INSERT INTO project_versions (project_id, version, body, size, saved_at, "
               "saved_by) VALUES (?, ?, ?, ?, ?, ?)"_s);
    insert.bind(id).bind(version).bind(body).bind(body.size()).bind(now).bind(savedBy);
    if (!insert.exec())
        return insert.error();
    return trimHistory(db, id, version);
}

// The guarded write of G1: succeeds only when the stored version is still the expected one.
Result<int> bumpVersion(Db::Connection &db, const Caller &caller, qint64 id, int expected,
                        const std::optional<QString> &title, const QString &now)
{
    Sql update(db,
               u"UPDATE projects SET version = version + 1, updated_at = ?, updated_by = ?, "
               "title = COALESCE(?, title) "
               "WHERE id = ? AND version = ? AND deleted_at IS NULL"_s);
    update.bind(now)
        .bind(caller.userId)
        .bind(title ? QVariant(*title) : QVariant(QMetaType(QMetaType::QString)))
        .bind(id)
        .bind(expected);
    if (!update.exec())
        return update.error();
    if (update.rowsAffected() != 1)
        return conflictError(db, id, expected);
    return expected + 1;
}

// What save and rename share, in one write transaction within the caller's quota: only the
// owner writes (G3: not in the trash), the guarded version bump of G1, then storeBody writes the
// new version's row (given the transaction's connection, the new version and the time).
template<typename StoreBody>
Result<ProjectMeta> writeNewVersion(Db::Connection &db, const Caller &caller, qint64 id,
                                    int expectedVersion, const std::optional<QString> &title,
                                    qint64 quotaBytes, StoreBody &&storeBody)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) {
        return withinQuota<ProjectMeta>(
            db, caller.userId, quotaBytes, [&]() -> Result<ProjectMeta> {
                auto access = requireOwner(db, caller, id, false);
                if (!access)
                    return access.error();
                const QString now = nowText();
                // #16: a handed-in, returned or overdue assignment copy is frozen. Decided here,
                // with the same timestamp as the write and in its transaction: a save racing
                // the due time is either in before it or refused, never half-applied.
                auto writable = AssignmentStore::requireWritable(db, id, now);
                if (!writable)
                    return writable.error();
                auto version = bumpVersion(db, caller, id, expectedVersion, title, now);
                if (!version)
                    return version.error();
                auto stored = storeBody(db, *version, now);
                if (!stored)
                    return stored.error();
                return loadMeta(db, id);
            });
    });
}

Result<ProjectMeta> insertProject(Db::Connection &db, const Caller &caller, const QString &title,
                                  const QByteArray &body)
{
    const QString now = nowText();
    Sql insert(db,
               u"INSERT INTO projects (owner_id, title, version, created_at, updated_at, "
               "updated_by) VALUES (?, ?, 1, ?, ?, ?)"_s
                   + db.dialect().returningId());
    insert.bind(caller.userId).bind(title).bind(now).bind(now).bind(caller.userId);
    if (!insert.exec())
        return insert.error();
    const qint64 id = insert.insertedId();
    auto version = insertVersion(db, id, 1, body, caller.userId, now);
    if (!version)
        return version.error();
    return loadMeta(db, id);
}

Result<Ok> requireAssets(Db::Connection &db, const QStringList &assetRefs)
{
    auto missing = ProjectStore::missingAssets(db, assetRefs);
    if (!missing)
        return missing.error();
    if (!missing->isEmpty()) {
        Error error = makeError(ErrorKind::Unprocessable,
                                QT_TRANSLATE_NOOP("Sentence",
                                                  "The project uses costumes or "
                                                  "sounds that were not uploaded."));
        error.extra = {{u"missing_assets"_s, QJsonArray::fromStringList(*missing)}};
        return error;
    }
    return Ok{};
}

} // namespace

Result<ProjectMeta> ProjectStore::insertInTransaction(Db::Connection &db, qint64 ownerId,
                                                      const QString &title, const QByteArray &body)
{
    Caller owner;
    owner.userId = ownerId;
    return insertProject(db, owner, title, body);
}

Result<QStringList> ProjectStore::missingAssets(Db::Connection &db, const QStringList &assetRefs)
{
    QStringList missing;
    QSet<QString> seen;
    for (const QString &ref : assetRefs) {
        if (seen.contains(ref))
            continue;
        seen.insert(ref);
        const qsizetype dot = ref.lastIndexOf(u'.');
        Sql q(db, u"SELECT 1 FROM assets WHERE md5 = ? AND data_format = ?"_s);
        q.bind(ref.left(dot)).bind(ref.mid(dot + 1));
        if (!q.exec())
            return q.error();
        if (!q.next())
            missing << ref;
    }
    return missing;
}

Result<ProjectMeta> ProjectStore::create(Db::Connection &db, const Caller &caller,
                                         const QString &title, const QByteArray &body,
                                         const QStringList &assetRefs, qint64 quotaBytes)
{
    // Assets are never deleted, so checking them before taking the write lock is safe.
    auto assets = requireAssets(db, assetRefs);
    if (!assets)
        return assets.error();
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) {
        return withinQuota<ProjectMeta>(db, caller.userId, quotaBytes,
                                        [&] { return insertProject(db, caller, title, body); });
    });
}

Result<ProjectMeta> ProjectStore::createWithAssets(Db::Connection &db, const Caller &caller,
                                                   const QString &title, const QByteArray &body,
                                                   const QStringList &assetRefs,
                                                   const QList<AssetData> &assets,
                                                   qint64 quotaBytes)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) {
        // The archive's new assets count too: the whole import fits or nothing is kept.
        return withinQuota<ProjectMeta>(
            db, caller.userId, quotaBytes, [&]() -> Result<ProjectMeta> {
                for (const AssetData &asset : assets) {
                    auto stored = AssetStore::insertInTransaction(db, caller.userId, asset);
                    if (!stored)
                        return stored.error();
                }
                auto present = requireAssets(db, assetRefs);
                if (!present)
                    return present.error();
                return insertProject(db, caller, title, body);
            });
    });
}

Result<QList<ProjectMeta>> ProjectStore::listOwn(Db::Connection &db, const Caller &caller,
                                                 bool trash)
{
    return Db::readTransaction<QList<ProjectMeta>>(db, [&]() -> Result<QList<ProjectMeta>> {
        Sql q(db,
              u"SELECT "_s + metaColumns + u"WHERE p.owner_id = ? AND p.deleted_at IS "_s
                  + (trash ? u"NOT NULL"_s : u"NULL"_s)
                  + u" ORDER BY p.updated_at DESC, p.id DESC"_s);
        q.bind(caller.userId);
        if (!q.exec())
            return q.error();
        QList<ProjectMeta> list;
        while (q.next())
            list.append(metaFromRow(q));
        auto shares = attachShares(db, list, u"p.owner_id = ?"_s, caller.userId);
        if (!shares)
            return shares.error();
        return list;
    });
}

Result<QList<ProjectMeta>> ProjectStore::listOwnedBy(Db::Connection &db, qint64 ownerId)
{
    Caller owner;
    owner.userId = ownerId;
    return listOwn(db, owner, false);
}

Result<UserRef> ProjectStore::ownerOf(Db::Connection &db, qint64 id)
{
    Sql q(db,
          u"SELECT u.id, u.username, u.display_name FROM projects p "
          "JOIN users u ON u.id = p.owner_id WHERE p.id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no project with this number."));
    return UserRef{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()};
}

Result<QHash<qint64, Thumbnail>> ProjectStore::thumbnailsOwnedBy(Db::Connection &db, qint64 ownerId)
{
    return Db::readTransaction<QHash<qint64, Thumbnail>>(
        db, [&]() -> Result<QHash<qint64, Thumbnail>> {
            Sql q(db,
                  u"SELECT t.project_id, t.mime, t.data FROM project_thumbnails t "
                  "JOIN projects p ON p.id = t.project_id WHERE p.owner_id = ?"_s);
            q.bind(ownerId);
            if (!q.exec())
                return q.error();
            QHash<qint64, Thumbnail> thumbnails;
            while (q.next())
                thumbnails.insert(q.value(0).toLongLong(),
                                  Thumbnail{q.value(1).toString(), q.value(2).toByteArray()});
            return thumbnails;
        });
}

Result<QList<ProjectMeta>> ProjectStore::listShared(Db::Connection &db, const Caller &caller)
{
    return Db::readTransaction<QList<ProjectMeta>>(db, [&]() -> Result<QList<ProjectMeta>> {
        Sql q(db,
              u"SELECT "_s + metaColumns
                  + u"WHERE p.deleted_at IS NULL AND p.owner_id <> ? AND p.id IN ("
                    "SELECT s.project_id FROM project_shares s JOIN memberships m "
                    "ON m.group_id = s.group_id WHERE m.user_id = ?) "
                    "ORDER BY p.updated_at DESC, p.id DESC"_s);
        q.bind(caller.userId).bind(caller.userId);
        if (!q.exec())
            return q.error();
        QList<ProjectMeta> list;
        while (q.next())
            list.append(metaFromRow(q));
        auto shares = attachShares(
            db, list,
            u"p.id IN (SELECT s2.project_id FROM project_shares s2 JOIN memberships m2 "
            "ON m2.group_id = s2.group_id WHERE m2.user_id = ?)"_s,
            caller.userId);
        if (!shares)
            return shares.error();
        return list;
    });
}

Result<ProjectContent> ProjectStore::content(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::readTransaction<ProjectContent>(db, [&]() -> Result<ProjectContent> {
        auto access = requireRead(db, caller, id);
        if (!access)
            return access.error();
        Sql q(db, u"SELECT body FROM project_versions WHERE project_id = ? AND version = ?"_s);
        q.bind(id).bind(access->version);
        if (!q.exec())
            return q.error();
        if (!q.next())
            return makeError(ErrorKind::Internal, u"The current version is missing."_s);
        return ProjectContent{q.value(0).toByteArray(), access->version};
    });
}

Result<ProjectMeta> ProjectStore::meta(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::readTransaction<ProjectMeta>(db, [&]() -> Result<ProjectMeta> {
        auto access = requireRead(db, caller, id);
        if (!access)
            return access.error();
        return loadMeta(db, id);
    });
}

Result<ProjectMeta> ProjectStore::save(Db::Connection &db, const Caller &caller, qint64 id,
                                       int expectedVersion, const QByteArray &body,
                                       const QStringList &assetRefs,
                                       const std::optional<QString> &title, qint64 quotaBytes)
{
    auto assets = requireAssets(db, assetRefs);
    if (!assets)
        return assets.error();
    return writeNewVersion(db, caller, id, expectedVersion, title, quotaBytes,
                           [&](Db::Connection &db, int version, const QString &now) {
                               return insertVersion(db, id, version, body, caller.userId, now);
                           });
}

Result<ProjectMeta> ProjectStore::rename(Db::Connection &db, const Caller &caller, qint64 id,
                                         int expectedVersion, const QString &title,
                                         qint64 quotaBytes)
{
    return writeNewVersion(
        db, caller, id, expectedVersion, title, quotaBytes,
        [&](Db::Connection &db, int version, const QString &now) -> Result<Ok> {
            // The new version carries the same body; the history stays one row per version.
            Sql copyBody(
                db,
                u"INSERT INTO project_versions (project_id, version, body, size, saved_at, "
                "saved_by) SELECT project_id, ?, body, size, ?, ? FROM project_versions "
                "WHERE project_id = ? AND version = ?"_s);
            copyBody.bind(version).bind(now).bind(caller.userId).bind(id).bind(expectedVersion);
            if (!copyBody.exec())
                return copyBody.error();
            return trimHistory(db, id, version);
        });
}

Result<Ok> ProjectStore::trash(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        auto access = requireOwner(db, caller, id, false);
        if (!access)
            return access.error();
        Sql q(db, u"UPDATE projects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"_s);
        q.bind(nowText()).bind(id);
        if (!q.exec())
            return q.error();
        return Ok{};
    });
}

Result<Ok> ProjectStore::purge(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        auto access = requireOwner(db, caller, id, true);
        if (!access)
            return access.error();
        // Only from the trash: one click on a project in use must never destroy it.
        if (!access->deleted) {
            return makeError(ErrorKind::BadRequest,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "Only projects in the trash can be deleted for "
                                               "good. Move it to the trash first."));
        }
        // Versions, thumbnail and shares go with the row (ON DELETE CASCADE); the storage
        // triggers take their bytes off the owner's usage in the same transaction.
        Sql q(db, u"DELETE FROM projects WHERE id = ? AND deleted_at IS NOT NULL"_s);
        q.bind(id);
        if (!q.exec())
            return q.error();
        if (q.rowsAffected() != 1)
            return makeError(
                ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("Sentence", "There is no project with this number."));
        return Ok{};
    });
}

Result<int> ProjectStore::emptyTrash(Db::Connection &db, const Caller &caller)
{
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        Sql q(db, u"DELETE FROM projects WHERE owner_id = ? AND deleted_at IS NOT NULL"_s);
        q.bind(caller.userId);
        if (!q.exec())
            return q.error();
        return q.rowsAffected();
    });
}

Result<ProjectMeta> ProjectStore::restore(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) -> Result<ProjectMeta> {
        auto access = requireOwner(db, caller, id, true);
        if (!access)
            return access.error();
        Sql q(db, u"UPDATE projects SET deleted_at = NULL WHERE id = ?"_s);
        q.bind(id);
        if (!q.exec())
            return q.error();
        return loadMeta(db, id);
    });
}

Result<Ok> ProjectStore::copyContent(Db::Connection &db, qint64 fromId, int version, qint64 toId,
                                     const QString &now, qint64 savedBy)
{
    Sql body(db,
             u"INSERT INTO project_versions (project_id, version, body, size, saved_at, "
             "saved_by) SELECT ?, 1, body, size, ?, ? FROM project_versions "
             "WHERE project_id = ? AND version = ?"_s);
    body.bind(toId).bind(now).bind(savedBy).bind(fromId).bind(version);
    if (!body.exec())
        return body.error();
    if (body.rowsAffected() != 1)
        return makeError(ErrorKind::Internal, u"The current version is missing."_s);
    Sql thumb(db,
              u"INSERT INTO project_thumbnails (project_id, mime, data, updated_at) "
              "SELECT ?, mime, data, ? FROM project_thumbnails WHERE project_id = ?"_s);
    thumb.bind(toId).bind(now).bind(fromId);
    if (!thumb.exec())
        return thumb.error();
    return Ok{};
}

Result<ProjectMeta> ProjectStore::copy(Db::Connection &db, const Caller &caller, qint64 id,
                                       qint64 quotaBytes)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) {
        return withinQuota<ProjectMeta>(
            db, caller.userId, quotaBytes, [&]() -> Result<ProjectMeta> {
                auto access = requireRead(db, caller, id, true);
                if (!access)
                    return access.error();
                const QString now = nowText();
                Sql insert(
                    db,
                    u"INSERT INTO projects (owner_id, title, version, created_at, updated_at, "
                    "updated_by) SELECT ?, 'Copy of ' || title, 1, ?, ?, ? FROM projects "
                    "WHERE id = ?"_s
                        + db.dialect().returningId());
                insert.bind(caller.userId).bind(now).bind(now).bind(caller.userId).bind(id);
                if (!insert.exec())
                    return insert.error();
                const qint64 newId = insert.insertedId();
                // Same transaction, same snapshot: the body is exactly the version read above (G4).
                auto copied = copyContent(db, id, access->version, newId, now, caller.userId);
                if (!copied)
                    return copied.error();
                return loadMeta(db, newId);
            });
    });
}

Result<ProjectMeta> ProjectStore::share(Db::Connection &db, const Caller &caller, qint64 id,
                                        const QList<qint64> &groupIds)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) -> Result<ProjectMeta> {
        auto access = requireOwner(db, caller, id, false);
        if (!access)
            return access.error();
        for (qint64 groupId : groupIds) {
            Sql member(db, u"SELECT 1 FROM memberships WHERE group_id = ? AND user_id = ?"_s);
            member.bind(groupId).bind(caller.userId);
            if (!member.exec())
                return member.error();
            if (!member.next()) {
                Error error =
                    makeError(ErrorKind::Forbidden,
                              QT_TRANSLATE_NOOP("Sentence",
                                                "You can only share with classes you belong to."));
                error.extra = {{u"group_id"_s, groupId}};
                return error;
            }
        }
        Sql clear(db, u"DELETE FROM project_shares WHERE project_id = ?"_s);
        clear.bind(id);
        if (!clear.exec())
            return clear.error();
        for (qint64 groupId : groupIds) {
            Sql add(db,
                    u"INSERT INTO project_shares (project_id, group_id) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING"_s);
            add.bind(id).bind(groupId);
            if (!add.exec())
                return add.error();
        }
        return loadMeta(db, id);
    });
}

Result<Ok> ProjectStore::putThumbnail(Db::Connection &db, const Caller &caller, qint64 id,
                                      const Thumbnail &thumbnail, qint64 quotaBytes)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) {
        return withinQuota<Ok>(db, caller.userId, quotaBytes, [&]() -> Result<Ok> {
            auto access = requireOwner(db, caller, id, false);
            if (!access)
                return access.error();
            Sql q(db,
                  u"INSERT INTO project_thumbnails (project_id, mime, data, updated_at) "
                  "VALUES (?, ?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET "
                  "mime = excluded.mime, data = excluded.data, updated_at = excluded.updated_at"_s);
            q.bind(id).bind(thumbnail.mime).bind(thumbnail.data).bind(nowText());
            if (!q.exec())
                return q.error();
            return Ok{};
        });
    });
}

Result<Thumbnail> ProjectStore::thumbnail(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::readTransaction<Thumbnail>(db, [&]() -> Result<Thumbnail> {
        auto access = requireRead(db, caller, id);
        if (!access)
            return access.error();
        Sql q(db, u"SELECT mime, data FROM project_thumbnails WHERE project_id = ?"_s);
        q.bind(id);
        if (!q.exec())
            return q.error();
        if (!q.next())
            return makeError(ErrorKind::NotFound,
                             QT_TRANSLATE_NOOP("Sentence", "This project has no picture yet."));
        return Thumbnail{q.value(0).toString(), q.value(1).toByteArray()};
    });
}

Result<QList<VersionInfo>> ProjectStore::versions(Db::Connection &db, const Caller &caller,
                                                  qint64 id)
{
    return Db::readTransaction<QList<VersionInfo>>(db, [&]() -> Result<QList<VersionInfo>> {
        auto access = requireRead(db, caller, id);
        if (!access)
            return access.error();
        Sql q(db,
              u"SELECT v.version, v.saved_at, u.id, u.username, u.display_name, v.size "
              "FROM project_versions v JOIN users u ON u.id = v.saved_by "
              "WHERE v.project_id = ? ORDER BY v.version DESC"_s);
        q.bind(id);
        if (!q.exec())
            return q.error();
        QList<VersionInfo> list;
        while (q.next()) {
            list.append({q.value(0).toInt(),
                         q.value(1).toString(),
                         {q.value(2).toLongLong(), q.value(3).toString(), q.value(4).toString()},
                         q.value(5).toLongLong()});
        }
        return list;
    });
}

Result<QByteArray> ProjectStore::versionContent(Db::Connection &db, const Caller &caller, qint64 id,
                                                int version)
{
    return Db::readTransaction<QByteArray>(db, [&]() -> Result<QByteArray> {
        auto access = requireRead(db, caller, id);
        if (!access)
            return access.error();
        Sql q(db, u"SELECT body FROM project_versions WHERE project_id = ? AND version = ?"_s);
        q.bind(id).bind(version);
        if (!q.exec())
            return q.error();
        if (!q.next())
            return makeError(ErrorKind::NotFound,
                             QT_TRANSLATE_NOOP("Sentence", "This version is no longer kept."));
        return q.value(0).toByteArray();
    });
}

Result<ProjectMeta> ProjectStore::restoreVersion(Db::Connection &db, const Caller &caller,
                                                 qint64 id, int version, int expectedVersion,
                                                 qint64 quotaBytes)
{
    return Db::writeTransaction<ProjectMeta>(db, [&](Db::Connection &db) {
        return withinQuota<ProjectMeta>(
            db, caller.userId, quotaBytes, [&]() -> Result<ProjectMeta> {
                auto access = requireOwner(db, caller, id, false);
                if (!access)
                    return access.error();
                Sql old(
                    db,
                    u"SELECT body FROM project_versions WHERE project_id = ? AND version = ?"_s);
                old.bind(id).bind(version);
                if (!old.exec())
                    return old.error();
                if (!old.next())
                    return makeError(
                        ErrorKind::NotFound,
                        QT_TRANSLATE_NOOP("Sentence", "This version is no longer kept."));
                const QByteArray body = old.value(0).toByteArray();
                const QString now = nowText();
                auto writable = AssignmentStore::requireWritable(db, id, now); // #16, as save
                if (!writable)
                    return writable.error();
                auto newVersion = bumpVersion(db, caller, id, expectedVersion, std::nullopt, now);
                if (!newVersion)
                    return newVersion.error();
                auto stored = insertVersion(db, id, *newVersion, body, caller.userId, now);
                if (!stored)
                    return stored.error();
                return loadMeta(db, id);
            });
    });
}

} // namespace Blockhaus::Store
