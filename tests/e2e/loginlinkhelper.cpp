// SPDX-License-Identifier: AGPL-3.0-or-later
// For e2e.loginlink (#13): Blockhaus as the dashboard runs it (the server in this process and the
// Students tab over its ClassroomService, offscreen), so that the browser test opens exactly the
// link a click on "Open the teacher page" opens. A URL handler stands in for the desktop's
// browser and prints the link; the test opens it in Chromium.
//
// Usage: e2e_loginlinkhelper DATA_DIR WEB_ROOT. Prints "listening on port N", then one line
// "link URL" per line "teacher" read on standard input; ends when standard input closes.
#include <cstdio>

#include <QApplication>
#include <QDesktopServices>
#include <QPushButton>
#include <QSocketNotifier>
#include <QUrl>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "ui/students/studentspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

class Browser : public QObject
{
    Q_OBJECT

public slots:
    void open(const QUrl &url)
    {
        std::printf("link %s\n", url.toEncoded().constData());
        std::fflush(stdout);
    }
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s DATA_DIR WEB_ROOT\n", argv[0]);
        return 2;
    }
    App::Options options =
        Test::inProcessServerOptions(QString::fromLocal8Bit(argv[1]), u"e2e-login-link-admin-1"_s);
    options.headless = false;
    options.webRoot = QString::fromLocal8Bit(argv[2]);
    App::ServerController server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(error));
        return 1;
    }
    Browser browser;
    QDesktopServices::setUrlHandler(u"http"_s, &browser, "open");
    Ui::StudentsPanel panel(server.classroomService());
    panel.show();
    std::printf("listening on port %d\n", int(server.port()));
    std::fflush(stdout);

    QSocketNotifier input(0, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&panel, &input] {
        char line[64];
        if (!std::fgets(line, sizeof line, stdin)) {
            input.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        if (QByteArray(line).trimmed() == "teacher")
            panel.teacherPageButton()->click();
    });
    const int code = app.exec();
    QDesktopServices::unsetUrlHandler(u"http"_s);
    server.stop();
    return code;
}

#include "loginlinkhelper.moc"
