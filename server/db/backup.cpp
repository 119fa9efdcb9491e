// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/backup.h"

#include <filesystem>
#include <system_error>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QVariant>

#include <sqlite3.h>

#include "server/db/connection.h"
#include "server/db/dblog.h"
#include "server/db/transaction.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

// SQLITE_BUSY/LOCKED from a step are retried this often (a few milliseconds apart) before the
// backup gives up; the source connection never writes, so they are rare and short.
constexpr int maxBusySteps = 200;
constexpr int busyPauseMs = 10;

// A failure on Blockhaus' side (never the teacher's target): the sentence and its detail go to
// the log; the dashboard shows the calm default for internal errors.
Error backupError(const char *sentence, const QString &detail)
{
    qCWarning(lcDb) << "backup failed:" << sentence << detail;
    return makeError(ErrorKind::Internal, sentence);
}

// A failed copy or rename: the target's disk is full, or it cannot be written (a read-only
// stick, a folder without rights). Said to the teacher, who can choose another place.
Error targetError(int sqliteCode, const char *sentence, const QStringList &args,
                  const QString &detail)
{
    qCWarning(lcDb) << "backup failed:" << args << detail;
    if (sqliteCode == SQLITE_FULL)
        return makeError(
            ErrorKind::StorageFull,
            QT_TRANSLATE_NOOP("Sentence", "There is no room left on the disk for the backup."));
    return makeError(ErrorKind::BadRequest, sentence, args);
}

// The sqlite3 handle behind a QSQLITE connection. The driver hands it out as a QVariant whose
// type name is "sqlite3*"; anything else (another driver, another SQLite build) is refused.
sqlite3 *sqliteHandle(Connection &connection)
{
    const QVariant handle = connection.database().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.metaType().name(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(QDir::toNativeSeparators(path).toStdU16String());
}

// The destination connection and the backup object, finished and closed on every path.
class BackupJob
{
public:
    ~BackupJob()
    {
        if (m_backup)
            sqlite3_backup_finish(m_backup);
        if (m_dest)
            sqlite3_close(m_dest);
    }

    // Copies source into the (empty) file at destPath; an empty string on success, else why not
    // (and SQLite's result code in code()).
    QString run(sqlite3 *source, const QString &destPath, const BackupProgress &progress,
                int pagesPerStep)
    {
        const QByteArray name = destPath.toUtf8(); // SQLite file names are UTF-8 everywhere
        if (sqlite3_open_v2(name.constData(), &m_dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr)
            != SQLITE_OK)
            return failOpen();
        m_backup = sqlite3_backup_init(m_dest, "main", source, "main");
        if (!m_backup)
            return failOpen();
        int rc = SQLITE_OK;
        int busySteps = 0;
        while (rc != SQLITE_DONE) {
            rc = sqlite3_backup_step(m_backup, pagesPerStep);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                if (++busySteps > maxBusySteps)
                    return fail(rc);
                sqlite3_sleep(busyPauseMs);
                continue;
            }
            if (rc != SQLITE_OK && rc != SQLITE_DONE)
                return fail(rc);
            if (progress
                && !progress(sqlite3_backup_remaining(m_backup),
                             sqlite3_backup_pagecount(m_backup))) {
                m_code = SQLITE_ABORT;
                return u"cancelled"_s;
            }
        }
        // finish() reports an error that happened in any step; close() must succeed too, so
        // that the file is complete (and synced by the final commit) before it is renamed.
        rc = sqlite3_backup_finish(m_backup);
        m_backup = nullptr;
        if (rc != SQLITE_OK)
            return fail(rc);
        rc = sqlite3_close(m_dest);
        m_dest = nullptr;
        if (rc != SQLITE_OK)
            return fail(rc);
        return {};
    }
    int code() const { return m_code; }

private:
    QString fail(int rc)
    {
        m_code = rc;
        return QString::fromUtf8(sqlite3_errstr(rc));
    }
    QString failOpen()
    {
        m_code = m_dest ? sqlite3_errcode(m_dest) : SQLITE_NOMEM;
        return QString::fromUtf8(sqlite3_errmsg(m_dest));
    }

    int m_code = SQLITE_OK;
    sqlite3 *m_dest = nullptr;
    sqlite3_backup *m_backup = nullptr;
};

} // namespace

Result<QString> backupDatabase(Connection &connection, const QString &targetPath,
                               const BackupProgress &progress, int pagesPerStep)
{
    if (connection.dialect().driver() != Driver::Sqlite)
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "Backing up from Blockhaus works only with its built-in "
                                           "SQLite database. Back up a PostgreSQL database with "
                                           "pg_dump instead."));
    sqlite3 *source = sqliteHandle(connection);
    if (!source)
        return backupError(
            QT_TRANSLATE_NOOP("Sentence", "The database cannot be backed up from here."),
            u"no sqlite3 handle"_s);

    const QFileInfo target(targetPath);
    const QString folder = target.absolutePath();
    if (target.fileName().isEmpty() || !QFileInfo(folder).isDir())
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "The folder %1 does not exist."),
                         {QDir::toNativeSeparators(folder)});
    if (target.isDir())
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "%1 is a folder. Choose a file name for the backup."),
            {QDir::toNativeSeparators(target.absoluteFilePath())});

    // The copy grows under a hidden name in the target's folder (so the rename stays on one
    // file system) and is removed with its journal on every failure path.
    QTemporaryFile partial(folder + u"/."_s + target.fileName() + u".XXXXXX.partial"_s);
    if (!partial.open())
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot write in the folder %1: %2"),
            {QDir::toNativeSeparators(folder), partial.errorString()});
    const QString partialPath = partial.fileName();
    partial.close();
    const auto removeJournal = [&partialPath] { QFile::remove(partialPath + u"-journal"_s); };

    // One read transaction on the source for the whole copy: every step reads the same WAL
    // snapshot, so saves committed meanwhile neither restart the backup (it would never finish
    // while students keep saving) nor leave it half old, half new.
    Transaction snapshot(connection, Transaction::Mode::Read);
    if (!snapshot.active())
        return snapshot.beginError();
    // The read also names the SQLite the Qt driver runs on. The backup calls go to the SQLite
    // Blockhaus links; a Qt build with its own bundled copy (Qt's installers) must be the same
    // source, or the handle would be used by foreign code.
    QString driverSqlite;
    {
        QSqlQuery read(connection.database());
        if (!read.exec(u"SELECT sqlite_source_id(), count(*) FROM sqlite_schema"_s) || !read.next())
            return connection.dialect().toError(read.lastError(), u"backup snapshot"_s);
        driverSqlite = read.value(0).toString();
    }
    if (driverSqlite != QString::fromLatin1(sqlite3_sourceid()))
        return backupError(QT_TRANSLATE_NOOP("Sentence",
                                             "The database cannot be backed up from here: Qt's "
                                             "SQLite driver and Blockhaus use different SQLite "
                                             "versions."),
                           driverSqlite + u" vs "_s + QString::fromLatin1(sqlite3_sourceid()));

    BackupJob job;
    const QString failure = job.run(source, partialPath, progress, pagesPerStep);
    snapshot.rollback();
    if (!failure.isEmpty()) {
        removeJournal();
        if (job.code() == SQLITE_ABORT && failure == u"cancelled"_s)
            return makeError(ErrorKind::BadRequest,
                             QT_TRANSLATE_NOOP("Sentence", "The backup was cancelled."));
        return targetError(job.code(),
                           QT_TRANSLATE_NOOP("Sentence", "The backup could not be written: %1"),
                           {failure}, partialPath);
    }

    // Atomic replace of an older file of that name (the teacher confirmed it in the dialog).
    std::error_code renameError;
    std::filesystem::rename(fsPath(partialPath), fsPath(target.absoluteFilePath()), renameError);
    if (renameError) {
        removeJournal();
        return targetError(renameError == std::errc::no_space_on_device ? SQLITE_FULL
                                                                        : SQLITE_CANTOPEN,
                           QT_TRANSLATE_NOOP("Sentence", "The backup could not be saved as %1: %2"),
                           {QDir::toNativeSeparators(target.absoluteFilePath()),
                            QString::fromLocal8Bit(renameError.message())},
                           partialPath);
    }
    partial.setAutoRemove(false); // it is the backup now
    return target.absoluteFilePath();
}

} // namespace Blockhaus::Db
