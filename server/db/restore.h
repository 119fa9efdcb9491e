// SPDX-License-Identifier: AGPL-3.0-or-later
// Getting a backup back: checking a file before it becomes the database, swapping it in with
// SQLite's backup API (so the swap is one transaction, never a half-copied file), and the copies
// kept first — of the database a restore replaces, and of a database about to be migrated.
#pragma once

#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Db {

struct DatabaseFacts
{
    int schemaVersion = 0;
    qint64 bytes = 0;
};

// Opens the SQLite file at path read-only and checks that it is a Blockhaus database this build
// can use: PRAGMA integrity_check passes and its schema version is between 1 and latestSchema.
// The error sentence says what is wrong in words a teacher can act on.
Result<DatabaseFacts> checkDatabaseFile(const QString &path, int latestSchema);

// Copies the SQLite database at sourcePath (its write-ahead log included) to a new file at
// targetPath: written under a temporary name in the same folder and renamed when complete, so a
// half-written copy never carries the final name. Refuses to overwrite an existing file.
Result<QString> copyDatabaseFile(const QString &sourcePath, const QString &targetPath);

// The checks restoreDatabase makes before it changes anything, alone: on a copy of the backup
// made in scratchFolder and removed again. For refusing a backup while the server still serves
// (the dashboard's restore, #13), before it stops for the swap.
Result<DatabaseFacts> checkBackupFile(const QString &backupPath, const QString &scratchFolder,
                                      int latestSchema);

struct RestoreOutcome
{
    DatabaseFacts restored;
    QString safetyCopy; // the database the restore replaced; empty when there was none
};

// Puts the backup at backupPath in place of the database at databasePath. No server may be
// using databasePath (the caller holds the data folder's lock with the server stopped). Order:
// check the backup; copy the current database to safetyFolder (named for the time); then copy
// the backup's pages into the database in one transaction and truncate its write-ahead log. Any
// failure before the last step leaves the database untouched; a failure in it is rolled back by
// SQLite.
Result<RestoreOutcome> restoreDatabase(const QString &backupPath, const QString &databasePath,
                                       const QString &safetyFolder, int latestSchema);

// Before a migration to a newer schema: when databasePath holds a database of an older schema
// version than latestSchema, copies it to folder as
// "blockhaus-schema-<old>-before-<new>-<time>.sqlite3" and returns that path; returns an empty
// string when there is nothing to migrate (no database yet, or already the latest schema).
Result<QString> backupBeforeMigration(const QString &databasePath, const QString &folder,
                                      int latestSchema);

} // namespace Blockhaus::Db
