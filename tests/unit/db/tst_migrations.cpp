// SPDX-License-Identifier: AGPL-3.0-or-later
// Db::Migrations on SQLite: from an empty file to the latest schema, idempotence, the
// schema_meta record, foreign keys, and refusal of a database written by a newer build.
#include <memory>

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connection.h"
#include "server/db/groupcommitter.h"
#include "server/db/migrations.h"
#include "server/db/poolcounters.h"
#include "server/db/sql.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

// One connection on the test thread to a fresh database file in its own temporary directory.
class TestDatabase
{
public:
    TestDatabase()
        : m_gate(1)
    {
        m_config.driver = Db::Driver::Sqlite;
        m_config.sqlitePath = m_dir.filePath(u"blockhaus.sqlite"_s);
        static int serial = 0;
        m_connection = std::make_unique<Db::Connection>(u"tst_migrations-%1"_s.arg(++serial),
                                                        m_config, &m_counters, &m_gate);
        QString error;
        m_opened = m_dir.isValid() && m_connection->open(&error);
        if (!m_opened)
            qWarning() << "cannot open the test database:" << error;
    }

    bool opened() const { return m_opened; }
    Db::Connection &connection() { return *m_connection; }

    // Table names, sorted, as SQLite lists them (internal sqlite_ tables left out).
    QStringList tables()
    {
        return strings(u"SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%' ORDER BY name"_s);
    }
    // Every schema object with its SQL, to compare the schema before and after.
    QStringList schema()
    {
        return strings(u"SELECT type || ' ' || name || ' ' || coalesce(sql, '') "
                       "FROM sqlite_master ORDER BY type, name"_s);
    }
    QStringList strings(const QString &sql)
    {
        QStringList out;
        Db::Sql query(*m_connection, sql);
        if (!query.exec())
            return {u"<error>"_s};
        while (query.next())
            out << query.value(0).toString();
        return out;
    }
    QVariant scalar(const QString &sql)
    {
        Db::Sql query(*m_connection, sql);
        if (!query.exec() || !query.next())
            return {};
        return query.value(0);
    }
    bool exec(const QString &sql) { return m_connection->execRaw(sql); }

private:
    QTemporaryDir m_dir;
    Db::DbConfig m_config;
    Db::PoolCounters m_counters;
    Db::GroupCommitter m_gate;
    std::unique_ptr<Db::Connection> m_connection;
    bool m_opened = false;
};

const QStringList schemaTables{
    u"assets"_s,
    u"assignment_copies"_s, // 0008 (#16)
    u"assignments"_s,
    u"backpack_items"_s,
    u"class_live_state"_s, // 0009 (#16)
    u"cloud_variables"_s, // 0011 (#16)
    u"collection_items"_s, // 0009
    u"collections"_s, // 0009
    u"comment_reads"_s, // 0010 (#16)
    u"conflict_log"_s,
    u"external_groups"_s,
    u"external_identities"_s,
    u"groups"_s,
    u"help_requests"_s,
    u"import_map"_s,
    u"live_send_copies"_s, // 0009
    u"live_sends"_s, // 0009
    u"memberships"_s,
    u"oidc_pending_logins"_s,
    u"presence"_s,
    u"project_comments"_s,
    u"project_shares"_s,
    u"project_thumbnails"_s,
    u"project_versions"_s,
    u"projects"_s,
    u"roster_revision"_s,
    u"save_activity"_s,
    u"schema_meta"_s,
    u"sessions"_s,
    u"storage_usage"_s,
    u"throttle_state"_s,
    u"users"_s,
};

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void buildKnowsAtLeastOneVersion();
    void emptyDatabaseIsVersionZero();
    void migratesEmptyDatabaseToLatest();
    void recordsVersionInSchemaMeta();
    void migratingTwiceIsANoOp();
    void migratesFromEveryOlderVersion_data();
    void migratesFromEveryOlderVersion();
    void everySchemaTableExists_data();
    void everySchemaTableExists();
    void createsNoUnexpectedTables();
    void foreignKeysAreOnAndEnforced();
    void classNamesBecomeUniquePerTeacherKeepingMembersAndShares();
    void rosterRevisionMovesWithAccountsClassesAndMembersOnly();
    void refusesNewerSchemaAndLeavesItUntouched();
    void storageUsageIsBackfilledAndKeptByTriggers();
};

void TestMigrations::buildKnowsAtLeastOneVersion()
{
    QVERIFY(Db::Migrations::latestVersion(Db::Driver::Sqlite) >= 1);
}

void TestMigrations::emptyDatabaseIsVersionZero()
{
    TestDatabase db;
    QVERIFY(db.opened());
    const auto version = Db::Migrations::currentVersion(db.connection());
    QVERIFY(version.ok());
    QCOMPARE(*version, 0);
}

void TestMigrations::migratesEmptyDatabaseToLatest()
{
    TestDatabase db;
    QVERIFY(db.opened());
    const int latest = Db::Migrations::latestVersion(Db::Driver::Sqlite);
    const auto migrated = Db::Migrations::migrate(db.connection());
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    QCOMPARE(*migrated, latest);
    const auto current = Db::Migrations::currentVersion(db.connection());
    QVERIFY(current.ok());
    QCOMPARE(*current, latest);
}

void TestMigrations::recordsVersionInSchemaMeta()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    QCOMPARE(
        db.strings(u"SELECT key || '=' || value FROM schema_meta"_s),
        QStringList{u"schema_version=%1"_s.arg(Db::Migrations::latestVersion(Db::Driver::Sqlite))});
}

void TestMigrations::migratingTwiceIsANoOp()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    const QStringList schemaBefore = db.schema();
    const QStringList metaBefore = db.strings(u"SELECT key || '=' || value FROM schema_meta"_s);
    // SQLite's schema cookie changes with every schema change, even one that leaves the
    // same text behind.
    const QVariant cookieBefore = db.scalar(u"PRAGMA schema_version"_s);

    const auto again = Db::Migrations::migrate(db.connection());
    QVERIFY(again.ok());
    QCOMPARE(*again, Db::Migrations::latestVersion(Db::Driver::Sqlite));
    QCOMPARE(db.schema(), schemaBefore);
    QCOMPARE(db.strings(u"SELECT key || '=' || value FROM schema_meta"_s), metaBefore);
    QCOMPARE(db.scalar(u"PRAGMA schema_version"_s), cookieBefore);
}

void TestMigrations::migratesFromEveryOlderVersion_data()
{
    QTest::addColumn<int>("from");
    const int latest = Db::Migrations::latestVersion(Db::Driver::Sqlite);
    for (int version = 0; version < latest; ++version)
        QTest::addRow("from %d", version) << version;
}

void TestMigrations::migratesFromEveryOlderVersion()
{
    QFETCH(int, from);
    const int latest = Db::Migrations::latestVersion(Db::Driver::Sqlite);
    TestDatabase db;
    QVERIFY(db.opened());
    const auto partial = Db::Migrations::migrate(db.connection(), from);
    QVERIFY(partial.ok());
    QCOMPARE(*partial, from);
    QCOMPARE(*Db::Migrations::currentVersion(db.connection()), from);

    const auto migrated = Db::Migrations::migrate(db.connection());
    QVERIFY(migrated.ok());
    QCOMPARE(*migrated, latest);
    QCOMPARE(*Db::Migrations::currentVersion(db.connection()), latest);
    QCOMPARE(db.tables(), schemaTables);
}

void TestMigrations::everySchemaTableExists_data()
{
    QTest::addColumn<QString>("table");
    for (const QString &table : schemaTables)
        QTest::addRow("%s", qPrintable(table)) << table;
}

void TestMigrations::everySchemaTableExists()
{
    QFETCH(QString, table);
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    QVERIFY2(db.tables().contains(table), qPrintable(db.tables().join(u", "_s)));
    // The table is usable, not only listed.
    QVERIFY(db.scalar(u"SELECT count(*) FROM "_s + table).isValid());
}

void TestMigrations::createsNoUnexpectedTables()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    QCOMPARE(db.tables(), schemaTables);
}

void TestMigrations::foreignKeysAreOnAndEnforced()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    QCOMPARE(db.scalar(u"PRAGMA foreign_keys"_s).toInt(), 1);
    QVERIFY(db.strings(u"PRAGMA foreign_key_check"_s).isEmpty());
    // A membership of a user and class that do not exist violates both references.
    QVERIFY(!db.exec(u"INSERT INTO memberships (group_id, user_id) VALUES (4711, 4712)"_s));
    QCOMPARE(db.scalar(u"SELECT count(*) FROM memberships"_s).toInt(), 0);
}

void TestMigrations::classNamesBecomeUniquePerTeacherKeepingMembersAndShares()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection(), 1).ok());
    const QStringList rows = {
        u"INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES "
        "(1, 'frau.k', 'Frau K', 'teacher', 'x', 't'), (2, 'herr.m', 'Herr M', 'teacher', 'x', "
        "'t'), (3, 'anna', 'Anna', 'student', 'x', 't')"_s,
        u"INSERT INTO groups (id, name, join_code, created_by, created_at) VALUES "
        "(7, '5b', 'ABC123', 1, 't')"_s,
        u"INSERT INTO memberships (group_id, user_id, teaches) VALUES (7, 1, 1), (7, 3, 0)"_s,
        u"INSERT INTO projects (id, owner_id, title, created_at, updated_at, updated_by) VALUES "
        "(9, 3, 'Cat', 't', 't', 3)"_s,
        u"INSERT INTO project_shares (project_id, group_id) VALUES (9, 7)"_s,
    };
    for (const QString &row : rows)
        QVERIFY2(db.exec(row), qPrintable(row));
    // Schema 1: one "5b" per server.
    QVERIFY(!db.exec(u"INSERT INTO groups (name, join_code, created_by, created_at) VALUES "
                     "('5B', 'DEF456', 2, 't')"_s));

    const auto migrated = Db::Migrations::migrate(db.connection());
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
    // The rebuild kept the class, its members and its shares (no cascade), and foreign keys
    // are on again.
    QCOMPARE(db.strings(u"SELECT id || ':' || name || ':' || join_code FROM groups"_s),
             QStringList{u"7:5b:ABC123"_s});
    QCOMPARE(db.scalar(u"SELECT count(*) FROM memberships WHERE group_id = 7"_s).toInt(), 2);
    QCOMPARE(db.scalar(u"SELECT count(*) FROM project_shares WHERE group_id = 7"_s).toInt(), 1);
    QCOMPARE(db.scalar(u"PRAGMA foreign_keys"_s).toInt(), 1);
    QVERIFY(db.strings(u"PRAGMA foreign_key_check"_s).isEmpty());
    // Another teacher may have a "5b" too; the same teacher may not (names ignore case).
    QVERIFY(db.exec(u"INSERT INTO groups (name, join_code, created_by, created_at) VALUES "
                    "('5B', 'DEF456', 2, 't')"_s));
    QVERIFY(!db.exec(u"INSERT INTO groups (name, join_code, created_by, created_at) VALUES "
                     "('5B', 'GHI789', 1, 't')"_s));
    QVERIFY(!db.exec(u"INSERT INTO memberships (group_id, user_id) VALUES (4711, 3)"_s));
}

void TestMigrations::rosterRevisionMovesWithAccountsClassesAndMembersOnly()
{
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());
    const auto revision = [&db] {
        return db.scalar(u"SELECT revision FROM roster_revision"_s).toLongLong();
    };
    qint64 last = revision();
    const auto moves = [&](const QString &sql) {
        if (!db.exec(sql))
            return false;
        const qint64 now = revision();
        const bool moved = now > last;
        last = now;
        return moved;
    };
    QVERIFY(moves(u"INSERT INTO users (id, username, display_name, role, password_hash, "
                  "created_at) VALUES (1, 'ada', 'Ada', 'student', 'x', 't')"_s));
    QVERIFY(moves(u"INSERT INTO groups (id, name, join_code, created_by, created_at) VALUES "
                  "(2, '5b', 'ABC123', 1, 't')"_s));
    QVERIFY(moves(u"INSERT INTO memberships (group_id, user_id) VALUES (2, 1)"_s));
    QVERIFY(moves(u"UPDATE users SET display_name = 'Ada L.' WHERE id = 1"_s));
    QVERIFY(moves(u"UPDATE groups SET join_open = 0 WHERE id = 2"_s));
    // Presence flushes and password resets are not roster changes.
    QVERIFY(!moves(u"UPDATE users SET last_seen = 'now' WHERE id = 1"_s));
    QVERIFY(!moves(u"UPDATE users SET password_hash = 'y' WHERE id = 1"_s));
    QVERIFY(moves(u"DELETE FROM memberships WHERE user_id = 1"_s));
}

void TestMigrations::refusesNewerSchemaAndLeavesItUntouched()
{
    TestDatabase db;
    QVERIFY(db.opened());
    const int latest = Db::Migrations::latestVersion(Db::Driver::Sqlite);
    const int newer = latest + 1;
    // A database from a future build: only its schema_meta is here, claiming a newer version.
    QVERIFY(db.exec(u"CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s));
    QVERIFY(db.exec(
        u"INSERT INTO schema_meta (key, value) VALUES ('schema_version', '%1')"_s.arg(newer)));
    const QStringList schemaBefore = db.schema();

    const auto migrated = Db::Migrations::migrate(db.connection());
    QVERIFY(!migrated.ok());
    const QString message = migrated.error().message;
    QVERIFY2(message.contains(u"newer"_s), qPrintable(message));
    QVERIFY2(message.contains(QString::number(newer)), qPrintable(message));
    QVERIFY2(message.contains(QString::number(latest)), qPrintable(message));
    QVERIFY2(message.contains(u"update"_s, Qt::CaseInsensitive), qPrintable(message));

    QCOMPARE(db.schema(), schemaBefore);
    QCOMPARE(db.tables(), QStringList{u"schema_meta"_s});
    QCOMPARE(*Db::Migrations::currentVersion(db.connection()), newer);
}

void TestMigrations::storageUsageIsBackfilledAndKeptByTriggers()
{
    // Migration 0004 (issue #12): the bytes each user stores, counted from what a build without
    // quotas wrote, then kept by triggers on every write.
    TestDatabase db;
    QVERIFY(db.opened());
    QVERIFY(Db::Migrations::migrate(db.connection(), 1).ok());
    QVERIFY(db.exec(u"INSERT INTO users (id, username, display_name, role, password_hash, "
                    "created_at) VALUES (1, 'ann', 'Ann', 'student', 'x', 't'), "
                    "(2, 'ben', 'Ben', 'student', 'x', 't')"_s));
    QVERIFY(db.exec(u"INSERT INTO projects (id, owner_id, title, version, created_at, updated_at, "
                    "updated_by) VALUES (10, 1, 'P', 2, 't', 't', 1)"_s));
    QVERIFY(db.exec(u"INSERT INTO project_versions VALUES (10, 1, zeroblob(100), 100, 't', 1), "
                    "(10, 2, zeroblob(150), 150, 't', 1)"_s));
    QVERIFY(
        db.exec(u"INSERT INTO project_thumbnails VALUES (10, 'image/png', zeroblob(30), 't')"_s));
    QVERIFY(db.exec(u"INSERT INTO assets (md5, data_format, data, size, created_at, created_by) "
                    "VALUES ('a', 'svg', zeroblob(40), 40, 't', 1), "
                    "('b', 'svg', zeroblob(7), 7, 't', NULL)"_s));
    QVERIFY(db.exec(u"INSERT INTO backpack_items VALUES "
                    "('i1', 2, 'costume', 'Cat', 'image/png', 1, 1, 't', 1)"_s));
    QVERIFY(Db::Migrations::migrate(db.connection()).ok());

    const QString usage = u"SELECT group_concat(user_id || '=' || used_bytes, ',') FROM "
                          "(SELECT * FROM storage_usage ORDER BY user_id)"_s;
    // Ann: two versions, the thumbnail, the asset she stored first. Ben: his backpack item's
    // text (7 + 3 + 9); its body asset is Ann's.
    QCOMPARE(db.scalar(usage).toString(), u"1=320,2=19"_s);

    const QList<std::pair<QString, QString>> steps{
        {u"INSERT INTO project_versions VALUES (10, 3, zeroblob(50), 50, 't', 1)"_s,
         u"1=370,2=19"_s},
        {u"UPDATE project_thumbnails SET data = zeroblob(60) WHERE project_id = 10"_s,
         u"1=400,2=19"_s},
        {u"DELETE FROM project_versions WHERE project_id = 10 AND version = 1"_s, u"1=300,2=19"_s},
        {u"INSERT INTO assets (md5, data_format, data, size, created_at, created_by) "
         "VALUES ('c', 'wav', zeroblob(5), 5, 't', 2)"_s,
         u"1=300,2=24"_s},
        {u"DELETE FROM backpack_items WHERE id = 'i1'"_s, u"1=300,2=5"_s},
        // A purge: the versions and the thumbnail go by cascade, counted exactly once.
        {u"DELETE FROM projects WHERE id = 10"_s, u"1=40,2=5"_s},
    };
    for (const auto &[statement, expected] : steps) {
        QVERIFY2(db.exec(statement), qPrintable(statement));
        QCOMPARE(db.scalar(usage).toString(), expected);
    }
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
