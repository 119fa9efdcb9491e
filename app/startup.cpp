// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/startup.h"

#include <QCoreApplication>

namespace Blockhaus::App {

std::unique_ptr<ServerController> startServer(Options options, const PortInUseHandler &askForPort,
                                              StartError *error)
{
    for (;;) {
        // A controller whose start failed is not reused: each try gets a fresh one.
        auto server = std::make_unique<ServerController>(options);
        if (server->start(error))
            return server;
        server.reset();
        if (error->kind != StartError::Kind::PortInUse || error->suggestedPort == 0 || !askForPort)
            return nullptr;
        // Never the port that just failed: that would ask the same question forever.
        const quint16 chosen = askForPort(*error);
        if (chosen == 0 || chosen == error->takenPort)
            return nullptr;
        options.port = chosen;
    }
}

QString consoleText(const StartError &error)
{
    if (error.kind != StartError::Kind::PortInUse)
        return error.message;
    if (error.suggestedPort == 0) {
        return error.message + u' '
            + QCoreApplication::translate("Startup",
                                          "Start again with another port, or with --port 0 to "
                                          "let the system pick a free one.");
    }
    return error.message + u' '
        + QCoreApplication::translate("Startup", "Port %1 is free: start again with --port %1.")
              .arg(error.suggestedPort);
}

} // namespace Blockhaus::App
