// SPDX-License-Identifier: AGPL-3.0-or-later
// Autostart: "Start Blockhaus when I log in", the one place with per-platform code for it
// (Linux/XDG autostart entry, Windows Run key, macOS launch agent).
#pragma once

#include <QString>

namespace Blockhaus::Ui::Autostart {

// False on platforms without an implementation; the Settings tab then disables the option.
bool isSupported();
// Whether an entry for Blockhaus is registered for this user.
bool isEnabled();
// Registers program (started without arguments) for this user's log-in, or removes the entry.
// False with a sentence in errorText when that could not be done.
bool setEnabled(bool enabled, const QString &program, QString *errorText);
// Where the entry lives: a file (Linux, macOS) or a registry value (Windows).
QString location();
// The program to register: the running executable, or the AppImage it was started from.
QString currentProgram();

} // namespace Blockhaus::Ui::Autostart
