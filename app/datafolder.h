// SPDX-License-Identifier: AGPL-3.0-or-later
// The data folder: where its database and automatic backups live, and the lock a server (or a
// restore) holds on it while it uses the database there (one Blockhaus per data folder).
#pragma once

#include <memory>

#include <QLockFile>
#include <QString>

#include "app/starterror.h"

namespace Blockhaus::App {

// The SQLite database in a data folder.
QString databaseFile(const QString &dataDir);
// Where automatic copies go (before a schema migration, before a restore).
QString backupFolder(const QString &dataDir);

// Creates dataDir if needed and locks it. Null with the reason (AlreadyRunning naming the other
// process, or DataFolder) when another Blockhaus holds it or the folder cannot be written.
std::unique_ptr<QLockFile> lockDataFolder(const QString &dataDir, StartError *error);

} // namespace Blockhaus::App
