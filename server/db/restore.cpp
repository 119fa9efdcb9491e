// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/restore.h"

#include <filesystem>
#include <system_error>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryFile>

#include <sqlite3.h>

#include "server/db/dblog.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(QDir::toNativeSeparators(path).toStdU16String());
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// One sqlite3 connection on this thread, closed on every path. Restores run with the server
// stopped, so nothing else has these files open.
class SqliteFile
{
public:
    SqliteFile() = default;
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;
    ~SqliteFile() { close(); }

    // An empty string on success, else SQLite's reason.
    QString open(const QString &path, int flags)
    {
        const QByteArray name = path.toUtf8(); // SQLite file names are UTF-8 everywhere
        if (sqlite3_open_v2(name.constData(), &m_db, flags, nullptr) != SQLITE_OK)
            return lastError();
        sqlite3_busy_timeout(m_db, 5000);
        return {};
    }
    sqlite3 *handle() const { return m_db; }
    QString lastError() const
    {
        return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : u"out of memory"_s;
    }
    // Runs sql and returns the first column of its first row (empty when no row), or sets why.
    QString scalar(const char *sql, QString *error) const
    {
        sqlite3_stmt *statement = nullptr;
        QString value;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK) {
            *error = lastError();
            return {};
        }
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
            value = QString::fromUtf8(text ? text : "");
        } else if (rc != SQLITE_DONE) {
            *error = lastError();
        }
        sqlite3_finalize(statement);
        return value;
    }
    bool exec(const char *sql, QString *error) const
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        *error = lastError();
        return false;
    }
    QString close()
    {
        if (!m_db)
            return {};
        const int rc = sqlite3_close(m_db);
        if (rc != SQLITE_OK)
            return QString::fromUtf8(sqlite3_errstr(rc));
        m_db = nullptr;
        return {};
    }

private:
    sqlite3 *m_db = nullptr;
};

// Copies every page of source into dest in one step (the server is stopped: nobody waits) and
// reports SQLite's reason on failure. The destination's old content is replaced in one
// transaction of dest.
QString copyPages(const SqliteFile &source, const SqliteFile &dest)
{
    sqlite3_backup *backup = sqlite3_backup_init(dest.handle(), "main", source.handle(), "main");
    if (!backup)
        return dest.lastError();
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE)
        return QString::fromUtf8(sqlite3_errstr(stepped));
    if (finished != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errstr(finished));
    return {};
}

void removeWithSidecars(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + u"-wal"_s);
    QFile::remove(path + u"-shm"_s);
    QFile::remove(path + u"-journal"_s);
}

QString timestamp()
{
    return QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
}

// A name in folder that does not exist yet: base.sqlite3, else base-2.sqlite3, ...
QString freeName(const QString &folder, const QString &base)
{
    QString candidate = folder + u'/' + base + u".sqlite3"_s;
    for (int n = 2; QFileInfo::exists(candidate) && n < 1000; ++n)
        candidate = folder + u'/' + base + u'-' + QString::number(n) + u".sqlite3"_s;
    return candidate;
}

} // namespace

namespace {

// Copies the backup (with its write-ahead log) to a fresh name in folder and checks the copy:
// the original may sit on a USB stick that is pulled out, or on read-only media, and checking a
// WAL file may write beside it. *staged names the copy whenever one was made (the caller removes
// it); the errors name the teacher's file, not the copy.
Result<DatabaseFacts> stageAndCheck(const QString &backupPath, const QString &folder,
                                    int latestSchema, QString *staged)
{
    if (!QFileInfo(backupPath).isFile())
        return makeError(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Sentence", "There is no file %1."),
                         {native(backupPath)});
    const QString copy = freeName(folder, u".restore-"_s + timestamp());
    if (!QFile::copy(backupPath, copy)) {
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "%1 cannot be read or copied to %2."),
                         {native(backupPath), native(folder)});
    }
    *staged = copy;
    if (QFileInfo::exists(backupPath + u"-wal"_s))
        QFile::copy(backupPath + u"-wal"_s, copy + u"-wal"_s);

    auto facts = checkDatabaseFile(copy, latestSchema);
    if (!facts) {
        Error error = facts.error();
        error.message.replace(native(copy), native(backupPath));
        for (QString &arg : error.args)
            arg.replace(native(copy), native(backupPath));
        return error;
    }
    facts->bytes = QFileInfo(backupPath).size();
    return facts;
}

} // namespace

Result<DatabaseFacts> checkBackupFile(const QString &backupPath, const QString &scratchFolder,
                                      int latestSchema)
{
    if (!QDir().mkpath(scratchFolder))
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot create the folder %1."),
                         {native(scratchFolder)});
    QString staged;
    auto facts = stageAndCheck(backupPath, scratchFolder, latestSchema, &staged);
    if (!staged.isEmpty())
        removeWithSidecars(staged);
    return facts;
}

Result<DatabaseFacts> checkDatabaseFile(const QString &path, int latestSchema)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return makeError(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Sentence", "There is no file %1."),
                         {native(path)});
    SqliteFile file;
    // Read-write on purpose: a backup is a WAL database, and reading one may need to create its
    // -shm file. Callers give this a copy, never the teacher's original on a USB stick.
    if (const QString failure = file.open(path, SQLITE_OPEN_READWRITE); !failure.isEmpty())
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence", "%1 cannot be opened: %2"),
                         {native(path), failure});
    QString error;
    const QString integrity = file.scalar("PRAGMA integrity_check", &error);
    if (!error.isEmpty()) {
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence", "%1 is not a Blockhaus backup (%2)."),
                         {native(path), error});
    }
    if (integrity != u"ok"_s) {
        qCWarning(lcDb) << "integrity_check of" << path << ":" << integrity;
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "%1 is damaged (SQLite's integrity check failed), so it "
                                           "cannot be restored. Try an older backup."),
                         {native(path)});
    }
    const QString version =
        file.scalar("SELECT value FROM schema_meta WHERE key = 'schema_version'", &error);
    bool numeric = false;
    const int schema = version.toInt(&numeric);
    if (!error.isEmpty() || !numeric || schema < 1) {
        return makeError(
            ErrorKind::Unprocessable,
            QT_TRANSLATE_NOOP("Sentence", "%1 is an SQLite database, but not one of Blockhaus."),
            {native(path)});
    }
    if (schema > latestSchema) {
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "%1 was written by a newer Blockhaus (schema %2, this "
                                           "one knows %3). Update Blockhaus first."),
                         {native(path), QString::number(schema), QString::number(latestSchema)});
    }
    return DatabaseFacts{schema, info.size()};
}

Result<QString> copyDatabaseFile(const QString &sourcePath, const QString &targetPath)
{
    const QFileInfo target(targetPath);
    if (target.exists())
        return makeError(ErrorKind::Exists, QT_TRANSLATE_NOOP("Sentence", "%1 exists already."),
                         {native(targetPath)});
    if (!QDir().mkpath(target.absolutePath()))
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot create the folder %1."),
                         {native(target.absolutePath())});
    QTemporaryFile partial(target.absolutePath() + u"/."_s + target.fileName()
                           + u".XXXXXX.partial"_s);
    if (!partial.open())
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot write in the folder %1: %2"),
            {native(target.absolutePath()), partial.errorString()});
    const QString partialPath = partial.fileName();
    partial.close();

    QString failure;
    {
        SqliteFile source;
        SqliteFile dest;
        failure = source.open(sourcePath, SQLITE_OPEN_READWRITE);
        if (failure.isEmpty())
            failure = dest.open(partialPath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (failure.isEmpty())
            failure = copyPages(source, dest);
        // The copy keeps the source's WAL mode; fold its log in so the file stands alone.
        if (failure.isEmpty())
            dest.exec("PRAGMA wal_checkpoint(TRUNCATE)", &failure);
        if (failure.isEmpty())
            failure = dest.close();
    }
    if (!failure.isEmpty()) {
        removeWithSidecars(partialPath);
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence", "The copy of %1 could not be written: %2"),
                         {native(sourcePath), failure});
    }
    QFile::remove(partialPath + u"-wal"_s);
    QFile::remove(partialPath + u"-shm"_s);
    std::error_code renameError;
    std::filesystem::rename(fsPath(partialPath), fsPath(target.absoluteFilePath()), renameError);
    if (renameError) {
        removeWithSidecars(partialPath);
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence", "The copy could not be saved as %1: %2"),
                         {native(targetPath), QString::fromLocal8Bit(renameError.message())});
    }
    partial.setAutoRemove(false);
    return target.absoluteFilePath();
}

Result<RestoreOutcome> restoreDatabase(const QString &backupPath, const QString &databasePath,
                                       const QString &safetyFolder, int latestSchema)
{
    const QString folder = QFileInfo(databasePath).absolutePath();
    QString staged;
    const auto cleanUp = qScopeGuard([&staged] {
        if (!staged.isEmpty())
            removeWithSidecars(staged);
    });
    auto facts = stageAndCheck(backupPath, folder, latestSchema, &staged);
    if (!facts)
        return facts.error();

    RestoreOutcome outcome;
    outcome.restored = *facts;
    if (QFileInfo::exists(databasePath)) {
        auto safety = copyDatabaseFile(
            databasePath, freeName(safetyFolder, u"blockhaus-before-restore-"_s + timestamp()));
        if (!safety)
            return safety.error();
        outcome.safetyCopy = *safety;
    }

    QString failure;
    {
        SqliteFile source;
        SqliteFile dest;
        failure = source.open(staged, SQLITE_OPEN_READWRITE);
        if (failure.isEmpty())
            failure = dest.open(databasePath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        // A WAL destination only takes pages of its own page size; in rollback mode any size
        // goes. The server switches back to WAL when it opens the database.
        if (failure.isEmpty())
            dest.exec("PRAGMA journal_mode=DELETE", &failure);
        if (failure.isEmpty())
            failure = copyPages(source, dest);
        if (failure.isEmpty())
            failure = dest.close();
    }
    if (!failure.isEmpty() && outcome.safetyCopy.isEmpty()) {
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The backup could not be restored: %1. The database "
                                           "was not changed."),
                         {failure});
    }
    if (!failure.isEmpty()) {
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The backup could not be restored: %1. The database "
                                           "was not changed; a copy of it is at %2."),
                         {failure, native(outcome.safetyCopy)});
    }
    qCInfo(lcDb) << "restored" << backupPath << "into" << databasePath << "schema"
                 << facts->schemaVersion << "previous database kept as" << outcome.safetyCopy;
    return outcome;
}

Result<QString> backupBeforeMigration(const QString &databasePath, const QString &folder,
                                      int latestSchema)
{
    if (!QFileInfo(databasePath).isFile())
        return QString();
    int schema = 0;
    {
        SqliteFile file;
        if (const QString failure = file.open(databasePath, SQLITE_OPEN_READWRITE);
            !failure.isEmpty())
            return makeError(ErrorKind::Internal, failure);
        QString error;
        const QString hasMeta = file.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_meta'",
            &error);
        if (!error.isEmpty())
            return makeError(ErrorKind::Internal, error);
        if (hasMeta == u"1"_s) {
            schema =
                file.scalar("SELECT value FROM schema_meta WHERE key = 'schema_version'", &error)
                    .toInt();
            if (!error.isEmpty())
                return makeError(ErrorKind::Internal, error);
        }
    }
    // 0: an empty database (first start); newer than this build: migrate() refuses it.
    if (schema < 1 || schema >= latestSchema)
        return QString();
    return copyDatabaseFile(
        databasePath,
        freeName(
            folder,
            u"blockhaus-schema-%1-before-%2-%3"_s.arg(schema).arg(latestSchema).arg(timestamp())));
}

} // namespace Blockhaus::Db
