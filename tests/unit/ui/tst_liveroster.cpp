// SPDX-License-Identifier: AGPL-3.0-or-later
// A live roster (issue #13): a class and students made through the API — as the teacher page
// does — appear in the dashboard's Students tab and join screen without the teacher opening the
// tab again, students who never logged in included; the first-start welcome closes itself once
// such a class exists. Against an in-process server wired as the app wires it, offscreen.
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "server/live/livehub.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/dashboardwindow.h"
#include "ui/join/joinpanel.h"
#include "ui/students/rostermodel.h"
#include "ui/students/studentspanel.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

QStringList rosterNames(const Ui::RosterModel *roster)
{
    QStringList names;
    for (const Ui::StudentSummary &student : roster->students())
        names << student.displayName;
    names.sort();
    return names;
}

} // namespace

class TestLiveRoster : public QObject
{
    Q_OBJECT

private slots:
    void classesAndStudentsMadeOnTheWebAppearWithoutLookingAgain();
};

void TestLiveRoster::classesAndStudentsMadeOnTheWebAppearWithoutLookingAgain()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    const QString adminPassword = u"live-roster-admin-1"_s;
    App::ServerController server(inProcessServerOptions(dataDir.path(), adminPassword));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    Ui::DashboardWindow window(server.joinUrls(), server.port());
    window.setCloseDecider([](bool) { return Ui::DashboardWindow::CloseChoice::Stop; });
    QObject::connect(server.liveHub(), &Live::LiveHub::snapshotPublished, &window,
                     &Ui::DashboardWindow::showSnapshot, Qt::QueuedConnection);
    window.show();
    window.setClassroomService(server.classroomService());
    Ui::WelcomeDialog *found = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (found = window.findChild<Ui::WelcomeDialog *>()) != nullptr && found->isVisible(), 10000);
    const QPointer<Ui::WelcomeDialog> welcome = found;
    // The teacher stays on the join screen; the Students tab is never opened again.
    window.tabs()->setCurrentWidget(window.joinPanel());

    Client web(server.port());
    QCOMPARE(web.login(u"admin"_s, adminPassword).status, 201);
    const HttpReply created = web.postJson("/api/v1/classes", {{u"name"_s, u"Robotics 7"_s}});
    QVERIFY2(created.status == 201, qPrintable(describe(created)));
    const int classId = created.object().value(u"id"_s).toInt();

    QTRY_VERIFY_WITH_TIMEOUT(welcome.isNull() || !welcome->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.joinPanel()->className(), u"Robotics 7"_s, 10000);
    QCOMPARE(window.joinPanel()->joinCode(), created.object().value(u"join_code"_s).toString());

    const HttpReply added =
        web.postJson("/api/v1/classes/" + QByteArray::number(classId) + "/students",
                     {{u"names"_s, QJsonArray{u"Ada L."_s, u"Grace H."_s}}});
    QVERIFY2(added.status == 201, qPrintable(describe(added)));
    // Neither has ever logged in: they are listed all the same, as offline.
    QTRY_COMPARE_WITH_TIMEOUT(rosterNames(window.studentsPanel()->roster()),
                              (QStringList{u"Ada L."_s, u"Grace H."_s}), 10000);

    // A rename on the web reaches the join screen too.
    const HttpReply renamed =
        web.patch("/api/v1/classes/" + QByteArray::number(classId), R"({"name":"Robotics 7b"})");
    QVERIFY2(renamed.status == 200, qPrintable(describe(renamed)));
    QTRY_COMPARE_WITH_TIMEOUT(window.joinPanel()->className(), u"Robotics 7b"_s, 10000);

    window.close();
    server.stop();
}

QTEST_MAIN(TestLiveRoster)
#include "tst_liveroster.moc"
