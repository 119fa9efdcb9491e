// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/windowsconsole.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <cstdio>

#include <windows.h>
#endif

namespace Blockhaus::App {

void attachToParentConsole()
{
#ifdef Q_OS_WIN
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return; // double-clicked: no console, and none is wanted
    FILE *reopened = nullptr;
    freopen_s(&reopened, "CONOUT$", "w", stdout);
    freopen_s(&reopened, "CONOUT$", "w", stderr);
#endif
}

} // namespace Blockhaus::App
