// SPDX-License-Identifier: AGPL-3.0-or-later
// Consistent copies of the live SQLite database (SQLite's online backup API), taken while
// students keep saving.
#pragma once

#include <functional>

#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Db {

class Connection;

// Called on the worker after every step with the pages still to copy and the pages in the
// database; returning false stops the backup (nothing is left behind).
using BackupProgress = std::function<bool(int remaining, int pageCount)>;

// Pages copied per step: between steps the worker gives up the source's locks briefly, so other
// connections keep working during a long backup.
inline constexpr int backupPagesPerStep = 256;

// Copies the database behind connection (one of the pool's, on its worker thread: never the GUI
// thread) to targetPath and returns that path. The copy is one snapshot: rows committed before
// the call are in it, saves that commit meanwhile are not, and the copy never restarts because
// of them. It is written to a new file next to the target and renamed over the target only when
// complete and synced, so a half-written backup never carries the final name; on failure no
// file is left. PostgreSQL: an error saying so (use pg_dump there).
Result<QString> backupDatabase(Connection &connection, const QString &targetPath,
                               const BackupProgress &progress = {},
                               int pagesPerStep = backupPagesPerStep);

} // namespace Blockhaus::Db
