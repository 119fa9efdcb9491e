// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/s4ssource.h"

#include <atomic>

#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "server/db/dbconfig.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;

namespace {

Error unreadable(const QString &location, const QString &why)
{
    return makeError(
        ErrorKind::BadRequest,
        QT_TRANSLATE_NOOP("Sentence", "The Scratch4School database %1 cannot be read: %2"),
        {location, why});
}

// Runs one read-only statement and hands each row to row(); false with the driver's reason.
template<typename RowFn>
bool select(QSqlDatabase &db, const QString &sql, const QVariantList &binds, RowFn row,
            QString *why)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        *why = q.lastError().text();
        return false;
    }
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!q.exec()) {
        *why = q.lastError().text();
        return false;
    }
    while (q.next())
        row(q);
    return true;
}

// Counts rows of a table that not every Scratch4School version has (assignments came later).
int countIfPresent(QSqlDatabase &db, const QString &table)
{
    if (!db.tables().contains(table))
        return 0;
    int count = 0;
    QString ignored;
    select(
        db, u"SELECT COUNT(*) FROM "_s + table, {},
        [&count](QSqlQuery &q) { count = q.value(0).toInt(); }, &ignored);
    return count;
}

Result<S4sContent> readAll(QSqlDatabase &db, const QString &location)
{
    const QStringList tables = db.tables();
    for (const QString &needed : {u"users"_s, u"groups"_s, u"user_groups"_s, u"projects"_s,
                                  u"collaborative_projects"_s, u"commits"_s}) {
        if (!tables.contains(needed)) {
            return makeError(ErrorKind::BadRequest,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "%1 is not a Scratch4School database: it has no "
                                               "table %2."),
                             {location, needed});
        }
    }
    S4sContent content;
    QString why;
    const auto failed = [&]() { return unreadable(location, why); };
    if (!select(
            db, u"SELECT id, username, role FROM users ORDER BY id"_s, {},
            [&](QSqlQuery &q) {
                content.users.append(
                    {q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
            },
            &why))
        return failed();
    if (!select(
            db, u"SELECT id, external_id, name FROM groups ORDER BY id"_s, {},
            [&](QSqlQuery &q) {
                content.groups.append(
                    {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
            },
            &why))
        return failed();
    if (!select(
            db, u"SELECT group_id, user_id FROM user_groups ORDER BY group_id, user_id"_s, {},
            [&](QSqlQuery &q) {
                content.memberships.append({q.value(0).toLongLong(), q.value(1).toString()});
            },
            &why))
        return failed();

    // Every version's files (projects rows), then which one is current for each project.
    struct Version
    {
        QString sb3Path, thumbnailPath;
        bool deleted = false;
    };
    QHash<qint64, Version> versions;
    if (!select(
            db, u"SELECT id, sb3_file_path, thumbnail_path, deleted_at FROM projects"_s, {},
            [&](QSqlQuery &q) {
                versions.insert(
                    q.value(0).toLongLong(),
                    {q.value(1).toString(), q.value(2).toString(), !q.value(3).isNull()});
            },
            &why))
        return failed();
    // Commits per project, newest first; working copies per project and user, newest first.
    QHash<qint64, QList<qint64>> commits;
    if (!select(
            db,
            u"SELECT collaborative_project_id, project_id FROM commits "
            "ORDER BY collaborative_project_id, commit_number DESC"_s,
            {},
            [&](QSqlQuery &q) { commits[q.value(0).toLongLong()].append(q.value(1).toLongLong()); },
            &why))
        return failed();
    struct WorkingCopy
    {
        qint64 projectId = 0;
        QString userId;
        bool hasChanges = false;
    };
    QHash<qint64, QList<WorkingCopy>> workingCopies;
    if (tables.contains(u"working_copies"_s)
        && !select(
            db,
            u"SELECT collaborative_project_id, project_id, user_id, has_changes "
            "FROM working_copies ORDER BY collaborative_project_id, updated_at DESC, id DESC"_s,
            {},
            [&](QSqlQuery &q) {
                workingCopies[q.value(0).toLongLong()].append(
                    {q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toBool()});
            },
            &why))
        return failed();
    if (!select(
            db,
            u"SELECT id, name, created_by, deleted_at, latest_commit_id "
            "FROM collaborative_projects ORDER BY id"_s,
            {},
            [&](QSqlQuery &q) {
                S4sProject project;
                project.id = q.value(0).toLongLong();
                project.name = q.value(1).toString();
                project.ownerId = q.value(2).toString();
                project.deleted = !q.value(3).isNull();
                const qint64 latestCommit = q.value(4).toLongLong();
                const QList<qint64> &ownCommits = commits[project.id];
                const QList<WorkingCopy> &copies = workingCopies[project.id];
                // The creator's newest work: a working copy with changes not yet committed, else
                // the commit the project points at, else its highest-numbered commit.
                for (const WorkingCopy &copy : copies) {
                    if (copy.userId == project.ownerId && copy.hasChanges
                        && versions.contains(copy.projectId) && !versions[copy.projectId].deleted) {
                        project.versionId = copy.projectId;
                        project.fromWorkingCopy = true;
                        break;
                    }
                }
                if (project.versionId == 0) {
                    if (latestCommit != 0 && versions.contains(latestCommit))
                        project.versionId = latestCommit;
                    else if (!ownCommits.isEmpty())
                        project.versionId = ownCommits.first();
                }
                if (project.versionId != 0) {
                    const Version &version = versions[project.versionId];
                    project.sb3Path = version.sb3Path;
                    project.thumbnailPath = version.thumbnailPath;
                }
                const int all = static_cast<int>(ownCommits.size() + copies.size());
                project.otherVersions = std::max(0, all - (project.versionId != 0 ? 1 : 0));
                content.projects.append(project);
            },
            &why))
        return failed();

    if (tables.contains(u"backpack_items"_s)) {
        QHash<QString, QString> assetFiles;
        if (tables.contains(u"assets"_s)
            && !select(
                db, u"SELECT asset_id, file_path FROM assets"_s, {},
                [&](QSqlQuery &q) {
                    assetFiles.insert(q.value(0).toString(), q.value(1).toString());
                },
                &why))
            return failed();
        if (!select(
                db,
                u"SELECT id, owner_id, type, name, mime, body, thumbnail FROM backpack_items "
                "ORDER BY created_at, id"_s,
                {},
                [&](QSqlQuery &q) {
                    S4sBackpackItem item;
                    item.id = q.value(0).toString();
                    item.ownerId = q.value(1).toString();
                    item.type = q.value(2).toString();
                    item.name = q.value(3).toString();
                    item.mime = q.value(4).toString();
                    item.bodyAsset = q.value(5).toString();
                    item.bodyPath = assetFiles.value(item.bodyAsset);
                    item.thumbnailAsset = q.value(6).toString();
                    item.thumbnailPath = assetFiles.value(item.thumbnailAsset);
                    content.backpack.append(item);
                },
                &why))
            return failed();
    }
    content.assignments = countIfPresent(db, u"assignments"_s);
    content.assignmentSubmissions = countIfPresent(db, u"assignment_submissions"_s);
    content.projectPermissions = countIfPresent(db, u"collaborative_project_permissions"_s);
    return content;
}

} // namespace

Result<S4sContent> S4sSource::read(const QString &location, const QString &password)
{
    static std::atomic<int> serial{0};
    const QString name = u"blockhaus-s4s-source-%1"_s.arg(serial.fetch_add(1));
    Result<S4sContent> result = makeError(ErrorKind::Internal);
    {
        const bool postgres =
            location.startsWith(u"postgresql://"_s) || location.startsWith(u"postgres://"_s);
        QSqlDatabase db;
        if (postgres) {
            auto config = Db::parseDatabaseUrl(location);
            if (!config)
                return config.error();
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            db.setHostName(config->pgHost);
            db.setPort(config->pgPort);
            db.setDatabaseName(config->pgDatabase);
            db.setUserName(config->pgUser);
            db.setPassword(config->pgPassword.isEmpty() ? password : config->pgPassword);
            db.setConnectOptions(config->pgConnectOptions);
        } else {
            // Only an existing file: QSQLITE would otherwise create an empty database there.
            if (!QFileInfo(location).isFile())
                return unreadable(location, u"there is no such file"_s);
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(location);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        }
        const QString shown =
            postgres ? Db::describeDatabase(*Db::parseDatabaseUrl(location)) : location;
        if (!db.open())
            result = unreadable(shown, db.lastError().text());
        else
            result = readAll(db, shown);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace Blockhaus::Store
