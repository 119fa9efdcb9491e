// SPDX-License-Identifier: AGPL-3.0-or-later
// The dashboard in a real window (xcb under Xvfb) next to a real server in the same process:
// students log in and work through the HTTP API, one save collides, and the window shows them
// from the live snapshots. Each tab is saved as a PNG artifact (build/test-artifacts/dashboard/)
// and checked not to be blank.
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/dashboardwindow.h"
#include "ui/students/rostermodel.h"
#include "ui/students/studentspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"screenshot-admin-1"_s;

// Distinct colours in a sample of the image: a blank or single-colour window has very few.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2e));
    palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::Base, QColor(0x1f, 0x1f, 0x22));
    palette.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2e));
    palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3e));
    palette.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    palette.setColor(QPalette::Highlight, QColor(0x5a, 0x8d, 0xee));
    palette.setColor(QPalette::HighlightedText, Qt::black);
    return palette;
}

} // namespace

class TestDashboardScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void liveClassroomInEveryTab();
};

void TestDashboardScreenshot::liveClassroomInEveryTab()
{
    QVERIFY2(QGuiApplication::platformName() == u"xcb"_s,
             "run under xvfb-run with QT_QPA_PLATFORM=xcb: this test is about a real window");
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    App::Options options = inProcessServerOptions(dataDir.path(), adminPassword);
    options.headless = false;
    App::ServerController server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    // The join screen as a classroom laptop shows it (the README shows this picture): a server
    // listening on the network at the default port, so the window lists this computer's own
    // network addresses with that port, which students can type, and the example address only
    // where the computer has none. The in-process server itself listens on loopback only, as
    // every test does; the window only displays the addresses.
    const QStringList classroomUrls{u"http://192.168.1.23:8601/"_s, u"http://localhost:8601/"_s};
    Ui::DashboardWindow window(classroomUrls, 8601);
    connect(server.liveHub(), &Live::LiveHub::snapshotPublished, &window,
            &Ui::DashboardWindow::showSnapshot, Qt::QueuedConnection);
    window.setClassroomService(server.classroomService());
    App::AppSettings settings(dataDir.filePath(u"settings.ini"_s)); // never the user's own
    window.setMaintenanceService(server.maintenanceService(), &settings);
    // Closing at the end stops the server without the question a teacher would get.
    window.setCloseDecider([](bool) { return Ui::DashboardWindow::CloseChoice::Stop; });
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // A class of five; four are working, and two of them save the same project.
    const Classroom classroom = makeClassroom(
        server.port(), adminPassword, u"Class 5b"_s,
        {u"Anna Berg"_s, u"Ben Cole"_s, u"Chris Dunn"_s, u"Dana Ek"_s, u"Emil Fox"_s});
    QCOMPARE(classroom.students.size(), 5);
    Client client(server.port());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(client.get("/api/v1/me", bearerHeader(classroom.students.at(i).token)).status,
                 200);
    const HeaderList anna = bearerHeader(classroom.students.at(0).token);
    const HttpReply created =
        client.post("/api/v1/projects?title=Maze", scratchProject(), "application/json", anna);
    QCOMPARE(created.status, 201);
    const QByteArray path =
        "/api/v1/projects/" + QByteArray::number(created.object().value("id"_L1).toInteger());
    HeaderList ifMatch = anna;
    ifMatch.append(qMakePair(QByteArray("If-Match"), QByteArray("\"1\"")));
    QCOMPARE(client.put(path, scratchProject(), "application/json", ifMatch).status, 200);
    QCOMPARE(client.put(path, scratchProject(), "application/json", ifMatch).status, 412);

    // The snapshots (4 Hz) reach the window through the event loop.
    QTRY_VERIFY_WITH_TIMEOUT(window.onlineView()->model()->rowCount() >= 4, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(window.conflictView()->model()->rowCount() == 1, 15000);
    QVERIFY(window.statusText().contains(window.healthSummary().headline));
    // The Students tab lists the class made over HTTP, with who is online.
    window.tabs()->setCurrentWidget(window.studentsPanel());
    QTRY_COMPARE_WITH_TIMEOUT(window.studentsPanel()->roster()->rowCount(), 5, 15000);

    const QString artifacts = QStringLiteral(BLOCKHAUS_ARTIFACTS_DIR);
    QVERIFY(QDir().mkpath(artifacts));
    // Light, then a dark palette as a dark system theme would give (Fusion follows the palette):
    // the status line and the QR code carry their own colours and must stay readable on both.
    for (const QString &theme : {u"light"_s, u"dark"_s}) {
        if (theme == u"dark"_s)
            window.setPalette(darkPalette()); // reaches every child at once
        for (int tab = 0; tab < window.tabs()->count(); ++tab) {
            window.tabs()->setCurrentIndex(tab);
            // Settle the layouts still pending from data that has just arrived (the class code
            // appears on the Join tab when the class list loads), as the event loop does before
            // it paints a frame; without this the first grab showed the code squeezed.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            const QImage image = window.grab().toImage(); // renders the current tab itself
            const QString name = window.tabs()->tabText(tab).section(u' ', 0, 0).toLower();
            const QString file = artifacts + u"/dashboard-"_s + theme + u"-"_s + name + u".png"_s;
            QVERIFY2(image.save(file), qPrintable(file));
            QVERIFY2(distinctColours(image) > 20, qPrintable(file + u" looks blank"_s));
        }
    }
    window.close();
    server.stop();
}

QTEST_MAIN(TestDashboardScreenshot)
#include "tst_dashboardscreenshot.moc"
