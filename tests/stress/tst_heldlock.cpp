// SPDX-License-Identifier: AGPL-3.0-or-later
// Another process holds the SQLite write lock (a sqlite3 shell left in a transaction, a backup
// tool): saves answer 503 "unavailable" with Retry-After once the busy timeout has passed, never
// hang and never 500; reads go on; after the lock is released saves work again and nothing was
// lost (#12).

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr int studentCount = 8; // as many saves at once as the server has database workers
constexpr int padding = 20000;
// Bounded: the server's busy timeout is 5 s; a save that has no answer after this long hangs.
constexpr int replyTimeoutMs = 60'000;

QByteArray projectPath(int id, const QByteArray &suffix = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + suffix;
}

QString marker(int project, const QString &what)
{
    return u"heldlock-p%1-%2-end"_s.arg(project).arg(what);
}

// The other process's writer: its own SQLite connection on the server's database file.
class LockHolder
{
public:
    explicit LockHolder(const QString &databasePath)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName());
        db.setDatabaseName(databasePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        m_open = db.open();
    }
    ~LockHolder()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
            if (db.isOpen()) {
                QSqlQuery(db).exec(u"ROLLBACK"_s);
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(connectionName());
    }
    LockHolder(const LockHolder &) = delete;
    LockHolder &operator=(const LockHolder &) = delete;

    // BEGIN IMMEDIATE takes the write lock and keeps it until release().
    bool hold(QString *error) { return exec(u"BEGIN IMMEDIATE"_s, error); }
    bool release(QString *error) { return exec(u"ROLLBACK"_s, error); }

private:
    bool exec(const QString &sql, QString *error)
    {
        if (!m_open) {
            *error = u"cannot open the database"_s;
            return false;
        }
        QSqlQuery query(QSqlDatabase::database(connectionName(), false));
        if (query.exec(sql))
            return true;
        *error = query.lastError().text();
        return false;
    }

    static QString connectionName() { return u"tst_heldlock-holder"_s; }
    bool m_open = false;
};

} // namespace

class TestHeldLock : public QObject
{
    Q_OBJECT

private slots:
    void savesAnswerUnavailableWhileAnotherProcessHoldsTheWriteLock();
};

void TestHeldLock::savesAnswerUnavailableWhileAnotherProcessHoldsTheWriteLock()
{
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    QStringList names;
    for (int i = 0; i < studentCount; ++i)
        names.append(u"Lock Student %1"_s.arg(i));
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Lock class"_s, names);
    QCOMPARE(classroom.students.size(), studentCount);

    QList<int> ids;
    for (int p = 0; p < studentCount; ++p) {
        Client client(server.port());
        client.setBearer(classroom.students.at(p).token);
        const HttpReply created = client.post("/api/v1/projects?title=Held%20lock"_ba,
                                              scratchProject({}, padding, marker(p, u"v1"_s)));
        QVERIFY2(created.status == 201, qPrintable(describe(created)));
        ids.append(created.object().value("id"_L1).toInt());
    }

    const auto saveRound = [&](const QString &what) {
        QList<HttpRequest> requests;
        for (int p = 0; p < studentCount; ++p) {
            HttpRequest request;
            request.method = "PUT"_ba;
            request.path = projectPath(ids.at(p));
            request.body = scratchProject({}, padding, marker(p, what));
            request.headers = bearerHeader(classroom.students.at(p).token);
            request.headers.append({"Content-Type"_ba, "application/json"_ba});
            request.headers.append({"If-Match"_ba, ifMatch(1)});
            requests.append(request);
        }
        return requests;
    };

    {
        LockHolder holder(server.databasePath());
        QString error;
        QVERIFY2(holder.hold(&error), qPrintable(error));

        // Reads run in WAL snapshots: the held write lock does not stop them.
        Client reader(server.port());
        reader.setBearer(classroom.students.at(0).token);
        const HttpReply read = reader.get(projectPath(ids.at(0)));
        QVERIFY2(read.status == 200, qPrintable(describe(read)));
        QVERIFY(read.body.contains(marker(0, u"v1"_s).toUtf8()));

        QElapsedTimer clock;
        clock.start();
        const QList<HttpReply> blocked =
            runConcurrently(server.port(), saveRound(u"blocked"_s), replyTimeoutMs);
        // A figure for the log, not an assertion: how long the last blocked save waited.
        qInfo("%d saves against a held write lock answered within %lld ms", studentCount,
              static_cast<long long>(clock.elapsed()));
        for (int p = 0; p < studentCount; ++p) {
            const HttpReply &reply = blocked.at(p);
            QVERIFY2(!reply.timedOut, qPrintable(u"project %1: no answer (a hang)"_s.arg(p)));
            const QString problem = checkError(reply, 503, u"unavailable"_s);
            QVERIFY2(problem.isEmpty(), qPrintable(u"project %1: "_s.arg(p) + problem));
            bool numeric = false;
            const int retryAfter = reply.header("retry-after"_ba).toInt(&numeric);
            QVERIFY2(numeric && retryAfter > 0, reply.header("retry-after"_ba).constData());
        }
        QVERIFY2(holder.release(&error), qPrintable(error));
    }

    // Released: the same saves, still based on version 1 (the refused ones changed nothing),
    // now succeed.
    const QList<HttpReply> saved = runConcurrently(server.port(), saveRound(u"v2"_s));
    for (int p = 0; p < studentCount; ++p) {
        const HttpReply &reply = saved.at(p);
        QVERIFY2(reply.status == 200, qPrintable(u"project %1: "_s.arg(p) + describe(reply)));
        QCOMPARE(reply.object().value("version"_L1).toInt(), 2);
    }
    for (int p = 0; p < studentCount; ++p) {
        Client client(server.port());
        client.setBearer(classroom.students.at(p).token);
        const HttpReply current = client.get(projectPath(ids.at(p)));
        QCOMPARE(current.status, 200);
        QVERIFY(current.body.contains(marker(p, u"v2"_s).toUtf8()));
        QVERIFY(!current.body.contains(marker(p, u"blocked"_s).toUtf8()));
        const HttpReply first = client.get(projectPath(ids.at(p), "/versions/1"_ba));
        QCOMPARE(first.status, 200);
        QVERIFY(first.body.contains(marker(p, u"v1"_s).toUtf8()));
    }

    QVERIFY2(server.stop(), server.output().constData());
    const QString path = server.databasePath();
    QCOMPARE(sqlValue(path, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(sqlValue(path,
                      u"SELECT count(*) FROM project_versions WHERE body LIKE "
                      "'%heldlock-%-blocked-end%'"_s)
                 .toInt(),
             0);
}

QTEST_GUILESS_MAIN(TestHeldLock)
#include "tst_heldlock.moc"
