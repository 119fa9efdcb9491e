// SPDX-License-Identifier: AGPL-3.0-or-later
// HealthSummary: the dashboard's status line rules, most urgent first, and that an old timeout
// or server error stops counting once the next snapshot shows no new one.
#include <QTest>

#include "ui/health/healthsummary.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using Level = Ui::HealthSummary::Level;

Q_DECLARE_METATYPE(Ui::HealthSummary::Level)

class TestHealthSummary : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
};

void TestHealthSummary::rules_data()
{
    QTest::addColumn<qint64>("freeDisk");
    QTest::addColumn<int>("waiting");
    QTest::addColumn<double>("p99");
    QTest::addColumn<int>("timeoutsBefore"); // -1: no previous snapshot
    QTest::addColumn<int>("timeoutsNow");
    QTest::addColumn<int>("errorsBefore");
    QTest::addColumn<int>("errorsNow");
    QTest::addColumn<Level>("level");
    QTest::addColumn<int>("waitingBefore"); // requests waiting in the previous snapshot

    const qint64 plenty = 50LL * 1024 * 1024 * 1024;
    QTest::newRow("all good") << plenty << 0 << 3.0 << 0 << 0 << 0 << 0 << Level::Good << 0;
    QTest::newRow("unknown disk is not a problem")
        << qint64(-1) << 0 << 3.0 << 0 << 0 << 0 << 0 << Level::Good << 0;
    // One snapshot with waiters is a moment (a save queued behind another for milliseconds);
    // waiting a second later again means students really wait.
    QTest::newRow("waiters once: a moment")
        << plenty << 4 << 3.0 << 0 << 0 << 0 << 0 << Level::Good << 0;
    QTest::newRow("waiters twice: busy")
        << plenty << 4 << 3.0 << 0 << 0 << 0 << 0 << Level::Warning << 2;
    QTest::newRow("waiters on the first snapshot: a moment")
        << plenty << 4 << 3.0 << -1 << 0 << 0 << 0 << Level::Good << 0;
    QTest::newRow("slow acquire: busy")
        << plenty << 0 << 900.0 << 0 << 0 << 0 << 0 << Level::Warning << 0;
    QTest::newRow("low disk") << 800LL * 1024 * 1024 << 0 << 3.0 << 0 << 0 << 0 << 0
                              << Level::Warning << 0;
    QTest::newRow("disk almost full")
        << 100LL * 1024 * 1024 << 0 << 3.0 << 0 << 0 << 0 << 0 << Level::Problem << 0;
    QTest::newRow("new timeout") << plenty << 0 << 3.0 << 2 << 3 << 0 << 0 << Level::Problem << 0;
    QTest::newRow("old timeout only") << plenty << 0 << 3.0 << 3 << 3 << 0 << 0 << Level::Good << 0;
    QTest::newRow("timeouts on the first snapshot")
        << plenty << 0 << 3.0 << -1 << 1 << 0 << 0 << Level::Problem << 0;
    QTest::newRow("new server error")
        << plenty << 0 << 3.0 << 0 << 0 << 5 << 6 << Level::Problem << 0;
    QTest::newRow("old server error only")
        << plenty << 0 << 3.0 << 0 << 0 << 6 << 6 << Level::Good << 0;
    QTest::newRow("full disk beats busy")
        << 10LL * 1024 * 1024 << 9 << 900.0 << 0 << 0 << 0 << 0 << Level::Problem << 0;
}

void TestHealthSummary::rules()
{
    QFETCH(qint64, freeDisk);
    QFETCH(int, waiting);
    QFETCH(double, p99);
    QFETCH(int, timeoutsBefore);
    QFETCH(int, timeoutsNow);
    QFETCH(int, errorsBefore);
    QFETCH(int, errorsNow);
    QFETCH(Level, level);
    QFETCH(int, waitingBefore);

    Live::LiveSnapshot previous;
    previous.pool.timeouts = quint64(std::max(timeoutsBefore, 0));
    previous.requests.errors5xx = quint64(errorsBefore);
    previous.pool.waiting = waitingBefore;
    Live::LiveSnapshot current;
    current.freeDiskBytes = freeDisk;
    current.pool.size = 8;
    current.pool.waiting = waiting;
    current.pool.acquireP99Ms = p99;
    current.pool.timeouts = quint64(timeoutsNow);
    current.requests.errors5xx = quint64(errorsNow);
    current.studentsOnline = 3;

    const Ui::HealthSummary summary =
        Ui::HealthSummary::evaluate(current, timeoutsBefore < 0 ? nullptr : &previous);
    QCOMPARE(summary.level, level);
    // Always words a teacher can read, never only a colour.
    QVERIFY(!summary.headline.isEmpty());
    QVERIFY(summary.detail.size() > 10);
}

QTEST_GUILESS_MAIN(TestHealthSummary)
#include "tst_healthsummary.moc"
