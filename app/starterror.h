// SPDX-License-Identifier: AGPL-3.0-or-later
// StartError: why the server could not start, typed so that the headless run picks its exit code
// and the dashboard picks its dialog, with a message a teacher can act on (already translated).
#pragma once

#include <QString>

namespace Blockhaus::App {

// The exit codes of blockhaus (README, "Command line").
enum ExitCode : int {
    ExitStopped = 0, // ran and was stopped
    ExitStartFailed = 1, // could not start: data folder, another Blockhaus, database, …
    ExitUsage = 2, // the command line is wrong
    ExitPortInUse = 3, // another program uses the port
    ExitCheckFailed = 4, // blockhaus --self-check found a problem (it says which)
};

struct StartError
{
    enum class Kind {
        PortInUse, // another program listens on the port (never for port 0)
        AlreadyRunning, // another Blockhaus holds the data folder's lock
        DataFolder, // the data folder cannot be created or written
        Database, // the database cannot be opened, migrated or given its first admin
        Other, // e.g. --listen names an address this computer does not have
    };

    Kind kind = Kind::Other;
    QString message;
    // PortInUse: the port that is taken, and a free one close to it (0 when none was found).
    quint16 takenPort = 0;
    quint16 suggestedPort = 0;

    int exitCode() const { return kind == Kind::PortInUse ? ExitPortInUse : ExitStartFailed; }
};

} // namespace Blockhaus::App
