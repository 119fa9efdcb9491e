// SPDX-License-Identifier: AGPL-3.0-or-later
// QrCode and QrWidget: the symbol sizes libqrencode picks, the rendered image's geometry and
// colours, and — the point of it all — that a real decoder (zbarimg) reads the join URL back,
// both from the plain image and from the widget as painted, light or dark theme.
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ui/join/qrcode.h"
#include "ui/join/qrwidget.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestQrCode : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matrixSize_data();
    void matrixSize();
    void emptyOrTooLongIsNull();
    void finderPatternInTheCorner();
    void imageGeometry_data();
    void imageGeometry();
    void imageDecodes_data();
    void imageDecodes();
    void widgetPaintingDecodes_data();
    void widgetPaintingDecodes();
    void widgetIsNamedForScreenReaders();

private:
    // What zbarimg reads from `image`; fails the test when it cannot run.
    QString decode(const QImage &image);

    QString m_zbarimg;
    QTemporaryDir m_dir;
};

void TestQrCode::initTestCase()
{
    // No silent skip: CI installs zbar-tools through tools/setup.sh, and without a decoder this
    // suite would prove nothing about the codes students scan.
    m_zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
    if (m_zbarimg.isEmpty())
        QFAIL("zbarimg not found: install the Debian package zbar-tools (tools/setup.sh does)");
    QVERIFY(m_dir.isValid());
}

QString TestQrCode::decode(const QImage &image)
{
    static int counter = 0;
    const QString file = m_dir.filePath(u"qr-%1.png"_s.arg(++counter));
    if (!image.save(file)) {
        QTest::qFail("could not write the PNG to decode", __FILE__, __LINE__);
        return {};
    }
    QProcess zbar;
    zbar.start(m_zbarimg, {u"--quiet"_s, u"--raw"_s, file});
    if (!zbar.waitForFinished(15000)) {
        zbar.kill();
        zbar.waitForFinished();
        QTest::qFail("zbarimg did not finish within 15 s", __FILE__, __LINE__);
        return {};
    }
    // --raw prints the payload and a newline; nothing at all (exit code 4) when it found no code.
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

void TestQrCode::matrixSize_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("size");

    // Byte mode, level M: versions 1-4 hold 14, 26, 42 and 62 bytes; each version adds 4 modules.
    QTest::newRow("one byte: version 1") << "A"_ba << 21;
    QTest::newRow("14 bytes: version 1") << QByteArray(14, 'x') << 21;
    QTest::newRow("15 bytes: version 2") << QByteArray(15, 'x') << 25;
    QTest::newRow("26 bytes: version 2") << QByteArray(26, 'x') << 25;
    QTest::newRow("27 bytes: version 3") << QByteArray(27, 'x') << 29;
    QTest::newRow("join URL: version 3") << "http://192.168.1.23:8601/join/K7Q2MX"_ba << 29;
    QTest::newRow("43 bytes: version 4") << QByteArray(43, 'x') << 33;
    QTest::newRow("2331 bytes: version 40") << QByteArray(2331, 'x') << 177;
}

void TestQrCode::matrixSize()
{
    QFETCH(QByteArray, text);
    QFETCH(int, size);
    const auto code = Ui::QrCode::encode(text);
    QVERIFY(!code.isNull());
    QCOMPARE(code.size(), size);
}

void TestQrCode::emptyOrTooLongIsNull()
{
    QVERIFY(Ui::QrCode::encode({}).isNull());
    QVERIFY(Ui::QrCode::encode(QByteArray(2332, 'x')).isNull()); // over version 40-M
    QVERIFY(Ui::QrCode::encode({}).toImage(4).isNull());
}

void TestQrCode::finderPatternInTheCorner()
{
    // The 7x7 finder: dark ring, light ring, dark 3x3 centre, then a light separator.
    const auto code = Ui::QrCode::encode("HELLO"_ba);
    for (int i = 0; i < 7; ++i) {
        QVERIFY(code.isDark(i, 0));
        QVERIFY(code.isDark(0, i));
        QVERIFY(code.isDark(i, 6));
        QVERIFY(code.isDark(6, i));
    }
    QVERIFY(!code.isDark(1, 1));
    QVERIFY(!code.isDark(5, 5));
    QVERIFY(code.isDark(3, 3));
    QVERIFY(!code.isDark(7, 0));
    QVERIFY(!code.isDark(-1, 0)); // outside is light, like the quiet zone
    QVERIFY(!code.isDark(code.size(), 0));
}

void TestQrCode::imageGeometry_data()
{
    QTest::addColumn<int>("moduleSize");
    QTest::addColumn<int>("quietZone");

    QTest::newRow("1 px, standard quiet zone") << 1 << 4;
    QTest::newRow("5 px, standard quiet zone") << 5 << 4;
    QTest::newRow("3 px, no quiet zone") << 3 << 0;
    QTest::newRow("8 px, 2 modules") << 8 << 2;
}

void TestQrCode::imageGeometry()
{
    QFETCH(int, moduleSize);
    QFETCH(int, quietZone);
    const auto code = Ui::QrCode::encode("http://192.168.1.23:8601/join/K7Q2MX"_ba);
    const QImage image = code.toImage(moduleSize, quietZone);
    const int side = (code.size() + 2 * quietZone) * moduleSize;
    QCOMPARE(image.size(), QSize(side, side));

    // Only pure black and pure white, each module an exact square matching the matrix.
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const int mx = x / moduleSize - quietZone;
            const int my = y / moduleSize - quietZone;
            const QRgb expected = code.isDark(mx, my) ? qRgb(0, 0, 0) : qRgb(255, 255, 255);
            if (image.pixel(x, y) != expected)
                QFAIL(qPrintable(u"pixel (%1, %2) is wrong"_s.arg(x).arg(y)));
        }
    }
}

void TestQrCode::imageDecodes_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("moduleSize");

    QTest::newRow("join URL") << u"http://192.168.1.23:8601/join/K7Q2MX"_s << 4;
    QTest::newRow("join URL, 2 px modules") << u"http://192.168.1.23:8601/join/K7Q2MX"_s << 2;
    QTest::newRow("no class code") << u"http://10.0.0.2:8601/join"_s << 4;
    QTest::newRow("long address") << u"http://172.31.255.254:65535/join/ABCDEFGHJK"_s << 3;
}

void TestQrCode::imageDecodes()
{
    QFETCH(QString, url);
    QFETCH(int, moduleSize);
    const QImage image = Ui::QrCode::encode(url.toUtf8()).toImage(moduleSize);
    QCOMPARE(decode(image), url);
}

void TestQrCode::widgetPaintingDecodes_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("darkTheme");

    QTest::newRow("small square") << QSize(150, 150) << false;
    QTest::newRow("odd size, wide") << QSize(517, 333) << false;
    QTest::newRow("large, tall") << QSize(400, 700) << false;
    QTest::newRow("dark theme") << QSize(300, 300) << true;
}

void TestQrCode::widgetPaintingDecodes()
{
    QFETCH(QSize, size);
    QFETCH(bool, darkTheme);
    const QString url = u"http://192.168.1.23:8601/join/K7Q2MX"_s;

    Ui::QrWidget widget;
    widget.setText(url);
    if (darkTheme) {
        QPalette dark = widget.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, Qt::white);
        widget.setPalette(dark);
        widget.setAutoFillBackground(true);
    }
    widget.resize(size);
    const QImage image = widget.grab().toImage();

    // Centred, square, whole modules, as large as fits.
    const QRect rect = widget.codeRect();
    QCOMPARE(rect.width(), rect.height());
    const int modules = widget.code().size() + 2 * Ui::QrCode::standardQuietZone;
    QCOMPARE(rect.width() % modules, 0);
    QVERIFY(rect.width() > qMin(size.width(), size.height()) - modules);
    QVERIFY(qAbs(rect.center().x() - size.width() / 2) <= 1);
    QVERIFY(qAbs(rect.center().y() - size.height() / 2) <= 1);
    // The quiet zone is white even on a dark background.
    QCOMPARE(image.pixel(rect.topLeft()), qRgb(255, 255, 255));

    QCOMPARE(decode(image), url);
}

void TestQrCode::widgetIsNamedForScreenReaders()
{
    Ui::QrWidget widget;
    QVERIFY(!widget.accessibleName().isEmpty());
    widget.setText(u"http://10.0.0.2:8601/join/AB12"_s);
    QCOMPARE(widget.accessibleName(), u"QR code for http://10.0.0.2:8601/join/AB12"_s);
    QVERIFY(widget.accessibleDescription().contains(u"http://10.0.0.2:8601/join/AB12"_s));
}

QTEST_MAIN(TestQrCode)
#include "tst_qrcode.moc"
