// SPDX-License-Identifier: AGPL-3.0-or-later
// applicationIcon(): the window icon's PNGs really are linked in as resources (a static library's
// resources are easily dropped by the linker) and every size is there, pixel-exact.
#include <QFile>
#include <QImage>
#include <QPixmap>
#include <QTest>

#include "ui/appicon.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestAppIcon : public QObject
{
    Q_OBJECT

private slots:
    void notNull();
    void sizes_data();
    void sizes();
};

void TestAppIcon::notNull()
{
    QVERIFY(!Ui::applicationIcon().isNull());
}

void TestAppIcon::sizes_data()
{
    QTest::addColumn<int>("size");
    for (const int size : {16, 32, 48, 64, 128, 256})
        QTest::addRow("%d px", size) << size;
}

void TestAppIcon::sizes()
{
    QFETCH(int, size);
    const QString path = u":/icons/blockhaus-%1.png"_s.arg(size);
    QVERIFY2(QFile::exists(path), qPrintable(path + u" is not in the resources"_s));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(size, size));
    // Drawn, not blank: the middle of the house is opaque.
    QCOMPARE(qAlpha(image.pixel(size / 2, size * 3 / 4)), 255);

    const QIcon icon = Ui::applicationIcon();
    QVERIFY(icon.availableSizes().contains(QSize(size, size)));
    // Asked for exactly this size, the icon hands out that PNG rather than a scaled neighbour.
    // Compared premultiplied, as a pixmap stores it: un-premultiplying would round soft edges.
    const QImage fromIcon = icon.pixmap(QSize(size, size), 1.0).toImage();
    QCOMPARE(fromIcon.size(), QSize(size, size));
    QCOMPARE(fromIcon.convertToFormat(QImage::Format_ARGB32_Premultiplied),
             image.convertToFormat(QImage::Format_ARGB32_Premultiplied));
}

QTEST_MAIN(TestAppIcon)
#include "tst_appicon.moc"
