// SPDX-License-Identifier: AGPL-3.0-or-later
// The pure decisions of static file serving: which precompressed variant Accept-Encoding allows
// and which files may be cached as immutable.
#include <QTest>

#include "server/http/contentencoding.h"
#include "server/http/staticfiles.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Http;

class TestStaticFiles : public QObject
{
    Q_OBJECT

private slots:
    void acceptEncoding_data();
    void acceptEncoding();
    void cacheControl_data();
    void cacheControl();
};

void TestStaticFiles::acceptEncoding_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("brotli");
    QTest::addColumn<bool>("gzip");

    QTest::newRow("none") << QByteArray() << false << false;
    QTest::newRow("chromium") << QByteArray("gzip, deflate, br, zstd") << true << true;
    QTest::newRow("gzip only") << QByteArray("gzip") << false << true;
    QTest::newRow("x-gzip") << QByteArray("x-gzip") << false << true;
    QTest::newRow("case and spaces") << QByteArray("  BR ;q=1 ,GZip") << true << true;
    QTest::newRow("br refused") << QByteArray("br;q=0, gzip;q=0.5") << false << true;
    QTest::newRow("q zero with decimals") << QByteArray("br;q=0.000") << false << false;
    QTest::newRow("wildcard") << QByteArray("*") << true << true;
    QTest::newRow("wildcard minus gzip") << QByteArray("*, gzip;q=0") << true << false;
    QTest::newRow("wildcard refused") << QByteArray("*;q=0, br") << true << false;
    QTest::newRow("identity") << QByteArray("identity") << false << false;
    QTest::newRow("malformed q") << QByteArray("br;q=lots") << false << false;
    QTest::newRow("q above one") << QByteArray("gzip;q=7") << false << false;
}

void TestStaticFiles::acceptEncoding()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, brotli);
    QFETCH(bool, gzip);
    const AcceptedEncodings accepted = parseAcceptEncoding(header);
    QCOMPARE(accepted.brotli, brotli);
    QCOMPARE(accepted.gzip, gzip);
}

void TestStaticFiles::cacheControl_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("immutable");

    QTest::newRow("webpack chunk") << u"chunks/fetch-worker.12a0667c4caaa6201bad.js"_s << true;
    QTest::newRow("editor media") << u"static/assets/0fb9be3e8397c983338cb71dc84d0b25.svg"_s
                                  << true;
    QTest::newRow("micro:bit hex") << u"30d09ba32a17082ef820b57d52d60b7b.hex"_s << true;
    QTest::newRow("mediapipe, unhashed") << u"chunks/mediapipe/face_detection/face.wasm"_s << false;
    QTest::newRow("bundle, unhashed") << u"scratch-gui-standalone.js"_s << false;
    QTest::newRow("page") << u"editor.html"_s << false;
    QTest::newRow("our module") << u"js/pages/join.js"_s << false;
    QTest::newRow("short hex is not a hash") << u"chunks/540.e07bd571.js"_s << false;
    QTest::newRow("hash outside the editor folders")
        << u"js/0fb9be3e8397c983338cb71d.js"_s << false;
}

void TestStaticFiles::cacheControl()
{
    QFETCH(QString, path);
    QFETCH(bool, immutable);
    const QByteArray value = StaticFiles::cacheControlFor(path);
    QCOMPARE(value.contains("immutable"), immutable);
    if (!immutable)
        QCOMPARE(value, QByteArray("no-cache"));
}

QTEST_GUILESS_MAIN(TestStaticFiles)
#include "tst_staticfiles.moc"
