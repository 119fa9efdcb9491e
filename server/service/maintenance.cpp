// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/maintenance.h"

#include "server/db/backup.h"
#include "server/db/connection.h"
#include "server/db/migrations.h"
#include "server/db/probe.h"
#include "server/db/restore.h"

namespace Blockhaus::Service {

DatabaseHealth databaseHealth(Work &work)
{
    const Db::ProbeResult probe = Db::probe(work.connection());
    return {probe.answers, probe.driver, probe.journalMode, probe.synchronous};
}

Result<QString> Maintenance::backup(Work &work, const Core::Caller &caller,
                                    const QString &targetPath, const BackupProgress &progress) const
{
    if (!caller.isAdmin()) {
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "Only an administrator may back up the database."));
    }
    if (targetPath.trimmed().isEmpty()) {
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Choose a file name for the backup."));
    }
    return Db::backupDatabase(work.connection(), targetPath, progress);
}

Result<RestoredDatabase> Maintenance::restore(const QString &backupPath,
                                              const QString &databasePath,
                                              const QString &safetyFolder) const
{
    if (backupPath.trimmed().isEmpty()) {
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Name the backup file to restore."));
    }
    // Restores are SQLite files (the data folder's database); PostgreSQL has pg_restore.
    auto restored = Db::restoreDatabase(backupPath, databasePath, safetyFolder,
                                        Db::Migrations::latestVersion(Db::Driver::Sqlite));
    if (!restored)
        return restored.error();
    return RestoredDatabase{restored->restored.schemaVersion, restored->restored.bytes,
                            restored->safetyCopy};
}

Result<BackupFacts> Maintenance::checkBackup(const QString &backupPath,
                                             const QString &scratchFolder) const
{
    if (backupPath.trimmed().isEmpty()) {
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Name the backup file to restore."));
    }
    auto facts = Db::checkBackupFile(backupPath, scratchFolder,
                                     Db::Migrations::latestVersion(Db::Driver::Sqlite));
    if (!facts)
        return facts.error();
    return BackupFacts{facts->schemaVersion, facts->bytes};
}

} // namespace Blockhaus::Service
