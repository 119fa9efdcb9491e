// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreClassroomService in-process: a real ServerController on a temporary data folder, driven
// through classroomService() as the dashboard drives it, and checked over HTTP as the students
// see it (logins, passwords, the trash). Also: futures finish with an error sentence when the
// pool refuses the work, and bad input is answered without the database.

#include <memory>

#include <QFuture>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "app/storeclassroomservice.h"
#include "server/auth/authservice.h"
#include "server/db/connectionpool.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

constexpr int waitMs = 10'000; // argon2id for a few accounts on a 2-core machine fits easily

// Bounded wait for a service future: one that never finishes fails the test, never hangs it.
template<typename T>
[[nodiscard]] bool settle(const QFuture<T> &future)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs)
        && future.resultCount() == 1;
}

QList<qint64> idsOf(const QJsonArray &projects)
{
    QList<qint64> ids;
    for (const QJsonValue &project : projects)
        ids.append(project.toObject().value("id"_L1).toInteger());
    return ids;
}

} // namespace

class TestStoreClassroomService : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void createClassIsListedWithJoinCode();
    void addStudentsMakesAccountsThatLogIn();
    void studentsListsOnlyThatClass();
    void resetPasswordReplacesTheOldOne();
    void removeStudentLeavesClassAndTrashesProjects();
    void removeStudentNotInClassChangesNothing();
    void removeStudentRefusesTheAdministrator();
    void addStudentsToMissingClassIsAnError();
    void studentsOfMissingClassIsAnError();
    void resetPasswordOfUnknownUserIsAnError();
    void badInputIsRefusedWithoutTheDatabase_data();
    void badInputIsRefusedWithoutTheDatabase();
    void refusedWorkFinishesWithAnError_data();
    void refusedWorkFinishesWithAnError();

private:
    Ui::ClassroomService *service() const { return m_server->classroomService(); }
    qint64 makeClass(const QString &name);
    QList<Ui::NewStudentAccount> makeStudents(qint64 classId, const QStringList &names);
    int loginStatus(const QString &username, const QString &password);

    QTemporaryDir m_dataDir;
    std::unique_ptr<App::ServerController> m_server;
    const QString m_adminPassword = u"correct-horse-battery-7"_s;
};

void TestStoreClassroomService::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    App::Options options = inProcessServerOptions(m_dataDir.path(), m_adminPassword);
    options.headless = true;
    m_server = std::make_unique<App::ServerController>(options);
    QVERIFY(m_server->classroomService() == nullptr); // not before start()
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
    QVERIFY(service() != nullptr);
}

void TestStoreClassroomService::cleanupTestCase()
{
    if (!m_server)
        return;
    m_server->stop();
    QVERIFY(m_server->classroomService() == nullptr); // nor after stop()
    m_server.reset();
}

qint64 TestStoreClassroomService::makeClass(const QString &name)
{
    auto created = service()->createClass(name);
    if (!settle(created) || !created.result().ok()) {
        qWarning() << "createClass failed:"
                   << (created.isFinished() ? created.result().error : u"unfinished"_s);
        return 0;
    }
    return created.result().value->id;
}

QList<Ui::NewStudentAccount> TestStoreClassroomService::makeStudents(qint64 classId,
                                                                     const QStringList &names)
{
    auto added = service()->addStudents(classId, names);
    if (!settle(added) || !added.result().ok()) {
        qWarning() << "addStudents failed:"
                   << (added.isFinished() ? added.result().error : u"unfinished"_s);
        return {};
    }
    return *added.result().value;
}

int TestStoreClassroomService::loginStatus(const QString &username, const QString &password)
{
    Client client(m_server->port());
    return client.login(username, password).status;
}

void TestStoreClassroomService::createClassIsListedWithJoinCode()
{
    auto created = service()->createClass(u"  Class 4a  "_s);
    QVERIFY(settle(created));
    const Ui::Outcome<Ui::ClassSummary> made = created.result();
    QVERIFY2(made.ok(), qPrintable(made.error));
    QVERIFY(made.value->id > 0);
    QCOMPARE(made.value->name, u"Class 4a"_s); // cleaned as the API cleans it
    QCOMPARE(made.value->joinCode.size(), 6);
    QVERIFY(made.value->joinOpen);
    QCOMPARE(made.value->studentCount, 0);

    auto listed = service()->classes();
    QVERIFY(settle(listed));
    const auto classes = listed.result();
    QVERIFY2(classes.ok(), qPrintable(classes.error));
    bool found = false;
    for (const Ui::ClassSummary &summary : *classes.value) {
        if (summary.id == made.value->id) {
            found = true;
            QCOMPARE(summary.name, u"Class 4a"_s);
            QCOMPARE(summary.joinCode, made.value->joinCode);
        }
    }
    QVERIFY(found);

    // The store's own sentence reaches the teacher.
    auto again = service()->createClass(u"Class 4a"_s);
    QVERIFY(settle(again));
    QVERIFY(!again.result().ok());
    QVERIFY2(again.result().error.contains(u"already a class"_s), qPrintable(again.result().error));
}

void TestStoreClassroomService::addStudentsMakesAccountsThatLogIn()
{
    const qint64 classId = makeClass(u"Class 4b"_s);
    QVERIFY(classId > 0);
    // Two children with the same name still get two usernames; blank lines are no one.
    const QList<Ui::NewStudentAccount> accounts =
        makeStudents(classId, {u"Anna M."_s, u"Anna M."_s, u""_s, u"Jörg Weiß"_s});
    QCOMPARE(accounts.size(), 3);
    QSet<QString> usernames;
    for (const Ui::NewStudentAccount &account : accounts) {
        QVERIFY(account.id > 0);
        QVERIFY(!account.username.isEmpty());
        QVERIFY(!account.password.isEmpty());
        usernames.insert(account.username);
        QCOMPARE(loginStatus(account.username, account.password), 201);
    }
    QCOMPARE(usernames.size(), 3);
    QCOMPARE(accounts.at(0).displayName, u"Anna M."_s);
    QCOMPARE(accounts.at(2).username, u"jorg.weiss"_s);

    auto listed = service()->classes();
    QVERIFY(settle(listed));
    const Ui::Outcome<QList<Ui::ClassSummary>> classes = listed.result();
    QVERIFY2(classes.ok(), qPrintable(classes.error));
    for (const Ui::ClassSummary &summary : *classes.value) {
        if (summary.id == classId)
            QCOMPARE(summary.studentCount, 3);
    }
}

void TestStoreClassroomService::studentsListsOnlyThatClass()
{
    const qint64 classId = makeClass(u"Class 5a"_s);
    const qint64 otherId = makeClass(u"Class 5b"_s);
    QVERIFY(classId > 0 && otherId > 0);
    const auto accounts = makeStudents(classId, {u"Ben"_s, u"Cem"_s, u"Dora"_s});
    QCOMPARE(accounts.size(), 3);
    QCOMPARE(makeStudents(otherId, {u"Emil"_s}).size(), 1);

    auto listed = service()->students(classId);
    QVERIFY(settle(listed));
    const auto students = listed.result();
    QVERIFY2(students.ok(), qPrintable(students.error));
    QCOMPARE(students.value->size(), 3);
    QSet<qint64> expected;
    for (const Ui::NewStudentAccount &account : accounts)
        expected.insert(account.id);
    for (const Ui::StudentSummary &student : *students.value) {
        QVERIFY(expected.contains(student.id));
        QCOMPARE(student.classes, QStringList{u"Class 5a"_s});
        QCOMPARE(student.projectCount, 0);
        QVERIFY(!student.lastSeen.isValid()); // never logged in
    }
}

void TestStoreClassroomService::resetPasswordReplacesTheOldOne()
{
    const qint64 classId = makeClass(u"Class 6a"_s);
    const auto accounts = makeStudents(classId, {u"Frida"_s});
    QCOMPARE(accounts.size(), 1);
    const Ui::NewStudentAccount &frida = accounts.first();

    auto reset = service()->resetPassword(frida.id);
    QVERIFY(settle(reset));
    const Ui::Outcome<QString> password = reset.result();
    QVERIFY2(password.ok(), qPrintable(password.error));
    QVERIFY(!password.value->isEmpty());
    QVERIFY(*password.value != frida.password);

    QCOMPARE(loginStatus(frida.username, frida.password), 401);
    QCOMPARE(loginStatus(frida.username, *password.value), 201);
}

void TestStoreClassroomService::removeStudentLeavesClassAndTrashesProjects()
{
    const qint64 classId = makeClass(u"Class 7a"_s);
    const auto accounts = makeStudents(classId, {u"Greta"_s, u"Hugo"_s});
    QCOMPARE(accounts.size(), 2);
    const Ui::NewStudentAccount &greta = accounts.first();

    Client client(m_server->port());
    QVERIFY(statusIs(client.login(greta.username, greta.password), 201));
    HttpReply created =
        client.post("/api/v1/projects?title=Rocket"_ba, scratchProject({}, 0, u"greta"_s));
    QVERIFY(statusIs(created, 201));
    const qint64 projectId = created.object().value("id"_L1).toInteger();
    QVERIFY(projectId > 0);

    auto removed = service()->removeStudent(classId, greta.id);
    QVERIFY(settle(removed));
    QVERIFY2(removed.result().ok(), qPrintable(removed.result().error));
    QVERIFY(*removed.result().value);

    auto listed = service()->students(classId);
    QVERIFY(settle(listed));
    QVERIFY(listed.result().ok());
    QCOMPARE(listed.result().value->size(), 1);
    QCOMPARE(listed.result().value->first().id, accounts.at(1).id);

    // In the student's trash, not among their projects; the account itself still works.
    const HttpReply trash = client.get("/api/v1/projects?trash=1"_ba);
    QVERIFY(statusIs(trash, 200));
    QVERIFY(idsOf(trash.object().value("projects"_L1).toArray()).contains(projectId));
    const HttpReply own = client.get("/api/v1/projects"_ba);
    QVERIFY(statusIs(own, 200));
    QVERIFY(!idsOf(own.object().value("projects"_L1).toArray()).contains(projectId));
    // Restorable, by the student.
    QVERIFY(statusIs(
        client.post("/api/v1/projects/"_ba + QByteArray::number(projectId) + "/restore"_ba, {}),
        200));

    // Taken out once; a second time is a sentence, not a crash.
    auto again = service()->removeStudent(classId, greta.id);
    QVERIFY(settle(again));
    QVERIFY(!again.result().ok());
    QVERIFY2(again.result().error.contains(u"not in the class"_s),
             qPrintable(again.result().error));
}

void TestStoreClassroomService::removeStudentNotInClassChangesNothing()
{
    const qint64 classId = makeClass(u"Class 8a"_s);
    const qint64 otherId = makeClass(u"Class 8b"_s);
    const auto accounts = makeStudents(otherId, {u"Ida"_s});
    QCOMPARE(accounts.size(), 1);
    Client client(m_server->port());
    QVERIFY(statusIs(client.login(accounts.first().username, accounts.first().password), 201));
    HttpReply created =
        client.post("/api/v1/projects?title=Maze"_ba, scratchProject({}, 0, u"ida"_s));
    QVERIFY(statusIs(created, 201));
    const qint64 projectId = created.object().value("id"_L1).toInteger();

    auto removed = service()->removeStudent(classId, accounts.first().id);
    QVERIFY(settle(removed));
    QVERIFY(!removed.result().ok());
    QVERIFY(!removed.result().error.isEmpty());
    // The project stays where it was: nothing of a refused removal is kept.
    const HttpReply own = client.get("/api/v1/projects"_ba);
    QVERIFY(idsOf(own.object().value("projects"_L1).toArray()).contains(projectId));
}

void TestStoreClassroomService::removeStudentRefusesTheAdministrator()
{
    const qint64 classId = makeClass(u"Class 9a"_s);
    Client client(m_server->port());
    const HttpReply login = client.login(u"admin"_s, m_adminPassword);
    QVERIFY(statusIs(login, 201));
    const qint64 adminId = login.object().value("user"_L1).toObject().value("id"_L1).toInteger();
    QVERIFY(adminId > 0);

    auto removed = service()->removeStudent(classId, adminId);
    QVERIFY(settle(removed));
    QVERIFY(!removed.result().ok());
    QVERIFY2(removed.result().error.contains(u"Only students"_s),
             qPrintable(removed.result().error));
    auto listed = service()->classes();
    QVERIFY(settle(listed));
    QVERIFY(listed.result().ok()); // the admin still manages the class
}

void TestStoreClassroomService::addStudentsToMissingClassIsAnError()
{
    auto added = service()->addStudents(999'999, {u"Nobody"_s});
    QVERIFY(settle(added));
    QVERIFY(!added.result().ok());
    QCOMPARE(added.result().error, u"There is no such class."_s);
}

void TestStoreClassroomService::studentsOfMissingClassIsAnError()
{
    auto listed = service()->students(999'999);
    QVERIFY(settle(listed));
    QVERIFY(!listed.result().ok());
    QCOMPARE(listed.result().error, u"There is no such class."_s);
}

void TestStoreClassroomService::resetPasswordOfUnknownUserIsAnError()
{
    auto reset = service()->resetPassword(999'999);
    QVERIFY(settle(reset));
    QVERIFY(!reset.result().ok());
    QCOMPARE(reset.result().error, u"There is no such user."_s);
}

void TestStoreClassroomService::badInputIsRefusedWithoutTheDatabase_data()
{
    QTest::addColumn<QString>("className");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("blank class name") << u" \t "_s << QStringList{u"Anna"_s};
    QTest::newRow("long class name") << QString(101, u'x') << QStringList{u"Anna"_s};
    QTest::newRow("no names") << u"Class X"_s << QStringList{u" "_s, u""_s};
    QTest::newRow("long name") << u"Class X"_s << QStringList{QString(61, u'y')};
}

void TestStoreClassroomService::badInputIsRefusedWithoutTheDatabase()
{
    QFETCH(QString, className);
    QFETCH(QStringList, names);
    const bool badClassName = className.trimmed().isEmpty() || className.size() > 100;
    if (badClassName) {
        auto created = service()->createClass(className);
        QVERIFY(created.isFinished()); // answered at once
        QVERIFY(settle(created));
        QVERIFY(!created.result().ok());
        QVERIFY(created.result().error.contains(u"name"_s));
        return;
    }
    const qint64 classId = makeClass(u"Class bad input"_s + QString::number(names.size()));
    auto added = service()->addStudents(classId > 0 ? classId : 1, names);
    QVERIFY(added.isFinished());
    QVERIFY(settle(added));
    QVERIFY(!added.result().ok());
    QVERIFY(!added.result().error.isEmpty());
}

void TestStoreClassroomService::refusedWorkFinishesWithAnError_data()
{
    QTest::addColumn<int>("maxWaiting");
    QTest::addColumn<int>("acquireTimeoutMs");
    // G10 refusals: no room in the queue (answered at once, on this thread), and a job that
    // waited longer than the acquire timeout (answered on a worker, before any SQL).
    QTest::newRow("queue full") << 0 << 5000;
    QTest::newRow("acquire timeout") << 2048 << 0;
}

void TestStoreClassroomService::refusedWorkFinishesWithAnError()
{
    QFETCH(int, maxWaiting);
    QFETCH(int, acquireTimeoutMs);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Db::DbConfig config;
    config.sqlitePath = dir.filePath(u"refused.sqlite3"_s);
    config.poolSize = 1;
    config.maxWaiting = maxWaiting;
    config.acquireTimeoutMs = acquireTimeoutMs;
    Db::ConnectionPool pool(config);
    Auth::AuthService auth;
    App::StoreClassroomService refusing(pool, auth);

    auto classes = refusing.classes();
    auto created = refusing.createClass(u"Class Z"_s);
    auto students = refusing.students(1);
    auto added = refusing.addStudents(1, {u"Anna"_s});
    auto reset = refusing.resetPassword(1);
    auto removed = refusing.removeStudent(1, 2);
    QVERIFY(settle(classes));
    QVERIFY(settle(created));
    QVERIFY(settle(students));
    QVERIFY(settle(added));
    QVERIFY(settle(reset));
    QVERIFY(settle(removed));
    const QStringList errors{classes.result().error,  created.result().error,
                             students.result().error, added.result().error,
                             reset.result().error,    removed.result().error};
    QVERIFY(!classes.result().ok() && !created.result().ok() && !students.result().ok()
            && !added.result().ok() && !reset.result().ok() && !removed.result().ok());
    for (const QString &error : errors)
        QVERIFY2(error.contains(u"busy"_s), qPrintable(error));
    pool.shutdown();
}

QTEST_GUILESS_MAIN(TestStoreClassroomService)
#include "tst_storeclassroomservice.moc"
