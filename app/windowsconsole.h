// SPDX-License-Identifier: AGPL-3.0-or-later
// blockhaus.exe is a Windows GUI program, so a double-click opens no console window. Started
// from a command prompt (school IT running --headless), its output should still appear there.
#pragma once

namespace Blockhaus::App {

// On Windows: writes stdout and stderr to the console of the process that started us, if it has
// one. Elsewhere: nothing to do.
void attachToParentConsole();

} // namespace Blockhaus::App
