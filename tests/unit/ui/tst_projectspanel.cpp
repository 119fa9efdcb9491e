// SPDX-License-Identifier: AGPL-3.0-or-later
// The Projects tab against a real server in the same process (App::ServerController and its
// ClassroomService on a temporary database). Students and projects are made over HTTP as the
// students make them; the panel then lists a student's projects with their thumbnails, shows
// the trash, restores from it and an older version, and exports the class into a folder with a
// progress bar. Every step is a future the test waits for with a bound; nothing blocks.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QDesktopServices>
#include <QDir>
#include <QListView>
#include <QListWidget>
#include <QPixmap>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/projects/projectmodel.h"
#include "ui/projects/projectspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"projects-admin-1"_s;
constexpr int waitMs = 10'000;

// A 1x1 PNG, as the editor uploads thumbnails (only smaller).
const QByteArray tinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="_ba);

QByteArray projectPath(qint64 id, const QByteArray &tail = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + tail;
}

qint64 createProject(Client &client, const QString &title, const QString &marker)
{
    const HttpReply reply =
        client.post("/api/v1/projects?title="_ba + QUrl::toPercentEncoding(title),
                    scratchProject({}, 0, marker));
    return statusIs(reply, 201) ? reply.object().value("id"_L1).toInteger() : 0;
}

template<typename T>
[[nodiscard]] bool settle(const QFuture<T> &future)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs);
}

QStringList titles(const Ui::ProjectModel *model)
{
    QStringList list;
    for (int row = 0; row < model->rowCount(); ++row)
        list.append(model->index(row).data(Ui::ProjectModel::TitleRole).toString());
    list.sort();
    return list;
}

} // namespace

class TestProjectsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsTrashRestoresAndExports();

public slots:
    // Stands in for the desktop's browser (QDesktopServices::setUrlHandler).
    void openInBrowser(const QUrl &url) { m_opened.append(url); }

private:
    QList<QUrl> m_opened;
    Test::InProcessServer m_server;
};

void TestProjectsPanel::initTestCase()
{
    QVERIFY2(m_server.start(adminPassword), qPrintable(m_server.error()));
    QVERIFY(m_server->classroomService());
}

void TestProjectsPanel::cleanupTestCase()
{
    m_server.stop();
}

void TestProjectsPanel::listsTrashRestoresAndExports()
{
    const quint16 port = m_server->port();
    const Classroom classroom =
        makeClassroom(port, adminPassword, u"Class 6a"_s, {u"Anna Berg"_s, u"Ben Cole"_s});
    QCOMPARE(classroom.students.size(), 2);
    Client anna(port);
    anna.setBearer(classroom.students.at(0).token);
    Client ben(port);
    ben.setBearer(classroom.students.at(1).token);
    const qint64 maze = createProject(anna, u"Maze"_s, u"anna-maze"_s);
    const qint64 robot = createProject(anna, u"Robot"_s, u"anna-robot"_s);
    QVERIFY(maze && robot && createProject(ben, u"Maze"_s, u"ben-maze"_s));
    QCOMPARE(anna.put(projectPath(maze, "/thumbnail"_ba), tinyPng, "image/png"_ba).status, 204);
    QCOMPARE(anna.del(projectPath(robot)).status, 204);

    // What the Students tab hands over: the class and its roster.
    auto roster = m_server->classroomService()->students(classroom.classId);
    QVERIFY(settle(roster));
    QVERIFY(roster.result().ok());
    QCOMPARE(roster.result().value->size(), 2);

    Ui::ProjectsPanel panel(m_server->classroomService());
    panel.setJoinAddress(u"http://127.0.0.1:%1"_s.arg(port));
    panel.setClass(classroom.classId, u"Class 6a"_s);
    panel.setStudents(*roster.result().value);
    panel.show();
    QCOMPARE(panel.studentList()->count(), 2);

    // Every control has an accessible name (screen readers; no state by colour alone).
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QAbstractItemView *>(widget)
            || qobject_cast<QProgressBar *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }

    // Choosing Anna in the list shows her project, with its thumbnail.
    const qint64 annaId = classroom.students.at(0).id;
    QListWidgetItem *annaItem =
        panel.studentList()->findItems(u"Anna Berg"_s, Qt::MatchExactly).value(0);
    QVERIFY(annaItem);
    annaItem->setSelected(true);
    QTRY_COMPARE_WITH_TIMEOUT(titles(panel.projects()), QStringList{u"Maze"_s}, waitMs);
    QCOMPARE(panel.currentStudentId(), annaId);
    const QModelIndex first = panel.projects()->index(0);
    const auto thumbnail = first.data(Qt::DecorationRole).value<QPixmap>();
    QVERIFY(!thumbnail.isNull());
    QCOMPARE(thumbnail.size(), QSize(120, 120)); // the 1x1 PNG scaled, not the placeholder
    QVERIFY(first.data(Qt::DisplayRole).toString().contains(u"Maze"_s));
    QCOMPARE(panel.editorUrl(maze),
             QUrl(u"http://127.0.0.1:%1/editor?project=%2"_s.arg(port).arg(maze)));

    // "Open in browser" opens the editor signed in, through a one-time link (#13).
    QDesktopServices::setUrlHandler(u"http"_s, this, "openInBrowser");
    m_opened.clear();
    auto opened = panel.openProject(maze);
    QVERIFY(settle(opened));
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, waitMs);
    QDesktopServices::unsetUrlHandler(u"http"_s);
    const QUrl link = m_opened.constFirst();
    QCOMPARE(link.path(), u"/login/once"_s);
    QVERIFY(!link.toString().contains(adminPassword));
    Client browser(port);
    const HttpReply signedIn =
        browser.get(link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    QCOMPARE(signedIn.status, 303);
    QCOMPARE(signedIn.header("location"), "/editor?project="_ba + QByteArray::number(maze));

    // The trash, said in words.
    auto trash = panel.loadProjects(annaId, true);
    QVERIFY(settle(trash));
    QTRY_COMPARE_WITH_TIMEOUT(titles(panel.projects()), QStringList{u"Robot"_s}, waitMs);
    QVERIFY(panel.showingTrash());
    QVERIFY(panel.projects()->index(0).data(Ui::ProjectModel::TrashedRole).toBool());
    QVERIFY(panel.projects()->index(0).data(Qt::DisplayRole).toString().contains(u"trash"_s));

    // Restore: out of the trash, back among her projects and for her over HTTP.
    auto restored = panel.restore(robot);
    QVERIFY(settle(restored));
    QVERIFY2(panel.message().contains(u"Robot"_s), qPrintable(panel.message()));
    QTRY_COMPARE_WITH_TIMEOUT(panel.projects()->rowCount(), 0, waitMs);
    QCOMPARE(anna.get(projectPath(robot)).status, 200);
    auto own = panel.loadProjects(annaId, false);
    QVERIFY(settle(own));
    QTRY_COMPARE_WITH_TIMEOUT(titles(panel.projects()), (QStringList{u"Maze"_s, u"Robot"_s}),
                              waitMs);

    // Restore an older version: the content of version 1 comes back as version 3.
    QVERIFY(statusIs(anna.put(projectPath(maze), scratchProject({}, 0, u"anna-maze-2"_s),
                              "application/json"_ba, {{"If-Match"_ba, ifMatch(1)}}),
                     200));
    auto reverted = panel.restoreVersion(maze, 1);
    QVERIFY(settle(reverted));
    QVERIFY2(panel.message().contains(u"version 3"_s), qPrintable(panel.message()));
    const HttpReply current = anna.get(projectPath(maze));
    QCOMPARE(current.header("etag"_ba), "\"3\""_ba);
    QVERIFY(current.body.contains("anna-maze"));
    QVERIFY(!current.body.contains("anna-maze-2"));

    // Export the class into a folder, with a progress bar that ends full.
    QTemporaryDir exportDir;
    QVERIFY(exportDir.isValid());
    QSignalSpy finished(&panel, &Ui::ProjectsPanel::exportFinished);
    auto exported = panel.exportTo(exportDir.path(), false);
    QVERIFY(panel.exportProgress()->isVisible());
    QVERIFY(settle(exported));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, waitMs);
    QVERIFY(finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(1).toInt(), 3);
    QCOMPARE(panel.exportProgress()->value(), panel.exportProgress()->maximum());
    QCOMPARE(panel.exportProgress()->maximum(), 3);
    QVERIFY2(panel.message().contains(u"3"_s), qPrintable(panel.message()));
    QCOMPARE(QDir(exportDir.path()).entryList(QDir::Files, QDir::Name),
             (QStringList{u"Anna Berg - Maze.sb3"_s, u"Anna Berg - Robot.sb3"_s,
                          u"Ben Cole - Maze.sb3"_s}));

    // A place that cannot be written: a sentence, and the bar goes away.
    QFile blocker(exportDir.filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    auto refused = panel.exportTo(exportDir.filePath(u"blocker/class.zip"_s), true);
    QVERIFY(settle(refused));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, waitMs);
    QVERIFY(!finished.last().at(0).toBool());
    QVERIFY(panel.message().startsWith(u"Problem"_s));
    QVERIFY(!panel.exportProgress()->isVisible());
}

QTEST_MAIN(TestProjectsPanel)
#include "tst_projectspanel.moc"
