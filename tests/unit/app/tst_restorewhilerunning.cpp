// SPDX-License-Identifier: AGPL-3.0-or-later
// "Restore from a backup…" in a running dashboard (issue #13, step 5), through the dashboard's
// own path (the maintenance service of a real ServerController, real SQLite, real HTTP): a class
// with students and projects is backed up, changed (a new project, a deleted one), and the
// backup restored while the server runs. Then every project of the backup reads back over HTTP
// on the same port with the same content, the later changes are gone, the old sessions are
// ended, the database it replaced is kept as a valid file, and the dashboard's services still
// answer; Blockhaus started again on the folder serves the same. A damaged file and a file that
// is no database are refused with a sentence, and the server keeps serving the current data with
// its sessions.

#include <memory>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"restore-admin-7"_s;
constexpr int waitBoundMs = 60'000;

template<typename T>
bool finishes(const QFuture<T> &future)
{
    // The future finishes on another thread; the test's own loop keeps running meanwhile.
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < waitBoundMs)
        QTest::qWait(20);
    return future.isFinished();
}

QSet<int> projectIds(Client &client)
{
    QSet<int> ids;
    const QJsonArray projects = client.get("/api/v1/projects"_ba).object()[u"projects"_s].toArray();
    for (const QJsonValue &project : projects)
        ids.insert(project.toObject()[u"id"_s].toInt());
    return ids;
}

QByteArray projectPath(int id)
{
    return "/api/v1/projects/" + QByteArray::number(id);
}

} // namespace

class TestRestoreWhileRunning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusedFilesChangeNothing_data();
    void refusedFilesChangeNothing();
    void restoreBringsBackEveryProjectOnTheSamePort();
    void callsDuringTheSwapAreAnswered();
    void restoredDatabaseServesAfterARestart();

private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_files;
    std::unique_ptr<App::ServerController> m_server;
    Classroom m_class;
    QString m_backup;
    QHash<int, QByteArray> m_saved; // project id -> project.json at the time of the backup
    QHash<int, int> m_owner; // project id -> index into m_class.students
    int m_later = 0; // made after the backup
    int m_deleted = 0; // deleted after the backup
};

void TestRestoreWhileRunning::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    QVERIFY(m_files.isValid());
    App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
    options.headless = true;
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    const quint16 port = m_server->port();

    m_class = makeClassroom(port, adminPassword, u"7b"_s, {u"Ada"_s, u"Ben"_s, u"Cem"_s});
    QCOMPARE(m_class.students.size(), 3);
    for (int s = 0; s < m_class.students.size(); ++s) {
        Client client(port);
        client.setBearer(m_class.students[s].token);
        for (int p = 0; p < 2; ++p) {
            const QString marker = u"%1-%2"_s.arg(m_class.students[s].username).arg(p);
            const HttpReply created = client.post(
                "/api/v1/projects?title=P" + QByteArray::number(p), scratchProject({}, 0, marker));
            QVERIFY2(statusIs(created, 201), qPrintable(describe(created)));
            const int id = created.object()[u"id"_s].toInt();
            const HttpReply read = client.get(projectPath(id));
            QVERIFY2(statusIs(read, 200), qPrintable(describe(read)));
            m_saved.insert(id, read.body);
            m_owner.insert(id, s);
        }
    }
    QCOMPARE(m_saved.size(), 6);

    m_backup = m_files.filePath(u"class 7b.sqlite3"_s);
    const auto backup = m_server->maintenanceService()->backupTo(m_backup);
    QVERIFY(finishes(backup));
    QVERIFY2(backup.result().ok(), qPrintable(backup.result().error));

    // After the backup: Ada makes a project, Ben deletes one.
    Client ada(port);
    ada.setBearer(m_class.students[0].token);
    const HttpReply later =
        ada.post("/api/v1/projects?title=Later"_ba, scratchProject({}, 0, u"after the backup"_s));
    QVERIFY2(statusIs(later, 201), qPrintable(describe(later)));
    m_later = later.object()[u"id"_s].toInt();
    Client ben(port);
    ben.setBearer(m_class.students[1].token);
    m_deleted = m_owner.key(1);
    QVERIFY(statusIs(ben.del(projectPath(m_deleted)), 204));
    QVERIFY(!projectIds(ben).contains(m_deleted));
}

void TestRestoreWhileRunning::cleanupTestCase()
{
    if (m_server)
        m_server->stop();
}

void TestRestoreWhileRunning::refusedFilesChangeNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("says");
    QTest::newRow("truncated copy") << u"truncated"_s << u"7b-broken"_s;
    QTest::newRow("garbage bytes") << u"garbage"_s << u"7b-broken"_s;
    QTest::newRow("missing file") << u"missing"_s << u"There is no file"_s;
    QTest::newRow("newer schema") << u"newer"_s << u"was written by a newer Blockhaus"_s;
    QTest::newRow("another program's database") << u"foreign"_s << u"not one of Blockhaus"_s;
}

void TestRestoreWhileRunning::refusedFilesChangeNothing()
{
    QFETCH(QString, kind);
    QFETCH(QString, says);
    const QString broken = m_files.filePath(u"7b-broken-%1.sqlite3"_s.arg(kind));
    if (kind == u"truncated"_s) {
        QFile original(m_backup);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray bytes = original.readAll();
        QFile cut(broken);
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 2 + 100));
    } else if (kind == u"newer"_s || kind == u"foreign"_s) {
        // An undamaged SQLite file: the backup with a schema from the future, or without
        // Blockhaus' schema table (as another program's database would be).
        QVERIFY(QFile::copy(m_backup, broken));
        const QString change = kind == u"newer"_s
            ? u"UPDATE schema_meta SET value = '999' WHERE key = 'schema_version' RETURNING value"_s
            : u"DROP TABLE schema_meta"_s; // answers no row: sqlValue warns, the change is made
        sqlValue(broken, change);
    } else if (kind == u"garbage"_s) {
        QFile garbage(broken);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        QByteArray bytes;
        for (int i = 0; i < 64 * 1024; ++i)
            bytes.append(char((i * 7919) % 251));
        garbage.write(bytes);
    }
    const QStringList backupsBefore = QDir(m_server->backupFolder()).entryList(QDir::Files);

    const auto restored = m_server->maintenanceService()->restore(broken);
    QVERIFY(finishes(restored));
    QVERIFY(!restored.result().ok());
    QVERIFY2(restored.result().error.contains(says), qPrintable(restored.result().error));

    // Still serving the current data, with the sessions it had.
    Client ada(m_server->port());
    ada.setBearer(m_class.students[0].token);
    const HttpReply later = ada.get(projectPath(m_later));
    QVERIFY2(statusIs(later, 200), qPrintable(describe(later)));
    Client ben(m_server->port());
    ben.setBearer(m_class.students[1].token);
    QVERIFY(!projectIds(ben).contains(m_deleted));
    // Refused before anything was copied aside.
    QCOMPARE(QDir(m_server->backupFolder()).entryList(QDir::Files), backupsBefore);
}

void TestRestoreWhileRunning::restoreBringsBackEveryProjectOnTheSamePort()
{
    const quint16 port = m_server->port();
    Ui::ClassroomService *classroom = m_server->classroomService();
    Ui::MaintenanceService *maintenance = m_server->maintenanceService();
    Live::Presence &presence = m_server->liveHub()->presence();
    QVERIFY(!presence.online(QDateTime::currentDateTimeUtc()).isEmpty()); // the students' requests

    const auto restored = maintenance->restore(m_backup);
    QVERIFY(finishes(restored));
    const Ui::Outcome<Ui::Restored> outcome = restored.result();
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    QCOMPARE(outcome.value->file, m_backup);
    QCOMPARE(outcome.value->bytes, QFileInfo(m_backup).size());
    QVERIFY(outcome.value->schemaVersion > 0);

    // The database it replaced is kept, valid, with the later project in it.
    const QString safety = outcome.value->safetyCopy;
    QVERIFY2(QFileInfo(safety).isFile(), qPrintable(safety));
    QVERIFY(safety.startsWith(m_server->backupFolder()));
    QCOMPARE(sqlValue(safety, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(
        sqlValue(safety, u"SELECT COUNT(*) FROM projects WHERE id = %1"_s.arg(m_later)).toInt(), 1);

    // The same objects and the same port: the dashboard's pointers stay valid.
    QCOMPARE(m_server->port(), port);
    QCOMPARE(m_server->classroomService(), classroom);
    QCOMPARE(m_server->maintenanceService(), maintenance);

    // Presence of the replaced database is forgotten: its ids name other accounts now.
    QVERIFY(presence.online(QDateTime::currentDateTimeUtc()).isEmpty());
    // Sessions of before the swap are over: everyone signs in again.
    Client stale(port);
    stale.setBearer(m_class.students[0].token);
    QVERIFY(statusIs(stale.get("/api/v1/projects"_ba), 401));

    // Every project of the backup, read back by its owner with the content it had.
    QList<std::shared_ptr<Client>> clients;
    for (const Classroom::Account &student : std::as_const(m_class.students)) {
        auto client = std::make_shared<Client>(port);
        const HttpReply login = client->login(student.username, student.password);
        QVERIFY2(statusIs(login, 201), qPrintable(describe(login)));
        clients.append(client);
    }
    for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
        const HttpReply read = clients[m_owner.value(it.key())]->get(projectPath(it.key()));
        QVERIFY2(statusIs(read, 200), qPrintable(describe(read)));
        QCOMPARE(read.body, it.value());
    }
    // The later changes are gone: Ada's new project, Ben's deletion.
    QVERIFY(statusIs(clients[0]->get(projectPath(m_later)), 404));
    QVERIFY(projectIds(*clients[1]).contains(m_deleted));
    for (int s = 0; s < clients.size(); ++s) {
        const QList<int> owned = m_owner.keys(s);
        QCOMPARE(projectIds(*clients[s]), QSet<int>(owned.cbegin(), owned.cend()));
    }

    // The dashboard's service answers from the restored database.
    const auto classes = classroom->classes();
    QVERIFY(finishes(classes));
    QVERIFY2(classes.result().ok(), qPrintable(classes.result().error));
    QCOMPARE(classes.result().value->size(), 1);
    QCOMPARE(classes.result().value->first().name, u"7b"_s);
}

void TestRestoreWhileRunning::callsDuringTheSwapAreAnswered()
{
    // While the swap runs, the dashboard keeps asking and students keep reading: every dashboard
    // call finishes (with the classes or a sentence), and no request gets a server error; a
    // request may find the port closed for the moment of the swap.
    const quint16 port = m_server->port();
    Client ada(port);
    QVERIFY(statusIs(ada.login(m_class.students[0].username, m_class.students[0].password), 201));
    const auto restored = m_server->maintenanceService()->restore(m_backup);
    QList<QFuture<Ui::Outcome<QList<Ui::ClassSummary>>>> asked;
    QList<int> statuses;
    QElapsedTimer timer;
    timer.start();
    while (!restored.isFinished() && timer.elapsed() < waitBoundMs) {
        asked.append(m_server->classroomService()->classes());
        statuses.append(ada.get("/api/v1/projects"_ba, {}).status);
    }
    QVERIFY(restored.isFinished());
    QVERIFY2(restored.result().ok(), qPrintable(restored.result().error));
    QStringList seen;
    for (int status : std::as_const(statuses))
        seen << QString::number(status);
    qInfo("during the swap: %lld dashboard calls, replies %s", qint64(asked.size()),
          qPrintable(seen.join(u' ')));
    for (const auto &future : std::as_const(asked)) {
        QVERIFY(finishes(future));
        QVERIFY(future.result().ok() || !future.result().error.isEmpty());
    }
    for (int status : std::as_const(statuses))
        QVERIFY2(status < 500, qPrintable(QString::number(status)));
    QVERIFY(statusIs(Client(port).get("/api/v1/health"_ba), 200));
}

void TestRestoreWhileRunning::restoredDatabaseServesAfterARestart()
{
    // Blockhaus started again on the data folder (the lock was held and released as usual)
    // serves the restored database: every project of the backup, nothing of later.
    const App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
    m_server->stop();
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    for (int s = 0; s < m_class.students.size(); ++s) {
        Client client(m_server->port());
        const HttpReply login =
            client.login(m_class.students[s].username, m_class.students[s].password);
        QVERIFY2(statusIs(login, 201), qPrintable(describe(login)));
        const QList<int> owned = m_owner.keys(s);
        QCOMPARE(projectIds(client), QSet<int>(owned.cbegin(), owned.cend()));
        for (int id : owned) {
            const HttpReply read = client.get(projectPath(id));
            QVERIFY2(statusIs(read, 200), qPrintable(describe(read)));
            QCOMPARE(read.body, m_saved.value(id));
        }
    }
}

QTEST_GUILESS_MAIN(TestRestoreWhileRunning)
#include "tst_restorewhilerunning.moc"
