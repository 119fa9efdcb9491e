// SPDX-License-Identifier: AGPL-3.0-or-later
// JoinPanel and its projector screen under the offscreen platform: the shown address, class code
// and QR text follow setAddresses/setClass and the teacher's choice of address; the projector
// button asks for the full-screen view, which scales with the screen and closes on Escape; every
// control can be named by a screen reader. With BLOCKHAUS_SCREENSHOT_DIR set, it also saves
// screenshots to look at.
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "ui/join/joinpanel.h"
#include "ui/join/projectorwindow.h"
#include "ui/join/qrwidget.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

const QString lan = u"http://192.168.1.23:8601"_s;
const QString wifi = u"http://10.0.0.5:8601"_s;

// Not blank: the grab has both near-black and near-white pixels (text and QR on a background).
bool hasContrast(const QImage &image)
{
    bool dark = false;
    bool light = false;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const int gray = qGray(image.pixel(x, y));
            dark = dark || gray < 40;
            light = light || gray > 215;
        }
    }
    return dark && light;
}

void saveScreenshot(const QImage &image, const QString &name)
{
    const QString dir = qEnvironmentVariable("BLOCKHAUS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(image.save(QDir(dir).filePath(name)));
}

} // namespace

class TestJoinPanel : public QObject
{
    Q_OBJECT

private slots:
    void showsAddressCodeAndQr_data();
    void showsAddressCodeAndQr();
    void choosingAnotherAddressChangesTheUrl();
    void keepsTheChosenAddressWhenTheListIsRefreshed();
    void withoutNetworkSaysSo();
    void showsTheLanNameBesideTheAddress();
    void projectorButtonAsks();
    void everyControlHasAnAccessibleName();
    void rendersReadably_data();
    void rendersReadably();
    void projectorShowsTheJoinInfo();
    void projectorFitsTheScreen_data();
    void projectorFitsTheScreen();
    void projectorClosesOnEscapeAndButton();
};

void TestJoinPanel::showsAddressCodeAndQr_data()
{
    QTest::addColumn<QStringList>("addresses");
    QTest::addColumn<QString>("className");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("shownAddress");
    QTest::addColumn<QString>("joinUrl");
    QTest::addColumn<bool>("chooserVisible");

    QTest::newRow("one address, class")
        << QStringList{lan} << u"5b"_s << u"K7Q2MX"_s << lan << lan + u"/join/K7Q2MX"_s << false;
    QTest::newRow("server's trailing slash dropped")
        << QStringList{lan + u"/"_s} << u"5b"_s << u"K7Q2MX"_s << lan << lan + u"/join/K7Q2MX"_s
        << false;
    QTest::newRow("several addresses: the first, with a chooser")
        << QStringList{lan, wifi} << u"5b"_s << u"K7Q2MX"_s << lan << lan + u"/join/K7Q2MX"_s
        << true;
    QTest::newRow("duplicates collapse") << QStringList{lan, lan + u"/"_s} << u"5b"_s << u"K7Q2MX"_s
                                         << lan << lan + u"/join/K7Q2MX"_s << false;
    QTest::newRow("no class code: general join page")
        << QStringList{lan} << QString() << QString() << lan << lan + u"/join"_s << false;
}

void TestJoinPanel::showsAddressCodeAndQr()
{
    QFETCH(QStringList, addresses);
    QFETCH(QString, className);
    QFETCH(QString, code);
    QFETCH(QString, shownAddress);
    QFETCH(QString, joinUrl);
    QFETCH(bool, chooserVisible);

    Ui::JoinPanel panel;
    panel.show();
    panel.setAddresses(addresses);
    panel.setClass(className, code);

    QCOMPARE(panel.addressLabel()->text(), shownAddress);
    QCOMPARE(panel.currentJoinUrl(), joinUrl);
    QCOMPARE(panel.qrWidget()->text(), joinUrl);
    QCOMPARE(panel.addressChooser()->isVisible(), chooserVisible);
    QCOMPARE(panel.codeLabel()->isVisible(), !code.isEmpty());
    if (!code.isEmpty()) {
        QCOMPARE(panel.codeLabel()->text(), code);
        QVERIFY(panel.classLabel()->text().contains(className));
    } else {
        // Said in words, not shown as an empty box.
        QVERIFY(panel.classLabel()->isVisible());
        QVERIFY(!panel.classLabel()->text().isEmpty());
    }
}

void TestJoinPanel::choosingAnotherAddressChangesTheUrl()
{
    Ui::JoinPanel panel;
    panel.show();
    panel.setAddresses({lan, wifi});
    panel.setClass(u"5b"_s, u"K7Q2MX"_s);
    QSignalSpy changed(&panel, &Ui::JoinPanel::currentJoinUrlChanged);

    // As a teacher would: focus the chooser and press Down.
    panel.addressChooser()->setFocus();
    QTest::keyClick(panel.addressChooser(), Qt::Key_Down);

    QCOMPARE(panel.addressChooser()->currentIndex(), 1);
    QCOMPARE(panel.addressLabel()->text(), wifi);
    QCOMPARE(panel.currentJoinUrl(), wifi + u"/join/K7Q2MX"_s);
    QCOMPARE(panel.qrWidget()->text(), wifi + u"/join/K7Q2MX"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), wifi + u"/join/K7Q2MX"_s);

    // A new class updates the URL for the chosen address, not the first one.
    panel.setClass(u"6a"_s, u"ZZ9PL8"_s);
    QCOMPARE(panel.qrWidget()->text(), wifi + u"/join/ZZ9PL8"_s);
    QCOMPARE(changed.count(), 2);
}

void TestJoinPanel::keepsTheChosenAddressWhenTheListIsRefreshed()
{
    Ui::JoinPanel panel;
    panel.setAddresses({lan, wifi});
    panel.addressChooser()->setCurrentIndex(1);
    panel.setAddresses({u"http://172.16.4.4:8601"_s, lan, wifi});
    QCOMPARE(panel.currentAddress(), wifi);
    panel.setAddresses({lan});
    QCOMPARE(panel.currentAddress(), lan);
}

void TestJoinPanel::withoutNetworkSaysSo()
{
    Ui::JoinPanel panel;
    panel.show();
    panel.setAddresses({});
    panel.setClass(u"5b"_s, u"K7Q2MX"_s);
    QVERIFY(panel.currentJoinUrl().isEmpty());
    QVERIFY(!panel.addressLabel()->text().isEmpty()); // a sentence, not a blank
    QVERIFY(!panel.qrWidget()->isVisible());
    QVERIFY(!panel.projectorButton()->isEnabled());

    panel.setAddresses({lan});
    QCOMPARE(panel.addressLabel()->text(), lan);
    QVERIFY(panel.qrWidget()->isVisible());
    QVERIFY(panel.projectorButton()->isEnabled());
}

void TestJoinPanel::showsTheLanNameBesideTheAddress()
{
    // #16: "blockhaus.local" is a second way in; the QR code keeps the address, which works on
    // every device, and without a network there is no name to show either.
    Ui::JoinPanel panel;
    panel.show();
    panel.setAddresses({lan});
    panel.setClass(u"5b"_s, u"K7Q2MX"_s);
    QVERIFY(!panel.lanNameLabel()->isVisible());
    const QString qrBefore = panel.currentJoinUrl();

    panel.setLanName(u"http://blockhaus.local:8601"_s);
    QVERIFY(panel.lanNameLabel()->isVisible());
    QVERIFY(panel.lanNameLabel()->text().contains(u"http://blockhaus.local:8601"_s));
    QCOMPARE(panel.currentJoinUrl(), qrBefore);
    QCOMPARE(panel.addressLabel()->text(), lan);

    panel.setAddresses({});
    QVERIFY(!panel.lanNameLabel()->isVisible());
    panel.setAddresses({lan});
    panel.setLanName({});
    QVERIFY(!panel.lanNameLabel()->isVisible());
}

void TestJoinPanel::projectorButtonAsks()
{
    Ui::JoinPanel panel;
    panel.show();
    panel.setAddresses({lan});
    QSignalSpy requested(&panel, &Ui::JoinPanel::projectorRequested);
    QTest::mouseClick(panel.projectorButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    panel.projectorButton()->setFocus();
    QTest::keyClick(panel.projectorButton(), Qt::Key_Space);
    QTRY_COMPARE(requested.count(), 2);
}

void TestJoinPanel::everyControlHasAnAccessibleName()
{
    Ui::JoinPanel panel;
    panel.setAddresses({lan, wifi}); // the chooser exists and is shown
    panel.setClass(u"5b"_s, u"K7Q2MX"_s);
    panel.show();
    int interactive = 0;
    for (const QWidget *child : panel.findChildren<QWidget *>()) {
        if (child->focusPolicy() == Qt::NoFocus || !child->isVisible())
            continue;
        ++interactive;
        QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
    }
    QVERIFY(interactive >= 4); // address, chooser, code, button
    QVERIFY(panel.qrWidget()->accessibleName().contains(panel.currentJoinUrl()));
}

void TestJoinPanel::rendersReadably_data()
{
    QTest::addColumn<bool>("darkTheme");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestJoinPanel::rendersReadably()
{
    QFETCH(bool, darkTheme);
    Ui::JoinPanel panel;
    if (darkTheme) {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        panel.setPalette(dark);
        panel.setAutoFillBackground(true);
    }
    panel.setAddresses({lan, wifi});
    panel.setClass(u"Class 5b"_s, u"K7Q2MX"_s);
    panel.resize(960, 540);
    panel.show();
    const QImage image = panel.grab().toImage();
    QVERIFY(hasContrast(image));
    // Readable from the back: the address is drawn far larger than body text.
    QVERIFY(panel.addressLabel()->fontInfo().pixelSize() >= 2 * panel.fontInfo().pixelSize());
    QVERIFY(panel.qrWidget()->codeRect().width() >= 200);
    saveScreenshot(image, darkTheme ? u"joinpanel-dark.png"_s : u"joinpanel.png"_s);
}

void TestJoinPanel::projectorShowsTheJoinInfo()
{
    Ui::ProjectorWindow window;
    window.setJoinInfo(lan + u"/"_s, u"Class 5b"_s, u"K7Q2MX"_s);
    QCOMPARE(window.addressLabel()->text(), lan);
    QCOMPARE(window.codeLabel()->text(), u"K7Q2MX"_s);
    QVERIFY(window.classLabel()->text().contains(u"Class 5b"_s));
    QCOMPARE(window.joinUrl(), lan + u"/join/K7Q2MX"_s);
    QCOMPARE(window.qrWidget()->text(), lan + u"/join/K7Q2MX"_s);

    window.setJoinInfo(lan, QString(), QString());
    QCOMPARE(window.qrWidget()->text(), lan + u"/join"_s);
    QVERIFY(window.codeLabel()->isHidden());
}

void TestJoinPanel::projectorFitsTheScreen_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("720p") << QSize(1280, 720);
    QTest::newRow("1080p") << QSize(1920, 1080);
    QTest::newRow("4:3 beamer") << QSize(1024, 768);
    QTest::newRow("4K") << QSize(3840, 2160);
}

void TestJoinPanel::projectorFitsTheScreen()
{
    QFETCH(QSize, screen);
    Ui::ProjectorWindow window;
    // The longest address and a long code: the worst case for the width.
    window.setJoinInfo(u"http://192.168.100.200:65535"_s, u"Class 5b"_s, u"K7Q2MXW9"_s);
    window.resize(screen);
    window.show();
    QTRY_COMPARE(window.size(), screen);
    const int h = screen.height();

    // Huge, in proportion to the screen: code over a twelfth of the height, QR over half.
    QVERIFY2(window.codeLabel()->font().pixelSize() >= h / 12,
             qPrintable(QString::number(window.codeLabel()->font().pixelSize())));
    QVERIFY(window.addressLabel()->font().pixelSize() >= h / 20);
    QVERIFY(window.qrWidget()->width() >= h / 2);
    // Address and code fit on one line, inside the window.
    for (const QLabel *label : {window.addressLabel(), window.codeLabel()}) {
        const int needed = QFontMetrics(label->font()).horizontalAdvance(label->text());
        QVERIFY2(needed <= label->width(), qPrintable(label->text()));
        QVERIFY(label->geometry().right() < window.qrWidget()->geometry().left()
                || label == window.addressLabel());
        QVERIFY(window.rect().contains(label->geometry()));
    }
    QVERIFY(window.rect().contains(window.qrWidget()->geometry()));
    QVERIFY(window.rect().contains(window.closeButton()->geometry()));

    const QImage image = window.grab().toImage();
    QVERIFY(hasContrast(image));
    saveScreenshot(image, u"projector-%1x%2.png"_s.arg(screen.width()).arg(screen.height()));
}

void TestJoinPanel::projectorClosesOnEscapeAndButton()
{
    Ui::ProjectorWindow window;
    window.setJoinInfo(lan, u"5b"_s, u"K7Q2MX"_s);
    window.showOnScreen();
    QVERIFY(window.isVisible());
    QVERIFY(window.isFullScreen());
    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_VERIFY(!window.isVisible());

    window.showOnScreen();
    QVERIFY(window.closeButton()->isVisible());
    QVERIFY(!window.closeButton()->accessibleName().isEmpty());
    QTest::mouseClick(window.closeButton(), Qt::LeftButton);
    QTRY_VERIFY(!window.isVisible());
}

QTEST_MAIN(TestJoinPanel)
#include "tst_joinpanel.moc"
