// SPDX-License-Identifier: AGPL-3.0-or-later
// Starting the server as the blockhaus executable does: one try, and when the port is taken a
// question to the teacher (the dashboard asks with a dialog; headless nobody is asked) and a
// fresh try on the port they chose; and the text of a failed start for the console.
#pragma once

#include <functional>
#include <memory>

#include "app/options.h"
#include "app/servercontroller.h"
#include "app/starterror.h"

namespace Blockhaus::App {

// Asked when the port is taken and a free one was found (error.suggestedPort): the port to try
// next, or 0 to give up.
using PortInUseHandler = std::function<quint16(const StartError &error)>;

// Starts a server with `options`. When the port is taken and `askForPort` is set, asks it and
// starts a new ServerController on the port it returns (never the taken port again), as often
// as the teacher chooses one. Null with `error` set when no server runs.
std::unique_ptr<ServerController> startServer(Options options, const PortInUseHandler &askForPort,
                                              StartError *error);

// One line for stderr: the message, and for a taken port the free one to start with instead.
QString consoleText(const StartError &error);

} // namespace Blockhaus::App
