// SPDX-License-Identifier: AGPL-3.0-or-later
// The blockhaus executable: one binary, headless or with the teacher's dashboard.

#include <cstdio>
#include <memory>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#include "app/dashboardlauncher.h"
#include "app/options.h"
#include "app/restorecommand.h"
#include "app/s4simportcommand.h"
#include "app/selfcheck.h"
#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "app/signalwatcher.h"
#include "app/startup.h"
#include "app/windowsconsole.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

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

} // namespace

int main(int argc, char **argv)
{
    App::attachToParentConsole();
    bool headless = true;
    const std::unique_ptr<QCoreApplication> app =
        App::DashboardLauncher::createApplication(argc, argv, &headless);
    QCoreApplication::setOrganizationName(u"Blockhaus"_s);
    QCoreApplication::setApplicationName(u"Blockhaus"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BLOCKHAUS_VERSION));
    // What the teacher chose in the dashboard's Settings tab, read by both builds; it outlives
    // the window, whose Settings tab edits it.
    App::AppSettings settings;
    installTranslations(*app, settings.language());

    App::Options options = App::parseOptions(QCoreApplication::arguments());
    App::applySavedSettings(options, settings);
    options.headless = headless;
    if (!options.restoreFrom.isEmpty())
        return App::runRestore(options);
    if (!options.importS4s.isEmpty())
        return App::runS4sImport(options);
    if (options.selfCheck)
        return App::runSelfCheck(options);

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

    App::DashboardLauncher dashboard(headless, settings);
    App::StartError startError;
    const std::unique_ptr<App::ServerController> started =
        App::startServer(options, dashboard.portQuestion(), &startError);
    if (!started) {
        if (terminating)
            return 0; // stopped while the port question was open: asked to, not a failure
        dashboard.reportStartError(startError);
        return startError.exitCode();
    }
    App::ServerController &server = *started;
    printStartBanner(server);
    QObject::connect(&server, &App::ServerController::lanNameClaimed, &server,
                     [](const QString &url) {
                         std::printf("Students can also type: %s\n", qPrintable(url));
                         std::fflush(stdout);
                     });
    dashboard.show(server);
    const int code = terminating ? 0 : app->exec();
    dashboard.closeWindow();
    server.stop();
    std::printf("Blockhaus stopped.\n");
    return code;
}
