// SPDX-License-Identifier: AGPL-3.0-or-later
// Service::ThrowawayClass on a real SQLite database (issue #13): the self-check's class and its
// generated students are made by an administrator only, within bounds, and removed again with
// everything the students made; an account that also belongs to another class is never removed.
#include <memory>

#include <QTemporaryDir>
#include <QTest>

#include "server/auth/authservice.h"
#include "server/auth/passwordhasher.h"
#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/service/classroom.h"
#include "server/service/runner.h"
#include "server/service/throwawayclass.h"
#include "server/store/classstore.h"
#include "server/store/userstore.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using Core::Caller;
using Core::Role;
using Service::ThrowawayAccounts;
using Service::Work;

namespace {

const QString noLogin = u"$argon2id$v=19$m=19456,t=2,p=1$bm9sb2dpbg$bm9sb2dpbg"_s;

} // namespace

class TestThrowawayClass : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void onlyAnAdministratorMayRunTheCheck();
    void studentBounds_data();
    void studentBounds();
    void removalTakesTheClassAndItsStudentsOnly();
    void anAccountThatBelongsElsewhereIsNeverRemoved();

private:
    template<typename T>
    Result<T> run(std::function<Result<T>(Work &)> job)
    {
        return m_runner->runSync<T>(std::move(job));
    }
    Caller account(const QString &username, Role role);
    Result<ThrowawayAccounts> create(const Caller &caller, int students);
    bool userExists(qint64 id);
    bool classExists(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<Db::ConnectionPool> m_pool;
    std::unique_ptr<Service::Runner> m_runner;
    std::unique_ptr<Auth::AuthService> m_auth;
    Caller m_admin;
    Caller m_teacher;
};

void TestThrowawayClass::initTestCase()
{
    QVERIFY(Auth::PasswordHasher::initialise());
    QVERIFY(m_dir.isValid());
    Db::DbConfig config;
    config.sqlitePath = m_dir.filePath(u"throwaway.sqlite3"_s);
    config.poolSize = 2;
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    m_runner = std::make_unique<Service::Runner>(*m_pool);
    m_auth = std::make_unique<Auth::AuthService>();
    auto migrated = run<int>([](Work &work) { return Db::Migrations::migrate(work.connection()); });
    QVERIFY(migrated.ok());
    m_admin = account(u"admin"_s, Role::Admin);
    m_teacher = account(u"tina"_s, Role::Teacher);
    QVERIFY(m_admin.userId && m_teacher.userId);
}

void TestThrowawayClass::cleanupTestCase()
{
    m_runner.reset();
    m_pool.reset();
}

Caller TestThrowawayClass::account(const QString &username, Role role)
{
    auto made = run<Core::NewAccount>([&](Work &work) {
        return Store::UserStore::create(work.connection(), username, username, role, noLogin);
    });
    if (!made)
        return {};
    return {made->id, role, made->username, made->displayName, {}};
}

Result<ThrowawayAccounts> TestThrowawayClass::create(const Caller &caller, int students)
{
    const Service::ThrowawayClass throwaway(*m_auth);
    return run<ThrowawayAccounts>(
        [&](Work &work) { return throwaway.create(work, caller, students); });
}

bool TestThrowawayClass::userExists(qint64 id)
{
    return run<Core::User>(
               [id](Work &work) { return Store::UserStore::user(work.connection(), id); })
        .ok();
}

bool TestThrowawayClass::classExists(qint64 id)
{
    const Caller admin = m_admin;
    return run<Core::ClassInfo>([id, admin](Work &work) {
               return Store::ClassStore::managedClass(work.connection(), admin, id);
           })
        .ok();
}

void TestThrowawayClass::onlyAnAdministratorMayRunTheCheck()
{
    const auto refused = create(m_teacher, 2);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::Forbidden);
}

void TestThrowawayClass::studentBounds_data()
{
    QTest::addColumn<int>("students");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("none") << 0 << false;
    QTest::newRow("one") << 1 << true;
    QTest::newRow("three") << 3 << true;
    QTest::newRow("too many") << Service::ThrowawayClass::maxStudents + 1 << false;
}

void TestThrowawayClass::studentBounds()
{
    QFETCH(int, students);
    QFETCH(bool, allowed);
    const auto made = create(m_admin, students);
    QCOMPARE(made.ok(), allowed);
    if (!allowed) {
        QCOMPARE(made.error().kind, ErrorKind::BadRequest);
        return;
    }
    QCOMPARE(made->students.size(), students);
    const Service::ThrowawayClass throwaway(*m_auth);
    const ThrowawayAccounts accounts = *made;
    QVERIFY(run<Ok>([&](Work &work) { return throwaway.remove(work, m_admin, accounts); }).ok());
}

void TestThrowawayClass::removalTakesTheClassAndItsStudentsOnly()
{
    // The teacher's own class with a student stays as it is.
    const Service::Classroom classroom(*m_auth);
    auto own = run<Core::ClassInfo>(
        [&](Work &work) { return classroom.createClass(work, m_teacher, u"5b"_s); });
    QVERIFY(own.ok());
    auto ownStudents = run<QList<Core::NewAccount>>(
        [&](Work &work) { return classroom.addStudents(work, m_teacher, own->id, {u"Anna"_s}); });
    QVERIFY(ownStudents.ok());

    const auto made = create(m_admin, 3);
    QVERIFY(made.ok());
    QVERIFY(classExists(made->classId));
    for (const Core::NewAccount &student : made->students)
        QVERIFY(userExists(student.id));

    const Service::ThrowawayClass throwaway(*m_auth);
    const ThrowawayAccounts accounts = *made;
    // Not the teacher's to remove.
    QCOMPARE(run<Ok>([&](Work &work) { return throwaway.remove(work, m_teacher, accounts); })
                 .error()
                 .kind,
             ErrorKind::Forbidden);
    QVERIFY(run<Ok>([&](Work &work) { return throwaway.remove(work, m_admin, accounts); }).ok());
    QVERIFY(!classExists(made->classId));
    for (const Core::NewAccount &student : made->students)
        QVERIFY(!userExists(student.id));
    QVERIFY(classExists(own->id));
    QVERIFY(userExists(ownStudents->first().id));
    QVERIFY(userExists(m_teacher.userId));
    QVERIFY(userExists(m_admin.userId));
}

void TestThrowawayClass::anAccountThatBelongsElsewhereIsNeverRemoved()
{
    const Service::Classroom classroom(*m_auth);
    auto other = run<Core::ClassInfo>(
        [&](Work &work) { return classroom.createClass(work, m_teacher, u"6c"_s); });
    QVERIFY(other.ok());
    const auto made = create(m_admin, 2);
    QVERIFY(made.ok());
    const qint64 shared = made->students.first().id;
    QVERIFY(run<Core::ClassInfo>([&](Work &work) {
                return classroom.addMembers(work, m_teacher, other->id, {shared});
            }).ok());
    const Service::ThrowawayClass throwaway(*m_auth);
    const ThrowawayAccounts accounts = *made;
    const auto refused =
        run<Ok>([&](Work &work) { return throwaway.remove(work, m_admin, accounts); });
    QVERIFY(!refused.ok());
    QVERIFY(classExists(made->classId));
    for (const Core::NewAccount &student : made->students)
        QVERIFY(userExists(student.id));
}

QTEST_GUILESS_MAIN(TestThrowawayClass)
#include "tst_throwawayclass.moc"
