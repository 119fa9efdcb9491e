// SPDX-License-Identifier: AGPL-3.0-or-later
// Getting a backup back (issue #13): `blockhaus --restore FILE` checks the file, keeps the
// current database, swaps, and a server started afterwards serves every project of the backup;
// broken, foreign or newer files are refused and change nothing; a running server's folder is
// refused; and a database of an older schema is kept, named for its version, before the
// migration on start.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

FinishedRun runBinary(const QStringList &arguments)
{
    return runToEnd(QStringLiteral(BLOCKHAUS_BINARY), arguments);
}

FinishedRun restore(const QString &backup, const QString &dataDir)
{
    return runBinary({u"--restore"_s, backup, u"--data-dir"_s, dataDir});
}

// The sqlite3 shell, as IT would use it; its .backup uses SQLite's online backup API, so the copy
// is consistent while the server runs.
bool sqliteShell(const QString &database, const QString &command)
{
    QProcess shell;
    shell.start(u"sqlite3"_s, {database, command});
    return shell.waitForFinished(60'000) && shell.exitStatus() == QProcess::NormalExit
        && shell.exitCode() == 0;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QStringList backupsIn(const QString &dataDir)
{
    return QDir(dataDir + u"/backups"_s).entryList({u"*.sqlite3"_s}, QDir::Files, QDir::Name);
}

int latestSchema()
{
    return static_cast<int>(
        QDir(QStringLiteral(BLOCKHAUS_SCHEMA_DIR)).entryList({u"*.sql"_s}, QDir::Files).size());
}

struct SavedProject
{
    int id = 0;
    QByteArray body;
};

SavedProject createProject(Client &client, const QString &marker)
{
    const QByteArray body = scratchProject({}, 0, marker);
    const HttpReply created = client.post("/api/v1/projects?title=" + marker.toUtf8(), body);
    if (created.status != 201)
        return {};
    return {created.object().value(u"id"_s).toInt(), body};
}

} // namespace

class TestRestoreApi : public QObject
{
    Q_OBJECT

private slots:
    void restoredBackupServesEveryProject();
    void brokenOrForeignFilesAreRefusedAndChangeNothing_data();
    void brokenOrForeignFilesAreRefusedAndChangeNothing();
    void restoreIsRefusedWhileBlockhausRunsOnTheFolder();
    void olderSchemaIsKeptBeforeTheMigration();
};

void TestRestoreApi::restoredBackupServesEveryProject()
{
    QTemporaryDir work;
    QVERIFY(work.isValid());
    TestServer::Options options;
    options.dataDir = work.filePath(u"data"_s);
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(u"admin"_s, server.adminPassword()).status, 201);
    QList<SavedProject> saved;
    for (int i = 0; i < 6; ++i) {
        saved << createProject(client, u"before-backup-%1"_s.arg(i));
        QVERIFY(saved.last().id > 0);
    }
    // A second version of one project, so the history comes back too.
    const QByteArray second = scratchProject({}, 0, u"second-version"_s);
    QCOMPARE(client
                 .put("/api/v1/projects/" + QByteArray::number(saved[0].id), second,
                      "application/json", {{"If-Match", ifMatch(1)}})
                 .status,
             200);
    saved[0].body = second;

    const QString backup = work.filePath(u"class-5b.sqlite3"_s);
    QVERIFY(sqliteShell(server.databasePath(), u".backup '%1'"_s.arg(backup)));
    const SavedProject later = createProject(client, u"after-backup"_s);
    QVERIFY(later.id > 0);
    QVERIFY(server.stop());

    const FinishedRun restored = restore(backup, options.dataDir);
    QVERIFY2(restored.exitCode == 0, restored.output.constData());
    QVERIFY2(restored.output.contains("Restored"), restored.output.constData());
    const QStringList kept = backupsIn(options.dataDir);
    QCOMPARE(kept.size(), 1);
    QVERIFY2(restored.output.contains(kept.first().toUtf8()), restored.output.constData());

    QVERIFY2(server.start(), server.output().constData());
    Client after(server.port());
    QCOMPARE(after.login(u"admin"_s, server.adminPassword()).status, 201);
    for (const SavedProject &project : saved) {
        const HttpReply read = after.get("/api/v1/projects/" + QByteArray::number(project.id));
        QVERIFY2(read.status == 200, qPrintable(describe(read)));
        QCOMPARE(read.body, project.body);
    }
    QCOMPARE(after.get("/api/v1/projects/" + QByteArray::number(saved[0].id) + "/versions")
                 .object()
                 .value(u"versions"_s)
                 .toArray()
                 .size(),
             2);
    QCOMPARE(after.get("/api/v1/projects/" + QByteArray::number(later.id)).status, 404);
    QCOMPARE(sqlValue(server.databasePath(), u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    // The database the restore replaced is kept whole, with the project made after the backup.
    const QString safety = options.dataDir + u"/backups/"_s + kept.first();
    QCOMPARE(sqlValue(safety, u"SELECT count(*) FROM projects"_s).toInt(), 7);
}

void TestRestoreApi::brokenOrForeignFilesAreRefusedAndChangeNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("says");
    QTest::newRow("missing file") << u"missing"_s << QByteArray("no file");
    QTest::newRow("not a database") << u"text"_s << QByteArray("not a Blockhaus backup");
    QTest::newRow("damaged database") << u"damaged"_s << QByteArray("backup");
    QTest::newRow("another program's database") << u"foreign"_s << QByteArray("not one of");
    QTest::newRow("from a newer Blockhaus") << u"newer"_s << QByteArray("newer Blockhaus");
}

void TestRestoreApi::brokenOrForeignFilesAreRefusedAndChangeNothing()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, says);
    QTemporaryDir work;
    QVERIFY(work.isValid());
    TestServer::Options options;
    options.dataDir = work.filePath(u"data"_s);
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    Client client(server.port());
    QCOMPARE(client.login(u"admin"_s, server.adminPassword()).status, 201);
    const SavedProject project = createProject(client, u"must-stay"_s);
    QVERIFY(project.id > 0);
    const QString good = work.filePath(u"good.sqlite3"_s);
    QVERIFY(sqliteShell(server.databasePath(), u".backup '%1'"_s.arg(good)));
    QVERIFY(server.stop());
    const QByteArray before = fileHash(server.databasePath());

    const QString candidate = work.filePath(u"candidate.sqlite3"_s);
    if (kind == u"text"_s) {
        QFile file(candidate);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("These are not the projects you are looking for.\n").repeated(300));
    } else if (kind == u"damaged"_s) {
        QVERIFY(QFile::copy(good, candidate));
        QFile file(candidate);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        QVERIFY(size > 64 * 1024);
        // Garbage over the b-tree pages behind the header page: the tables no longer parse.
        file.seek(size / 4);
        file.write(QByteArray(static_cast<int>(size / 2), '\xA5'));
    } else if (kind == u"foreign"_s) {
        QVERIFY(sqliteShell(candidate,
                            u"CREATE TABLE recipes (name TEXT); "
                            "INSERT INTO recipes VALUES ('pancakes');"_s));
    } else if (kind == u"newer"_s) {
        QVERIFY(QFile::copy(good, candidate));
        QVERIFY(sqliteShell(candidate,
                            u"UPDATE schema_meta SET value = '999' "
                            "WHERE key = 'schema_version';"_s));
    }

    const FinishedRun refused = restore(candidate, options.dataDir);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.output.contains(says), refused.output.constData());
    QCOMPARE(fileHash(server.databasePath()), before);
    QVERIFY(backupsIn(options.dataDir).isEmpty());
    QVERIFY(
        QDir(options.dataDir).entryList({u".restore-*"_s}, QDir::Files | QDir::Hidden).isEmpty());

    QVERIFY2(server.start(), server.output().constData());
    Client after(server.port());
    QCOMPARE(after.login(u"admin"_s, server.adminPassword()).status, 201);
    QCOMPARE(after.get("/api/v1/projects/" + QByteArray::number(project.id)).body, project.body);
}

void TestRestoreApi::restoreIsRefusedWhileBlockhausRunsOnTheFolder()
{
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    QTemporaryDir work;
    const QString backup = work.filePath(u"copy.sqlite3"_s);
    QVERIFY(sqliteShell(server.databasePath(), u".backup '%1'"_s.arg(backup)));
    const FinishedRun refused = restore(backup, server.dataDir());
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.output.contains("already running"), refused.output.constData());
    Client client(server.port());
    QCOMPARE(client.get("/api/v1/status").status, 200);
    QVERIFY(backupsIn(server.dataDir()).isEmpty());
}

void TestRestoreApi::olderSchemaIsKeptBeforeTheMigration()
{
    const int latest = latestSchema();
    QVERIFY2(latest >= 2, "this build has a single schema version: nothing to migrate from");
    QTemporaryDir work;
    const QString dataDir = work.filePath(u"data"_s);
    QVERIFY(QDir().mkpath(dataDir));
    const QString database = dataDir + u"/blockhaus.sqlite3"_s;
    // A database as the previous release left it: every migration but the last.
    const QDir schema(QStringLiteral(BLOCKHAUS_SCHEMA_DIR));
    const QStringList files = schema.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    QString script = u"PRAGMA journal_mode=WAL; CREATE TABLE schema_meta (key TEXT PRIMARY KEY, "
                     "value TEXT NOT NULL);"_s;
    for (int i = 0; i < latest - 1; ++i) {
        QFile file(schema.filePath(files.at(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        script += QString::fromUtf8(file.readAll());
    }
    script += u"INSERT INTO schema_meta VALUES ('schema_version', '%1');"_s.arg(latest - 1);
    QVERIFY(sqliteShell(database, script));

    TestServer::Options options;
    options.dataDir = dataDir;
    TestServer server(options);
    QVERIFY2(server.start(), server.output().constData());
    QCOMPARE(
        sqlValue(database, u"SELECT value FROM schema_meta WHERE key='schema_version'"_s).toInt(),
        latest);
    const QStringList kept = backupsIn(dataDir);
    QCOMPARE(kept.size(), 1);
    QVERIFY2(
        kept.first().startsWith(u"blockhaus-schema-%1-before-%2-"_s.arg(latest - 1).arg(latest)),
        qPrintable(kept.first()));
    const QString copy = dataDir + u"/backups/"_s + kept.first();
    QCOMPARE(sqlValue(copy, u"SELECT value FROM schema_meta WHERE key='schema_version'"_s).toInt(),
             latest - 1);
    QCOMPARE(sqlValue(copy, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QVERIFY(server.stop());
    // A start at the latest schema keeps nothing more.
    QVERIFY2(server.start(), server.output().constData());
    QCOMPARE(backupsIn(dataDir).size(), 1);
}

QTEST_GUILESS_MAIN(TestRestoreApi)
#include "tst_restoreapi.moc"
