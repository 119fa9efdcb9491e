// SPDX-License-Identifier: AGPL-3.0-or-later
// Stress tests for the project guarantees G1-G5 of ARCHITECTURE.md under real concurrency: many
// simultaneous requests against one server on 127.0.0.1, checked through the API and then against
// the SQLite file itself.

#include <atomic>
#include <memory>
#include <vector>

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QVariant>

#include <unistd.h>

#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QByteArray projectPath(int id, const QByteArray &suffix = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + suffix;
}

HttpRequest makeRequest(const QByteArray &token, const QByteArray &method, const QByteArray &path,
                        const QByteArray &body = {}, const HeaderList &extra = {})
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.headers = bearerHeader(token) + extra;
    if (!body.isEmpty())
        request.headers.append({"Content-Type"_ba, "application/json"_ba});
    return request;
}

HttpRequest saveRequest(const QByteArray &token, int id, int baseVersion, const QString &marker,
                        const QByteArray &query = {}, int padding = 0)
{
    return makeRequest(token, "PUT"_ba, projectPath(id) + query,
                       scratchProject({}, padding, marker),
                       {{"If-Match"_ba, ifMatch(baseVersion)}});
}

// Runs one query on a private connection to the server's SQLite file and returns the
// first column of the first row (invalid QVariant on any error).
QSet<int> groupIdsOf(const QJsonObject &meta)
{
    QSet<int> ids;
    for (const QJsonValue &g : meta.value("shared_with"_L1).toArray())
        ids.insert(g.toObject().value("id"_L1).toInt());
    return ids;
}

QString marker(const char *prefix, int project, int version)
{
    // Fixed width, so that no marker is a prefix of another.
    return u"%1-p%2-v%3-end"_s.arg(QLatin1StringView(prefix))
        .arg(project, 4, 10, QChar(u'0'))
        .arg(version, 4, 10, QChar(u'0'));
}

} // namespace

class TestGuaranteesProjects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void g1_exactlyOneOfNConcurrentSavesWins();
    void g1_everyAcknowledgedConcurrentSaveIsRetrievable();
    void g1_acknowledgedSaveIsVisibleAtOnceOnAFreshConnection();
    void g2_concurrentShareReplacementsNeverMix();
    void g3_saveRacingDeleteNeverResurrects();
    void g4_copyRacingSavesReadsOneVersion();
    void g5_failedCreateOnFullDiskLeavesNothing();
    void durabilitySettingsAreWalAndFull();

private:
    int createProject(const QByteArray &token, const QString &title, const QString &marker,
                      int padding = 0);
    HttpReply get(const QByteArray &token, const QByteArray &path);

    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
};

void TestGuaranteesProjects::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    QStringList names;
    for (int i = 0; i < 20; ++i)
        names.append(u"Student %1"_s.arg(i));
    m_classroom =
        makeClassroom(m_server->port(), m_server->adminPassword(), u"Stress class"_s, names);
    QCOMPARE(m_classroom.students.size(), 20);
    for (const Classroom::Account &student : std::as_const(m_classroom.students))
        QVERIFY(!student.token.isEmpty());
}

void TestGuaranteesProjects::cleanupTestCase()
{
    if (m_server) {
        QVERIFY(m_server->stop());
        QCOMPARE(sqlValue(m_server->databasePath(), u"PRAGMA integrity_check"_s).toString(),
                 u"ok"_s);
    }
}

int TestGuaranteesProjects::createProject(const QByteArray &token, const QString &title,
                                          const QString &marker, int padding)
{
    Client client(m_server->port());
    client.setBearer(token);
    const HttpReply reply =
        client.post("/api/v1/projects?title="_ba + QUrl::toPercentEncoding(title),
                    scratchProject({}, padding, marker));
    if (reply.status != 201)
        qWarning("create: %s", qPrintable(describe(reply)));
    return reply.status == 201 ? reply.object().value("id"_L1).toInt() : 0;
}

HttpReply TestGuaranteesProjects::get(const QByteArray &token, const QByteArray &path)
{
    Client client(m_server->port());
    client.setBearer(token);
    return client.get(path);
}

// G1. Catches: last-writer-wins (several 200s), a version check done as read-then-write outside
// one statement/transaction (two saves both see version N and both succeed), a stale save that
// overwrites the content, and a 412 body that does not name the winning version and saver.
void TestGuaranteesProjects::g1_exactlyOneOfNConcurrentSavesWins()
{
    const Classroom::Account &owner = m_classroom.students.at(0);
    const int id = createProject(owner.token, u"G1 race"_s, u"g1-base"_s, 20000);
    QVERIFY(id);
    constexpr int clients = 100;
    for (int base = 1; base <= 3; ++base) {
        QList<HttpRequest> requests;
        for (int i = 0; i < clients; ++i)
            requests.append(
                saveRequest(owner.token, id, base, marker("g1race", i, base), {}, 20000));
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        QCOMPARE(replies.size(), clients);
        int winner = -1;
        int conflicts = 0;
        for (int i = 0; i < clients; ++i) {
            const HttpReply &reply = replies.at(i);
            if (reply.status == 200) {
                QVERIFY2(winner < 0, "two concurrent saves from the same base version both won");
                winner = i;
                QCOMPARE(reply.object().value("version"_L1).toInt(), base + 1);
            } else {
                QVERIFY2(reply.status == 412, qPrintable(describe(reply)));
                QCOMPARE(reply.errorCode(), u"conflict"_s);
                QCOMPARE(reply.object().value("current_version"_L1).toInt(), base + 1);
                QCOMPARE(reply.object().value("updated_by"_L1).toObject().value("id"_L1).toInt(),
                         owner.id);
                QVERIFY(!reply.object().value("updated_at"_L1).toString().isEmpty());
                ++conflicts;
            }
        }
        QVERIFY2(winner >= 0, "no save won");
        QCOMPARE(conflicts, clients - 1);

        const HttpReply content = get(owner.token, projectPath(id));
        QCOMPARE(content.header("etag"_ba), ifMatch(base + 1));
        QVERIFY2(content.body.contains(marker("g1race", winner, base).toUtf8()),
                 "the stored content is not the winner's");
        const QJsonArray versions = get(owner.token, projectPath(id, "/versions"_ba))
                                        .object()
                                        .value("versions"_L1)
                                        .toArray();
        QCOMPARE(versions.size(), base + 1);
        QCOMPARE(versions.first().toObject().value("version"_L1).toInt(), base + 1);
    }
}

// G1. Catches: a save acknowledged before its commit (write-behind) or lost under load, a body
// stored under the wrong version, a history that drops or merges versions, 5xx under concurrency.
void TestGuaranteesProjects::g1_everyAcknowledgedConcurrentSaveIsRetrievable()
{
    constexpr int projects = 100;
    constexpr int rounds = 10;
    QList<int> ids;
    QList<QByteArray> tokens;
    QList<int> versions;
    for (int p = 0; p < projects; ++p) {
        const QByteArray token = m_classroom.students.at(p % m_classroom.students.size()).token;
        const int id = createProject(token, u"G1 own %1"_s.arg(p), marker("g1own", p, 1));
        QVERIFY(id);
        ids.append(id);
        tokens.append(token);
        versions.append(1);
    }
    for (int round = 0; round < rounds; ++round) {
        QList<HttpRequest> requests;
        for (int p = 0; p < projects; ++p)
            requests.append(saveRequest(tokens.at(p), ids.at(p), versions.at(p),
                                        marker("g1own", p, versions.at(p) + 1)));
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        for (int p = 0; p < projects; ++p) {
            const HttpReply &reply = replies.at(p);
            QVERIFY2(reply.status == 200, qPrintable(u"project %1: "_s.arg(p) + describe(reply)));
            QCOMPARE(reply.object().value("version"_L1).toInt(), versions.at(p) + 1);
            versions[p] += 1;
        }
    }
    for (int p = 0; p < projects; ++p) {
        Client client(m_server->port());
        client.setBearer(tokens.at(p));
        QCOMPARE(
            client.get(projectPath(ids.at(p), "/meta"_ba)).object().value("version"_L1).toInt(),
            rounds + 1);
        for (int v = 1; v <= rounds + 1; ++v) {
            const HttpReply reply =
                client.get(projectPath(ids.at(p), "/versions/"_ba + QByteArray::number(v)));
            QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
            QVERIFY2(reply.body.contains(marker("g1own", p, v).toUtf8()),
                     qPrintable(u"project %1 version %2 has the wrong content"_s.arg(p).arg(v)));
        }
    }
}

// G1. Every 200 of a save is followed at once by a read of the project's metadata on a new
// connection, which must show the acknowledged version (each project has one writer, so exactly
// that version). Sixteen writers keep the write lock busy, so a save that is still queued or
// waiting for the lock is visible as an older version. Catches: a save answered before it is
// committed (write-behind), a commit that new connections do not see yet, and an acknowledged
// version number that is not the one stored.
void TestGuaranteesProjects::g1_acknowledgedSaveIsVisibleAtOnceOnAFreshConnection()
{
    constexpr int writers = 16;
    constexpr int projectsPerWriter = 3;
    constexpr int rounds = 6;
    constexpr int padding = 60000;
    constexpr int requestTimeoutMs = 20000;
    struct Writer
    {
        QByteArray token;
        QList<int> ids;
        QList<int> versions;
        QStringList failures;
        int checked = 0;
    };
    std::vector<Writer> state(writers);
    for (int w = 0; w < writers; ++w) {
        state[w].token = m_classroom.students.at(w % m_classroom.students.size()).token;
        for (int k = 0; k < projectsPerWriter; ++k) {
            const int id = createProject(state[w].token, u"G1 seen %1-%2"_s.arg(w).arg(k),
                                         marker("g1seen", w * projectsPerWriter + k, 1), padding);
            QVERIFY(id);
            state[w].ids.append(id);
            state[w].versions.append(1);
        }
    }

    const quint16 port = m_server->port();
    std::atomic<bool> stop = false;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int w = 0; w < writers; ++w) {
        Writer &writer = state[w];
        threads.emplace_back(QThread::create([&writer, &stop, port, w] {
            Client client(port); // keep-alive connection for this writer's saves
            client.setBearer(writer.token);
            for (int round = 0; round < rounds && writer.failures.isEmpty() && !stop; ++round) {
                for (int k = 0; k < writer.ids.size() && !stop; ++k) {
                    const int id = writer.ids.at(k);
                    const int base = writer.versions.at(k);
                    HttpRequest save;
                    save.method = "PUT"_ba;
                    save.path = projectPath(id);
                    save.body = scratchProject(
                        {}, padding, marker("g1seen", w * projectsPerWriter + k, base + 1));
                    save.headers = {{"Content-Type"_ba, "application/json"_ba},
                                    {"If-Match"_ba, ifMatch(base)}};
                    const HttpReply saved = client.request(save, requestTimeoutMs);
                    const int acknowledged = saved.object().value("version"_L1).toInt();
                    if (saved.status != 200 || acknowledged != base + 1) {
                        writer.failures.append(
                            u"project %1 save on version %2: %3"_s.arg(id).arg(base).arg(
                                describe(saved)));
                        return;
                    }
                    writer.versions[k] = acknowledged;

                    Client fresh(port); // a new connection, opened only after the 200 arrived
                    fresh.setBearer(writer.token);
                    const HttpReply meta = fresh.request(
                        {"GET"_ba, projectPath(id, "/meta"_ba), {}, {}, true}, requestTimeoutMs);
                    if (meta.status != 200 || meta.header("etag"_ba) != ifMatch(acknowledged)
                        || meta.object().value("version"_L1).toInt() != acknowledged) {
                        writer.failures.append(
                            u"project %1: save acknowledged version %2, a new connection then "
                            "read ETag %3: %4"_s.arg(id)
                                .arg(acknowledged)
                                .arg(QString::fromLatin1(meta.header("etag"_ba)))
                                .arg(describe(meta)));
                    }
                    ++writer.checked;
                }
            }
        }));
    }
    for (const std::unique_ptr<QThread> &thread : threads)
        thread->start();
    bool finished = true;
    const QDeadlineTimer deadline(240000);
    for (const std::unique_ptr<QThread> &thread : threads)
        finished = thread->wait(deadline) && finished;
    if (!finished) {
        // Every request has its own timeout, so the writers end soon after being told to stop.
        stop = true;
        const QDeadlineTimer grace(3 * requestTimeoutMs);
        for (std::unique_ptr<QThread> &thread : threads) {
            if (!thread->wait(grace))
                thread.release(); // never destroy a running QThread; the test fails below
        }
    }
    QVERIFY2(finished, "the writers did not finish within four minutes");

    int checked = 0;
    for (const Writer &writer : state) {
        QVERIFY2(writer.failures.isEmpty(), qPrintable(writer.failures.join(u'\n')));
        checked += writer.checked;
    }
    QCOMPARE(checked, writers * projectsPerWriter * rounds);
    for (int w = 0; w < writers; ++w) {
        for (int k = 0; k < projectsPerWriter; ++k) {
            const HttpReply content = get(state[w].token, projectPath(state[w].ids.at(k)));
            QCOMPARE(content.status, 200);
            QCOMPARE(content.header("etag"_ba), ifMatch(rounds + 1));
            QVERIFY(content.body.contains(
                marker("g1seen", w * projectsPerWriter + k, rounds + 1).toUtf8()));
        }
    }
}

// G2. Every request asks for a different 3-element subset of six groups. A union of two distinct
// 3-subsets has at least four elements and a partial write has fewer than three, so catches: a
// replacement done as delete-then-insert outside one transaction (sets merge), per-row commits
// (partial sets), duplicate share rows, and a failure that leaves the set half replaced.
void TestGuaranteesProjects::g2_concurrentShareReplacementsNeverMix()
{
    const Classroom::Account &owner = m_classroom.students.at(1);
    Client admin(m_server->port());
    admin.setBearer(m_classroom.adminToken);
    QList<int> groups;
    for (int g = 0; g < 6; ++g) {
        const HttpReply created =
            admin.postJson("/api/v1/classes"_ba, QJsonObject{{u"name"_s, u"G2 group %1"_s.arg(g)}});
        QVERIFY2(created.status == 201, qPrintable(describe(created)));
        const int groupId = created.object().value("id"_L1).toInt();
        const HttpReply added =
            admin.postJson("/api/v1/classes/"_ba + QByteArray::number(groupId) + "/members"_ba,
                           QJsonObject{{u"user_ids"_s, QJsonArray{owner.id}}});
        QVERIFY2(added.status == 200, qPrintable(describe(added)));
        groups.append(groupId);
    }
    QList<QSet<int>> subsets;
    for (int a = 0; a < 6; ++a)
        for (int b = a + 1; b < 6; ++b)
            for (int c = b + 1; c < 6; ++c)
                subsets.append({groups.at(a), groups.at(b), groups.at(c)});
    QCOMPARE(subsets.size(), 20);

    const int id = createProject(owner.token, u"G2 share"_s, u"g2"_s);
    QVERIFY(id);
    for (int round = 0; round < 5; ++round) {
        QList<HttpRequest> requests;
        for (int i = 0; i < subsets.size(); ++i) {
            const QSet<int> &subset = subsets.at((i + round * 7) % subsets.size());
            QJsonArray ids;
            for (int g : subset)
                ids.append(g);
            requests.append(makeRequest(
                owner.token, "PUT"_ba, projectPath(id, "/share"_ba),
                QJsonDocument(QJsonObject{{u"group_ids"_s, ids}}).toJson(QJsonDocument::Compact)));
        }
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 200, qPrintable(describe(reply)));
            const QJsonArray shared = reply.object().value("shared_with"_L1).toArray();
            QVERIFY2(subsets.contains(groupIdsOf(reply.object())) && shared.size() == 3,
                     "a share response shows a set nobody asked for");
        }
        const QJsonObject meta = get(owner.token, projectPath(id, "/meta"_ba)).object();
        QCOMPARE(meta.value("shared_with"_L1).toArray().size(), 3);
        QVERIFY2(subsets.contains(groupIdsOf(meta)), "the final share set is a mix of requests");
        QCOMPARE(meta.value("version"_L1).toInt(), 1);
    }
    QCOMPARE(sqlValue(m_server->databasePath(),
                      u"SELECT count(*) FROM project_shares WHERE project_id = %1"_s.arg(id))
                 .toInt(),
             3);
}

// G3. Catches: a save that clears deleted_at or otherwise resurrects a trashed project, a save
// acknowledged (200) but lost by a concurrent delete, a delete that is not one transaction, and a
// save accepted after the delete committed (the sequential late save must get 404).
void TestGuaranteesProjects::g3_saveRacingDeleteNeverResurrects()
{
    constexpr int projects = 30;
    for (int round = 0; round < 3; ++round) {
        QList<int> ids;
        QList<QByteArray> tokens;
        QList<HttpRequest> requests;
        for (int p = 0; p < projects; ++p) {
            const QByteArray token = m_classroom.students.at(2 + p % 10).token;
            const int id =
                createProject(token, u"G3 %1 %2"_s.arg(round).arg(p), marker("g3", p, 1), 30000);
            QVERIFY(id);
            ids.append(id);
            tokens.append(token);
            const HttpRequest save = saveRequest(token, id, 1, marker("g3", p, 2), {}, 30000);
            const HttpRequest del = makeRequest(token, "DELETE"_ba, projectPath(id));
            if (p % 2)
                requests << save << del;
            else
                requests << del << save;
        }
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        for (int p = 0; p < projects; ++p) {
            const HttpReply &first = replies.at(2 * p);
            const HttpReply &second = replies.at(2 * p + 1);
            const HttpReply &save = p % 2 ? first : second;
            const HttpReply &del = p % 2 ? second : first;
            QVERIFY2(del.status == 204, qPrintable(describe(del)));
            QVERIFY2(save.status == 200 || save.status == 404, qPrintable(describe(save)));
            const int expectedVersion = save.status == 200 ? 2 : 1;

            Client client(m_server->port());
            client.setBearer(tokens.at(p));
            const QJsonArray live =
                client.get("/api/v1/projects"_ba).object().value("projects"_L1).toArray();
            for (const QJsonValue &m : live)
                QVERIFY2(m.toObject().value("id"_L1).toInt() != ids.at(p),
                         "a deleted project came back");
            int inTrash = 0;
            for (const QJsonValue &m : client.get("/api/v1/projects?trash=1"_ba)
                                           .object()
                                           .value("projects"_L1)
                                           .toArray()) {
                if (m.toObject().value("id"_L1).toInt() == ids.at(p)) {
                    ++inTrash;
                    QCOMPARE(m.toObject().value("version"_L1).toInt(), expectedVersion);
                }
            }
            QCOMPARE(inTrash, 1);
            // After the delete committed, no save gets through.
            const HttpReply late =
                client.put(projectPath(ids.at(p)), scratchProject({}, 0, u"late"_s),
                           "application/json"_ba, {{"If-Match"_ba, ifMatch(expectedVersion)}});
            QVERIFY2(late.status == 404, qPrintable(describe(late)));

            const HttpReply restored = client.post(projectPath(ids.at(p), "/restore"_ba), {});
            QVERIFY2(restored.status == 200, qPrintable(describe(restored)));
            QCOMPARE(restored.object().value("version"_L1).toInt(), expectedVersion);
            const QByteArray content = client.get(projectPath(ids.at(p))).body;
            QVERIFY2(content.contains(marker("g3", p, expectedVersion).toUtf8()),
                     "after restore the content is not that of the last acknowledged save");
            QVERIFY(!content.contains("\"late\""));
        }
    }
}

// G4. Each save also changes the title, so a consistent copy has title "Copy of G4 vK" and exactly
// the content of version K. Catches: a copy that reads title/metadata and body in separate
// snapshots, reads a half-written version, or mixes two versions.
void TestGuaranteesProjects::g4_copyRacingSavesReadsOneVersion()
{
    const Classroom::Account &owner = m_classroom.students.at(12);
    constexpr int padding = 150000;
    const int id = createProject(owner.token, u"G4 v1"_s, marker("g4", 0, 1), padding);
    QVERIFY(id);
    QList<HttpReply> copies;
    for (int v = 1; v <= 10; ++v) {
        QList<HttpRequest> requests;
        for (int i = 0; i < 15; ++i) {
            if (i == 7) {
                requests.append(saveRequest(owner.token, id, v, marker("g4", 0, v + 1),
                                            "?title=G4%20v"_ba + QByteArray::number(v + 1),
                                            padding));
            }
            requests.append(makeRequest(owner.token, "POST"_ba, projectPath(id, "/copy"_ba)));
        }
        const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
        for (int i = 0; i < replies.size(); ++i) {
            if (i == 7) {
                QVERIFY2(replies.at(i).status == 200, qPrintable(describe(replies.at(i))));
                QCOMPARE(replies.at(i).object().value("version"_L1).toInt(), v + 1);
            } else {
                QVERIFY2(replies.at(i).status == 201, qPrintable(describe(replies.at(i))));
                copies.append(replies.at(i));
            }
        }
    }
    QMap<int, QJsonObject> versionContent;
    for (int v = 1; v <= 11; ++v) {
        const HttpReply reply =
            get(owner.token, projectPath(id, "/versions/"_ba + QByteArray::number(v)));
        QCOMPARE(reply.status, 200);
        versionContent.insert(v, QJsonDocument::fromJson(reply.body).object());
    }
    for (const HttpReply &copy : std::as_const(copies)) {
        const QString title = copy.object().value("title"_L1).toString();
        QVERIFY2(title.startsWith(u"Copy of G4 v"_s), qPrintable(title));
        const int v = title.mid(QStringLiteral("Copy of G4 v").size()).toInt();
        QVERIFY2(versionContent.contains(v), qPrintable(title));
        const HttpReply content =
            get(owner.token, projectPath(copy.object().value("id"_L1).toInt()));
        QCOMPARE(content.status, 200);
        QVERIFY2(content.body.contains(marker("g4", 0, v).toUtf8()),
                 qPrintable(u"copy titled '%1' holds another version's content"_s.arg(title)));
        QVERIFY2(QJsonDocument::fromJson(content.body).object() == versionContent.value(v),
                 "a copy is not exactly one committed version");
    }
}

// G5. Catches: metadata committed before (or without) its content, a version row left without a
// project, a crash or 500 instead of 507, and a failed save that changes the current version.
void TestGuaranteesProjects::g5_failedCreateOnFullDiskLeavesNothing()
{
    // SQLite: a page ceiling a little above what the file uses (max_page_count). PostgreSQL: the
    // database on a small filesystem of its own, filled until a little room is left (#15).
    std::unique_ptr<PgSmallDisk> smallDisk;
    if (TestServer::postgresRequested()) {
        if (::geteuid() != 0)
            QSKIP("A full disk on PostgreSQL needs root to mount a small filesystem; "
                  "tools/test.sh and CI run as root.");
        smallDisk = std::make_unique<PgSmallDisk>();
        QVERIFY2(smallDisk->isValid(), qPrintable(smallDisk->errorText()));
    }
    TestServer server; // after the small disk: its database is dropped before the disk goes
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"G5 class"_s, {u"Gina G."_s});
    QCOMPARE(classroom.students.size(), 1);
    const Classroom::Account student = classroom.students.first();
    int existing = 0;
    {
        Client client(server.port());
        client.setBearer(student.token);
        const HttpReply created =
            client.post("/api/v1/projects?title=Before"_ba, scratchProject({}, 0, u"g5-before"_s));
        QCOMPARE(created.status, 201);
        existing = created.object().value("id"_L1).toInt();
    }
    QVERIFY(server.stop());

    const QString path = server.databasePath();
    const int projectRows = sqlValue(path, u"SELECT count(*) FROM projects"_s).toInt();
    const int versionRows = sqlValue(path, u"SELECT count(*) FROM project_versions"_s).toInt();
    int bigPadding = 0;
    if (smallDisk) {
        // Room for a login and small writes (a few 8 KiB pages), not for a 4 MB body.
        constexpr qint64 leaveFree = 512 * 1024;
        bigPadding = 4 * 1024 * 1024;
        QVERIFY2(smallDisk->moveDatabase(path), qPrintable(smallDisk->errorText()));
        QVERIFY2(smallDisk->fill(leaveFree), qPrintable(smallDisk->errorText()));
        QVERIFY(smallDisk->freeBytes() <= leaveFree);
    } else {
        const qint64 pageCount = sqlValue(path, u"PRAGMA page_count"_s).toLongLong();
        const qint64 freePages = sqlValue(path, u"PRAGMA freelist_count"_s).toLongLong();
        const qint64 pageSize = sqlValue(path, u"PRAGMA page_size"_s).toLongLong();
        QVERIFY(pageCount > 0);
        QVERIFY(pageSize >= 512);
        constexpr qint64 headroomPages = 24; // room for a login and small writes, not a big body
        bigPadding = int((freePages + headroomPages) * pageSize + 1024 * 1024);
        server.options().sqliteMaxPageCount = pageCount + headroomPages;
    }
    QVERIFY(bigPadding < 9 * 1024 * 1024);
    // Incompressible, so that it takes its size on PostgreSQL's disk too (TOAST compresses).
    const QByteArray bigCreate = incompressibleScratchProject(bigPadding, u"g5-big"_s);
    const QByteArray bigSave = incompressibleScratchProject(bigPadding, u"g5-big-save"_s);

    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(student.username, student.password).status, 201);

    const HttpReply full = client.post("/api/v1/projects?title=Too%20big"_ba, bigCreate);
    QVERIFY2(full.status == 507, qPrintable(describe(full)));
    QCOMPARE(full.errorCode(), u"insufficient_storage"_s);
    const HttpReply fullSave = client.put(projectPath(existing), bigSave, "application/json"_ba,
                                          {{"If-Match"_ba, ifMatch(1)}});
    QVERIFY2(fullSave.status == 507, qPrintable(describe(fullSave)));

    // Reads keep working and show nothing of the failed writes.
    const HttpReply list = client.get("/api/v1/projects"_ba);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.object().value("projects"_L1).toArray().size(), 1);
    const HttpReply content = client.get(projectPath(existing));
    QCOMPARE(content.status, 200);
    QCOMPARE(content.header("etag"_ba), ifMatch(1));
    QVERIFY(content.body.contains("g5-before"));
    QCOMPARE(client.get("/api/v1/status"_ba).status, 200);
    QVERIFY(server.stop());

    QCOMPARE(sqlValue(path, u"SELECT count(*) FROM projects"_s).toInt(), projectRows);
    QCOMPARE(sqlValue(path, u"SELECT count(*) FROM project_versions"_s).toInt(), versionRows);
    QCOMPARE(sqlValue(path,
                      u"SELECT count(*) FROM project_versions WHERE project_id NOT IN "
                      "(SELECT id FROM projects)"_s)
                 .toInt(),
             0);
    QCOMPARE(sqlValue(path,
                      u"SELECT count(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM "
                      "project_versions v WHERE v.project_id = p.id AND v.version = p.version)"_s)
                 .toInt(),
             0);
    QCOMPARE(smallDisk ? postgresIntegrityCheck(path)
                       : sqlValue(path, u"PRAGMA integrity_check"_s).toString(),
             u"ok"_s);

    // With room again the same create succeeds: the 507 came from the full disk.
    if (smallDisk)
        QVERIFY(smallDisk->unfill());
    server.options().sqliteMaxPageCount = 0;
    QVERIFY2(server.start(), server.output().constData());
    Client after(server.port());
    QCOMPARE(after.login(student.username, student.password).status, 201);
    const HttpReply fits = after.post("/api/v1/projects?title=Fits"_ba, bigCreate);
    QVERIFY2(fits.status == 201, qPrintable(describe(fits)));
    QVERIFY(server.stop());
}

// Durability: every pool connection runs in WAL mode with synchronous=FULL, so that an
// acknowledged save survives a power cut. Sixteen health requests at once reach several pool
// connections. Catches: synchronous=OFF or NORMAL, a rollback journal, and a setting applied to
// only some connections.
void TestGuaranteesProjects::durabilitySettingsAreWalAndFull()
{
    QList<HttpRequest> requests;
    for (int i = 0; i < 16; ++i)
        requests.append(HttpRequest{"GET"_ba, "/api/v1/health"_ba, {}, {}, true});
    const QList<HttpReply> replies = runConcurrently(m_server->port(), requests);
    if (m_server->usesPostgres()) {
        // PostgreSQL's durability is the server's (fsync, synchronous_commit), not a setting
        // per connection; every connection answers and says which database it is (#15).
        for (const HttpReply &health : replies) {
            QVERIFY2(health.status == 200, qPrintable(describe(health)));
            const QJsonObject db = health.object().value("db"_L1).toObject();
            QCOMPARE(db.value("driver"_L1).toString(), u"postgresql"_s);
            QVERIFY(db.value("ok"_L1).toBool());
        }
        return;
    }
    for (const HttpReply &health : replies) {
        QVERIFY2(health.status == 200, qPrintable(describe(health)));
        const QJsonObject db = health.object().value("db"_L1).toObject();
        QCOMPARE(db.value("driver"_L1).toString(), u"sqlite"_s);
        QCOMPARE(db.value("journal_mode"_L1).toString(), u"wal"_s);
        QCOMPARE(db.value("synchronous"_L1).toString(), u"full"_s);
    }
    // WAL is a property of the file: a new connection sees it too.
    QCOMPARE(sqlValue(m_server->databasePath(), u"PRAGMA journal_mode"_s).toString().toLower(),
             u"wal"_s);
}

QTEST_GUILESS_MAIN(TestGuaranteesProjects)
#include "tst_guarantees_projects.moc"
