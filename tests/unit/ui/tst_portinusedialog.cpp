// SPDX-License-Identifier: AGPL-3.0-or-later
// The question when the port is taken: its words name both ports, every control has an
// accessible name, "Use port N" is the default, and each way out returns its choice. Offscreen,
// without translations (the English source texts).
#include <QLabel>
#include <QPushButton>
#include <QTest>

#include "ui/startup/portinusedialog.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using Choice = Ui::PortInUseDialog::Choice;

Q_DECLARE_METATYPE(Choice)

class TestPortInUseDialog : public QObject
{
    Q_OBJECT

private slots:
    void wordsNameBothPorts_data();
    void wordsNameBothPorts();
    void everyControlHasAnAccessibleName();
    void useOnceIsTheDefault();
    void eachWayOutReturnsItsChoice_data();
    void eachWayOutReturnsItsChoice();
};

void TestPortInUseDialog::wordsNameBothPorts_data()
{
    QTest::addColumn<quint16>("taken");
    QTest::addColumn<quint16>("free");
    QTest::newRow("default port") << quint16(8601) << quint16(8602);
    QTest::newRow("skipped some") << quint16(8080) << quint16(8085);
}

void TestPortInUseDialog::wordsNameBothPorts()
{
    QFETCH(quint16, taken);
    QFETCH(quint16, free);
    Ui::PortInUseDialog dialog(taken, free);
    const QString text = dialog.messageLabel()->text();
    QVERIFY2(text.contains(u"Blockhaus cannot use port %1 because another program is using it. "
                           "Students would need a different address."_s.arg(taken)),
             qPrintable(text));
    QVERIFY2(text.contains(u"Port %1 is free"_s.arg(free)), qPrintable(text));
    QCOMPARE(dialog.useOnceButton()->text(), u"Use port %1"_s.arg(free));
    QCOMPARE(dialog.useFromNowOnButton()->text(), u"Use port %1 from now on"_s.arg(free));
    QCOMPARE(dialog.quitButton()->text(), u"Quit"_s);
    QCOMPARE(dialog.freePort(), free);
    // The state is in words, in the title too.
    QVERIFY(dialog.windowTitle().contains(u"port in use"_s));
}

void TestPortInUseDialog::everyControlHasAnAccessibleName()
{
    Ui::PortInUseDialog dialog(8601, 8602);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    int controls = 0;
    for (QWidget *widget : widgets) {
        if (!qobject_cast<QPushButton *>(widget) && !qobject_cast<QLabel *>(widget))
            continue;
        ++controls;
        QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
    QCOMPARE(controls, 5); // icon, message, three buttons
    QCOMPARE(dialog.useOnceButton()->accessibleName(), u"Use port 8602"_s);
    QCOMPARE(dialog.useFromNowOnButton()->accessibleName(), u"Use port 8602 from now on"_s);
    QCOMPARE(dialog.quitButton()->accessibleName(), u"Quit"_s);
    QVERIFY(dialog.messageLabel()->accessibleName().contains(u"8601"_s));
}

void TestPortInUseDialog::useOnceIsTheDefault()
{
    Ui::PortInUseDialog dialog(8601, 8602);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.useOnceButton()->isDefault());
    QVERIFY(!dialog.useFromNowOnButton()->isDefault());
    QVERIFY(!dialog.quitButton()->isDefault());
}

void TestPortInUseDialog::eachWayOutReturnsItsChoice_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<Choice>("choice");
    QTest::addColumn<int>("result");
    QTest::newRow("use once") << u"useOnce"_s << Choice::UseFreePortOnce << int(QDialog::Accepted);
    QTest::newRow("from now on") << u"useFromNowOn"_s << Choice::UseFreePortFromNowOn
                                 << int(QDialog::Accepted);
    QTest::newRow("quit") << u"quit"_s << Choice::Quit << int(QDialog::Rejected);
    QTest::newRow("Enter takes the default")
        << u"enter"_s << Choice::UseFreePortOnce << int(QDialog::Accepted);
    QTest::newRow("Escape quits") << u"escape"_s << Choice::Quit << int(QDialog::Rejected);
    QTest::newRow("closing the window quits")
        << u"close"_s << Choice::Quit << int(QDialog::Rejected);
}

void TestPortInUseDialog::eachWayOutReturnsItsChoice()
{
    QFETCH(QString, action);
    QFETCH(Choice, choice);
    QFETCH(int, result);
    Ui::PortInUseDialog dialog(8601, 8602);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (action == u"useOnce"_s)
        QTest::mouseClick(dialog.useOnceButton(), Qt::LeftButton);
    else if (action == u"useFromNowOn"_s)
        QTest::mouseClick(dialog.useFromNowOnButton(), Qt::LeftButton);
    else if (action == u"quit"_s)
        QTest::mouseClick(dialog.quitButton(), Qt::LeftButton);
    else if (action == u"enter"_s)
        QTest::keyClick(&dialog, Qt::Key_Return);
    else if (action == u"escape"_s)
        QTest::keyClick(&dialog, Qt::Key_Escape);
    else
        QVERIFY(dialog.close());
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.choice(), choice);
    QCOMPARE(dialog.result(), result);
}

QTEST_MAIN(TestPortInUseDialog)
#include "tst_portinusedialog.moc"
