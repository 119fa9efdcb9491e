// SPDX-License-Identifier: AGPL-3.0-or-later
// Moving over from Scratch4School (issue #15 step 5): blockhaus --import-s4s reads an S4S
// installation (its database and uploads folder) and brings its accounts, groups (as classes),
// memberships, projects with thumbnails and backpack items into this Blockhaus, item by item.
#pragma once

#include <functional>

#include <QList>
#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Service {

// Where the Scratch4School installation is.
struct S4sImportSource
{
    QString database; // its SQLite file, or a postgresql:// address
    QString databasePassword; // for a PostgreSQL address without one (else ~/.pgpass)
    QString uploadsDir; // its UPLOAD_FOLDER (projects/, thumbnails/, backpack asset folders)
};

// The Blockhaus database to import into, opened here with the server stopped.
struct S4sImportTarget
{
    QString sqliteFile; // the data folder's database, when databaseUrl is empty
    QString backupFolder; // where an older SQLite schema is kept before it is migrated
    QString databaseUrl; // postgresql://... (#15), else SQLite
    QString databasePassword;
};

struct S4sItem
{
    enum class Outcome { Imported, AlreadyThere, Skipped };
    QString kind; // account, class, member, project, backpack
    QString sourceId; // its id in Scratch4School
    QString label; // a name to recognise it by (username, class name, project title, ...)
    Outcome outcome = Outcome::Skipped;
    Error reason; // why it was skipped; for an imported item, a remark (renamed, no thumbnail)
    bool hasRemark = false;
};

struct S4sImportReport
{
    QList<S4sItem> items; // every item, in the order it was handled
    // What has no place in Blockhaus and is left behind, counted.
    int trashedProjects = 0; // in Scratch4School's trash
    int olderVersions = 0; // older commits and other users' working copies
    int assignments = 0;
    int assignmentSubmissions = 0;
    int projectPermissions = 0; // a project shared with users or groups
    // A database failure that ended the import early (an Internal error); the items imported
    // until then stay, and a new run continues after them.
    bool stopped = false;
    Error stopReason;

    int count(const QString &kind, S4sItem::Outcome outcome) const;
};

class S4sImport
{
public:
    // Reads the source first (an unreadable database or missing uploads folder is an error and
    // changes nothing), then opens and migrates the target and imports each item in a write
    // transaction of its own that also records it in import_map: a second run skips what is
    // there, a run after a kill -9 continues where it stopped. progress hears of every item
    // right after its transaction. Needs the target's administrator account (made at the first
    // start), for classes without a teacher. Passwords are not imported: Scratch4School signs in
    // through the school; an imported account has no password until a teacher sets one.
    static Result<S4sImportReport> run(const S4sImportSource &source, const S4sImportTarget &target,
                                       const std::function<void(const S4sItem &)> &progress);
};

} // namespace Blockhaus::Service
