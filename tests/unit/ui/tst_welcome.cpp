// SPDX-License-Identifier: AGPL-3.0-or-later
// The first start: a server without any class offers the welcome once; naming the class creates
// it and shows the join screen with its code. Against an in-process server, offscreen.
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "ui/dashboardwindow.h"
#include "ui/join/joinpanel.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

class TestWelcome : public QObject
{
    Q_OBJECT

private slots:
    void firstStartCreatesTheClassAndShowsTheJoinScreen();
};

void TestWelcome::firstStartCreatesTheClassAndShowsTheJoinScreen()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    App::ServerController server(inProcessServerOptions(dataDir.path(), u"welcome-admin-1"_s));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    Ui::DashboardWindow window(server.joinUrls(), server.port());
    window.setCloseDecider([](bool) { return Ui::DashboardWindow::CloseChoice::Stop; });
    window.show();
    window.setClassroomService(server.classroomService());
    Ui::WelcomeDialog *welcome = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((welcome = window.findChild<Ui::WelcomeDialog *>()) != nullptr
                                 && welcome->isVisible(),
                             10000);
    QVERIFY(!welcome->createButton()->isEnabled()); // nothing to create without a name
    welcome->nameField()->setText(u"Class 5b"_s);
    QVERIFY(welcome->createButton()->isEnabled());
    welcome->createButton()->click();

    QTRY_COMPARE_WITH_TIMEOUT(window.joinPanel()->className(), u"Class 5b"_s, 10000);
    QVERIFY(!window.joinPanel()->joinCode().isEmpty());
    QCOMPARE(window.tabs()->currentWidget(), window.joinPanel());
    QVERIFY(window.joinPanel()->currentJoinUrl().endsWith(u"/join/"_s
                                                          + window.joinPanel()->joinCode()));
    window.close();
    server.stop();
}

QTEST_MAIN(TestWelcome)
#include "tst_welcome.moc"
