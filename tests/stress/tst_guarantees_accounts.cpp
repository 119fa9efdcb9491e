// SPDX-License-Identifier: AGPL-3.0-or-later
// G8 (accounts are never duplicated under concurrent bulk adds and logins) and G9 (session
// tokens: one row per session under concurrent use, random 256-bit, stored only as hashes),
// under real concurrency against a real server. The database file is read read-only.
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// A single-number query; -1 when it fails.
qint64 count(const QString &databasePath, const QString &sql)
{
    const auto rows = queryDatabase(databasePath, sql);
    if (!rows || rows->size() != 1 || rows->first().size() != 1)
        return -1;
    return rows->first().first().toLongLong();
}

HttpRequest loginRequest(const QString &username, const QString &password)
{
    return {"POST"_ba,
            "/api/v1/session"_ba,
            {{"Content-Type"_ba, "application/json"_ba}},
            json({{u"username"_s, username}, {u"password"_s, password}}),
            true};
}

} // namespace

class TestGuaranteesAccounts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void g8_concurrentBulkAddsNeverDuplicateUsernames();
    void g8_concurrentLoginsOfOneUserCreateSessionsNotUsers();
    void g9_concurrentRequestsWithOneTokenKeepOneSession();
    void g9_concurrentRefreshesKeepOneSessionAndExtendIt();
    void g9_tokensAreRandom256BitAndStoredOnlyAsHashes();
};

void TestGuaranteesAccounts::initTestCase()
{
    // Capacity is G10's subject, not this suite's: a generous acquire timeout keeps an
    // overloaded machine from turning requests away with 503 while duplicates are counted.
    TestServer::Options options;
    options.acquireTimeoutMs = 120000;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 8e"_s,
                                {u"Anna M."_s, u"Ben K."_s});
    QCOMPARE(m_classroom.students.size(), 2);
    QVERIFY(m_server->usesPostgres() || QFile::exists(m_server->databasePath()));
}

void TestGuaranteesAccounts::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

void TestGuaranteesAccounts::g8_concurrentBulkAddsNeverDuplicateUsernames()
{
    const QString database = m_server->databasePath();
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    const HttpReply created = admin.postJson("/api/v1/classes"_ba, {{u"name"_s, u"Class 8f"_s}});
    QVERIFY(statusIs(created, 201));
    const int classId = created.object().value(u"id"_s).toInt();
    const qint64 usersBefore = count(database, u"SELECT COUNT(*) FROM users"_s);
    QVERIFY(usersBefore > 0);

    // Ten teachers' browsers paste the same ten names into one class at the same moment.
    QStringList names;
    for (const QString &name :
         {u"Anna M."_s, u"Ben K."_s, u"Cem O."_s, u"Dana L."_s, u"Emil R."_s, u"Fatma S."_s,
          u"Gustav T."_s, u"Hana U."_s, u"Ida V."_s, u"Jonas W."_s})
        names.append(name);
    QList<HttpRequest> requests;
    for (int i = 0; i < 10; ++i) {
        requests.append({"POST"_ba, "/api/v1/classes/" + QByteArray::number(classId) + "/students",
                         HeaderList{{"Content-Type"_ba, "application/json"_ba}}
                             + bearerHeader(m_classroom.adminToken),
                         json({{u"names"_s, QJsonArray::fromStringList(names)}}), true});
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests, 120000);

    QList<QPair<QString, QString>> accounts; // username, password
    QSet<QString> usernames;
    QSet<int> ids;
    for (const HttpReply &reply : replies) {
        QVERIFY(statusIs(reply, 201));
        const QJsonArray students = reply.object().value(u"students"_s).toArray();
        QCOMPARE(students.size(), names.size());
        for (const QJsonValue &value : students) {
            const QJsonObject student = value.toObject();
            const QString username = student.value(u"username"_s).toString();
            QVERIFY2(!usernames.contains(username.toLower()), qPrintable(username));
            usernames.insert(username.toLower());
            ids.insert(student.value(u"id"_s).toInt());
            accounts.append({username, student.value(u"password"_s).toString()});
        }
    }
    QCOMPARE(usernames.size(), 100);
    QCOMPARE(ids.size(), 100);

    // The API agrees: exactly these 100 students in the class, all usernames distinct.
    const HttpReply listed = admin.get("/api/v1/teacher/students"_ba);
    QVERIFY(statusIs(listed, 200));
    QSet<QString> inClass;
    const QJsonArray students = listed.object().value(u"students"_s).toArray();
    for (const QJsonValue &value : students) {
        const QJsonObject student = value.toObject();
        bool member = false;
        const QJsonArray groups = student.value(u"groups"_s).toArray();
        for (const QJsonValue &group : groups)
            member = member || group.toObject().value(u"id"_s).toInt() == classId;
        if (!member)
            continue;
        const QString username = student.value(u"username"_s).toString().toLower();
        QVERIFY2(!inClass.contains(username), qPrintable(username));
        inClass.insert(username);
    }
    QCOMPARE(inClass, usernames);

    // And so does the database.
    const auto duplicates = queryDatabase(
        database,
        u"SELECT lower(username), COUNT(*) FROM users GROUP BY lower(username) HAVING COUNT(*) > 1"_s);
    QVERIFY(duplicates.has_value());
    QVERIFY2(duplicates->isEmpty(), qPrintable(duplicates->value(0).join(u' ')));
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM users"_s), usersBefore + 100);
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                   "WHERE m.group_id = %1 AND u.role = 'student'"_s.arg(classId)),
             qint64(100));

    // Every shown password works for its account, all at once.
    QList<HttpRequest> logins;
    for (const auto &[username, password] : std::as_const(accounts))
        logins.append(loginRequest(username, password));
    const QList<HttpReply> loginReplies = runConcurrently(m_server->port(), logins, 180000);
    for (qsizetype i = 0; i < loginReplies.size(); ++i) {
        QVERIFY(statusIs(loginReplies.at(i), 201));
        QCOMPARE(
            loginReplies.at(i).object().value(u"user"_s).toObject().value(u"username"_s).toString(),
            accounts.at(i).first);
    }
}

void TestGuaranteesAccounts::g8_concurrentLoginsOfOneUserCreateSessionsNotUsers()
{
    const QString database = m_server->databasePath();
    const auto &anna = m_classroom.students.at(0);
    const qint64 usersBefore = count(database, u"SELECT COUNT(*) FROM users"_s);
    const qint64 groupsBefore = count(database, u"SELECT COUNT(*) FROM groups"_s);
    const qint64 membershipsBefore = count(database, u"SELECT COUNT(*) FROM memberships"_s);
    const qint64 sessionsBefore =
        count(database, u"SELECT COUNT(*) FROM sessions WHERE user_id = %1"_s.arg(anna.id));
    QVERIFY(usersBefore > 0 && groupsBefore > 0 && membershipsBefore > 0 && sessionsBefore > 0);

    // The same child double-clicks "log in" on thirty tabs.
    const QList<HttpRequest> logins(30, loginRequest(anna.username, anna.password));
    const QList<HttpReply> replies = runConcurrently(m_server->port(), logins, 120000);
    QSet<QByteArray> tokens;
    for (const HttpReply &reply : replies) {
        QVERIFY(statusIs(reply, 201));
        const QJsonObject user = reply.object().value(u"user"_s).toObject();
        QCOMPARE(user.value(u"id"_s).toInt(), anna.id);
        tokens.insert(reply.object().value(u"token"_s).toString().toUtf8());
    }
    QCOMPARE(tokens.size(), 30);

    // Every token works, all at once.
    QList<HttpRequest> checks;
    for (const QByteArray &token : std::as_const(tokens))
        checks.append({"GET"_ba, "/api/v1/me"_ba, bearerHeader(token), {}, true});
    const QList<HttpReply> checked = runConcurrently(m_server->port(), checks);
    for (const HttpReply &reply : checked) {
        QVERIFY(statusIs(reply, 200));
        QCOMPARE(reply.object().value(u"id"_s).toInt(), anna.id);
    }

    // No new user, group or membership: thirty new sessions, nothing else.
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM users"_s), usersBefore);
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM groups"_s), groupsBefore);
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM memberships"_s), membershipsBefore);
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM sessions WHERE user_id = %1"_s.arg(anna.id)),
             sessionsBefore + 30);
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM users WHERE lower(username) = lower('%1')"_s.arg(
                       anna.username)),
             qint64(1));
}

void TestGuaranteesAccounts::g9_concurrentRequestsWithOneTokenKeepOneSession()
{
    const QString database = m_server->databasePath();
    const auto &ben = m_classroom.students.at(1);
    Client client(m_server->port());
    const HttpReply login = client.login(ben.username, ben.password);
    QVERIFY(statusIs(login, 201));
    const QByteArray token = client.bearer();
    const QByteArray hash = sha256Hex(token);
    const qint64 sessionsBefore =
        count(database, u"SELECT COUNT(*) FROM sessions WHERE user_id = %1"_s.arg(ben.id));
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM sessions WHERE token_hash = '%1'"_s.arg(
                       QString::fromLatin1(hash))),
             qint64(1));

    // Fifty tabs of one browser refresh at once.
    QList<HttpRequest> requests;
    for (int i = 0; i < 50; ++i) {
        requests.append({"GET"_ba,
                         i % 2 == 0 ? "/api/v1/session"_ba : "/api/v1/me"_ba,
                         bearerHeader(token),
                         {},
                         true});
    }
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QVERIFY(statusIs(replies.at(i), 200));
        const QJsonObject user = i % 2 == 0 ? replies.at(i).object().value(u"user"_s).toObject()
                                            : replies.at(i).object();
        QCOMPARE(user.value(u"id"_s).toInt(), ben.id);
    }

    // Still exactly one row for this token and no new session for the user.
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM sessions WHERE token_hash = '%1'"_s.arg(
                       QString::fromLatin1(hash))),
             qint64(1));
    QCOMPARE(count(database, u"SELECT COUNT(*) FROM sessions WHERE user_id = %1"_s.arg(ben.id)),
             sessionsBefore);
    QVERIFY(statusIs(client.get("/api/v1/session"_ba), 200));
}

// G9, the refresh path itself: a session close to its end is extended by the next request, in one
// write. Fifty requests racing to refresh it must all succeed and leave one, extended row; a
// refresh written as "delete, then insert" in two transactions lets some of them see no session.
void TestGuaranteesAccounts::g9_concurrentRefreshesKeepOneSessionAndExtendIt()
{
    const QString database = m_server->databasePath();
    const auto &student = m_classroom.students.at(0);
    Client client(m_server->port());
    QVERIFY(statusIs(client.login(student.username, student.password), 201));
    const QByteArray token = client.bearer();
    const QString hash = QString::fromLatin1(sha256Hex(token));
    // Age the session (as if the school day were nearly over) before the token is used, so that
    // the server has not cached it yet and the next requests take the refresh path.
    const QString nearEnd =
        QDateTime::currentDateTimeUtc().addSecs(3600).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
    QCOMPARE(execDatabase(database, u"UPDATE sessions SET expires_at = ? WHERE token_hash = ?"_s,
                          {nearEnd, hash}),
             1);

    QList<HttpRequest> requests;
    for (int i = 0; i < 50; ++i)
        requests.append({"GET"_ba, "/api/v1/session"_ba, bearerHeader(token), {}, true});
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    for (const HttpReply &reply : replies)
        QVERIFY(statusIs(reply, 200));

    QCOMPARE(count(database, u"SELECT COUNT(*) FROM sessions WHERE token_hash = '%1'"_s.arg(hash)),
             qint64(1));
    // Extended to a full school day again (12 h), not left at one hour.
    const QString elevenHours =
        QDateTime::currentDateTimeUtc().addSecs(11 * 3600).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM sessions WHERE token_hash = '%1' "
                   "AND expires_at > '%2'"_s.arg(hash, elevenHours)),
             qint64(1));
    QVERIFY(statusIs(client.get("/api/v1/session"_ba), 200));
}

void TestGuaranteesAccounts::g9_tokensAreRandom256BitAndStoredOnlyAsHashes()
{
    const QString database = m_server->databasePath();
    const auto &anna = m_classroom.students.at(0);
    QList<QByteArray> tokens;
    for (int i = 0; i < 5; ++i) {
        Client client(m_server->port());
        QVERIFY(statusIs(client.login(anna.username, anna.password), 201));
        tokens.append(client.bearer());
    }
    tokens.append(m_classroom.adminToken);

    // The bytes SQLite has on disk: the main file and the write-ahead log.
    QByteArray stored;
    for (const QString &path : QStringList{database, database + u"-wal"_s}) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            stored += file.readAll();
    }
    if (m_server->usesPostgres()) {
        // PostgreSQL (#15): every row of every table, as text.
        const auto tables =
            queryDatabase(database,
                          u"SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"_s);
        QVERIFY(tables && !tables->isEmpty());
        for (const QStringList &table : *tables) {
            const auto rows =
                queryDatabase(database, u"SELECT t::text FROM %1 t"_s.arg(table.value(0)));
            QVERIFY(rows);
            for (const QStringList &row : *rows)
                stored += row.value(0).toUtf8() + '\n';
        }
    }
    QVERIFY(!stored.isEmpty());

    static const QRegularExpression base64url(u"^[A-Za-z0-9_-]+=*$"_s);
    QSet<QByteArray> distinct;
    for (const QByteArray &token : std::as_const(tokens)) {
        // Random 256 bits, base64url: at least 43 characters that decode to 32 bytes.
        QVERIFY2(token.size() >= 43, token.constData());
        QVERIFY2(base64url.match(QString::fromLatin1(token)).hasMatch(), token.constData());
        const auto decoded = QByteArray::fromBase64Encoding(
            token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), 32);
        distinct.insert(token);

        // Neither the token nor its raw bytes are stored; its SHA-256 hex is.
        QVERIFY2(!stored.contains(token), "a session token is stored in plain text");
        QVERIFY2(!stored.contains(decoded.decoded), "a session token's bytes are stored");
        const QString hash = QString::fromLatin1(sha256Hex(token));
        QCOMPARE(
            count(database, u"SELECT COUNT(*) FROM sessions WHERE token_hash = '%1'"_s.arg(hash)),
            qint64(1));
        QVERIFY(!m_server->output().contains(token)); // nor logged
    }
    QCOMPARE(distinct.size(), tokens.size());
    // Every stored token_hash looks like a SHA-256 hex digest.
    const QString notHex = m_server->usesPostgres() ? u"token_hash ~ '[^0-9a-f]'"_s
                                                    : u"token_hash GLOB '*[^0-9a-f]*'"_s;
    QCOMPARE(count(database,
                   u"SELECT COUNT(*) FROM sessions WHERE length(token_hash) != 64 OR "_s + notHex),
             qint64(0));
}

QTEST_GUILESS_MAIN(TestGuaranteesAccounts)
#include "tst_guarantees_accounts.moc"
