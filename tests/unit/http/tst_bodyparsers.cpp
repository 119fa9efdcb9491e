// SPDX-License-Identifier: AGPL-3.0-or-later
// Http body parsers (bodyparsers.h): the id lists of class members and shares, and the bodies
// tests/fuzz/fuzz_jsonbody.cpp found worth pinning down. Numbers beyond qint64 (1e300) once
// reached a double-to-integer cast, which is undefined behaviour (UBSan, issue #12).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "server/http/bodyparsers.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Http;

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestBodyParsers : public QObject
{
    Q_OBJECT

private slots:
    void idListsAcceptOnlyPositiveWholeNumbers_data();
    void idListsAcceptOnlyPositiveWholeNumbers();
    void shareRemovesDuplicates();
    void backpackChecksSizeBeforeThumbnailType();
    void studentNamesAreCleanedAndBounded_data();
    void studentNamesAreCleanedAndBounded();
};

void TestBodyParsers::idListsAcceptOnlyPositiveWholeNumbers_data()
{
    QTest::addColumn<QByteArray>("list");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("ids") << "[1, 2, 30]"_ba << true;
    QTest::newRow("empty") << "[]"_ba << true;
    QTest::newRow("largest exact") << "[9007199254740992]"_ba << true;
    QTest::newRow("zero") << "[0]"_ba << false;
    QTest::newRow("negative") << "[-4]"_ba << false;
    QTest::newRow("fraction") << "[2.5]"_ba << false;
    QTest::newRow("text") << "[\"3\"]"_ba << false;
    QTest::newRow("null") << "[null]"_ba << false;
    // Beyond qint64: must be refused without casting (UB found by fuzz_jsonbody).
    QTest::newRow("1e300") << "[1e300]"_ba << false;
    QTest::newRow("-1e300") << "[-1e300]"_ba << false;
    QTest::newRow("2^63") << "[9223372036854775808]"_ba << false;
    QTest::newRow("1e19") << "[1e19]"_ba << false;
}

void TestBodyParsers::idListsAcceptOnlyPositiveWholeNumbers()
{
    QFETCH(QByteArray, list);
    QFETCH(bool, accepted);
    const QJsonObject members = object("{\"user_ids\": " + list + "}");
    const auto ids = parseIdList(members.value(u"user_ids"_s), u"user_ids"_s);
    QCOMPARE(ids.ok(), accepted);
    if (!ids.ok())
        QCOMPARE(ids.error().kind, ErrorKind::BadRequest);
    const auto groups = parseShareBody(object("{\"group_ids\": " + list + "}"));
    QCOMPARE(groups.ok(), accepted);
    if (!groups.ok())
        QCOMPARE(groups.error().kind, ErrorKind::BadRequest);
}

void TestBodyParsers::shareRemovesDuplicates()
{
    const auto groups = parseShareBody(object(R"({"group_ids": [3, 1, 3, 1]})"));
    QVERIFY(groups.ok());
    QCOMPARE(*groups, (QList<qint64>{3, 1}));
    QVERIFY(!parseShareBody(object(R"({"group_ids": 3})")).ok());
}

void TestBodyParsers::backpackChecksSizeBeforeThumbnailType()
{
    const QJsonObject body{{u"type"_s, u"costume"_s},
                           {u"mime"_s, u"image/svg+xml"_s},
                           {u"body"_s, u"PHN2Zy8+"_s}, // "<svg/>"
                           {u"thumbnail"_s, u"AAAA"_s}}; // not PNG/JPEG
    QCOMPARE(parseBackpackBody(body, 3).error().kind, ErrorKind::PayloadTooLarge);
    QCOMPARE(parseBackpackBody(body, 1024).error().kind, ErrorKind::UnsupportedMediaType);
    QJsonObject png = body;
    png.insert(u"thumbnail"_s, QString::fromLatin1("\x89PNG\r\n\x1a\n-"_ba.toBase64()));
    const auto item = parseBackpackBody(png, 1024);
    QVERIFY(item.ok());
    QCOMPARE(item->format, u"svg"_s);
    QCOMPARE(item->thumbnailFormat, u"png"_s);
    QCOMPARE(item->name, u"costume"_s); // no name: the type
}

void TestBodyParsers::studentNamesAreCleanedAndBounded_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names"); // empty: refused
    QTest::newRow("plain") << R"({"names": ["Anna M.", "Ben"]})"_ba
                           << QStringList{u"Anna M."_s, u"Ben"_s};
    QTest::newRow("controls removed")
        << "{\"names\": [\"  An\\u0007na \\u202e \"]}"_ba << QStringList{u"Anna"_s};
    QTest::newRow("empty list") << R"({"names": []})"_ba << QStringList{};
    QTest::newRow("blank name") << R"({"names": ["   "]})"_ba << QStringList{};
    QTest::newRow("number") << R"({"names": [7]})"_ba << QStringList{};
    QTest::newRow("too long") << "{\"names\": [\"" + QByteArray(61, 'x') + "\"]}" << QStringList{};
}

void TestBodyParsers::studentNamesAreCleanedAndBounded()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    const auto parsed = parseStudentNames(object(body));
    QCOMPARE(parsed.ok(), !names.isEmpty());
    if (parsed.ok())
        QCOMPARE(*parsed, names);
}

QTEST_GUILESS_MAIN(TestBodyParsers)
#include "tst_bodyparsers.moc"
