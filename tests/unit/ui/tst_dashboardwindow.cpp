// SPDX-License-Identifier: AGPL-3.0-or-later
// DashboardWindow under the offscreen platform: snapshots update the status line (in words), the
// online table, the conflict log with its count on the tab, and the health figures and chart;
// every control can be named by a screen reader.
#include <QAbstractItemModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "ui/dashboardwindow.h"
#include "ui/health/healthpanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

Live::LiveSnapshotPtr makeSnapshot(int secondsIn, int conflicts, int waiting = 0)
{
    auto snapshot = std::make_shared<Live::LiveSnapshot>();
    const QDateTime start = QDateTime::fromString(u"2026-11-23T09:00:00Z"_s, Qt::ISODate);
    snapshot->takenAt = start.addSecs(secondsIn);
    snapshot->uptimeSeconds = 3600 + secondsIn;
    snapshot->pool.size = 8;
    snapshot->pool.inUse = 3;
    snapshot->pool.idle = 5;
    snapshot->pool.waiting = waiting;
    snapshot->pool.acquireP50Ms = 0.4;
    snapshot->pool.acquireP99Ms = 2.5;
    snapshot->requests.requestsPerSecond = 42;
    snapshot->databaseBytes = 12 * 1024 * 1024;
    snapshot->freeDiskBytes = 40LL * 1024 * 1024 * 1024;
    for (const auto &[name, id] : {std::pair{u"Anna Berg"_s, 11}, {u"Ben Cole"_s, 12}}) {
        Live::PresenceEntry entry;
        entry.userId = id;
        entry.username = name.toLower().replace(u' ', u'.');
        entry.displayName = name;
        entry.role = u"student"_s;
        entry.projectId = id * 10;
        entry.lastSeen = snapshot->takenAt.addSecs(-5);
        entry.address = u"192.168.1.%1"_s.arg(id);
        snapshot->online.append(entry);
    }
    snapshot->studentsOnline = 2;
    for (int i = 0; i < conflicts; ++i) {
        Live::ConflictEntry conflict;
        conflict.when = start.addSecs(-60 * i); // a logged conflict keeps its time
        conflict.userId = 11;
        conflict.username = u"anna.berg"_s;
        conflict.displayName = i % 2 ? u"Ben Cole"_s : u"Anna Berg"_s;
        conflict.projectId = 110;
        conflict.staleVersion = 3 + i;
        conflict.currentVersion = 4 + i;
        conflict.currentSavedBy = u"anna.berg"_s;
        snapshot->recentConflicts.append(conflict);
    }
    return snapshot;
}

} // namespace

class TestDashboardWindow : public QObject
{
    Q_OBJECT

private slots:
    void snapshotsFillEveryTab();
    void statusLineSaysBusyInWords();
    void conflictFilterAndBadge();
    void everyControlHasAnAccessibleName();
    void closingAsksWhetherToStopTheServer_data();
    void closingAsksWhetherToStopTheServer();
    void closingAfterCloseWithoutAskingDoesNotAsk();
};

void TestDashboardWindow::snapshotsFillEveryTab()
{
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s}, 8601);
    window.showSnapshot(makeSnapshot(0, 0));
    QCOMPARE(window.healthSummary().level, Ui::HealthSummary::Level::Good);
    QVERIFY2(window.statusText().contains(u"Students online: 2"_s),
             qPrintable(window.statusText()));
    QCOMPARE(window.onlineView()->model()->rowCount(), 2);
    QCOMPARE(window.onlineView()->model()->index(0, 0).data().toString(), u"Anna Berg"_s);
    QCOMPARE(window.healthPanel()->figure(u"inUse"_s), u"3"_s);
    QCOMPARE(window.healthPanel()->figure(u"online"_s), u"2"_s);
    // One chart point per second, however often snapshots arrive (4 Hz).
    for (int quarter = 1; quarter <= 12; ++quarter) {
        auto snapshot = std::const_pointer_cast<Live::LiveSnapshot>(makeSnapshot(0, 0));
        snapshot->takenAt = snapshot->takenAt.addMSecs(quarter * 250);
        window.showSnapshot(snapshot);
    }
    QCOMPARE(window.healthPanel()->chartPointCount(), 4);
}

void TestDashboardWindow::statusLineSaysBusyInWords()
{
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s}, 8601);
    // Requests waiting in one snapshot are a moment; still waiting a second later is busy.
    window.showSnapshot(makeSnapshot(0, 0, 5));
    QCOMPARE(window.healthSummary().level, Ui::HealthSummary::Level::Good);
    window.showSnapshot(makeSnapshot(1, 0, 5));
    QCOMPARE(window.healthSummary().level, Ui::HealthSummary::Level::Warning);
    QVERIFY2(window.statusText().contains(window.healthSummary().headline),
             qPrintable(window.statusText()));
    QVERIFY(window.statusText().contains(u"Nothing is lost"_s));
}

void TestDashboardWindow::conflictFilterAndBadge()
{
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s}, 8601);
    window.showSnapshot(makeSnapshot(0, 3));
    const int tab = window.tabs()->count() - 2; // Join, Online, Conflicts, Health
    QCOMPARE(window.tabs()->tabText(tab), u"Conflicts (3)"_s);
    QCOMPARE(window.conflictView()->model()->rowCount(), 3);
    window.conflictFilter()->setText(u"ben"_s);
    QCOMPARE(window.conflictView()->model()->rowCount(), 1);
    window.conflictFilter()->clear();
    // The same log again changes nothing (no reset under the teacher's selection).
    window.conflictView()->selectRow(1);
    window.showSnapshot(makeSnapshot(1, 3));
    QCOMPARE(window.conflictView()->selectionModel()->selectedRows().size(), 1);
    window.showSnapshot(makeSnapshot(2, 5));
    QCOMPARE(window.tabs()->tabText(tab), u"Conflicts (5)"_s);
}

void TestDashboardWindow::everyControlHasAnAccessibleName()
{
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s, u"http://10.0.0.2:8601"_s}, 8601);
    window.showSnapshot(makeSnapshot(0, 1));
    const auto widgets = window.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        const bool interactive =
            qobject_cast<QLineEdit *>(widget) || qobject_cast<QTableView *>(widget);
        if (interactive)
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
}

void TestDashboardWindow::closingAsksWhetherToStopTheServer_data()
{
    QTest::addColumn<bool>("tray");
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("visibleAfter");
    QTest::addColumn<bool>("stopped");

    using Choice = Ui::DashboardWindow::CloseChoice;
    QTest::newRow("keep running in the tray") << true << int(Choice::KeepRunning) << false << false;
    QTest::newRow("stop the server") << true << int(Choice::Stop) << false << true;
    QTest::newRow("cancel") << true << int(Choice::Cancel) << true << false;
    QTest::newRow("no tray: stop") << false << int(Choice::Stop) << false << true;
}

void TestDashboardWindow::closingAsksWhetherToStopTheServer()
{
    QFETCH(bool, tray);
    QFETCH(int, choice);
    QFETCH(bool, visibleAfter);
    QFETCH(bool, stopped);
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s}, 8601);
    window.setTrayAvailable(tray);
    bool askedWithTray = !tray;
    window.setCloseDecider([&](bool trayAvailable) {
        askedWithTray = trayAvailable;
        return Ui::DashboardWindow::CloseChoice(choice);
    });
    QSignalSpy stop(&window, &Ui::DashboardWindow::stopRequested);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.close();
    QCOMPARE(askedWithTray, tray); // the question offers the tray only when there is one
    QCOMPARE(window.isVisible(), visibleAfter);
    QCOMPARE(stop.size(), stopped ? 1 : 0);
}

void TestDashboardWindow::closingAfterCloseWithoutAskingDoesNotAsk()
{
    // Logout: the session manager's quit closes the window, and nobody is there to answer (#12).
    Ui::DashboardWindow window({u"http://192.168.1.5:8601"_s}, 8601);
    window.setTrayAvailable(true);
    bool asked = false;
    window.setCloseDecider([&asked](bool) {
        asked = true;
        return Ui::DashboardWindow::CloseChoice::Cancel;
    });
    QSignalSpy stop(&window, &Ui::DashboardWindow::stopRequested);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.closeWithoutAsking();
    QVERIFY(window.close());
    QVERIFY(!asked);
    QVERIFY(!window.isVisible());
    QCOMPARE(stop.size(), 0); // the caller stops the server itself
}

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboardwindow.moc"
