// SPDX-License-Identifier: AGPL-3.0-or-later
// SaveActivityLog: today's counters per student, and a new local day starting them again while
// the last successful save is kept.
#include <QTest>

#include "server/live/saveactivity.h"

using namespace Blockhaus;

class TestSaveActivity : public QObject
{
    Q_OBJECT

private slots:
    void countsPerStudent();
    void aNewDayStartsTheCountsAgain();
};

void TestSaveActivity::countsPerStudent()
{
    Live::SaveActivityLog log;
    const QDateTime morning(QDate(2026, 11, 23), QTime(9, 0), Qt::LocalTime);
    log.recordSave(1, morning);
    log.recordSave(1, morning.addSecs(60));
    log.recordConflict(1, morning.addSecs(90));
    log.recordFailure(2, morning.addSecs(120));
    const auto today = log.today(morning.addSecs(300));
    QCOMPARE(today.value(1).savesToday, 2);
    QCOMPARE(today.value(1).conflictsToday, 1);
    QCOMPARE(today.value(1).failedToday, 0);
    QCOMPARE(today.value(1).lastSave, morning.addSecs(60));
    QCOMPARE(today.value(2).failedToday, 1);
    QVERIFY(!today.value(2).lastSave.isValid());
}

void TestSaveActivity::aNewDayStartsTheCountsAgain()
{
    Live::SaveActivityLog log;
    const QDateTime evening(QDate(2026, 11, 23), QTime(23, 50), Qt::LocalTime);
    log.recordSave(1, evening);
    log.recordFailure(1, evening);
    const QDateTime nextMorning = evening.addSecs(9 * 3600);
    // Read on the next day, before anything new happened: zero, but the last save is known.
    QCOMPARE(log.today(nextMorning).value(1).savesToday, 0);
    QCOMPARE(log.today(nextMorning).value(1).failedToday, 0);
    QCOMPARE(log.today(nextMorning).value(1).lastSave, evening);
    log.recordConflict(1, nextMorning);
    QCOMPARE(log.today(nextMorning).value(1).conflictsToday, 1);
    QCOMPARE(log.today(nextMorning).value(1).savesToday, 0);
}

QTEST_GUILESS_MAIN(TestSaveActivity)
#include "tst_saveactivity.moc"
