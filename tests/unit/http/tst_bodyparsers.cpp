// SPDX-License-Identifier: AGPL-3.0-or-later
// Http body parsers (bodyparsers.h): the id lists of class members and shares, the shapes of the
// class, user and login bodies, and the bodies tests/fuzz/fuzz_jsonbody.cpp found worth pinning
// down. Numbers beyond qint64 (1e300) once
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
    void studentNamesKeepOnlyTheShape_data();
    void studentNamesKeepOnlyTheShape();
    void classBodiesKeepOnlyTheShape();
    void newUserBodyKeepsOnlyTheShape_data();
    void newUserBodyKeepsOnlyTheShape();
    void loginBodyNeedsTwoTexts();
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

// The names as sent: cleaning and the bounds (1..200 names of 1..60 characters) are the
// service's (tests/unit/service/tst_classroom.cpp).
void TestBodyParsers::studentNamesKeepOnlyTheShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("plain") << R"({"names": ["Anna M.", "Ben"]})"_ba << true
                           << QStringList{u"Anna M."_s, u"Ben"_s};
    QTest::newRow("not cleaned here")
        << "{\"names\": [\"  An\\u0007na \"]}"_ba << true << QStringList{u"  An\x07na "_s};
    QTest::newRow("empty list") << R"({"names": []})"_ba << true << QStringList{};
    QTest::newRow("blank name") << R"({"names": ["   "]})"_ba << true << QStringList{u"   "_s};
    QTest::newRow("long name") << "{\"names\": [\"" + QByteArray(61, 'x') + "\"]}" << true
                               << QStringList{QString(61, u'x')};
    QTest::newRow("number") << R"({"names": [7]})"_ba << false << QStringList{};
    QTest::newRow("null") << R"({"names": [null]})"_ba << false << QStringList{};
    QTest::newRow("not a list") << R"({"names": "Anna"})"_ba << false << QStringList{};
    QTest::newRow("missing") << R"({})"_ba << false << QStringList{};
}

void TestBodyParsers::studentNamesKeepOnlyTheShape()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);
    QFETCH(QStringList, names);
    const auto parsed = parseStudentNames(object(body));
    QCOMPARE(parsed.ok(), accepted);
    if (parsed.ok())
        QCOMPARE(*parsed, names);
    else
        QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
}

void TestBodyParsers::classBodiesKeepOnlyTheShape()
{
    // A name is text as typed; the service cleans and bounds it.
    const auto name = parseClassName(QJsonValue(u"  4a "_s));
    QVERIFY(name.ok());
    QCOMPARE(*name, u"  4a "_s);
    QVERIFY(parseClassName(QJsonValue(u""_s)).ok());
    QCOMPARE(parseClassName(QJsonValue(7)).error().kind, ErrorKind::BadRequest);
    QCOMPARE(parseClassName(QJsonValue()).error().kind, ErrorKind::BadRequest);

    const auto patch =
        parseClassPatch(object(R"({"name": " 5b ", "join_open": false, "new_join_code": true})"));
    QVERIFY(patch.ok());
    QCOMPARE(patch->name.value_or(QString()), u" 5b "_s);
    QCOMPARE(patch->joinOpen.value_or(true), false);
    QVERIFY(patch->newJoinCode);
    const auto empty = parseClassPatch(object(R"({})"));
    QVERIFY(empty.ok());
    QVERIFY(!empty->name && !empty->joinOpen && !empty->newJoinCode);
    QVERIFY(!parseClassPatch(object(R"({"name": 5})")).ok());
    QVERIFY(!parseClassPatch(object(R"({"join_open": "yes"})")).ok());
    QVERIFY(!parseClassPatch(object(R"({"new_join_code": 1})")).ok());
}

void TestBodyParsers::newUserBodyKeepsOnlyTheShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("full") << R"({"username":"sam","display_name":"Sam","role":"teacher",)"
                             R"("password":"long enough"})"_ba
                          << true;
    QTest::newRow("no password") << R"({"username":"sam","role":"student"})"_ba << true;
    // Bounds are the service's: an empty username or a short password pass the parser.
    QTest::newRow("empty username") << R"({"username":"","role":"student"})"_ba << true;
    QTest::newRow("short password")
        << R"({"username":"s","role":"admin","password":"x"})"_ba << true;
    QTest::newRow("username not text") << R"({"username":7,"role":"student"})"_ba << false;
    QTest::newRow("no username") << R"({"role":"student"})"_ba << false;
    QTest::newRow("unknown role") << R"({"username":"sam","role":"janitor"})"_ba << false;
    QTest::newRow("password not text")
        << R"({"username":"sam","role":"student","password":12345678})"_ba << false;
}

void TestBodyParsers::newUserBodyKeepsOnlyTheShape()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);
    const QJsonObject json = object(body);
    const auto user = parseNewUserBody(json);
    QCOMPARE(user.ok(), accepted);
    if (!user.ok()) {
        QCOMPARE(user.error().kind, ErrorKind::BadRequest);
        return;
    }
    QCOMPARE(user->username, json.value(u"username"_s).toString());
    QCOMPARE(user->password.has_value(), json.contains(u"password"_s));
}

void TestBodyParsers::loginBodyNeedsTwoTexts()
{
    const auto login = parseLoginBody(object(R"({"username": " anna ", "password": "pw"})"));
    QVERIFY(login.ok());
    QCOMPARE(login->username, u" anna "_s); // the service trims
    QCOMPARE(login->password, u"pw"_s);
    QVERIFY(!parseLoginBody(object(R"({"username": "anna"})")).ok());
    QVERIFY(!parseLoginBody(object(R"({"username": 1, "password": "pw"})")).ok());
}

QTEST_GUILESS_MAIN(TestBodyParsers)
#include "tst_bodyparsers.moc"
