// SPDX-License-Identifier: AGPL-3.0-or-later
// The Students tab against a real server in the same process (App::ServerController and its
// ClassroomService on a temporary database): create a class, add students (the accounts and
// their passwords come back once), reset a password that then works over HTTP, take a student out
// of the class, and see a student come online from the live snapshots. Nothing in the panel may
// block: every step is a future the test waits for with a bound.
#include <QDesktopServices>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/students/rostermodel.h"
#include "ui/students/studentspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"students-admin-1"_s;

int rowOf(const Ui::RosterModel *roster, const QString &displayName)
{
    for (int row = 0; row < roster->rowCount(); ++row)
        if (roster->index(row, Ui::RosterModel::Name).data().toString() == displayName)
            return row;
    return -1;
}

} // namespace

class TestStudentsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void classStudentsPasswordsAndPresence();
    void teacherPageOpensSignedIn();

public slots:
    // Stands in for the desktop's browser (QDesktopServices::setUrlHandler).
    void openInBrowser(const QUrl &url) { m_opened.append(url); }

private:
    QList<QUrl> m_opened;
    Test::InProcessServer m_server;
};

void TestStudentsPanel::initTestCase()
{
    QVERIFY2(m_server.start(adminPassword), qPrintable(m_server.error()));
    QVERIFY(m_server->classroomService());
}

void TestStudentsPanel::cleanupTestCase()
{
    m_server.stop();
}

void TestStudentsPanel::classStudentsPasswordsAndPresence()
{
    Ui::StudentsPanel panel(m_server->classroomService());
    panel.setJoinAddress(u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    connect(m_server->liveHub(), &Live::LiveHub::snapshotPublished, &panel,
            [&panel](const Live::LiveSnapshotPtr &snapshot) { panel.showSnapshot(*snapshot); });
    QSignalSpy selected(&panel, &Ui::StudentsPanel::classSelected);
    QSignalSpy created(&panel, &Ui::StudentsPanel::accountsCreated);
    QSignalSpy reset(&panel, &Ui::StudentsPanel::passwordReset);
    panel.show(); // the panel asks for the classes whenever it is shown

    // A fresh server has no class: the panel says so in words.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.message().isEmpty(), 10000);
    QCOMPARE(panel.currentClassId(), 0);

    panel.createClass(u"Class 5b"_s);
    QTRY_COMPARE_WITH_TIMEOUT(panel.currentClassName(), u"Class 5b"_s, 10000);
    QVERIFY(!panel.currentJoinCode().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        !selected.isEmpty() && selected.last().at(1).toString() == panel.currentJoinCode(), 10000);

    panel.addStudents({u"Anna Berg"_s, u"Ben Cole"_s});
    QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 20000);
    const auto accounts = created.first().first().value<QList<Ui::NewStudentAccount>>();
    QCOMPARE(accounts.size(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(panel.roster()->rowCount(), 2, 10000);
    Client client(m_server->port());
    for (const Ui::NewStudentAccount &account : accounts) {
        QVERIFY(!account.password.isEmpty());
        QCOMPARE(client.login(account.username, account.password).status, 201);
    }

    // Reset Anna's password: the old one stops working, the new one works.
    const Ui::NewStudentAccount anna =
        accounts.first().displayName == u"Anna Berg"_s ? accounts.first() : accounts.last();
    panel.resetPassword(anna.id);
    QTRY_COMPARE_WITH_TIMEOUT(reset.size(), 1, 20000);
    const QString newPassword = reset.first().at(1).toString();
    QVERIFY(panel.message().contains(newPassword));
    QCOMPARE(client.login(anna.username, anna.password).status, 401);
    QCOMPARE(client.login(anna.username, newPassword).status, 201);

    // Ben works: the roster says so in words once the next snapshot arrives.
    const Ui::NewStudentAccount ben =
        accounts.first().id == anna.id ? accounts.last() : accounts.first();
    QCOMPARE(client.login(ben.username, ben.password).status, 201);
    QCOMPARE(client.get("/api/v1/me", bearerHeader(client.bearer())).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.roster()
            ->index(rowOf(panel.roster(), u"Ben Cole"_s), Ui::RosterModel::Online)
            .data()
            .toString()
            .contains(u"online"_s),
        10000);

    // Ben saves once and then collides with himself: the roster counts both for today.
    const HeaderList benAuth = bearerHeader(client.bearer());
    const HttpReply kite =
        client.post("/api/v1/projects?title=Kite", scratchProject(), "application/json", benAuth);
    QCOMPARE(kite.status, 201);
    const QByteArray path =
        "/api/v1/projects/" + QByteArray::number(kite.object().value("id"_L1).toInteger());
    HeaderList ifMatch = benAuth;
    ifMatch.append(qMakePair(QByteArray("If-Match"), QByteArray("\"1\"")));
    QCOMPARE(client.put(path, scratchProject(), "application/json", ifMatch).status, 200);
    QCOMPARE(client.put(path, scratchProject(), "application/json", ifMatch).status, 412);
    const auto benCell = [&](int column) {
        return panel.roster()->index(rowOf(panel.roster(), u"Ben Cole"_s), column).data();
    };
    QTRY_COMPARE_WITH_TIMEOUT(benCell(Ui::RosterModel::SavesToday).toInt(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(benCell(Ui::RosterModel::ConflictsToday).toInt(), 1, 10000);
    QVERIFY(!benCell(Ui::RosterModel::LastSave).toString().isEmpty());

    // Take Anna out of the class.
    panel.removeStudent(anna.id);
    QTRY_COMPARE_WITH_TIMEOUT(panel.roster()->rowCount(), 1, 10000);
    QCOMPARE(rowOf(panel.roster(), u"Anna Berg"_s), -1);
    QVERIFY(panel.message().contains(u"Anna Berg"_s));
}

void TestStudentsPanel::teacherPageOpensSignedIn()
{
    // "Open the teacher page" opens a one-time link (#13), never a password, that signs the
    // browser in as the dashboard's account and leads to /teacher.
    QDesktopServices::setUrlHandler(u"http"_s, this, "openInBrowser");
    m_opened.clear();
    Ui::StudentsPanel panel(m_server->classroomService());
    panel.show();
    QVERIFY(!panel.teacherPageButton()->accessibleName().isEmpty());
    panel.teacherPageButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, 10000);
    QDesktopServices::unsetUrlHandler(u"http"_s);
    const QUrl link = m_opened.constFirst();
    QCOMPARE(link.path(), u"/login/once"_s);
    QVERIFY(!link.toString().contains(adminPassword));
    QCOMPARE(QUrlQuery(link).queryItemValue(u"next"_s, QUrl::FullyDecoded), u"/teacher"_s);
    Client browser(m_server->port());
    const HttpReply reply = browser.get(link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    QCOMPARE(reply.status, 303);
    QCOMPARE(reply.header("location"), "/teacher"_ba);
    QVERIFY(reply.header("set-cookie").startsWith("bh_session="));
    QCOMPARE(browser.get(link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)).status, 401);
}

QTEST_MAIN(TestStudentsPanel)
#include "tst_studentspanel.moc"
