// SPDX-License-Identifier: AGPL-3.0-or-later
// The dashboard's Help tab (#16) against a real server in the same process (App::ServerController
// and its HelpQueueService on a temporary database). Students raise their hands over HTTP as the
// editor does; the tab lists them oldest first with project, waiting time in words and question,
// the window's tab title says how many wait, "Done" takes one out (for the student too) and
// "Open read-only" opens the project in the browser signed in. Every step is a future the test
// waits for with a bound; nothing blocks the GUI thread.
#include <QAbstractButton>
#include <QDesktopServices>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"
#include "ui/dashboardwindow.h"
#include "ui/help/helpmodel.h"
#include "ui/help/helppanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"help-admin-1"_s;
constexpr int waitMs = 10'000;

template<typename T>
[[nodiscard]] bool settle(const QFuture<T> &future)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs);
}

HttpReply raise(quint16 port, const QByteArray &token, const QJsonObject &body)
{
    Client client(port);
    client.setBearer(token);
    return client.postJson("/api/v1/help/mine"_ba, body);
}

QString cell(const Ui::HelpModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

} // namespace

class TestHelpPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void waitingTimeIsInWords_data();
    void waitingTimeIsInWords();
    void listsTheQueueMarksDoneAndOpensReadOnly();

public slots:
    // Stands in for the desktop's browser (QDesktopServices::setUrlHandler).
    void openInBrowser(const QUrl &url) { m_opened.append(url); }

private:
    QList<QUrl> m_opened;
    QTemporaryDir m_dataDir;
    std::unique_ptr<PgTestDatabase> m_postgres; // the *.pg run: before the server
    std::unique_ptr<App::ServerController> m_server;
};

void TestHelpPanel::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
    options.headless = false;
    options.database = requestedPostgresAddress(m_postgres);
    QCOMPARE(options.database.isEmpty(), !TestServer::postgresRequested());
    options.databasePassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->helpQueueService());
}

void TestHelpPanel::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void TestHelpPanel::waitingTimeIsInWords_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    // Plural endings come from the translations (lupdate fills them at merge), so the pattern
    // allows "minute(s)" as the untranslated source says it.
    QTest::newRow("just now") << qint64(20) << u"^less than a minute$"_s;
    QTest::newRow("one minute") << qint64(61) << u"^1 minute"_s;
    QTest::newRow("minutes") << qint64(5 * 60 + 30) << u"^5 minute"_s;
    QTest::newRow("an hour and more") << qint64(70 * 60) << u"^1 hour.* 10 minute"_s;
    QTest::newRow("clock skew") << qint64(-30) << u"^less than a minute$"_s;
}

void TestHelpPanel::waitingTimeIsInWords()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    const QString shown = Ui::HelpModel::waitingText(seconds);
    QVERIFY2(QRegularExpression(text).match(shown).hasMatch(), qPrintable(shown));
}

void TestHelpPanel::listsTheQueueMarksDoneAndOpensReadOnly()
{
    const quint16 port = m_server->port();
    const Classroom classroom =
        makeClassroom(port, adminPassword, u"Class 7c"_s, {u"Anna Berg"_s, u"Ben Cole"_s});
    QCOMPARE(classroom.students.size(), 2);
    Client anna(port);
    anna.setBearer(classroom.students.at(0).token);
    const HttpReply created = anna.post("/api/v1/projects?title=Maze"_ba, scratchProject());
    QVERIFY(statusIs(created, 201));
    const qint64 maze = created.object().value(u"id"_s).toInteger();

    Ui::DashboardWindow window({u"http://127.0.0.1:%1/"_s.arg(port)}, port);
    window.setClassroomService(m_server->classroomService());
    window.setHelpQueueService(m_server->helpQueueService());
    Ui::HelpPanel *panel = window.helpPanel();
    QVERIFY(panel);
    const int tab = window.tabs()->indexOf(panel);
    QVERIFY(tab >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(panel->summaryLabel()->text(), u"Nobody is waiting for help."_s,
                              waitMs);
    QCOMPARE(window.tabs()->tabText(tab), u"Help"_s);

    QVERIFY(statusIs(raise(port, classroom.students.at(0).token,
                           {{u"project_id"_s, maze}, {u"question"_s, u"My cat is stuck"_s}}),
                     201));
    QVERIFY(statusIs(raise(port, classroom.students.at(1).token, {}), 201));
    auto refreshed = panel->refresh();
    QVERIFY(settle(refreshed));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 2, waitMs);
    const Ui::HelpModel *model = panel->model();
    QCOMPARE(cell(model, 0, Ui::HelpModel::Name), u"Anna Berg"_s);
    QCOMPARE(cell(model, 0, Ui::HelpModel::Project), u"Maze"_s);
    QCOMPARE(cell(model, 0, Ui::HelpModel::Question), u"My cat is stuck"_s);
    QCOMPARE(cell(model, 0, Ui::HelpModel::Waiting), u"less than a minute"_s);
    QCOMPARE(cell(model, 1, Ui::HelpModel::Name), u"Ben Cole"_s);
    QCOMPARE(cell(model, 1, Ui::HelpModel::Project), u"No project"_s);
    QVERIFY2(panel->summaryLabel()->text().startsWith(u"2 student"_s),
             qPrintable(panel->summaryLabel()->text()));
    QCOMPARE(window.tabs()->tabText(tab), u"Help (2 waiting)"_s);
    QVERIFY(!panel->view()->accessibleName().isEmpty());

    // Nothing chosen: nothing to act on. Ben has no project to open.
    QVERIFY(!panel->doneButton()->isEnabled());
    panel->view()->selectRow(1);
    QVERIFY(panel->doneButton()->isEnabled());
    QVERIFY(!panel->openButton()->isEnabled());
    panel->view()->selectRow(0);
    QVERIFY(panel->openButton()->isEnabled());

    // "Open read-only": the editor with Anna's project, signed in through a one-time link.
    QDesktopServices::setUrlHandler(u"http"_s, this, "openInBrowser");
    m_opened.clear();
    panel->openButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, waitMs);
    QDesktopServices::unsetUrlHandler(u"http"_s);
    Client browser(port);
    const HttpReply signedIn =
        browser.get(m_opened.constFirst().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    QCOMPARE(signedIn.status, 303);
    QCOMPARE(signedIn.header("location"), "/editor?project="_ba + QByteArray::number(maze));

    // "Done" on Anna: she leaves the queue, for the dashboard and for her editor.
    const qint64 annaRequest = panel->selectedRequestId();
    QVERIFY(annaRequest > 0);
    auto done = panel->markDone(annaRequest);
    QVERIFY(settle(done));
    QVERIFY2(panel->message().contains(u"Anna Berg"_s), qPrintable(panel->message()));
    QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 1, waitMs);
    QCOMPARE(cell(panel->model(), 0, Ui::HelpModel::Name), u"Ben Cole"_s);
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->tabText(tab), u"Help (1 waiting)"_s, waitMs);
    QVERIFY(anna.get("/api/v1/help/mine"_ba).object().value(u"request"_s).isNull());
}

QTEST_MAIN(TestHelpPanel)
#include "tst_helppanel.moc"
