// SPDX-License-Identifier: AGPL-3.0-or-later
// Sb3::validateProject: which project.json bodies are a Scratch 3 project, why the others are
// not (Unprocessable with a readable sentence), and the asset references found, in order.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "server/sb3/projectjson.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

const QString md5a = u"83a9787d4cb6f3b7632b4ddfebf74367"_s;
const QString md5b = u"cd21514d0531fdffb22204e0ec5ed84a"_s;
const QString md5c = u"b7853f557e4426412e64bb3da6531a99"_s;
const QString md5d = u"0123456789abcdef0123456789abcdef"_s;

QJsonObject md5extAsset(const QString &md5ext)
{
    return {{u"name"_s, u"asset"_s}, {u"md5ext"_s, md5ext}};
}

QJsonObject idAsset(const QString &assetId, const QString &dataFormat)
{
    return {{u"name"_s, u"asset"_s}, {u"assetId"_s, assetId}, {u"dataFormat"_s, dataFormat}};
}

QJsonObject target(bool isStage, const QJsonArray &costumes, const QJsonArray &sounds = {})
{
    return {{u"isStage"_s, isStage},
            {u"name"_s, isStage ? u"Stage"_s : u"Sprite1"_s},
            {u"costumes"_s, costumes},
            {u"sounds"_s, sounds}};
}

QJsonObject stage()
{
    return target(true, {md5extAsset(md5a + u".svg"_s)});
}

QJsonObject project(const QJsonArray &targets, const QString &semver = u"3.0.0"_s)
{
    return {{u"targets"_s, targets},
            {u"monitors"_s, QJsonArray()},
            {u"extensions"_s, QJsonArray()},
            {u"meta"_s, QJsonObject{{u"semver"_s, semver}, {u"vm"_s, u"0.2.0"_s}}}};
}

QByteArray bytesOf(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestProjectJson : public QObject
{
    Q_OBJECT

private slots:
    void validatesProject_data();
    void validatesProject();
};

void TestProjectJson::validatesProject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("why"); // part of the message, for invalid bodies
    QTest::addColumn<QStringList>("refs"); // for valid bodies

    QTest::newRow("valid minimal")
        << bytesOf(project({stage()})) << true << QString() << QStringList{md5a + u".svg"_s};
    QTest::newRow("valid with a sprite")
        << bytesOf(project({stage(), target(false, {md5extAsset(md5b + u".png"_s)})})) << true
        << QString() << QStringList{md5a + u".svg"_s, md5b + u".png"_s};
    QTest::newRow("valid semver 3.x minor") << bytesOf(project({stage()}, u"3.1.4"_s)) << true
                                            << QString() << QStringList{md5a + u".svg"_s};
    QTest::newRow("valid without any asset")
        << bytesOf(project({target(true, {})})) << true << QString() << QStringList();

    // Asset references, in order of appearance: per target, costumes then sounds; md5ext and
    // the older assetId + dataFormat form.
    QTest::newRow("refs in order, both forms") << bytesOf(project({
        target(true, {md5extAsset(md5a + u".svg"_s)}, {idAsset(md5b, u"wav"_s)}),
        target(false, {idAsset(md5c, u"png"_s), md5extAsset(md5a + u".svg"_s)},
               {md5extAsset(md5d + u".mp3"_s)}),
    })) << true << QString()
                                               << QStringList{md5a + u".svg"_s, md5b + u".wav"_s,
                                                              md5c + u".png"_s, md5a + u".svg"_s,
                                                              md5d + u".mp3"_s};
    QTest::newRow("md5ext decides over assetId")
        << bytesOf(project({target(true,
                                   {QJsonObject{{u"md5ext"_s, QString(md5a + u".svg"_s)},
                                                {u"assetId"_s, md5b},
                                                {u"dataFormat"_s, u"png"_s}}})}))
        << true << QString() << QStringList{md5a + u".svg"_s};

    QTest::newRow("missing targets")
        << bytesOf(QJsonObject{{u"meta"_s, QJsonObject{{u"semver"_s, u"3.0.0"_s}}}}) << false
        << u"no targets"_s << QStringList();
    QTest::newRow("targets empty")
        << bytesOf(project({})) << false << u"no targets"_s << QStringList();
    QTest::newRow("targets not an array") << bytesOf(
        QJsonObject{{u"targets"_s, stage()}, {u"meta"_s, QJsonObject{{u"semver"_s, u"3.0.0"_s}}}})
                                          << false << u"no targets"_s << QStringList();
    QTest::newRow("target not an object")
        << bytesOf(project({stage(), 42})) << false << u"not an object"_s << QStringList();
    QTest::newRow("no stage") << bytesOf(project({target(false, {md5extAsset(md5a + u".svg"_s)})}))
                              << false << u"exactly one stage"_s << QStringList();
    QTest::newRow("two stages") << bytesOf(project({stage(), stage()})) << false
                                << u"exactly one stage"_s << QStringList();

    QJsonObject costumesNotArray = stage();
    costumesNotArray.insert(u"costumes"_s, md5extAsset(md5a + u".svg"_s));
    QTest::newRow("costumes not an array")
        << bytesOf(project({costumesNotArray})) << false << u"no costumes list"_s << QStringList();
    QJsonObject soundsMissing = stage();
    soundsMissing.remove(u"sounds"_s);
    QTest::newRow("sounds missing")
        << bytesOf(project({soundsMissing})) << false << u"no sounds list"_s << QStringList();

    QTest::newRow("asset without md5ext or assetId") << bytesOf(project(
        {target(true, {QJsonObject{{u"name"_s, u"costume1"_s}, {u"dataFormat"_s, u"svg"_s}}})}))
                                                     << false << u"names no valid asset"_s
                                                     << QStringList();
    QTest::newRow("assetId without dataFormat")
        << bytesOf(project({target(true, {QJsonObject{{u"assetId"_s, md5a}}})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("asset entry not an object")
        << bytesOf(project({target(true, {QString(md5a + u".svg"_s)})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("md5ext with upper-case hex")
        << bytesOf(project({target(true, {md5extAsset(md5a.toUpper() + u".svg"_s)})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("md5ext with unknown format")
        << bytesOf(project({target(true, {md5extAsset(md5a + u".exe"_s)})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("md5ext zip (backpack only)")
        << bytesOf(project({target(true, {md5extAsset(md5a + u".zip"_s)})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("md5ext short hash")
        << bytesOf(project({target(true, {md5extAsset(md5a.left(31) + u".svg"_s)})})) << false
        << u"names no valid asset"_s << QStringList();
    QTest::newRow("sound with bad name")
        << bytesOf(project({target(true, {}, {md5extAsset(u"../../etc/passwd"_s)})})) << false
        << u"sounds"_s << QStringList();

    QTest::newRow("semver 2.x") << bytesOf(project({stage()}, u"2.0.0"_s)) << false << u"semver"_s
                                << QStringList();
    QTest::newRow("semver missing") << bytesOf(QJsonObject{{u"targets"_s, QJsonArray{stage()}}})
                                    << false << u"semver"_s << QStringList();
    QTest::newRow("not JSON") << QByteArray("{\"targets\": [") << false << u"cannot be read"_s
                              << QStringList();
    QTest::newRow("empty body") << QByteArray() << false << u"cannot be read"_s << QStringList();
    QTest::newRow("JSON array")
        << QJsonDocument(QJsonArray{project({stage()})}).toJson(QJsonDocument::Compact) << false
        << u"JSON object"_s << QStringList();
}

void TestProjectJson::validatesProject()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QFETCH(QString, why);
    QFETCH(QStringList, refs);

    const auto result = Sb3::validateProject(body);
    if (valid) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->assetRefs, refs);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ErrorKind::Unprocessable);
    const QString message = result.error().message;
    QVERIFY2(message.startsWith(u"This is not a Scratch 3 project"_s), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestProjectJson)
#include "tst_projectjson.moc"
