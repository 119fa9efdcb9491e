// SPDX-License-Identifier: AGPL-3.0-or-later
// Service::Projects, Assets and Backpack in-process on a real SQLite database: who may read,
// change and act for a student's projects (decided once, for both doors), the bounds of titles
// and backpack items, G1 through the service, trash/restore/purge and the quota refusal.

#include <algorithm>
#include <functional>
#include <memory>
#include <tuple>

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/service/assets.h"
#include "server/service/projects.h"
#include "server/service/runner.h"
#include "server/store/classstore.h"
#include "server/store/userstore.h"
#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

// Who is asking, in the order of the authorization tables below.
enum Who { Owner, Mate, Stranger, Teacher, OtherTeacher, Admin, WhoCount };

const char *const whoNames[] = {"owner",   "classmate",     "student of another class",
                                "teacher", "other teacher", "admin"};

// A 1x1 PNG.
const QByteArray tinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="_ba);

} // namespace

class TestProjects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void readIsForOwnerSharedTeachersAndAdmins_data();
    void readIsForOwnerSharedTeachersAndAdmins();
    void onlyTheOwnerChangesThroughTheApiRules_data();
    void onlyTheOwnerChangesThroughTheApiRules();
    void actingForAStudentIsForTheirTeacherAndAdmins_data();
    void actingForAStudentIsForTheirTeacherAndAdmins();
    void classExportListsOnlyTaughtClasses();

    void titlesAreCleanedAndBounded_data();
    void titlesAreCleanedAndBounded();
    void renameRefusesABlankTitle();
    void g1_saveNamesTheVersionItEdits();
    void restoreVersionForUsesTheCurrentVersion();
    void trashRestoreAndPurge();
    void quotaRefusesAndKeepsNothing();
    void shareReplacesTheSetAndRefusesForeignGroups();
    void backpackBounds_data();
    void backpackBounds();
    void assetsMustMatchTheirName();

private:
    template<typename T>
    Result<T> run(std::function<Result<T>(Service::Work &)> job)
    {
        return m_runner->runSync<T>(std::move(job));
    }
    Service::Projects projects() const { return Service::Projects(Core::QuotaPolicy{}); }
    // A new project of the owner's, version 1.
    qint64 newProject(const QString &title = u"Maze"_s);

    QTemporaryDir m_dir;
    std::unique_ptr<Test::PgTestDatabase> m_pg; // the *.pg run's database, dropped last
    std::unique_ptr<Db::ConnectionPool> m_pool;
    std::unique_ptr<Service::Runner> m_runner;
    Core::Caller m_callers[WhoCount];
    qint64 m_classA = 0;
    qint64 m_classB = 0;
};

void TestProjects::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // SQLite, or PostgreSQL in unit.service.projects.pg (#15).
    auto database = Test::testDatabase(m_dir.filePath(u"blockhaus.sqlite3"_s), m_pg);
    QVERIFY(database);
    Db::DbConfig config = *database;
    config.poolSize = 2;
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    m_runner = std::make_unique<Service::Runner>(*m_pool);
    auto migrated =
        m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
    QVERIFY2(migrated.ok(), migrated.ok() ? "" : qPrintable(migrated.error().message));

    auto made = run<Ok>([this](Service::Work &work) -> Result<Ok> {
        Db::Connection &db = work.connection();
        auto account = [&db](const QString &name, Core::Role role) -> Result<Core::Caller> {
            auto created = Store::UserStore::create(db, name, name, role, u"x"_s);
            if (!created)
                return created.error();
            auto user = Store::UserStore::user(db, created->id);
            if (!user)
                return user.error();
            return Core::Caller::of(*user);
        };
        for (auto [who, name, role] : {std::tuple{Teacher, u"teacher"_s, Core::Role::Teacher},
                                       std::tuple{OtherTeacher, u"other"_s, Core::Role::Teacher},
                                       std::tuple{Admin, u"boss"_s, Core::Role::Admin}}) {
            auto caller = account(name, role);
            if (!caller)
                return caller.error();
            m_callers[who] = *caller;
        }
        auto classA = Store::ClassStore::create(db, m_callers[Teacher], u"Class A"_s);
        auto classB = Store::ClassStore::create(db, m_callers[OtherTeacher], u"Class B"_s);
        if (!classA || !classB)
            return makeError(ErrorKind::Internal, u"no classes"_s);
        m_classA = classA->id;
        m_classB = classB->id;
        auto a = Store::ClassStore::addStudents(
            db, m_callers[Teacher], m_classA,
            {{u"Owen"_s, u"pw"_s, u"x"_s}, {u"Mia"_s, u"pw"_s, u"x"_s}});
        auto b = Store::ClassStore::addStudents(db, m_callers[OtherTeacher], m_classB,
                                                {{u"Sam"_s, u"pw"_s, u"x"_s}});
        if (!a || !b)
            return makeError(ErrorKind::Internal, u"no students"_s);
        for (auto [who, id] : {std::pair{Owner, a->at(0).id}, std::pair{Mate, a->at(1).id},
                               std::pair{Stranger, b->at(0).id}}) {
            auto user = Store::UserStore::user(db, id);
            if (!user)
                return user.error();
            m_callers[who] = Core::Caller::of(*user);
        }
        return Ok{};
    });
    QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
}

void TestProjects::cleanupTestCase()
{
    m_runner.reset();
    m_pool.reset();
}

qint64 TestProjects::newProject(const QString &title)
{
    const Core::Caller owner = m_callers[Owner];
    auto meta = run<Core::ProjectMeta>([this, owner, title](Service::Work &work) {
        return projects().create(work, owner, title, Test::scratchProject());
    });
    return meta ? meta->id : 0;
}

void TestProjects::readIsForOwnerSharedTeachersAndAdmins_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<bool>("shared"); // shared with class A first
    QTest::addColumn<bool>("allowed");
    for (int who = 0; who < WhoCount; ++who) {
        const bool byRole = who == Owner || who == Teacher || who == Admin;
        QTest::addRow("%s, not shared", whoNames[who]) << who << false << byRole;
        QTest::addRow("%s, shared with class A", whoNames[who])
            << who << true << (byRole || who == Mate);
    }
}

void TestProjects::readIsForOwnerSharedTeachersAndAdmins()
{
    QFETCH(int, who);
    QFETCH(bool, shared);
    QFETCH(bool, allowed);
    const qint64 id = newProject();
    QVERIFY(id);
    const Core::Caller owner = m_callers[Owner];
    const Core::Caller caller = m_callers[who];
    if (shared) {
        const qint64 group = m_classA;
        QVERIFY(run<Core::ProjectMeta>([&](Service::Work &work) {
                    return projects().share(work, owner, id, {group});
                }).ok());
    }
    auto content = run<Core::ProjectContent>(
        [&](Service::Work &work) { return projects().content(work, caller, id); });
    QCOMPARE(content.ok(), allowed);
    auto copy = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().copy(work, caller, id); });
    QCOMPARE(copy.ok(), allowed);
    if (!allowed)
        QCOMPARE(content.error().kind, ErrorKind::Forbidden);
    else
        QCOMPARE(copy->owner.id, caller.userId);
}

void TestProjects::onlyTheOwnerChangesThroughTheApiRules_data()
{
    QTest::addColumn<int>("who");
    for (int who = 0; who < WhoCount; ++who)
        QTest::addRow("%s", whoNames[who]) << who;
}

void TestProjects::onlyTheOwnerChangesThroughTheApiRules()
{
    QFETCH(int, who);
    const qint64 id = newProject();
    QVERIFY(id);
    const Core::Caller caller = m_callers[who];
    const bool allowed = who == Owner;
    auto saved = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().save(work, caller, id, 1, Test::scratchProject(), std::nullopt);
    });
    QCOMPARE(saved.ok(), allowed);
    auto thumbnail = run<Ok>(
        [&](Service::Work &work) { return projects().putThumbnail(work, caller, id, tinyPng); });
    QCOMPARE(thumbnail.ok(), allowed);
    // The API's version restore is the owner's too; acting for a student is another operation.
    auto restored = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().restoreVersion(work, caller, id, 1, allowed ? 2 : 1);
    });
    QCOMPARE(restored.ok(), allowed);
    auto trashed = run<Ok>([&](Service::Work &work) { return projects().trash(work, caller, id); });
    QCOMPARE(trashed.ok(), allowed);
    if (!allowed)
        QCOMPARE(trashed.error().kind, ErrorKind::Forbidden);
}

void TestProjects::actingForAStudentIsForTheirTeacherAndAdmins_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<bool>("allowed");
    for (int who = 0; who < WhoCount; ++who) {
        if (who != Owner)
            QTest::addRow("%s", whoNames[who]) << who << (who == Teacher || who == Admin);
    }
}

void TestProjects::actingForAStudentIsForTheirTeacherAndAdmins()
{
    QFETCH(int, who);
    QFETCH(bool, allowed);
    const qint64 id = newProject();
    QVERIFY(id);
    const Core::Caller owner = m_callers[Owner];
    const Core::Caller caller = m_callers[who];
    QVERIFY(run<Core::ProjectMeta>([&](Service::Work &work) {
                return projects().save(work, owner, id, 1, Test::scratchProject(), std::nullopt);
            }).ok());

    auto listed = run<QList<Service::StudentProject>>([&](Service::Work &work) {
        return projects().studentProjects(work, caller, owner.userId, false);
    });
    QCOMPARE(listed.ok(), allowed);
    auto restored = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().restoreVersionFor(work, caller, id, 1); });
    QCOMPARE(restored.ok(), allowed);
    if (allowed) {
        QCOMPARE(restored->version, 3);
        QCOMPARE(restored->owner.id, owner.userId);
    }
    QVERIFY(run<Ok>([&](Service::Work &work) { return projects().trash(work, owner, id); }).ok());
    auto back = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().restoreFromTrashFor(work, caller, id); });
    QCOMPARE(back.ok(), allowed);
    if (!allowed)
        QCOMPARE(back.error().kind, ErrorKind::Forbidden);
}

void TestProjects::classExportListsOnlyTaughtClasses()
{
    const qint64 id = newProject(u"For the export"_s);
    QVERIFY(id);
    const qint64 classA = m_classA;
    for (int who : {Teacher, Admin, OtherTeacher, Owner}) {
        const Core::Caller caller = m_callers[who];
        auto listed = run<QList<Service::ClassProject>>(
            [&](Service::Work &work) { return projects().classProjects(work, caller, classA); });
        QCOMPARE(listed.ok(), who == Teacher || who == Admin);
        if (listed) {
            const bool found = std::any_of(
                listed->cbegin(), listed->cend(),
                [id](const Service::ClassProject &project) { return project.projectId == id; });
            QVERIFY(found);
        }
    }
}

void TestProjects::titlesAreCleanedAndBounded_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");
    QTest::newRow("plain") << u"Maze"_s << u"Maze"_s;
    QTest::newRow("blank is Untitled") << u"   "_s << u"Untitled"_s;
    QTest::newRow("empty is Untitled") << QString() << u"Untitled"_s;
    QTest::newRow("whitespace simplified") << u"  a \t b  "_s << u"a b"_s;
    QTest::newRow("control characters go") << u"a\u0007b\u202e"_s << u"ab"_s;
    QTest::newRow("cut at 200") << QString(250, u'x') << QString(200, u'x');
}

void TestProjects::titlesAreCleanedAndBounded()
{
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    const Core::Caller owner = m_callers[Owner];
    auto meta = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().create(work, owner, typed, Test::scratchProject());
    });
    QVERIFY(meta.ok());
    QCOMPARE(meta->title, stored);
    auto saved = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().save(work, owner, meta->id, 1, Test::scratchProject(), typed);
    });
    QVERIFY(saved.ok());
    QCOMPARE(saved->title, stored);
}

void TestProjects::renameRefusesABlankTitle()
{
    const qint64 id = newProject();
    const Core::Caller owner = m_callers[Owner];
    auto blank = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().rename(work, owner, id, 1, u" \t "_s); });
    QVERIFY(!blank.ok());
    QCOMPARE(blank.error().kind, ErrorKind::BadRequest);
    auto renamed = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().rename(work, owner, id, 1, u" Cat "_s); });
    QVERIFY(renamed.ok());
    QCOMPARE(renamed->title, u"Cat"_s);
    QCOMPARE(renamed->version, 2);
}

void TestProjects::g1_saveNamesTheVersionItEdits()
{
    const qint64 id = newProject();
    const Core::Caller owner = m_callers[Owner];
    auto first = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().save(work, owner, id, 1, Test::scratchProject(), std::nullopt);
    });
    QVERIFY(first.ok());
    QCOMPARE(first->version, 2);
    auto stale = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().save(work, owner, id, 1, Test::scratchProject(), std::nullopt);
    });
    QVERIFY(!stale.ok());
    QCOMPARE(stale.error().kind, ErrorKind::PreconditionFailed);
    QCOMPARE(stale.error().extra.value(u"current_version"_s).toInt(), 2);
    QCOMPARE(stale.error().extra.value(u"updated_by"_s).toObject().value(u"id"_s).toInteger(),
             owner.userId);
    // Not a Scratch project: refused by the service before any write.
    auto broken = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().save(work, owner, id, 2, "{}"_ba, std::nullopt);
    });
    QCOMPARE(broken.error().kind, ErrorKind::Unprocessable);
}

void TestProjects::restoreVersionForUsesTheCurrentVersion()
{
    const qint64 id = newProject();
    const Core::Caller owner = m_callers[Owner];
    const Core::Caller teacher = m_callers[Teacher];
    QVERIFY(run<Core::ProjectMeta>([&](Service::Work &work) {
                return projects().save(work, owner, id, 1, Test::scratchProject({}, 0, u"two"_s),
                                       std::nullopt);
            }).ok());
    auto restored = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().restoreVersionFor(work, teacher, id, 1); });
    QVERIFY(restored.ok());
    auto versions = run<QList<Core::VersionInfo>>(
        [&](Service::Work &work) { return projects().versions(work, teacher, id); });
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 3);
    QCOMPARE(versions->first().savedBy.id, owner.userId); // saved as the owner would
    auto v1 = run<QByteArray>(
        [&](Service::Work &work) { return projects().versionContent(work, owner, id, 1); });
    auto v3 = run<QByteArray>(
        [&](Service::Work &work) { return projects().versionContent(work, owner, id, 3); });
    QVERIFY(v1.ok() && v3.ok());
    QCOMPARE(*v3, *v1);
}

void TestProjects::trashRestoreAndPurge()
{
    const qint64 id = newProject();
    const Core::Caller owner = m_callers[Owner];
    // Purge is only for the trash.
    auto early = run<Ok>([&](Service::Work &work) { return projects().purge(work, owner, id); });
    QCOMPARE(early.error().kind, ErrorKind::BadRequest);
    QVERIFY(run<Ok>([&](Service::Work &work) { return projects().trash(work, owner, id); }).ok());
    auto hidden = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().meta(work, owner, id); });
    QCOMPARE(hidden.error().kind, ErrorKind::NotFound);
    auto trash = run<QList<Core::ProjectMeta>>(
        [&](Service::Work &work) { return projects().listOwn(work, owner, true); });
    QVERIFY(trash.ok());
    QVERIFY(std::any_of(trash->cbegin(), trash->cend(),
                        [id](const Core::ProjectMeta &meta) { return meta.id == id; }));
    auto back = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().restore(work, owner, id); });
    QVERIFY(back.ok());
    QCOMPARE(back->version, 1); // trash and restore do not change the version
    QVERIFY(run<Ok>([&](Service::Work &work) { return projects().trash(work, owner, id); }).ok());
    QVERIFY(run<Ok>([&](Service::Work &work) { return projects().purge(work, owner, id); }).ok());
    auto gone = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().restore(work, owner, id); });
    QCOMPARE(gone.error().kind, ErrorKind::NotFound);
}

void TestProjects::quotaRefusesAndKeepsNothing()
{
    const Core::Caller owner = m_callers[Owner];
    const Core::Caller teacher = m_callers[Teacher];
    Core::QuotaPolicy tight;
    tight.studentBytes = 1; // the student already stores more than this
    const Service::Projects limited(tight);
    auto before = run<QList<Core::ProjectMeta>>(
        [&](Service::Work &work) { return limited.listOwn(work, owner, false); });
    QVERIFY(before.ok());
    auto refused = run<Core::ProjectMeta>([&](Service::Work &work) {
        return limited.create(work, owner, u"Big"_s, Test::scratchProject({}, 4000));
    });
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::QuotaExceeded);
    auto after = run<QList<Core::ProjectMeta>>(
        [&](Service::Work &work) { return limited.listOwn(work, owner, false); });
    QCOMPARE(after->size(), before->size());
    auto storage = run<Service::StorageFigures>(
        [&](Service::Work &work) { return limited.storage(work, owner); });
    QVERIFY(storage.ok());
    QCOMPARE(storage->quotaBytes, qint64(1));
    QVERIFY(storage->usedBytes > 1);
    // Teachers have no limit by default.
    auto staff = run<Core::ProjectMeta>([&](Service::Work &work) {
        return limited.create(work, teacher, u"Big"_s, Test::scratchProject({}, 4000));
    });
    QVERIFY(staff.ok());
}

void TestProjects::shareReplacesTheSetAndRefusesForeignGroups()
{
    const qint64 id = newProject();
    const Core::Caller owner = m_callers[Owner];
    const qint64 classA = m_classA;
    const qint64 classB = m_classB;
    auto shared = run<Core::ProjectMeta>([&](Service::Work &work) {
        return projects().share(work, owner, id, {classA, classA});
    });
    QVERIFY(shared.ok());
    QCOMPARE(shared->sharedWith.size(), 1);
    auto foreign = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().share(work, owner, id, {classB}); });
    QCOMPARE(foreign.error().kind, ErrorKind::Forbidden);
    auto unchanged = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().meta(work, owner, id); });
    QCOMPARE(unchanged->sharedWith.size(), 1);
    auto none = run<Core::ProjectMeta>(
        [&](Service::Work &work) { return projects().share(work, owner, id, {}); });
    QVERIFY(none.ok());
    QVERIFY(none->sharedWith.isEmpty());
}

void TestProjects::backpackBounds_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("mime");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("thumbnail");
    QTest::addColumn<int>("kind"); // -1: accepted
    const QByteArray svg = Test::svgAsset(7);
    QTest::newRow("costume") << u"costume"_s << u"image/svg+xml"_s << svg << tinyPng << -1;
    QTest::newRow("unknown type") << u"hat"_s << u"image/svg+xml"_s << svg << tinyPng
                                  << int(ErrorKind::BadRequest);
    QTest::newRow("unknown mime") << u"costume"_s << u"text/html"_s << svg << tinyPng
                                  << int(ErrorKind::UnsupportedMediaType);
    // The body's size is checked before the thumbnail's type.
    QTest::newRow("too large, thumbnail no picture")
        << u"costume"_s << u"image/svg+xml"_s << QByteArray(2048, 'x') << "AAAA"_ba
        << int(ErrorKind::PayloadTooLarge);
    QTest::newRow("thumbnail no picture") << u"costume"_s << u"image/svg+xml"_s << svg << "AAAA"_ba
                                          << int(ErrorKind::UnsupportedMediaType);
}

void TestProjects::backpackBounds()
{
    QFETCH(QString, type);
    QFETCH(QString, mime);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, thumbnail);
    QFETCH(int, kind);
    const Core::Caller owner = m_callers[Owner];
    const Service::Backpack backpack(Core::QuotaPolicy{}, 1024);
    auto item = run<Core::BackpackItem>([&](Service::Work &work) {
        return backpack.add(work, owner, {type, mime, u"  "_s, body, thumbnail});
    });
    if (kind < 0) {
        QVERIFY(item.ok());
        QCOMPARE(item->name, type); // a blank name is the type
        auto mine = run<QList<Core::BackpackItem>>(
            [&](Service::Work &work) { return backpack.list(work, owner, 500, 0); });
        QVERIFY(mine.ok());
        auto others = run<Ok>(
            [&](Service::Work &work) { return backpack.remove(work, m_callers[Mate], item->id); });
        QCOMPARE(others.error().kind, ErrorKind::NotFound);
    } else {
        QVERIFY(!item.ok());
        QCOMPARE(int(item.error().kind), kind);
    }
    auto negative = run<QList<Core::BackpackItem>>(
        [&](Service::Work &work) { return backpack.list(work, owner, -1, 0); });
    QCOMPARE(negative.error().kind, ErrorKind::BadRequest);
}

void TestProjects::assetsMustMatchTheirName()
{
    const Core::Caller owner = m_callers[Owner];
    const Core::Caller mate = m_callers[Mate];
    const Service::Assets assets{Core::QuotaPolicy{}};
    const QByteArray svg = Test::svgAsset(11);
    const QString md5 = QString::fromLatin1(Test::md5Hex(svg));
    auto wrong = run<Core::AssetPutResult>(
        [&](Service::Work &work) { return assets.put(work, owner, md5, u"svg"_s, svg + ' '); });
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().kind, ErrorKind::Unprocessable);
    // G6: the same bytes twice are one asset; the second upload stores nothing.
    auto first = run<Core::AssetPutResult>(
        [&](Service::Work &work) { return assets.put(work, owner, md5, u"svg"_s, svg); });
    auto second = run<Core::AssetPutResult>(
        [&](Service::Work &work) { return assets.put(work, mate, md5, u"svg"_s, svg); });
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first->created);
    QVERIFY(!second->created);
    QCOMPARE(second->assetId, first->assetId);
    auto read = run<Core::AssetData>(
        [&](Service::Work &work) { return assets.get(work, mate, md5, u"svg"_s); });
    QVERIFY(read.ok());
    QCOMPARE(read->data, svg);
}

QTEST_GUILESS_MAIN(TestProjects)
#include "tst_projects.moc"
