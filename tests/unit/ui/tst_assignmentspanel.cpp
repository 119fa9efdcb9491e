// SPDX-License-Identifier: AGPL-3.0-or-later
// The Assignments tab (#16) against a real server in the same process (App::ServerController
// and its ClassroomService on a temporary database). Assignments are made, handed out and
// handed in over HTTP as the web pages do; the panel lists those of the chosen class with how
// many students have handed in. Every step is a future the test waits for with a bound.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/assignments/assignmentspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"assignments-admin-1"_s;
constexpr int waitMs = 10'000;

QByteArray assignmentPath(qint64 id, const QByteArray &tail)
{
    return "/api/v1/assignments/"_ba + QByteArray::number(id) + tail;
}

QStringList rows(const QTreeWidget *list)
{
    QStringList texts;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = list->topLevelItem(i);
        texts.append(item->text(0) + u" | "_s + item->text(2));
    }
    return texts;
}

} // namespace

class TestAssignmentsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsAssignmentsWithHandedInCounts();

private:
    Test::InProcessServer m_server;
};

void TestAssignmentsPanel::initTestCase()
{
    QVERIFY2(m_server.start(adminPassword), qPrintable(m_server.error()));
    QVERIFY(m_server->classroomService());
}

void TestAssignmentsPanel::cleanupTestCase()
{
    m_server.stop();
}

void TestAssignmentsPanel::listsAssignmentsWithHandedInCounts()
{
    const quint16 port = m_server->port();
    const Classroom classroom =
        makeClassroom(port, adminPassword, u"Class 6a"_s, {u"Anna Berg"_s, u"Ben Cole"_s});
    QCOMPARE(classroom.students.size(), 2);
    Client teacher(port);
    teacher.setBearer(classroom.adminToken);
    const QByteArray classPath =
        "/api/v1/classes/"_ba + QByteArray::number(classroom.classId) + "/assignments";
    const HttpReply maze = teacher.postJson(classPath, {{u"title"_s, u"Maze"_s}});
    QVERIFY(statusIs(maze, 201));
    const HttpReply draft = teacher.postJson(classPath, {{u"title"_s, u"Draft"_s}});
    QVERIFY(statusIs(draft, 201));
    const qint64 mazeId = maze.object().value(u"id"_s).toInteger();
    QVERIFY(statusIs(teacher.post(assignmentPath(mazeId, "/hand-out"), {}), 200));
    Client anna(port);
    anna.setBearer(classroom.students.at(0).token);
    QVERIFY(statusIs(anna.post(assignmentPath(mazeId, "/hand-in"), {}), 200));

    Ui::AssignmentsPanel panel(m_server->classroomService());
    panel.show();
    QCOMPARE(panel.list()->topLevelItemCount(), 0);
    // Every control has an accessible name (screen readers).
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QAbstractItemView *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }

    // What the Students tab hands over: the class; the list follows it.
    panel.setClass(classroom.classId, u"Class 6a"_s);
    QTRY_COMPARE_WITH_TIMEOUT(rows(panel.list()),
                              (QStringList{u"Draft | not handed out yet"_s, u"Maze | 1 of 2"_s}),
                              waitMs);

    // Ben hands in too; Refresh shows it.
    Client ben(port);
    ben.setBearer(classroom.students.at(1).token);
    QVERIFY(statusIs(ben.post(assignmentPath(mazeId, "/hand-in"), {}), 200));
    const QFuture<void> reloaded = panel.reload();
    QVERIFY(QTest::qWaitFor([&reloaded] { return reloaded.isFinished(); }, waitMs));
    QCOMPARE(rows(panel.list()),
             (QStringList{u"Draft | not handed out yet"_s, u"Maze | 2 of 2"_s}));
}

QTEST_MAIN(TestAssignmentsPanel)
#include "tst_assignmentspanel.moc"
