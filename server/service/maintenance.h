// SPDX-License-Identifier: AGPL-3.0-or-later
// Maintenance operations: the database's health (for /api/v1/health and the dashboard), a backup
// of the live database (the dashboard's "Back up now"), and putting a backup back in place with
// the server stopped (blockhaus --restore).
#pragma once

#include <functional>

#include <QString>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

struct DatabaseHealth
{
    bool ok = false;
    QString driver; // "sqlite" or "postgresql"
    QString journalMode; // SQLite: "wal"; empty elsewhere
    QString synchronous; // SQLite: "full"; empty elsewhere
};

// Whether the database answers on this worker's connection, and its durability settings.
DatabaseHealth databaseHealth(Work &work);

// Called on the worker after every step of a backup with the pages still to copy and the pages
// in the database; returning false stops the backup (nothing is left behind).
using BackupProgress = std::function<bool(int remaining, int pageCount)>;

// What a restore put in place.
struct RestoredDatabase
{
    int schemaVersion = 0; // of the backup (the server migrates it at its next start)
    qint64 bytes = 0; // the backup file's size
    QString safetyCopy; // where the database it replaced is kept; empty when there was none
};

// What a backup file holds, as far as a restore cares.
struct BackupFacts
{
    int schemaVersion = 0;
    qint64 bytes = 0;
};

class Maintenance
{
public:
    // Writes a consistent copy of the live database to targetPath while students keep saving
    // and returns its absolute path; a file of that name is replaced only once the copy is
    // complete, and a failed or cancelled backup leaves no file. Only an administrator may: the
    // copy holds every class's projects and every account's password hash. SQLite only (a
    // sentence says to use pg_dump for PostgreSQL). Holds this worker for the whole copy.
    Result<QString> backup(Work &work, const Core::Caller &caller, const QString &targetPath,
                           const BackupProgress &progress = {}) const;

    // Puts the backup at backupPath in place of the database at databasePath, after checking it
    // (a Blockhaus database, undamaged, a schema this build knows) and keeping the current
    // database in safetyFolder. No worker and no caller: it runs with the server stopped, by
    // whoever may write the data folder, which the caller has locked (a running Blockhaus
    // refuses it). Any refusal leaves the database unchanged.
    Result<RestoredDatabase> restore(const QString &backupPath, const QString &databasePath,
                                     const QString &safetyFolder) const;
    // The checks restore() makes first (undamaged, a Blockhaus database, a schema this build
    // knows), alone and with the server running: on a copy made in scratchFolder and removed
    // again. The same refusals, in the same words.
    Result<BackupFacts> checkBackup(const QString &backupPath, const QString &scratchFolder) const;
};

} // namespace Blockhaus::Service
