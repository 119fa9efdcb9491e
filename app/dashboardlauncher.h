// SPDX-License-Identifier: AGPL-3.0-or-later
// DashboardLauncher: the teacher's dashboard as main() sees it — whether this run shows one, the
// question and the message box at start, the window with its tray icon. The one place that knows
// whether the executable was built with ui/: dashboardlauncher.cpp has the one
// #ifdef BLOCKHAUS_WITH_UI, and a build without the dashboard is always headless, where every
// step here is a no-op and start-up errors go to stderr only.
#pragma once

#include <memory>

#include "app/startup.h"

class QCoreApplication;

namespace Blockhaus::App {

class AppSettings;
class ServerController;
struct StartError;

class DashboardLauncher
{
public:
    // The application object for this run: a QApplication when the dashboard will be shown
    // (built with ui/, no --headless or --restore among the arguments, a display present), else
    // a QCoreApplication. *headless says which. Call it first, before any other Qt object.
    static std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv,
                                                               bool *headless);

    // settings (the teacher's saved choices) must outlive the launcher.
    DashboardLauncher(bool headless, AppSettings &settings);
    ~DashboardLauncher();
    DashboardLauncher(const DashboardLauncher &) = delete;
    DashboardLauncher &operator=(const DashboardLauncher &) = delete;

    bool headless() const { return m_headless; }

    // The dashboard's question when the port is taken (the free port to start on, saved for the
    // next starts when the teacher asks so, or 0 to quit); empty when headless: nobody is asked.
    PortInUseHandler portQuestion() const;

    // On stderr always (a terminal or a service log may be watching); with the dashboard also in
    // a message box, since a double-clicked program has no console. A teacher who declined the
    // free port in the port question has seen enough.
    void reportStartError(const StartError &error) const;

    // Shows the window (and the tray icon where the desktop has a tray) for the running server;
    // nothing when headless.
    void show(ServerController &server);

    // Closes the window before the server stops (its panels hold the server's services).
    void closeWindow();

private:
    struct Parts; // the window and tray icon; empty without ui/

    bool m_headless = true;
    [[maybe_unused]] AppSettings &m_settings; // read by the dashboard's half only
    std::unique_ptr<Parts> m_parts;
};

} // namespace Blockhaus::App
