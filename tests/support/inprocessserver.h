// SPDX-License-Identifier: AGPL-3.0-or-later
// The options of a server run inside a test process (App::ServerController next to the widgets
// or services under test): loopback only, a free port, the given data folder, no library
// downloads, and the first admin's password set through the environment as the real app reads it.
// Header-only so that only suites linking blockhaus_app use it.
#pragma once

#include <QString>

#include "app/options.h"

namespace Blockhaus::Test {

inline App::Options inProcessServerOptions(const QString &dataDir, const QString &adminPassword)
{
    qputenv("BLOCKHAUS_ADMIN_PASSWORD", adminPassword.toUtf8());
    App::Options options;
    options.listen = QHostAddress::LocalHost;
    options.port = 0;
    options.dataDir = dataDir;
    options.libraryUpstream = QStringLiteral("none");
    return options;
}

} // namespace Blockhaus::Test
