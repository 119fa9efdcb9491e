// SPDX-License-Identifier: AGPL-3.0-or-later
// The self-check's verdict (issue #13): it fails, with the reason in words, when durability is
// off (SQLite not in WAL mode, synchronous below FULL), when the disk is too slow, when a save
// was lost or the server failed, when the throwaway class stayed, or when fewer students are
// served than asked for; the exit code follows the verdict. The server has no switch to open
// its database with weaker settings, so the figures are given here.

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "app/selfcheck.h"
#include "app/starterror.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::App;

namespace {

SelfCheckFigures healthy()
{
    SelfCheckFigures f;
    f.dataDir = u"/tmp/data"_s;
    f.students = 30;
    f.seconds = 10;
    f.databaseAnswers = true;
    f.driver = u"sqlite"_s;
    f.journalMode = u"wal"_s;
    f.synchronous = u"full"_s;
    f.fsyncPerSecond = 900;
    f.freeBytes = 50'000'000'000;
    f.loadCompleted = true;
    f.durationS = 10;
    f.acknowledgedSaves = 11'520;
    f.savesPerS = 1152;
    f.p50Ms = 20;
    f.p99Ms = 60;
    f.cleanedUp = true;
    return f;
}

} // namespace

class TestSelfCheck : public QObject
{
    Q_OBJECT

private slots:
    void healthyFiguresPassWithTheAnswerInWords();
    void problemsFailWithTheirReason_data();
    void problemsFailWithTheirReason();
    void lowFreeSpaceWarnsOnly();
    void diskProbeCountsFlushes();
};

void TestSelfCheck::healthyFiguresPassWithTheAnswerInWords()
{
    const SelfCheckFigures figures = healthy();
    const SelfCheckVerdict verdict = judge(figures);
    QVERIFY2(verdict.passed, qPrintable(verdict.failures.join(u'\n')));
    QCOMPARE(verdict.studentsServed, 11'520); // 1152 saves/s, one save per student every 10 s
    const QString text = reportLines(figures, verdict).join(u'\n');
    QVERIFY2(text.contains(u"can serve about 11520 students saving at once"_s), qPrintable(text));
    QVERIFY2(text.contains(u"once every 10 seconds"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Self-check passed."_s), qPrintable(text));
    QCOMPARE(verdict.passed ? ExitStopped : ExitCheckFailed, ExitStopped);
}

void TestSelfCheck::problemsFailWithTheirReason_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("reason");
    QTest::newRow("synchronous NORMAL") << u"synchronous=normal"_s << u"below FULL"_s;
    QTest::newRow("synchronous OFF") << u"synchronous=off"_s << u"below FULL"_s;
    QTest::newRow("rollback journal") << u"journal=delete"_s << u"not WAL"_s;
    QTest::newRow("slow disk") << u"fsync=12"_s << u"disk is too slow"_s;
    QTest::newRow("lost save") << u"lost=1"_s << u"not read back"_s;
    QTest::newRow("server errors") << u"5xx=3"_s << u"(5xx)"_s;
    QTest::newRow("load did not run") << u"noload"_s << u"could not run"_s;
    QTest::newRow("class stayed") << u"noclean"_s << u"could not be removed"_s;
    QTest::newRow("too few students served") << u"slow=2"_s << u"fewer than the 30 asked for"_s;
    QTest::newRow("database silent") << u"silent"_s << u"does not answer"_s;
}

void TestSelfCheck::problemsFailWithTheirReason()
{
    QFETCH(QString, what);
    QFETCH(QString, reason);
    SelfCheckFigures f = healthy();
    if (what == u"synchronous=normal"_s)
        f.synchronous = u"normal"_s;
    else if (what == u"synchronous=off"_s)
        f.synchronous = u"off"_s;
    else if (what == u"journal=delete"_s)
        f.journalMode = u"delete"_s;
    else if (what == u"fsync=12"_s)
        f.fsyncPerSecond = 12;
    else if (what == u"lost=1"_s)
        f.lostSaves = 1;
    else if (what == u"5xx=3"_s)
        f.errors5xx = 3;
    else if (what == u"noload"_s)
        f.loadCompleted = false;
    else if (what == u"noclean"_s)
        f.cleanedUp = false;
    else if (what == u"slow=2"_s)
        f.savesPerS = 2; // 20 students
    else if (what == u"silent"_s)
        f.databaseAnswers = false;
    const SelfCheckVerdict verdict = judge(f);
    QVERIFY(!verdict.passed);
    QCOMPARE(verdict.passed ? ExitStopped : ExitCheckFailed, ExitCheckFailed);
    const QString text = reportLines(f, verdict).join(u'\n');
    QVERIFY2(text.contains(reason), qPrintable(text));
    QVERIFY2(text.contains(u"Self-check failed."_s), qPrintable(text));
}

void TestSelfCheck::lowFreeSpaceWarnsOnly()
{
    SelfCheckFigures f = healthy();
    f.freeBytes = 300'000'000;
    const SelfCheckVerdict verdict = judge(f);
    QVERIFY(verdict.passed);
    QCOMPARE(verdict.warnings.size(), 1);
}

void TestSelfCheck::diskProbeCountsFlushes()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(measureFsyncPerSecond(folder.path(), 200) > 0);
    QVERIFY(QDir(folder.path()).isEmpty()); // the probe's file is gone
    QCOMPARE(measureFsyncPerSecond(folder.filePath(u"missing/deeper"_s), 50), 0.0);
}

QTEST_GUILESS_MAIN(TestSelfCheck)
#include "tst_selfcheck.moc"
