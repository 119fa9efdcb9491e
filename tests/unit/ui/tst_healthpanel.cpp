// SPDX-License-Identifier: AGPL-3.0-or-later
// The Health tab's "Check this computer…" (issue #13): disabled without a server, runs the
// capacity check in the background (the button waits, the result says "Checking…" in words),
// and shows the answer, or why the check could not run, as text a screen reader reads.

#include <memory>

#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

#include "ui/health/healthpanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Ui;

namespace {

// Answers checkCapacity() with a future the test finishes when it wants.
class PendingMaintenance final : public MaintenanceService
{
public:
    QFuture<Outcome<QString>> backupTo(const QString &) override { return {}; }
    QString dataDirectory() const override { return u"/tmp/data"_s; }
    qint64 databaseBytes() const override { return -1; }
    QFuture<Outcome<CapacityCheck>> checkCapacity(int students) override
    {
        askedFor = students;
        ++calls;
        promise = std::make_unique<QPromise<Outcome<CapacityCheck>>>();
        promise->start();
        return promise->future();
    }
    void finish(const Outcome<CapacityCheck> &outcome)
    {
        promise->addResult(outcome);
        promise->finish();
    }

    int askedFor = 0;
    int calls = 0;
    std::unique_ptr<QPromise<Outcome<CapacityCheck>>> promise;
};

QPushButton *checkButton(HealthPanel &panel)
{
    for (QPushButton *button : panel.findChildren<QPushButton *>()) {
        if (button->accessibleName() == u"Check this computer"_s)
            return button;
    }
    return nullptr;
}

} // namespace

class TestHealthPanel : public QObject
{
    Q_OBJECT

private slots:
    void checkNeedsARunningServer();
    void checkRunsInTheBackgroundAndAnswersInWords();
    void aCheckThatCannotRunSaysWhy();
};

void TestHealthPanel::checkNeedsARunningServer()
{
    HealthPanel panel;
    QPushButton *button = checkButton(panel);
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    QVERIFY(!panel.startCapacityCheck());
}

void TestHealthPanel::checkRunsInTheBackgroundAndAnswersInWords()
{
    HealthPanel panel;
    PendingMaintenance service;
    panel.setMaintenanceService(&service);
    QPushButton *button = checkButton(panel);
    QVERIFY(button && button->isEnabled());
    auto *students = panel.findChild<QSpinBox *>();
    QVERIFY(students);
    QVERIFY(!students->accessibleName().isEmpty());
    students->setValue(12);
    button->click();
    QCOMPARE(service.calls, 1);
    QCOMPARE(service.askedFor, 12);
    QVERIFY(panel.isCheckingCapacity());
    QVERIFY(!button->isEnabled());
    QVERIFY2(panel.capacityText().contains(u"Checking"_s), qPrintable(panel.capacityText()));
    QVERIFY(!panel.startCapacityCheck()); // one at a time
    QCOMPARE(service.calls, 1);

    CapacityCheck check;
    check.passed = true;
    check.answer = u"This computer can serve about 7306 students saving at once."_s;
    check.lines = {u"Disk speed: 358 fsync/s"_s, u"Saves: 7286 in 10.0 s, 730.7 saves/s"_s};
    service.finish({check, QString()});
    QTRY_VERIFY(!panel.isCheckingCapacity());
    QTRY_VERIFY(button->isEnabled());
    QVERIFY2(panel.capacityText().contains(check.answer), qPrintable(panel.capacityText()));
    QVERIFY2(panel.capacityText().contains(u"Passed."_s), qPrintable(panel.capacityText()));
    QVERIFY2(panel.capacityText().contains(u"730.7 saves/s"_s), qPrintable(panel.capacityText()));
}

void TestHealthPanel::aCheckThatCannotRunSaysWhy()
{
    HealthPanel panel;
    PendingMaintenance service;
    panel.setMaintenanceService(&service);
    QVERIFY(panel.startCapacityCheck());
    service.finish({std::nullopt, u"A check is already running."_s});
    QTRY_VERIFY(!panel.isCheckingCapacity());
    QTRY_VERIFY2(panel.capacityText().contains(u"could not run: A check is already running."_s),
                 qPrintable(panel.capacityText()));
}

QTEST_MAIN(TestHealthPanel)
#include "tst_healthpanel.moc"
