// SPDX-License-Identifier: AGPL-3.0-or-later
// "Can this computer handle my class?" (issue #13): `blockhaus --self-check` runs a throwaway
// class's load on the data folder, prints its figures and the answer in words, and leaves the
// database as it found it (a fresh folder: nothing at all); while Blockhaus runs on the folder it
// says so. Figures are checked for presence, never for their values. The *.pg run (#15) checks
// a PostgreSQL database the same way (the routine IT verifies an update with).

#include <algorithm>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

// database: a PostgreSQL address (--database), or empty for the data folder's SQLite file.
FinishedRun selfCheck(const QString &dataDir, int students = 5, const QString &database = {})
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"BLOCKHAUS_LANGUAGE"_s, u"en"_s);
    environment.remove(u"BLOCKHAUS_ADMIN_PASSWORD"_s);
    QStringList arguments{u"--self-check"_s,
                          u"--students"_s,
                          QString::number(students),
                          u"--self-check-seconds"_s,
                          u"2"_s,
                          u"--data-dir"_s,
                          dataDir,
                          u"--library-upstream"_s,
                          u"none"_s};
    if (!database.isEmpty())
        arguments << u"--database"_s << database;
    return runToEnd(QStringLiteral(BLOCKHAUS_BINARY), arguments, environment, 240'000);
}

// Every row of every table but the two counters a removal moves on by design (the roster's
// revision, which tells the dashboard to reload, and SQLite's AUTOINCREMENT high-water mark;
// PostgreSQL keeps the latter in sequences, which are not tables).
QStringList databaseRows(const QString &database)
{
    QStringList rows;
    const auto tables = queryDatabase(
        database,
        isPostgresAddress(database)
            ? u"SELECT table_name FROM information_schema.tables WHERE table_schema = "
              "current_schema() AND table_type = 'BASE TABLE' AND table_name <> "
              "'roster_revision' ORDER BY table_name"_s
            : u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
              "('sqlite_sequence', 'roster_revision') ORDER BY name"_s);
    if (!tables || tables->isEmpty())
        return {u"(cannot read %1)"_s.arg(database)};
    for (const QStringList &table : *tables) {
        const auto content = queryDatabase(database, u"SELECT * FROM \"%1\""_s.arg(table.at(0)));
        if (!content)
            return {u"(cannot read table %1)"_s.arg(table.at(0))};
        QStringList lines;
        for (const QStringList &row : *content)
            lines << table.at(0) + u": "_s + row.join(u" | "_s);
        std::sort(lines.begin(), lines.end());
        rows << lines;
    }
    return rows;
}

} // namespace

class TestSelfCheckCli : public QObject
{
    Q_OBJECT

private slots:
    void freshFolderPrintsTheFiguresAndKeepsNothing();
    void existingDatabaseIsAsItWasAfterwards();
    void runningBlockhausIsNamed();
};

void TestSelfCheckCli::freshFolderPrintsTheFiguresAndKeepsNothing()
{
    QTemporaryDir work;
    QVERIFY(work.isValid());
    const QString dataDir = work.filePath(u"data"_s);
    std::unique_ptr<PgTestDatabase> postgres;
    if (TestServer::postgresRequested()) {
        postgres = std::make_unique<PgTestDatabase>();
        QVERIFY2(postgres->isValid(), qPrintable(postgres->errorText()));
    }
    const FinishedRun checked = selfCheck(dataDir, 5, postgres ? postgres->url() : QString());
    QVERIFY2(checked.exitCode == 0, checked.output.constData());
    const QByteArray database = postgres
        ? "Database: postgresql"_ba
        : "Database: sqlite, journal_mode wal, synchronous full"_ba;
    const QList<QByteArray> figures{database,
                                    " fsync/s",
                                    "Free disk: ",
                                    " saves/s",
                                    "Latency: p50 ",
                                    " ms, p99 ",
                                    "Server errors (5xx): 0",
                                    "Lost saves (read back): 0",
                                    "Throwaway class and accounts removed: yes",
                                    "This computer can serve about ",
                                    "students saving at once.",
                                    "Self-check passed."};
    for (const QByteArray &figure : figures)
        QVERIFY2(checked.output.contains(figure),
                 QByteArray(figure + "\n" + checked.output).constData());
    // The folder did not exist: the check made it, and its database, only for the run.
    QVERIFY2(!QDir(dataDir).exists(),
             qPrintable(QDir(dataDir).entryList(QDir::AllEntries | QDir::Hidden).join(u' ')));
    // A PostgreSQL database is not the check's to remove; its throwaway class and accounts are.
    if (postgres) {
        const QString rows = databaseRows(postgres->url()).join(u'\n');
        QVERIFY2(!rows.contains(u"Self-check"_s) && !rows.contains(u"(cannot read"_s),
                 qPrintable(rows));
    }
}

void TestSelfCheckCli::existingDatabaseIsAsItWasAfterwards()
{
    QTemporaryDir work;
    QVERIFY(work.isValid());
    TestServer::Options options;
    options.dataDir = work.filePath(u"data"_s);
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"5b"_s, {u"Anna"_s, u"Ben"_s});
    QCOMPARE(classroom.students.size(), 2);
    Client anna(server.port());
    anna.setBearer(classroom.students.first().token);
    QCOMPARE(anna.post("/api/v1/projects?title=Cat", scratchProject({}, 0, u"anna"_s)).status, 201);
    QVERIFY(server.stop());
    const QStringList before = databaseRows(server.databasePath());
    QVERIFY(before.size() > 5);

    const FinishedRun checked =
        selfCheck(options.dataDir, 7, server.usesPostgres() ? server.databasePath() : QString());
    QVERIFY2(checked.exitCode == 0, checked.output.constData());
    QVERIFY2(checked.output.contains("7 throwaway students"), checked.output.constData());
    const QStringList after = databaseRows(server.databasePath());
    QCOMPARE(after, before);
    QVERIFY2(!before.join(u'\n').contains(u"Self-check"_s), "the check's class leaked in");
    // And the server starts there as before, with the teacher's class.
    QVERIFY2(server.start(), server.output().constData());
    Client admin(server.port());
    QCOMPARE(admin.login(u"admin"_s, server.adminPassword()).status, 201);
    QCOMPARE(admin.get("/api/v1/classes").object().value(u"classes"_s).toArray().size(), 1);
}

void TestSelfCheckCli::runningBlockhausIsNamed()
{
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    const FinishedRun refused =
        selfCheck(server.dataDir(), 5, server.usesPostgres() ? server.databasePath() : QString());
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.output.contains("Blockhaus is running on this data folder"),
             refused.output.constData());
    Client client(server.port());
    QCOMPARE(client.get("/api/v1/status").status, 200);
}

QTEST_GUILESS_MAIN(TestSelfCheckCli)
#include "tst_selfcheckcli.moc"
