// SPDX-License-Identifier: AGPL-3.0-or-later
// The blockhaus executable: one binary, headless or with the teacher's dashboard.

#include <cstdio>
#include <memory>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#include "app/options.h"
#include "app/restorecommand.h"
#include "app/servercontroller.h"
#include "app/signalwatcher.h"
#include "app/startup.h"
#include "app/windowsconsole.h"

#ifdef BLOCKHAUS_WITH_UI
#include <QApplication>
#include <QMessageBox>
#include <QSessionManager>
#include <QSystemTrayIcon>

#include "ui/appicon.h"
#include "ui/dashboardwindow.h"
#include "ui/settings/appsettings.h"
#include "ui/startup/portinusedialog.h"
#include "ui/tray/trayicon.h"
#endif

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

#ifdef BLOCKHAUS_WITH_UI
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
#endif

void printStartBanner(const App::ServerController &server)
{
    std::printf("Blockhaus %s\n", BLOCKHAUS_VERSION);
    std::printf("Data folder: %s\n", qPrintable(server.dataDir()));
    if (!server.generatedAdminPassword().isEmpty()) {
        std::printf(
            "\nFirst start: the account \"admin\" was created with the password\n\n    %s\n\n"
            "Write it down now; it is shown only this once.\n\n",
            qPrintable(server.generatedAdminPassword()));
    }
    std::printf("Students open one of these addresses in their browser:\n");
    for (const QString &url : server.joinUrls())
        std::printf("    %s\n", qPrintable(url));
    // Tests and scripts wait for this exact line.
    std::printf("Blockhaus is listening on port %u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
}

// What the teacher chose in the Settings tab (empty / 0: not chosen). A build without the
// dashboard has no such tab and starts from the command line alone.
struct SavedSettings
{
    QString language;
    quint16 port = 0;
    QString dataDir;
};

SavedSettings readSavedSettings()
{
#ifdef BLOCKHAUS_WITH_UI
    const Ui::AppSettings settings;
    return {settings.language(), settings.port(), settings.dataDirectory()};
#else
    return {};
#endif
}

// German or English after the saved choice, else the system language (BLOCKHAUS_LANGUAGE=de|en
// overrides both), for our texts (compiled into :/i18n) and Qt's own dialogs. Translators live
// as long as the application.
void installTranslations(QCoreApplication &app, const QString &savedLanguage)
{
    const QByteArray forced = qgetenv("BLOCKHAUS_LANGUAGE");
    const QString language = forced.isEmpty() ? savedLanguage : QString::fromLatin1(forced);
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, u"blockhaus"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

// The dashboard's question when the port is taken: the free port to start on (saved for the next
// starts when the teacher asks so), or 0 to quit. Headless nobody is asked.
App::PortInUseHandler portQuestion(bool headless)
{
#ifdef BLOCKHAUS_WITH_UI
    if (headless)
        return {};
    return [](const App::StartError &error) -> quint16 {
        using Choice = Ui::PortInUseDialog::Choice;
        const Choice choice = Ui::PortInUseDialog::ask(error.takenPort, error.suggestedPort);
        if (choice == Choice::Quit)
            return 0;
        if (choice == Choice::UseFreePortFromNowOn) {
            Ui::AppSettings settings;
            settings.setPort(error.suggestedPort);
            settings.sync();
        }
        return error.suggestedPort;
    };
#else
    Q_UNUSED(headless);
    return {};
#endif
}

// On stderr always (a terminal or a service log may be watching); with the dashboard also in a
// message box, since a double-clicked program has no console. A teacher who declined the free
// port in the port question has seen enough.
void reportStartError(const App::StartError &error, bool headless)
{
    std::fprintf(stderr, "blockhaus: %s\n", qPrintable(App::consoleText(error)));
#ifdef BLOCKHAUS_WITH_UI
    const bool portInUse = error.kind == App::StartError::Kind::PortInUse;
    if (headless || (portInUse && error.suggestedPort != 0))
        return;
    QString text = error.message;
    if (portInUse) {
        text += u' '
            + QCoreApplication::translate("Startup",
                                          "Close the other program and start Blockhaus again.");
    }
    QMessageBox::critical(nullptr, QCoreApplication::translate("Startup", "Blockhaus cannot start"),
                          text);
#else
    Q_UNUSED(headless);
#endif
}

} // namespace

int main(int argc, char **argv)
{
    App::attachToParentConsole();
    const bool headlessArgs = App::wantsHeadless(argc, argv);
    std::unique_ptr<QCoreApplication> app;
#ifdef BLOCKHAUS_WITH_UI
    const bool headless = headlessArgs || !hasDisplay();
    if (headless) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        app = std::make_unique<QApplication>(argc, argv);
        // Before any window (also the start-up questions): the taskbar, the window switcher
        // and Wayland's app_id match the installed launcher and its icon.
        QApplication::setWindowIcon(Ui::applicationIcon());
        QGuiApplication::setDesktopFileName(u"org.blockhaus.Blockhaus"_s);
    }
#else
    const bool headless = true;
    Q_UNUSED(headlessArgs);
    app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    QCoreApplication::setOrganizationName(u"Blockhaus"_s);
    QCoreApplication::setApplicationName(u"Blockhaus"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BLOCKHAUS_VERSION));
    const SavedSettings saved = readSavedSettings();
    installTranslations(*app, saved.language);

    App::Options options = App::parseOptions(QCoreApplication::arguments());
    // Saved settings are defaults: --port and --data-dir on the command line win.
    if (!options.portGiven && saved.port > 0)
        options.port = saved.port;
    if (!options.dataDirGiven && !saved.dataDir.isEmpty())
        options.dataDir = saved.dataDir;
    options.headless = headless;
    if (!options.restoreFrom.isEmpty())
        return App::runRestore(options);

    // Before anything is printed: a script may send SIGTERM as soon as it reads the banner, and
    // the signal must then end in a clean stop, not in the default action (found by the CLI test
    // under load). A signal that arrives before exec() waits in the watcher's socket, unless a
    // start-up question's own event loop delivers it: then `terminating` remembers it, because
    // exec() forgets an exit() that came before it.
    // exit(), not quit(): since Qt 6, quit() first asks every window to close, and the dashboard
    // answers a close with a question that nobody reads when a service manager or the logout
    // sends SIGTERM (#12). exit() leaves every running event loop, an open dialog's too, and
    // makes new ones return at once, so the stop below always runs.
    bool terminating = false;
    App::SignalWatcher signalWatcher;
    QObject::connect(
        &signalWatcher, &App::SignalWatcher::terminationRequested, app.get(),
        [&terminating] {
            terminating = true;
            QCoreApplication::exit(0);
        },
        Qt::QueuedConnection);

    App::StartError startError;
    const std::unique_ptr<App::ServerController> started =
        App::startServer(options, portQuestion(headless), &startError);
    if (!started) {
        if (terminating)
            return 0; // stopped while the port question was open: asked to, not a failure
        reportStartError(startError, headless);
        return startError.exitCode();
    }
    App::ServerController &server = *started;
    printStartBanner(server);
#ifdef BLOCKHAUS_WITH_UI
    Ui::AppSettings appSettings; // outlives the window, whose Settings tab edits it
    std::unique_ptr<Ui::DashboardWindow> window;
    std::unique_ptr<Ui::TrayIcon> tray;
    if (!headless) {
        window = std::make_unique<Ui::DashboardWindow>(server.joinUrls(), server.port());
        QObject::connect(server.liveHub(), &Live::LiveHub::snapshotPublished, window.get(),
                         &Ui::DashboardWindow::showSnapshot, Qt::QueuedConnection);
        window->setClassroomService(server.classroomService());
        window->setMaintenanceService(server.maintenanceService(), &appSettings);
        QObject::connect(window.get(), &Ui::DashboardWindow::stopRequested, app.get(),
                         &QCoreApplication::quit);
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            // Closing the window may then keep the server running in the tray.
            QApplication::setQuitOnLastWindowClosed(false);
            tray = std::make_unique<Ui::TrayIcon>();
            window->setTrayAvailable(true);
            Ui::DashboardWindow *shown = window.get();
            QObject::connect(tray.get(), &Ui::TrayIcon::showDashboardRequested, shown, [shown] {
                shown->showNormal();
                shown->raise();
                shown->activateWindow();
            });
            QObject::connect(tray.get(), &Ui::TrayIcon::stopRequested, app.get(),
                             &QCoreApplication::quit);
            Ui::TrayIcon *icon = tray.get();
            QObject::connect(
                server.liveHub(), &Live::LiveHub::snapshotPublished, icon,
                [icon, shown] { icon->showSummary(shown->healthSummary()); }, Qt::QueuedConnection);
            tray->show();
        }
#if QT_CONFIG(sessionmanager)
        // Logout or shutdown: the session manager asks us to commit, then ends us (its "die" or
        // SIGTERM). Nobody can answer the close question any more, so the close that follows
        // stops the server without it. No interaction is requested: the logout is never held up.
        QObject::connect(
            qGuiApp, &QGuiApplication::commitDataRequest, window.get(),
            [shown = window.get()](QSessionManager &) { shown->closeWithoutAsking(); });
#endif
        window->show();
    }
#endif
    const int code = terminating ? 0 : app->exec();
#ifdef BLOCKHAUS_WITH_UI
    window.reset();
#endif
    server.stop();
    std::printf("Blockhaus stopped.\n");
    return code;
}
