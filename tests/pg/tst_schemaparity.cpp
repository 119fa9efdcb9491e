// SPDX-License-Identifier: AGPL-3.0-or-later
// One source of truth for the schema (#15): the numbered migrations of server/db/schema/sqlite
// and server/db/schema/postgres are run by the same Db::Migrations, each through a real
// Db::ConnectionPool (QSQLITE on a file, QPSQL on the test cluster), and the two resulting
// schemas must have the same migrations, tables, columns (kind of value, NOT NULL, primary key),
// unique keys (case-insensitive where SQLite says COLLATE NOCASE), index names and triggers.
// SQLite's case-insensitive uniqueness is checked by behaviour too.
#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/db/sql.h"
#include "tests/support/pgdatabase.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

// The kind of value a column holds, as both databases store it.
QString valueKind(const QString &declared)
{
    const QString type = declared.toLower();
    if (type == u"integer"_s || type == u"bigint"_s || type == u"smallint"_s)
        return u"integer"_s;
    if (type == u"text"_s)
        return u"text"_s;
    if (type == u"blob"_s || type == u"bytea"_s)
        return u"blob"_s;
    return u"other:"_s + type;
}

// The rows of a query with fieldCount columns, each row as its fields joined with '|'.
Result<QStringList> rows(Db::Connection &db, int fieldCount, const QString &sql,
                         const QVariantList &binds = {})
{

    Db::Sql query(db, sql);
    for (const QVariant &value : binds)
        query.bind(value);
    if (!query.exec())
        return query.error();
    QStringList out;
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < fieldCount; ++i)
            fields << query.value(i).toString();
        out << fields.join(u'|');
    }
    return out;
}

// Lines describing the SQLite schema, sorted.
Result<QStringList> sqliteSchema(Db::Connection &db)
{
    QStringList lines;
    auto tables = rows(db, 1,
                       u"SELECT name FROM sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%' ORDER BY name"_s);
    if (!tables)
        return tables.error();
    for (const QString &table : *tables) {
        lines << u"table "_s + table;
        auto columns =
            rows(db, 4, u"SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)"_s, {table});
        if (!columns)
            return columns.error();
        for (const QString &row : *columns) {
            const QStringList f = row.split(u'|');
            // A primary key column never holds NULL (SQLite's INTEGER PRIMARY KEY is the rowid).
            const bool notNull = f.at(2) == u"1"_s || f.at(3) != u"0"_s;
            lines << u"column %1.%2 %3%4%5"_s.arg(
                table, f.at(0), valueKind(f.at(1)), notNull ? u" not null"_s : QString(),
                f.at(3) != u"0"_s ? u" pk"_s + f.at(3) : QString());
        }
        // Unique keys: constraints (origin u) and unique indexes (origin c), with NOCASE marked.
        auto uniques =
            rows(db, 1,
                 u"SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'"_s,
                 {table});
        if (!uniques)
            return uniques.error();
        for (const QString &index : *uniques) {
            auto keys = rows(db, 2,
                             u"SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 "
                             "ORDER BY seqno"_s,
                             {index});
            if (!keys)
                return keys.error();
            QStringList parts;
            for (const QString &key : *keys) {
                const QStringList f = key.split(u'|');
                parts << f.at(0)
                        + (f.value(1).compare(u"NOCASE"_s, Qt::CaseInsensitive) == 0 ? u" nocase"_s
                                                                                     : QString());
            }
            lines << u"unique %1(%2)"_s.arg(table, parts.join(u", "_s));
        }
    }
    auto indexes = rows(db, 2,
                        u"SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                        "AND sql IS NOT NULL"_s);
    if (!indexes)
        return indexes.error();
    for (const QString &row : *indexes)
        lines << u"index %1 on %2"_s.arg(row.section(u'|', 0, 0), row.section(u'|', 1, 1));
    auto triggers =
        rows(db, 2, u"SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"_s);
    if (!triggers)
        return triggers.error();
    for (const QString &row : *triggers)
        lines << u"trigger %1 on %2"_s.arg(row.section(u'|', 0, 0), row.section(u'|', 1, 1));
    lines.sort();
    return lines;
}

// PostgreSQL's stand-ins for a SQLite UNIQUE constraint on a COLLATE NOCASE column: unique
// expression indexes on lower(...), which have a name in PostgreSQL but none in SQLite.
const QSet<QString> nocaseStandIns{u"users_username_nocase"_s};

Result<QStringList> postgresSchema(Db::Connection &db)
{
    QStringList lines;
    auto tables = rows(db, 1,
                       u"SELECT table_name FROM information_schema.tables WHERE "
                       "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                       "ORDER BY table_name"_s);
    if (!tables)
        return tables.error();
    for (const QString &table : *tables) {
        lines << u"table "_s + table;
        auto columns = rows(
            db, 4,
            u"SELECT c.column_name, c.data_type, c.is_nullable, "
            "COALESCE((SELECT k.ordinal_position FROM information_schema.table_constraints t "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
            "AND k.table_schema = t.table_schema AND k.table_name = t.table_name "
            "WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema "
            "AND t.table_name = c.table_name AND k.column_name = c.column_name), 0) "
            "FROM information_schema.columns c WHERE c.table_schema = current_schema() "
            "AND c.table_name = ? ORDER BY c.ordinal_position"_s,
            {table});
        if (!columns)
            return columns.error();
        for (const QString &row : *columns) {
            const QStringList f = row.split(u'|');
            lines << u"column %1.%2 %3%4%5"_s.arg(
                table, f.at(0), valueKind(f.at(1)), f.at(2) == u"NO"_s ? u" not null"_s : QString(),
                f.at(3) != u"0"_s ? u" pk"_s + f.at(3) : QString());
        }
        // Every unique index but the primary key's, its keys as pg_get_indexdef writes them.
        auto uniques = rows(db, 2,
                            u"SELECT i.relname, ix.indnkeyatts FROM pg_index ix "
                            "JOIN pg_class i ON i.oid = ix.indexrelid "
                            "JOIN pg_class t ON t.oid = ix.indrelid "
                            "WHERE t.relname = ? AND t.relnamespace = (SELECT oid FROM "
                            "pg_namespace WHERE nspname = current_schema()) "
                            "AND ix.indisunique AND NOT ix.indisprimary"_s,
                            {table});
        if (!uniques)
            return uniques.error();
        static const QRegularExpression lowered(u"^lower\\(\\(?([a-z_]+)\\)?\\)$"_s);
        for (const QString &row : *uniques) {
            const QString index = row.section(u'|', 0, 0);
            const int keys = row.section(u'|', 1, 1).toInt();
            QStringList parts;
            for (int k = 1; k <= keys; ++k) {
                auto key =
                    rows(db, 1, u"SELECT pg_get_indexdef(?::regclass, ?, true)"_s, {index, k});
                if (!key || key->isEmpty())
                    return key ? makeError(ErrorKind::Internal, u"no key"_s) : key.error();
                const auto match = lowered.match(key->first());
                parts << (match.hasMatch() ? match.captured(1) + u" nocase"_s : key->first());
            }
            lines << u"unique %1(%2)"_s.arg(table, parts.join(u", "_s));
        }
    }
    // Indexes a migration named (not those behind a PRIMARY KEY or UNIQUE constraint).
    auto indexes = rows(
        db, 2,
        u"SELECT i.relname, t.relname FROM pg_index ix "
        "JOIN pg_class i ON i.oid = ix.indexrelid "
        "JOIN pg_class t ON t.oid = ix.indrelid "
        "WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conindid = ix.indexrelid)"_s);
    if (!indexes)
        return indexes.error();
    for (const QString &row : *indexes) {
        if (!nocaseStandIns.contains(row.section(u'|', 0, 0)))
            lines << u"index %1 on %2"_s.arg(row.section(u'|', 0, 0), row.section(u'|', 1, 1));
    }
    auto triggers = rows(
        db, 2,
        u"SELECT tg.tgname, c.relname FROM pg_trigger tg "
        "JOIN pg_class c ON c.oid = tg.tgrelid "
        "WHERE NOT tg.tgisinternal "
        "AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"_s);
    if (!triggers)
        return triggers.error();
    for (const QString &row : *triggers)
        lines << u"trigger %1 on %2"_s.arg(row.section(u'|', 0, 0), row.section(u'|', 1, 1));
    lines.sort();
    return lines;
}

// What is in `a` and not in `b`, for a readable failure.
QStringList missingFrom(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &line : a) {
        if (!b.contains(line))
            out << line;
    }
    return out;
}

} // namespace

class TestSchemaParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameMigrationFiles();
    void sameSchema();
    void usernamesAreUniqueIgnoringCase_data();
    void usernamesAreUniqueIgnoringCase();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Test::PgTestDatabase> m_pg;
    std::unique_ptr<Db::ConnectionPool> m_sqlitePool;
    std::unique_ptr<Db::ConnectionPool> m_pgPool;
};

void TestSchemaParity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pg = std::make_unique<Test::PgTestDatabase>();
    QVERIFY2(m_pg->isValid(), qPrintable(m_pg->errorText()));

    Db::DbConfig sqlite;
    sqlite.sqlitePath = m_dir.filePath(u"blockhaus.sqlite3"_s);
    sqlite.poolSize = 1;
    m_sqlitePool = std::make_unique<Db::ConnectionPool>(sqlite);
    Db::DbConfig postgres = m_pg->config();
    postgres.poolSize = 1;
    m_pgPool = std::make_unique<Db::ConnectionPool>(postgres);
    for (Db::ConnectionPool *pool : {m_sqlitePool.get(), m_pgPool.get()}) {
        const auto migrated =
            pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
        QVERIFY2(migrated.ok(), qPrintable(migrated ? QString() : migrated.error().message));
        QCOMPARE(*migrated, Db::Migrations::latestVersion(pool->driver()));
    }
}

void TestSchemaParity::sameMigrationFiles()
{
    const QStringList sqlite = QDir(u":/blockhaus/schema/sqlite"_s).entryList(QDir::Files);
    const QStringList postgres = QDir(u":/blockhaus/schema/postgres"_s).entryList(QDir::Files);
    QVERIFY(!sqlite.isEmpty());
    QCOMPARE(postgres, sqlite);
    QCOMPARE(Db::Migrations::latestVersion(Db::Driver::Postgres),
             Db::Migrations::latestVersion(Db::Driver::Sqlite));
}

void TestSchemaParity::sameSchema()
{
    const auto sqlite =
        m_sqlitePool->runSync<QStringList>([](Db::Connection &db) { return sqliteSchema(db); });
    QVERIFY2(sqlite.ok(), qPrintable(sqlite ? QString() : sqlite.error().message));
    const auto postgres =
        m_pgPool->runSync<QStringList>([](Db::Connection &db) { return postgresSchema(db); });
    QVERIFY2(postgres.ok(), qPrintable(postgres ? QString() : postgres.error().message));
    QVERIFY(sqlite->contains(u"table projects"_s));
    QVERIFY(sqlite->contains(u"unique users(username nocase)"_s));
    const QStringList onlySqlite = missingFrom(*sqlite, *postgres);
    const QStringList onlyPostgres = missingFrom(*postgres, *sqlite);
    QVERIFY2(onlySqlite.isEmpty() && onlyPostgres.isEmpty(),
             qPrintable(u"\nonly in SQLite:\n  %1\nonly in PostgreSQL:\n  %2"_s.arg(
                 onlySqlite.join(u"\n  "_s), onlyPostgres.join(u"\n  "_s))));
}

void TestSchemaParity::usernamesAreUniqueIgnoringCase_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestSchemaParity::usernamesAreUniqueIgnoringCase()
{
    QFETCH(bool, postgres);
    Db::ConnectionPool &pool = postgres ? *m_pgPool : *m_sqlitePool;
    const auto outcome = pool.runSync<QString>([](Db::Connection &db) -> Result<QString> {
        const QString insert = u"INSERT INTO users (username, display_name, role, password_hash, "
                               "created_at) VALUES ('%1', 'Ann', 'student', 'x', 't')"_s;
        QSqlError error;
        if (!db.execRaw(insert.arg(u"Ann.Parity"_s), &error))
            return QString(u"first insert failed: "_s + error.text());
        if (db.execRaw(insert.arg(u"ann.PARITY"_s), &error))
            return u"a second user differing only in case was accepted"_s;
        if (!db.dialect().isUniqueViolation(error))
            return QString(u"not a unique violation: "_s + error.text());
        return u"refused"_s;
    });
    QVERIFY(outcome.ok());
    QCOMPARE(*outcome, u"refused"_s);
}

void TestSchemaParity::cleanupTestCase()
{
    // The pools close their connections before the database is dropped.
    m_pgPool.reset();
    m_sqlitePool.reset();
    m_pg.reset();
}

QTEST_GUILESS_MAIN(TestSchemaParity)
#include "tst_schemaparity.moc"
