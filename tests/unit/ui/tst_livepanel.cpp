// SPDX-License-Identifier: AGPL-3.0-or-later
// The "Live lesson" tab (#16) against a real server in the same process (App::ServerController
// and its LiveControlService on a temporary database): every control has an accessible name, the
// pencils-down state is said in words, "Pencils down"/"Continue" reach the API's state, "Send my
// project to everyone" gives each student a copy, and a collection is exported as a zip while
// the panel stays usable. Every step is a future the test waits for with a bound.
#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/live/livepanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"live-admin-1"_s;
constexpr int waitMs = 10'000;

template<typename T>
[[nodiscard]] bool settle(const QFuture<T> &future)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs);
}

int projectCount(quint16 port, const QByteArray &token)
{
    Client client(port);
    client.setBearer(token);
    return int(client.get("/api/v1/projects"_ba).object().value("projects"_L1).toArray().size());
}

} // namespace

class TestLivePanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void pausesSendsCollectsAndExports();

private:
    Test::InProcessServer m_server;
};

void TestLivePanel::initTestCase()
{
    QVERIFY2(m_server.start(adminPassword), qPrintable(m_server.error()));
    QVERIFY(m_server->liveControlService());
}

void TestLivePanel::cleanupTestCase()
{
    m_server.stop();
}

void TestLivePanel::pausesSendsCollectsAndExports()
{
    const quint16 port = m_server->port();
    const Classroom classroom =
        makeClassroom(port, adminPassword, u"Class 4b"_s, {u"Anna Berg"_s, u"Ben Cole"_s});
    QCOMPARE(classroom.students.size(), 2);
    // The dashboard's account (the admin) has a project to send.
    Client admin(port);
    admin.setBearer(classroom.adminToken);
    QCOMPARE(admin.post("/api/v1/projects?title=Starter"_ba, scratchProject()).status, 201);

    Ui::LivePanel panel(m_server->liveControlService());
    panel.show();
    QVERIFY(settle(panel.reload()));
    QCOMPARE(panel.classBox()->count(), 1);
    QCOMPARE(panel.classId(), qint64(classroom.classId));
    QCOMPARE(panel.projectBox()->count(), 1);
    // Every control has an accessible name; the state is in words, not colour alone.
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
    QVERIFY(panel.stateText().contains(u"off"_s));
    QVERIFY(panel.pencilsButton()->isEnabled());
    QVERIFY(!panel.continueButton()->isEnabled());
    QVERIFY(!panel.exportButton()->isEnabled()); // nothing collected yet

    // Pencils down: the API (what the editors read) says so, and so does the panel.
    const QByteArray livePath =
        "/api/v1/classes/" + QByteArray::number(classroom.classId) + "/live";
    panel.pencilsButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel.pencilsAreDown(), waitMs);
    QVERIFY(panel.stateText().contains(u"ON"_s));
    QVERIFY(panel.continueButton()->isEnabled());
    QCOMPARE(admin.get(livePath).object().value("pencils_down"_L1).toBool(), true);
    QVERIFY(settle(panel.setPencilsDown(false)));
    QVERIFY(!panel.pencilsAreDown());
    QCOMPARE(admin.get(livePath).object().value("pencils_down"_L1).toBool(), false);

    // Send my project to everyone: one copy each.
    const int before = projectCount(port, classroom.students.at(0).token);
    QVERIFY(settle(panel.sendProject(panel.projectBox()->currentData().toLongLong())));
    QVERIFY2(panel.message().contains(u"2"_s), qPrintable(panel.message()));
    QCOMPARE(projectCount(port, classroom.students.at(0).token), before + 1);
    QCOMPARE(projectCount(port, classroom.students.at(1).token), before + 1);

    // Collect, then export the zip on a worker; the panel answers meanwhile.
    QVERIFY(settle(panel.collectNow()));
    QVERIFY(panel.lastCollectionId() > 0);
    QVERIFY(panel.exportButton()->isEnabled());
    QTemporaryDir target;
    const QString zip = target.filePath(u"collected.zip"_s);
    const QFuture<void> exported = panel.exportTo(zip);
    QVERIFY(!panel.collectButton()->isEnabled() || exported.isFinished()); // busy while it runs
    QVERIFY(settle(exported));
    QVERIFY2(QFile::exists(zip), qPrintable(panel.message()));
    QFile file(zip);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "PK\x03\x04"_ba);
    QVERIFY(panel.collectButton()->isEnabled());
}

QTEST_MAIN(TestLivePanel)
#include "tst_livepanel.moc"
