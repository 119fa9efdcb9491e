// SPDX-License-Identifier: AGPL-3.0-or-later
// blockhaus --restore FILE: puts a backup in place of the data folder's database, for IT and
// for a teacher following the README, with no server running on that folder.
#pragma once

#include "app/options.h"

namespace Blockhaus::App {

// Locks the data folder (so a running Blockhaus refuses it), checks the backup, keeps the current
// database in the folder's backups/, swaps, and prints what was restored. Returns the exit code:
// 0 when restored, ExitStartFailed with the reason on stderr otherwise.
int runRestore(const Options &options);

} // namespace Blockhaus::App
