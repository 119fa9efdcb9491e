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
    void backpackParserDecodesOnlyTheShape();
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

void TestBodyParsers::backpackParserDecodesOnlyTheShape()
{
    // Type, mime, size and thumbnail type are the service's rules (tst_projects), not the
    // parser's: an unknown type and a thumbnail that is no picture pass here.
    const QJsonObject body{{u"type"_s, u"hat"_s},
                           {u"mime"_s, u"image/svg+xml"_s},
                           {u"body"_s, u"PHN2Zy8+"_s}, // "<svg/>"
                           {u"thumbnail"_s, u"data:image/png;base64,AAAA"_s}};
    const auto item = parseBackpackBody(body);
    QVERIFY(item.ok());
    QCOMPARE(item->type, u"hat"_s);
    QCOMPARE(item->data, "<svg/>"_ba);
    QCOMPARE(item->thumbnail, QByteArray(3, '\0'));
    QJsonObject broken = body;
    broken.insert(u"body"_s, u"***"_s);
    QCOMPARE(parseBackpackBody(broken).error().kind, ErrorKind::BadRequest);
    broken = body;
    broken.remove(u"thumbnail"_s);
    QCOMPARE(parseBackpackBody(broken).error().kind, ErrorKind::BadRequest);
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
