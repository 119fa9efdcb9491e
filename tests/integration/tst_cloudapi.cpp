// SPDX-License-Identifier: AGPL-3.0-or-later
// The classroom cloud variables (#16 part 5) against a real server: the WebSocket upgrade of
// GET /api/v1/cloud (login, Origin, plain GETs), the Scratch cloud protocol between two
// connections of one project, persistence across a reconnect and a server restart (and the
// close on shutdown), the class rule, the rate limit, the value, name and variable-count limits,
// malformed messages and the project metadata's cloud_variables flag. Each client is a raw
// QTcpSocket WebSocket (tests/support/cloudclient.h).
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "tests/support/cloudclient.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

class TestCloudApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void plainGetAnswersJsonError();
    void upgradeNeedsLogin();
    void foreignOriginIsRefused_data();
    void foreignOriginIsRefused();
    void setReachesTheOtherConnection();
    void studentOfAnotherClassIsRefused();
    void metaSaysWhereCloudIsAvailable();
    void rateLimitDropsExcessUpdates();
    void valueOver256DigitsIsRefused();
    void eleventhVariableIsRefused();
    void malformedMessagesClose_data();
    void malformedMessagesClose();
    void valuesPersistAcrossReconnectAndRestart();
    void shutdownWritesWhatTheTimerHasNot();
    void passwordResetEndsTheConnection();

private:
    std::unique_ptr<CloudClient> joined(const Classroom::Account &who, qint64 projectId);
    qint64 createProject(const Classroom::Account &owner, bool shareWithClass);
    QByteArray origin() const { return "http://127.0.0.1:" + QByteArray::number(m_server->port()); }

    std::unique_ptr<TestServer> m_server;
    Classroom m_classA;
    Classroom m_classB;
    qint64 m_project = 0; // Anna's, shared with class A
};

void TestCloudApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classA = makeClassroom(m_server->port(), m_server->adminPassword(), u"Cloud A"_s,
                             {u"Anna"_s, u"Ben"_s});
    QCOMPARE(m_classA.students.size(), 2);
    m_classB =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Cloud B"_s, {u"Cora"_s});
    QCOMPARE(m_classB.students.size(), 1);
    m_project = createProject(m_classA.students.at(0), true);
    QVERIFY(m_project > 0);
}

void TestCloudApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

qint64 TestCloudApi::createProject(const Classroom::Account &owner, bool shareWithClass)
{
    Client client(m_server->port());
    client.setBearer(owner.token);
    const HttpReply created = client.post("/api/v1/projects", scratchProject());
    if (!statusIs(created, 201))
        return 0;
    const qint64 id = created.object().value(u"id"_s).toInteger();
    if (shareWithClass) {
        const QJsonObject body{{u"group_ids"_s, QJsonArray{m_classA.classId}}};
        const HttpReply shared = client.put("/api/v1/projects/" + QByteArray::number(id) + "/share",
                                            QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (!statusIs(shared, 200))
            return 0;
    }
    return id;
}

std::unique_ptr<CloudClient> TestCloudApi::joined(const Classroom::Account &who, qint64 projectId)
{
    auto client = std::make_unique<CloudClient>(m_server->port());
    if (client->open(who.token, origin()) != 101) {
        qWarning("upgrade failed: %s", client->responseHead().constData());
        return nullptr;
    }
    client->handshake(projectId);
    return client;
}

void TestCloudApi::plainGetAnswersJsonError()
{
    Client client(m_server->port());
    client.setBearer(m_classA.students.at(0).token);
    const HttpReply reply = client.get("/api/v1/cloud");
    QVERIFY(statusIs(reply, 426));
    QVERIFY(isErrorBody(reply, u"upgrade_required"_s));
    QCOMPARE(reply.header("upgrade"), QByteArray("websocket"));
}

void TestCloudApi::upgradeNeedsLogin()
{
    CloudClient client(m_server->port());
    QCOMPARE(client.open({}, origin()), 401);
    QVERIFY(client.responseHead().contains("application/json"));
}

void TestCloudApi::foreignOriginIsRefused_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::newRow("another site") << QByteArray("http://evil.example");
    QTest::newRow("no origin") << QByteArray();
    QTest::newRow("https of our host") << QByteArray("https://127.0.0.1");
}

void TestCloudApi::foreignOriginIsRefused()
{
    QFETCH(QByteArray, origin);
    CloudClient client(m_server->port());
    QCOMPARE(client.open(m_classA.students.at(0).token, origin), 403);
    QTRY_VERIFY_WITH_TIMEOUT(client.responseBody().contains("\"forbidden\""), 5000);
}

void TestCloudApi::setReachesTheOtherConnection()
{
    auto anna = joined(m_classA.students.at(0), m_project);
    auto ben = joined(m_classA.students.at(1), m_project);
    QVERIFY(anna && ben);
    anna->set(u"☁ score"_s, u"42"_s);
    QVERIFY(ben->waitForSet(u"☁ score"_s, u"42"_s));
    ben->set(u"☁ score"_s, u"-3.5"_s);
    QVERIFY(anna->waitForSet(u"☁ score"_s, u"-3.5"_s));
    // A connection joining later gets the current value on its handshake.
    auto late = joined(m_classA.students.at(1), m_project);
    QVERIFY(late && late->waitForSet(u"☁ score"_s, u"-3.5"_s));
    // The sender does not get its own update back.
    QVERIFY(!anna->sets().contains({u"☁ score"_s, u"42"_s}));
}

void TestCloudApi::studentOfAnotherClassIsRefused()
{
    auto cora = joined(m_classB.students.at(0), m_project);
    QVERIFY(cora);
    QCOMPARE(cora->waitForClose(), 4003);
    // Nor a project of that owner she cannot even read.
    auto other = joined(m_classB.students.at(0), createProject(m_classA.students.at(0), false));
    QVERIFY(other);
    QCOMPARE(other->waitForClose(), 4003);
}

void TestCloudApi::metaSaysWhereCloudIsAvailable()
{
    Client ben(m_server->port());
    ben.setBearer(m_classA.students.at(1).token);
    const HttpReply meta = ben.get("/api/v1/projects/" + QByteArray::number(m_project) + "/meta");
    QVERIFY(statusIs(meta, 200));
    QCOMPARE(meta.object().value(u"cloud_variables"_s), QJsonValue(true));
    // The owner of this project is in no class: no cloud variables.
    const Classroom::Account loner =
        createUser(m_server->port(), m_classA.adminToken, u"loner"_s, u"student"_s);
    QVERIFY(loner.id > 0);
    const qint64 own = createProject(loner, false);
    Client client(m_server->port());
    client.setBearer(loner.token);
    const HttpReply lonerMeta = client.get("/api/v1/projects/" + QByteArray::number(own) + "/meta");
    QVERIFY(statusIs(lonerMeta, 200));
    QCOMPARE(lonerMeta.object().value(u"cloud_variables"_s), QJsonValue(false));
    auto cloud = joined(loner, own);
    QVERIFY(cloud);
    QCOMPARE(cloud->waitForClose(), 4003);
}

void TestCloudApi::rateLimitDropsExcessUpdates()
{
    const qint64 project = createProject(m_classA.students.at(0), true);
    auto anna = joined(m_classA.students.at(0), project);
    auto ben = joined(m_classA.students.at(1), project);
    auto sentinel = joined(m_classA.students.at(1), project);
    QVERIFY(anna && ben && sentinel);
    // Ben's connection is in (it answers) before the burst starts.
    sentinel->set(u"☁ mark"_s, u"0"_s);
    QVERIFY(ben->waitForSet(u"☁ mark"_s, u"0"_s));
    for (int i = 1; i <= 30; ++i)
        anna->set(u"☁ rate"_s, QString::number(i));
    QVERIFY(ben->waitForSet(u"☁ rate"_s, u"10"_s));
    sentinel->set(u"☁ mark"_s, u"1"_s);
    QVERIFY(ben->waitForSet(u"☁ mark"_s, u"1"_s));
    int received = 0;
    for (const auto &set : ben->sets())
        received += set.first == u"☁ rate"_s;
    // A burst of 10, and at most a refill or two while the 30 arrive.
    QVERIFY2(received >= 10 && received <= 12, qPrintable(QString::number(received)));
    QVERIFY(!ben->sets().contains({u"☁ rate"_s, u"30"_s}));
}

void TestCloudApi::valueOver256DigitsIsRefused()
{
    auto anna = joined(m_classA.students.at(0), m_project);
    auto ben = joined(m_classA.students.at(1), m_project);
    QVERIFY(anna && ben);
    const QString tooLong(257, u'7');
    const QString longest(256, u'8');
    anna->set(u"☁ big"_s, tooLong);
    anna->set(u"☁ big"_s, u"not a number"_s);
    anna->set(u"cloudless name"_s, u"1"_s);
    anna->set(u"☁ big"_s, longest);
    QVERIFY(ben->waitForSet(u"☁ big"_s, longest));
    QCOMPARE(ben->sets().size(), ben->sets().count({u"☁ score"_s, u"-3.5"_s}) + 1);
}

void TestCloudApi::eleventhVariableIsRefused()
{
    const qint64 project = createProject(m_classA.students.at(0), true);
    auto first = joined(m_classA.students.at(0), project);
    auto ben = joined(m_classA.students.at(1), project);
    QVERIFY(first && ben);
    for (int i = 1; i <= 10; ++i)
        first->set(u"☁ v%1"_s.arg(i), QString::number(i));
    QVERIFY(ben->waitForSet(u"☁ v10"_s, u"10"_s));
    // A second connection (a bucket of its own): the 11th name is dropped, an existing one is not.
    auto second = joined(m_classA.students.at(0), project);
    QVERIFY(second);
    second->set(u"☁ v11"_s, u"11"_s);
    second->set(u"☁ v1"_s, u"100"_s);
    QVERIFY(ben->waitForSet(u"☁ v1"_s, u"100"_s));
    for (const auto &set : ben->sets())
        QVERIFY(set.first != u"☁ v11"_s);
}

void TestCloudApi::malformedMessagesClose_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("handshakeFirst");
    QTest::addColumn<int>("closeCode");
    // Masked with the key 0 (a valid mask that leaves the payload as it is).
    auto masked = [](quint8 first, const QByteArray &payload) -> QByteArray {
        return QByteArray(1, static_cast<char>(first))
            + QByteArray(1, static_cast<char>(0x80 | payload.size())) + QByteArray(4, '\0')
            + payload;
    };
    QTest::newRow("set before handshake")
        << masked(0x81, R"({"method":"set","name":"☁ x","value":"1"})"_ba) << false << 4000;
    QTest::newRow("not json") << masked(0x81, "{nope") << true << 4000;
    QTest::newRow("unknown method") << masked(0x81, R"({"method":"boom"})"_ba) << true << 4000;
    QTest::newRow("handshake twice")
        << masked(0x81, R"({"method":"handshake","project_id":"1"})"_ba) << true << 4000;
    QTest::newRow("binary") << masked(0x82, "1") << true << 1003;
    QTest::newRow("unmasked") << QByteArray("\x81\x01x", 3) << true << 1002;
    QTest::newRow("bad utf-8") << masked(0x81, "\xc3\x28") << true << 1007;
}

void TestCloudApi::malformedMessagesClose()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, handshakeFirst);
    QFETCH(int, closeCode);
    CloudClient client(m_server->port());
    QCOMPARE(client.open(m_classA.students.at(0).token, origin()), 101);
    if (handshakeFirst) {
        client.handshake(m_project);
        QVERIFY(client.waitForSet(u"☁ score"_s, u"-3.5"_s)); // joined
    }
    client.writeRaw(frame);
    QCOMPARE(client.waitForClose(), closeCode);
}

void TestCloudApi::valuesPersistAcrossReconnectAndRestart()
{
    {
        auto anna = joined(m_classA.students.at(0), m_project);
        auto ben = joined(m_classA.students.at(1), m_project);
        QVERIFY(anna && ben);
        anna->set(u"☁ keep"_s, u"7"_s);
        QVERIFY(ben->waitForSet(u"☁ keep"_s, u"7"_s));
    }
    // Reconnect: the value is there, from memory or from the database.
    auto again = joined(m_classA.students.at(1), m_project);
    QVERIFY(again && again->waitForSet(u"☁ keep"_s, u"7"_s));
    again->set(u"☁ keep"_s, u"8"_s); // written at the latest by the shutdown
    auto watcher = joined(m_classA.students.at(0), m_project);
    QVERIFY(watcher && watcher->waitForSet(u"☁ keep"_s, u"8"_s));
    // A server shutdown closes every cloud connection with "going away" and writes the rest.
    QVERIFY(m_server->stop());
    QCOMPARE(again->waitForClose(), 1001);
    if (!m_server->usesPostgres()) {
        QCOMPARE(sqlValue(m_server->databasePath(),
                          u"SELECT value FROM cloud_variables WHERE project_id = %1 AND name = "
                          "'☁ keep'"_s.arg(m_project))
                     .toString(),
                 u"8"_s);
    }
    QVERIFY2(m_server->start(), m_server->output().constData());
    auto afterRestart = joined(m_classA.students.at(0), m_project);
    QVERIFY(afterRestart && afterRestart->waitForSet(u"☁ keep"_s, u"8"_s));
    QVERIFY(afterRestart->waitForSet(u"☁ big"_s, QString(256, u'8')));
}

void TestCloudApi::shutdownWritesWhatTheTimerHasNot()
{
    // A flush interval of ten minutes: only the shutdown can write this value.
    QVERIFY(m_server->stop());
    m_server->options().extraEnv.insert(u"BLOCKHAUS_CLOUD_FLUSH_MS"_s, u"600000"_s);
    QVERIFY2(m_server->start(), m_server->output().constData());
    auto anna = joined(m_classA.students.at(0), m_project);
    auto ben = joined(m_classA.students.at(1), m_project);
    QVERIFY(anna && ben);
    anna->set(u"☁ keep"_s, u"9"_s);
    QVERIFY(ben->waitForSet(u"☁ keep"_s, u"9"_s));
    QVERIFY(m_server->stop());
    m_server->options().extraEnv.remove(u"BLOCKHAUS_CLOUD_FLUSH_MS"_s);
    QVERIFY2(m_server->start(), m_server->output().constData());
    auto after = joined(m_classA.students.at(1), m_project);
    QVERIFY(after && after->waitForSet(u"☁ keep"_s, u"9"_s));
}

void TestCloudApi::passwordResetEndsTheConnection()
{
    // Sessions checked every 200 ms instead of 30 s. Last in the suite: Ben's token ends here.
    QVERIFY(m_server->stop());
    m_server->options().extraEnv.insert(u"BLOCKHAUS_CLOUD_SESSION_CHECK_MS"_s, u"200"_s);
    QVERIFY2(m_server->start(), m_server->output().constData());
    auto ben = joined(m_classA.students.at(1), m_project);
    QVERIFY(ben && ben->waitForSet(u"☁ keep"_s, u"9"_s));
    Client admin(m_server->port());
    admin.setBearer(m_classA.adminToken);
    QVERIFY(statusIs(
        admin.post("/api/v1/users/" + QByteArray::number(m_classA.students.at(1).id) + "/password",
                   "{}"),
        200));
    QCOMPARE(ben->waitForClose(), 4001);
}

QTEST_GUILESS_MAIN(TestCloudApi)
#include "tst_cloudapi.moc"
