// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/restorecommand.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QLocale>

#include "app/datafolder.h"
#include "app/starterror.h"
#include "server/core/sentence.h"
#include "server/service/maintenance.h"

namespace Blockhaus::App {

namespace {

// The refusal in the teacher's language; an internal failure adds its English detail, since the
// console is the only log a command line has.
void printError(const Error &error)
{
    std::fprintf(stderr, "blockhaus: %s\n", qPrintable(Core::translatedMessage(error)));
    if (error.kind == ErrorKind::Internal && !error.message.isEmpty())
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(error.message));
}

} // namespace

int runRestore(const Options &options)
{
    if (!options.database.isEmpty()) {
        // --restore puts a file in place of the data folder's SQLite file (#15).
        std::fprintf(stderr, "blockhaus: %s\n",
                     qPrintable(QCoreApplication::translate(
                         "Blockhaus::App::RestoreCommand",
                         "--restore puts back a backup of the SQLite database in the data "
                         "folder. Blockhaus is set to use a PostgreSQL database: restore that "
                         "with PostgreSQL's pg_restore (or psql for a plain pg_dump file).")));
        return ExitUsage;
    }
    StartError error;
    const auto lock = lockDataFolder(options.dataDir, &error);
    if (!lock) {
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(error.message));
        return ExitStartFailed;
    }
    auto restored = Service::Maintenance().restore(
        options.restoreFrom, databaseFile(options.dataDir), backupFolder(options.dataDir));
    if (!restored) {
        printError(restored.error());
        return ExitStartFailed;
    }
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate(
                               "Blockhaus::App::RestoreCommand",
                               "Restored %1 (%2, schema version %3) into the data folder %4.")
                               .arg(QDir::toNativeSeparators(options.restoreFrom),
                                    QLocale().formattedDataSize(restored->bytes))
                               .arg(restored->schemaVersion)
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
