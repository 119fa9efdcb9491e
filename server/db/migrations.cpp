// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/migrations.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>

#include "server/db/dblog.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

QString schemaFolder(Driver driver)
{
    return driver == Driver::Sqlite ? u":/blockhaus/schema/sqlite"_s
                                    : u":/blockhaus/schema/postgres"_s;
}

// Migration files sorted by their number prefix (0001_name.sql).
QStringList migrationFiles(Driver driver)
{
    QDir dir(schemaFolder(driver));
    QStringList files = dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (QString &file : files)
        file = dir.filePath(file);
    return files;
}

// Splits a script into statements at semicolons that end a line; comments are dropped.
QStringList statementsOf(const QString &script)
{
    QStringList statements;
    QString current;
    for (const QString &line : script.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"--"_s) || trimmed.isEmpty())
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

} // namespace

int Migrations::latestVersion(Driver driver)
{
    return static_cast<int>(migrationFiles(driver).size());
}

namespace {
// PostgreSQL advisory lock key of the migrations: any number, the same in every process.
constexpr qint64 migrationLockKey = 0x626c6b6d; // "blkm"
} // namespace

Result<int> Migrations::currentVersion(Connection &connection)
{
    if (!connection.execRaw(
            u"CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s))
        return makeError(ErrorKind::Internal, u"Cannot create the schema_meta table."_s);
    Sql query(connection, u"SELECT value FROM schema_meta WHERE key = 'schema_version'"_s);
    if (!query.exec())
        return query.error();
    if (!query.next())
        return 0;
    return query.value(0).toInt();
}

Result<int> Migrations::migrate(Connection &connection, int targetVersion)
{
    const QStringList files = migrationFiles(connection.dialect().driver());
    const int latest = static_cast<int>(files.size());
    if (targetVersion < 0 || targetVersion > latest)
        targetVersion = latest;
    // Several processes may start on one PostgreSQL database at once (#15, e.g. two services at
    // boot): the first migrates, the others wait here and then find the schema current. A
    // session lock, so that it spans the migrations' own transactions.
    const bool shared = connection.dialect().driver() == Driver::Postgres;
    if (shared && !connection.execRaw(u"SELECT pg_advisory_lock(%1)"_s.arg(migrationLockKey)))
        return makeError(ErrorKind::Internal, u"Cannot take the migration lock."_s);
    const auto unlock = qScopeGuard([&connection, shared] {
        if (shared)
            connection.execRaw(u"SELECT pg_advisory_unlock(%1)"_s.arg(migrationLockKey));
    });
    auto current = currentVersion(connection);
    if (!current)
        return current.error();
    if (*current > latest) {
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The database was written by a newer Blockhaus (schema "
                                           "%1, this build knows %2). Please update Blockhaus."),
                         {QString::number(*current), QString::number(latest)});
    }
    for (int version = *current + 1; version <= targetVersion; ++version) {
        QFile file(files.at(version - 1));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorKind::Internal, u"Missing migration %1."_s.arg(version));
        const QString script = QString::fromUtf8(file.readAll());
        const QStringList statements = statementsOf(script);
        // A migration that rebuilds a table (SQLite's only way to change a constraint) runs with
        // foreign keys off, or dropping the old table would cascade into its children. The
        // pragma is a no-op inside a transaction, so it is switched around it; the rebuilt
        // references are checked before the commit.
        const bool rebuildsTables = connection.dialect().driver() == Driver::Sqlite
            && script.contains(u"-- blockhaus: foreign_keys=off"_s);
        if (rebuildsTables && !connection.execRaw(u"PRAGMA foreign_keys = OFF"_s))
            return makeError(ErrorKind::Internal, u"Cannot switch foreign keys off."_s);
        const auto foreignKeysBackOn = qScopeGuard([&connection, rebuildsTables] {
            if (rebuildsTables)
                connection.execRaw(u"PRAGMA foreign_keys = ON"_s);
        });
        auto applied =
            writeTransaction<int>(connection, [&](Connection &connection) -> Result<int> {
                for (const QString &statement : statements) {
                    QSqlError error;
                    if (!connection.execRaw(statement, &error))
                        return connection.dialect().toError(error, u"migration"_s);
                }
                if (rebuildsTables) {
                    Sql check(connection, u"PRAGMA foreign_key_check"_s);
                    if (!check.exec())
                        return check.error();
                    if (check.next())
                        return makeError(ErrorKind::Internal,
                                         u"Migration %1 left a broken reference in %2."_s.arg(
                                             QString::number(version), check.value(0).toString()));
                }
                Sql record(connection,
                           u"INSERT INTO schema_meta (key, value) VALUES ('schema_version', ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
                record.bind(QString::number(version));
                if (!record.exec())
                    return record.error();
                return version;
            });
        if (!applied)
            return applied.error();
        qCInfo(lcDb) << "database schema migrated to version" << version;
    }
    return targetVersion;
}

} // namespace Blockhaus::Db
