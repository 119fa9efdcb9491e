// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/dashboardlauncher.h"

#include <cstdio>

#include <QCoreApplication>

#include "app/options.h"
#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "app/starterror.h"

using namespace Qt::StringLiterals;

// The one place that differs between the two builds (STYLE.md rule 11): with ui/ the dashboard's
// half below, without it stand-ins that make every run headless. Compiled into the executable
// only (app/CMakeLists.txt), which alone links ui/.
#ifdef BLOCKHAUS_WITH_UI
#include <QApplication>
#include <QMessageBox>
#include <QSessionManager>
#include <QSystemTrayIcon>

#include "ui/appicon.h"
#include "ui/dashboardwindow.h"
#include "ui/join/joinpanel.h"
#include "ui/startup/portinusedialog.h"
#include "ui/tray/trayicon.h"

namespace Blockhaus::App {

namespace {

bool hasDisplay()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen"_s;
#else
    return true;
#endif
}

// The message box half of reportStartError.
void showStartError(const StartError &error)
{
    QString text = error.message;
    if (error.kind == StartError::Kind::PortInUse) {
        text += u' '
            + QCoreApplication::translate("Startup",
                                          "Close the other program and start Blockhaus again.");
    }
    QMessageBox::critical(nullptr, QCoreApplication::translate("Startup", "Blockhaus cannot start"),
                          text);
}

} // namespace

struct DashboardLauncher::Parts
{
    // Destroyed in reverse: the tray (whose lambdas name the window) before the window.
    std::unique_ptr<Ui::DashboardWindow> window;
    std::unique_ptr<Ui::TrayIcon> tray;
};

std::unique_ptr<QCoreApplication> DashboardLauncher::createApplication(int &argc, char **argv,
                                                                       bool *headless)
{
    *headless = wantsHeadless(argc, argv) || !hasDisplay();
    if (*headless)
        return std::make_unique<QCoreApplication>(argc, argv);
    auto app = std::make_unique<QApplication>(argc, argv);
    // Before any window (also the start-up questions): the taskbar, the window switcher and
    // Wayland's app_id match the installed launcher and its icon.
    QApplication::setWindowIcon(Ui::applicationIcon());
    QGuiApplication::setDesktopFileName(u"org.blockhaus.Blockhaus"_s);
    return app;
}

PortInUseHandler DashboardLauncher::portQuestion() const
{
    if (m_headless)
        return {};
    return [&settings = m_settings](const StartError &error) -> quint16 {
        using Choice = Ui::PortInUseDialog::Choice;
        const Choice choice = Ui::PortInUseDialog::ask(error.takenPort, error.suggestedPort);
        if (choice == Choice::Quit)
            return 0;
        if (choice == Choice::UseFreePortFromNowOn) {
            settings.setPort(error.suggestedPort);
            settings.sync();
        }
        return error.suggestedPort;
    };
}

void DashboardLauncher::show(ServerController &server)
{
    if (m_headless)
        return;
    m_parts->window = std::make_unique<Ui::DashboardWindow>(server.joinUrls(), server.port());
    Ui::DashboardWindow *shown = m_parts->window.get();
    QObject::connect(server.liveHub(), &Live::LiveHub::snapshotPublished, shown,
                     &Ui::DashboardWindow::showSnapshot, Qt::QueuedConnection);
    shown->setClassroomService(server.classroomService());
    // The LAN name (#16) is claimed about a second after the start, or never.
    shown->joinPanel()->setLanName(server.lanNameUrl());
    QObject::connect(&server, &ServerController::lanNameClaimed, shown->joinPanel(),
                     &Ui::JoinPanel::setLanName, Qt::QueuedConnection);
    shown->setHelpQueueService(server.helpQueueService());
    shown->setLiveControlService(server.liveControlService());
    shown->setMaintenanceService(server.maintenanceService(), &m_settings);
    QObject::connect(shown, &Ui::DashboardWindow::stopRequested, qApp, &QCoreApplication::quit);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // Closing the window may then keep the server running in the tray.
        QApplication::setQuitOnLastWindowClosed(false);
        m_parts->tray = std::make_unique<Ui::TrayIcon>();
        shown->setTrayAvailable(true);
        Ui::TrayIcon *icon = m_parts->tray.get();
        QObject::connect(icon, &Ui::TrayIcon::showDashboardRequested, shown, [shown] {
            shown->showNormal();
            shown->raise();
            shown->activateWindow();
        });
        QObject::connect(icon, &Ui::TrayIcon::stopRequested, qApp, &QCoreApplication::quit);
        QObject::connect(
            server.liveHub(), &Live::LiveHub::snapshotPublished, icon,
            [icon, shown] { icon->showSummary(shown->healthSummary()); }, Qt::QueuedConnection);
        icon->show();
    }
#if QT_CONFIG(sessionmanager)
    // Logout or shutdown: the session manager asks us to commit, then ends us (its "die" or
    // SIGTERM). Nobody can answer the close question any more, so the close that follows stops
    // the server without it. No interaction is requested: the logout is never held up.
    QObject::connect(qGuiApp, &QGuiApplication::commitDataRequest, shown,
                     [shown](QSessionManager &) { shown->closeWithoutAsking(); });
#endif
    shown->show();
}

void DashboardLauncher::closeWindow()
{
    m_parts->window.reset();
}

} // namespace Blockhaus::App

#else // a build without the dashboard: every run is headless

namespace Blockhaus::App {

namespace {

void showStartError(const StartError &) { }

} // namespace

struct DashboardLauncher::Parts
{
};

std::unique_ptr<QCoreApplication> DashboardLauncher::createApplication(int &argc, char **argv,
                                                                       bool *headless)
{
    *headless = true;
    return std::make_unique<QCoreApplication>(argc, argv);
}

PortInUseHandler DashboardLauncher::portQuestion() const
{
    return {};
}

void DashboardLauncher::show(ServerController &) { }

void DashboardLauncher::closeWindow() { }

} // namespace Blockhaus::App

#endif

namespace Blockhaus::App {

DashboardLauncher::DashboardLauncher(bool headless, AppSettings &settings)
    : m_headless(headless)
    , m_settings(settings)
    , m_parts(std::make_unique<Parts>())
{
}

DashboardLauncher::~DashboardLauncher() = default;

void DashboardLauncher::reportStartError(const StartError &error) const
{
    std::fprintf(stderr, "blockhaus: %s\n", qPrintable(consoleText(error)));
    const bool portInUse = error.kind == StartError::Kind::PortInUse;
    if (m_headless || (portInUse && error.suggestedPort != 0))
        return;
    showStartError(error);
}

} // namespace Blockhaus::App
