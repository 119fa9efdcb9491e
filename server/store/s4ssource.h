// SPDX-License-Identifier: AGPL-3.0-or-later
// S4sSource: reads the database of a Scratch4School installation (its SQLAlchemy models in
// backend/app/models/ of juliankiedaisch/Scratch4School) for blockhaus --import-s4s, read-only.
#pragma once

#include <QList>
#include <QString>

#include "server/core/result.h"
#include "server/core/types.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

struct S4sUser
{
    QString id; // the school sign-in's subject (users.id, text)
    QString username;
    QString role; // admin, teacher, student, or empty
};

struct S4sGroup
{
    qint64 id = 0;
    QString externalId; // the school's group id, unique
    QString name;
};

struct S4sMembership
{
    qint64 groupId = 0;
    QString userId;
};

// A Scratch4School project (collaborative_projects) and the version of it that is current: the
// creator's working copy with unsaved changes, if any, else its latest commit.
struct S4sProject
{
    qint64 id = 0; // collaborative_projects.id
    QString name;
    QString ownerId; // created_by
    bool deleted = false; // in Scratch4School's trash
    qint64 versionId = 0; // projects.id of the current version; 0: it has none
    bool fromWorkingCopy = false;
    QString sb3Path; // projects.sb3_file_path as stored (the server's own path)
    QString thumbnailPath;
    int otherVersions = 0; // older commits and other users' working copies, not imported
};

struct S4sBackpackItem
{
    QString id;
    QString ownerId;
    QString type; // costume, sound, sprite, script
    QString name;
    QString mime;
    QString bodyAsset; // assets.asset_id (the MD5) of the body
    QString bodyPath; // assets.file_path of the body, if the asset row is there
    QString thumbnailAsset;
    QString thumbnailPath;
};

struct S4sContent
{
    QList<S4sUser> users;
    QList<S4sGroup> groups;
    QList<S4sMembership> memberships;
    QList<S4sProject> projects;
    QList<S4sBackpackItem> backpack;
    // What has no place in Blockhaus, counted for the report.
    int assignments = 0;
    int assignmentSubmissions = 0;
    int projectPermissions = 0; // collaborative_project_permissions (sharing with users/groups)
};

class S4sSource
{
public:
    // Reads everything but the files from the database at location: a SQLite file, or a
    // postgresql:// address (password: in it, else password, else libpq's ~/.pgpass). A
    // database that cannot be opened, or that lacks Scratch4School's tables, is an error with a
    // sentence saying so. Opens its own connection on the calling thread and closes it again.
    static Result<S4sContent> read(const QString &location, const QString &password);
};

} // namespace Blockhaus::Store
