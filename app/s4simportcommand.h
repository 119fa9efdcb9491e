// SPDX-License-Identifier: AGPL-3.0-or-later
// blockhaus --import-s4s DATABASE --uploads DIR: moves a Scratch4School installation's accounts,
// groups, projects and backpacks into this Blockhaus (issue #15 step 5), with no server running
// on the data folder, and prints what was imported, what was skipped and why.
#pragma once

#include "app/options.h"

namespace Blockhaus::App {

// Locks the data folder (so a running Blockhaus refuses it, and this refuses a running one),
// imports with Service::S4sImport and prints one line per item and a report. Returns the exit
// code: 0 when everything importable was imported (items that cannot be, such as a broken .sb3,
// are reported), ExitStartFailed with the reason on stderr when the source cannot be read, the
// data folder is in use or the database failed.
int runS4sImport(const Options &options);

} // namespace Blockhaus::App
