// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/restorecommand.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QLocale>

#include "app/datafolder.h"
#include "app/starterror.h"
#include "server/db/migrations.h"
#include "server/db/restore.h"

namespace Blockhaus::App {

int runRestore(const Options &options)
{
    StartError error;
    const auto lock = lockDataFolder(options.dataDir, &error);
    if (!lock) {
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(error.message));
        return ExitStartFailed;
    }
    auto restored = Db::restoreDatabase(options.restoreFrom, databaseFile(options.dataDir),
                                        backupFolder(options.dataDir),
                                        Db::Migrations::latestVersion(Db::Driver::Sqlite));
    if (!restored) {
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(restored.error().message));
        return ExitStartFailed;
    }
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate(
                               "Blockhaus::App::RestoreCommand",
                               "Restored %1 (%2, schema version %3) into the data folder %4.")
                               .arg(QDir::toNativeSeparators(options.restoreFrom),
                                    QLocale().formattedDataSize(restored->restored.bytes))
                               .arg(restored->restored.schemaVersion)
                               .arg(QDir::toNativeSeparators(options.dataDir))));
    if (!restored->safetyCopy.isEmpty()) {
        std::printf(
            "%s\n",
            qPrintable(QCoreApplication::translate("Blockhaus::App::RestoreCommand",
                                                   "The database it replaced is kept as %1.")
                           .arg(QDir::toNativeSeparators(restored->safetyCopy))));
    }
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate(
                    "Blockhaus::App::RestoreCommand",
                    "Start Blockhaus as usual to serve the restored classes "
                    "and projects.")));
    return ExitStopped;
}

} // namespace Blockhaus::App
