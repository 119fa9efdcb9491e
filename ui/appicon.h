// SPDX-License-Identifier: AGPL-3.0-or-later
// The Blockhaus application icon for the dashboard's windows, from the PNGs that
// tools/make-icons.py renders out of packaging/icons/blockhaus.svg (resource :/icons).
#pragma once

#include <QIcon>

namespace Blockhaus::Ui {

// Every rendered size is added, so the window manager, taskbar and Alt+Tab switcher each pick a
// pixel-exact image (16 px is drawn separately) instead of scaling one down.
QIcon applicationIcon();

} // namespace Blockhaus::Ui
