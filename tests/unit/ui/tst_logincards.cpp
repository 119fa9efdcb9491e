// SPDX-License-Identifier: AGPL-3.0-or-later
// LoginCardsWriter: the PDF has one page per eight cards, every username and password is in
// its text, and — what the students rely on — the printed QR codes decode to the join URLs.
// The PDF is read back with poppler-utils and zbarimg, the tools a reader would use.
#include <algorithm>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ui/students/logincards.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestLoginCards : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void eightCardsFitOnAPage();
    void onePagePerEightCards_data();
    void onePagePerEightCards();
    void textHoldsEveryCredential_data();
    void textHoldsEveryCredential();
    void qrCodesDecodeToTheJoinUrls_data();
    void qrCodesDecodeToTheJoinUrls();
    void qrCodeIsAtLeast25MmWide_data();
    void qrCodeIsAtLeast25MmWide();
    void metadataNamesBlockhaus();
    void noCardsIsAnError();
    void unwritablePathIsAnError();

private:
    // Runs a tool, returns its standard output; fails the test on a timeout or non-zero exit.
    QByteArray run(const QString &program, const QStringList &arguments);
    // Writes `cards` to a new PDF in the temporary directory and returns its path.
    QString writePdf(const QList<Ui::LoginCard> &cards);
    static QList<Ui::LoginCard> makeCards(int count);

    QString m_pdfinfo;
    QString m_pdftotext;
    QString m_pdftoppm;
    QString m_zbarimg;
    QTemporaryDir m_dir;
};

void TestLoginCards::initTestCase()
{
    // No silent skip: tools/setup.sh installs poppler-utils and zbar-tools, and without them
    // this suite would prove nothing about the cards a teacher prints.
    m_pdfinfo = QStandardPaths::findExecutable(u"pdfinfo"_s);
    m_pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
    m_pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
    if (m_pdfinfo.isEmpty() || m_pdftotext.isEmpty() || m_pdftoppm.isEmpty())
        QFAIL("pdfinfo/pdftotext/pdftoppm not found: install the Debian package poppler-utils "
              "(tools/setup.sh does)");
    m_zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
    if (m_zbarimg.isEmpty())
        QFAIL("zbarimg not found: install the Debian package zbar-tools (tools/setup.sh does)");
    QVERIFY(m_dir.isValid());
}

QByteArray TestLoginCards::run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(20000)) {
        process.kill();
        process.waitForFinished();
        QTest::qFail(qPrintable(u"%1 did not finish within 20 s"_s.arg(program)), __FILE__,
                     __LINE__);
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QTest::qFail(qPrintable(u"%1 failed (exit %2): %3"_s.arg(
                         program, QString::number(process.exitCode()),
                         QString::fromLocal8Bit(process.readAllStandardError()))),
                     __FILE__, __LINE__);
        return {};
    }
    return process.readAllStandardOutput();
}

QString TestLoginCards::writePdf(const QList<Ui::LoginCard> &cards)
{
    static int counter = 0;
    const QString path = m_dir.filePath(u"cards-%1.pdf"_s.arg(++counter));
    QString error;
    if (!Ui::LoginCardsWriter::writePdf(cards, path, &error)) {
        QTest::qFail(qPrintable(u"writePdf failed: "_s + error), __FILE__, __LINE__);
        return {};
    }
    return path;
}

QList<Ui::LoginCard> TestLoginCards::makeCards(int count)
{
    // Realistic classroom names, including accents and one too long for a card, and passwords
    // in the generator's word-word-number shape.
    static const QStringList names = {
        u"Mia Schulz"_s,
        u"Jonas Özdemir"_s,
        u"Lea-Sophie Wagner"_s,
        u"Ben Li"_s,
        u"Maximilian-Alexander von Hohenberg-Eschenbach"_s,
        u"Emilia Lindqvist"_s,
        u"Noah Kowalski"_s,
        u"Zoë Müller"_s,
    };
    static const QStringList words = {u"sunny"_s, u"brave"_s, u"quiet"_s, u"lucky"_s,
                                      u"tiger"_s, u"otter"_s, u"maple"_s, u"comet"_s};
    QList<Ui::LoginCard> cards;
    for (int i = 0; i < count; ++i) {
        Ui::LoginCard card;
        card.displayName = names.at(i % names.size());
        if (i >= names.size())
            card.displayName += u" %1"_s.arg(i + 1);
        card.username =
            card.displayName.section(u' ', 0, 0).toLower().remove(u'-') + u".s%1"_s.arg(i + 1);
        card.password =
            u"%1-%2-%3"_s.arg(words.at(i % words.size()), words.at((i * 3 + 1) % words.size()))
                .arg(10 + (i * 37) % 90);
        // Two classes, so the cards on a page carry different join URLs and each decoded URL
        // can be matched to its card.
        card.className = i % 2 == 0 ? u"5b Coding Club"_s : u"6a"_s;
        card.joinCode =
            u"K7Q%1M%2"_s.arg(QChar(char16_t(u'A' + i % 26))).arg(QChar(i % 2 == 0 ? u'X' : u'Z'));
        card.joinUrl = u"http://192.168.1.23:8601/join/"_s + card.joinCode;
        cards.append(card);
    }
    return cards;
}

void TestLoginCards::eightCardsFitOnAPage()
{
    QCOMPARE(Ui::LoginCardsWriter::cardsPerPage(), 8);
}

void TestLoginCards::onePagePerEightCards_data()
{
    QTest::addColumn<int>("cards");
    QTest::addColumn<int>("pages");

    QTest::newRow("1 card") << 1 << 1;
    QTest::newRow("8 cards: a full page") << 8 << 1;
    QTest::newRow("9 cards: one on page 2") << 9 << 2;
    QTest::newRow("17 cards") << 17 << 3;
}

void TestLoginCards::onePagePerEightCards()
{
    QFETCH(int, cards);
    QFETCH(int, pages);
    const QString pdf = writePdf(makeCards(cards));
    QVERIFY(!pdf.isEmpty());
    const QString info = QString::fromUtf8(run(m_pdfinfo, {pdf}));
    const auto match =
        QRegularExpression(u"^Pages:\\s+(\\d+)$"_s, QRegularExpression::MultilineOption)
            .match(info);
    QVERIFY2(match.hasMatch(), qPrintable(u"no page count in pdfinfo output:\n"_s + info));
    QCOMPARE(match.captured(1).toInt(), pages);
    // A4 portrait (595 x 842 pt; poppler rounds differently across versions).
    QVERIFY2(info.contains(QRegularExpression(
                 u"^Page size:\\s+59[56](\\.\\d+)? x 84[12](\\.\\d+)? pts \\(A4\\)"_s,
                 QRegularExpression::MultilineOption)),
             qPrintable(info));
}

void TestLoginCards::textHoldsEveryCredential_data()
{
    QTest::addColumn<int>("cards");

    QTest::newRow("1 card") << 1;
    QTest::newRow("8 cards") << 8;
    QTest::newRow("9 cards") << 9;
    QTest::newRow("17 cards") << 17;
}

void TestLoginCards::textHoldsEveryCredential()
{
    QFETCH(int, cards);
    const auto list = makeCards(cards);
    const QString pdf = writePdf(list);
    QVERIFY(!pdf.isEmpty());
    // "-" writes the text to standard output; UTF-8 keeps the accented names intact.
    const QString text = QString::fromUtf8(run(m_pdftotext, {u"-enc"_s, u"UTF-8"_s, pdf, u"-"_s}));
    for (const auto &card : list) {
        QVERIFY2(text.contains(card.username), qPrintable(card.username));
        QVERIFY2(text.contains(card.password), qPrintable(card.password));
        QVERIFY2(text.contains(card.joinCode), qPrintable(card.joinCode));
        QVERIFY2(text.contains(card.joinUrl), qPrintable(card.joinUrl));
    }
    QVERIFY(text.contains(u"Jonas Özdemir"_s) || cards < 2);
}

void TestLoginCards::qrCodesDecodeToTheJoinUrls_data()
{
    QTest::addColumn<int>("cards");

    QTest::newRow("1 card") << 1;
    QTest::newRow("8 cards") << 8;
    QTest::newRow("17 cards") << 17;
}

void TestLoginCards::qrCodesDecodeToTheJoinUrls()
{
    QFETCH(int, cards);
    const auto list = makeCards(cards);
    const QString pdf = writePdf(list);
    QVERIFY(!pdf.isEmpty());

    // Page 1 at 150 dpi, about what a phone camera resolves from a printed card.
    const QString prefix = m_dir.filePath(u"page-%1"_s.arg(cards));
    run(m_pdftoppm,
        {u"-r"_s, u"150"_s, u"-png"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-singlefile"_s, pdf,
         prefix});
    const QString png = prefix + u".png"_s;
    const QImage page(png);
    QVERIFY2(!page.isNull(), qPrintable(png));
    QVERIFY(page.width() > page.height() / 2); // portrait, 1240 x 1754

#ifdef BLOCKHAUS_ARTIFACTS_DIR
    // A full page of cards, to look at: build/test-artifacts/dashboard/login-cards.png.
    if (cards == Ui::LoginCardsWriter::cardsPerPage()) {
        const QDir artifacts(QStringLiteral(BLOCKHAUS_ARTIFACTS_DIR));
        QVERIFY(artifacts.mkpath(u"."_s));
        const QString artifact = artifacts.filePath(u"login-cards.png"_s);
        QFile::remove(artifact);
        QVERIFY(QFile::copy(png, artifact));
    }
#endif

    // --raw prints each decoded payload on its own line.
    const QStringList lines = QString::fromUtf8(run(m_zbarimg, {u"--quiet"_s, u"--raw"_s, png}))
                                  .split(u'\n', Qt::SkipEmptyParts);
    const QSet<QString> decoded(lines.cbegin(), lines.cend());
    const qsizetype onPage = std::min<qsizetype>(list.size(), 8);
    for (qsizetype i = 0; i < onPage; ++i)
        QVERIFY2(
            decoded.contains(list.at(i).joinUrl),
            qPrintable(u"%1 not among decoded: %2"_s.arg(list.at(i).joinUrl, lines.join(u", "_s))));
    // Nothing from page 2 leaked onto page 1.
    QCOMPARE(decoded.size(), onPage);
}

void TestLoginCards::qrCodeIsAtLeast25MmWide_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");

    QTest::newRow("short name") << u"Ben Li"_s << u"http://192.168.1.23:8601/join/K7QAMX"_s;
    // Two lines of name leave less height for the code.
    QTest::newRow("two-line name") << u"Maximilian-Alexander von Hohenberg-Eschenbach"_s
                                   << u"http://192.168.1.23:8601/join/K7QAMX"_s;
    // A longer URL needs a larger QR version, so smaller modules.
    QTest::newRow("long address") << u"Mia Schulz"_s
                                  << u"http://schulserver.example.org:65535/join/ABCDEFGHJK"_s;
}

void TestLoginCards::qrCodeIsAtLeast25MmWide()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    // One card as printed on A4 (95 x 69.25 mm) at 300 dpi; paint() sizes from the device's dpi.
    constexpr qreal dpi = 300;
    constexpr qreal mm = dpi / 25.4;
    QImage image(qRound(95 * mm), qRound(69.25 * mm), QImage::Format_Grayscale8);
    image.setDotsPerMeterX(qRound(dpi / 0.0254));
    image.setDotsPerMeterY(qRound(dpi / 0.0254));
    image.fill(Qt::white);
    Ui::LoginCard card{name, u"mia.s1"_s, u"sunny-tiger-42"_s, u"5b"_s, u"K7QAMX"_s, url};
    {
        QPainter painter(&image);
        Ui::LoginCardsWriter::paint(painter, image.rect(), card);
    }
    // Above the footer, the QR code is the only ink in the card's rightmost 15 mm until its
    // quiet zone (over 3 mm of white) separates it from the header: walking up from the footer,
    // that strip gives the symbol's bottom, top and right edge.
    int top = -1, bottom = -1, right = -1;
    for (int y = image.height() - qRound(10 * mm), blank = 0; y > 0 && blank < 3 * mm; --y) {
        const uchar *line = image.constScanLine(y);
        bool dark = false;
        for (int x = image.width() - qRound(15 * mm); x < image.width(); ++x) {
            if (line[x] < 128) {
                dark = true;
                right = std::max(right, x);
            }
        }
        if (dark) {
            bottom = bottom < 0 ? y : bottom;
            top = y;
        }
        blank = dark || bottom < 0 ? 0 : blank + 1;
    }
    QVERIFY(top >= 0);
    // The symbol is square (QrCode draws whole square modules), so its height is its width.
    const qreal side = (bottom - top + 1) / mm;
    QVERIFY2(side >= 25, qPrintable(u"%1 mm"_s.arg(side)));
    QVERIFY2(right < image.width() - 3 * mm, "the quiet zone must stay on the card");
}

void TestLoginCards::metadataNamesBlockhaus()
{
    const QString info = QString::fromUtf8(run(m_pdfinfo, {writePdf(makeCards(2))}));
    QVERIFY2(info.contains(QRegularExpression(u"^Title:\\s+Blockhaus login cards$"_s,
                                              QRegularExpression::MultilineOption)),
             qPrintable(info));
    QVERIFY2(info.contains(QRegularExpression(u"^Creator:\\s+Blockhaus login cards$"_s,
                                              QRegularExpression::MultilineOption)),
             qPrintable(info));
}

void TestLoginCards::noCardsIsAnError()
{
    const QString path = m_dir.filePath(u"empty.pdf"_s);
    QString error;
    QVERIFY(!Ui::LoginCardsWriter::writePdf({}, path, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(path));
    QVERIFY(!Ui::LoginCardsWriter::writePdf({}, path, nullptr)); // error is optional
}

void TestLoginCards::unwritablePathIsAnError()
{
    const QString path = m_dir.filePath(u"no-such-folder/cards.pdf"_s);
    QString error;
    QVERIFY(!Ui::LoginCardsWriter::writePdf(makeCards(1), path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestLoginCards)
#include "tst_logincards.moc"
