// SPDX-License-Identifier: AGPL-3.0-or-later
// MaintenanceService: what the dashboard's Settings tab may ask of the running server (backups,
// where the data lives). Like ClassroomService, ui/ sees only this interface; app/ implements it
// over the database pool, so no call runs SQL or waits on the GUI thread.
#pragma once

#include <functional>

#include <QCoreApplication>
#include <QFuture>
#include <QString>
#include <QStringList>

class QObject;

// Outcome<T>: the value, or a sentence a teacher can read.
#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

// The Scratch library cache as the Settings tab shows it (#13).
struct LibraryState
{
    bool known = false; // false: this server has no library cache
    int cached = 0; // files of the editor's catalogue on this computer
    int total = 0; // files the catalogue names
    qint64 cacheBytes = 0;
    bool upstream = false; // an address to download from is configured
    bool filling = false;
    int done = 0; // of the running (or last) download, including failures
    int fillTotal = 0;
    int failed = 0;
};

// What an import of a library file did (#13).
struct LibraryImportResult
{
    int added = 0;
    int present = 0; // already on this computer
    int damaged = 0; // did not match their names: skipped
    int overLimit = 0; // left out: the library's size limit on this computer was reached
};

// What "Check this computer…" found (blockhaus --self-check's figures and verdict, #13).
struct CapacityCheck
{
    bool passed = false;
    // "This computer can serve about N students saving at once.", or why it could not tell.
    QString answer;
    QStringList lines; // every figure, the assumption and each problem, one sentence each
};

// What "Restore from a backup…" put in place (#13).
struct Restored
{
    QString file; // the backup that was restored
    qint64 bytes = 0; // its size
    int schemaVersion = 0; // of the backup, before this Blockhaus updated it
    QString safetyCopy; // where the database it replaced is kept; empty when there was none
};

class MaintenanceService
{
public:
    virtual ~MaintenanceService() = default;

    // Writes a consistent copy of the live database to path while students keep saving,
    // replacing a file of that name only once the copy is complete. The future reports progress
    // from 0 to 100 (drive a QProgressBar through a QFutureWatcher) and finishes, on a worker
    // thread, with the saved path or a sentence saying what went wrong.
    virtual QFuture<Outcome<QString>> backupTo(const QString &path) = 0;
    // The folder the running server keeps its database in.
    virtual QString dataDirectory() const = 0;
    // The database's size on disk (with its write-ahead log), in bytes; -1 when unknown.
    virtual qint64 databaseBytes() const = 0;

    // The library cache (#13). Defaults describe a server without one. libraryState() reads
    // the disk off the GUI thread. startLibraryDownload() downloads what is missing (false when
    // a download already runs or there is no cache); pauseLibraryDownload() stops it, and a
    // later start continues from what is cached. watchLibrary() calls changed on context's
    // thread whenever a download progresses or ends, until context is destroyed.
    virtual QFuture<LibraryState> libraryState() const
    {
        return QtFuture::makeReadyFuture(LibraryState{});
    }
    virtual bool startLibraryDownload() { return false; }
    virtual void pauseLibraryDownload() { }
    virtual void watchLibrary(QObject *, std::function<void()>) { }
    // The library cache as one file for a USB stick, and back (#13); run off the GUI thread.
    // Export: the number of files written (the file at path is replaced only when complete).
    virtual QFuture<Outcome<int>> exportLibrary(const QString &)
    {
        return QtFuture::makeReadyFuture(Outcome<int>{});
    }
    virtual QFuture<Outcome<LibraryImportResult>> importLibrary(const QString &)
    {
        return QtFuture::makeReadyFuture(Outcome<LibraryImportResult>{});
    }
    // Runs the capacity check against the running server in the background: a throwaway class
    // of `students` saving over 127.0.0.1 for about ten seconds, the disk's speed and the
    // database's durability, then the class is removed. The future finishes on another thread.
    // An implementation without it answers with a sentence saying so.
    virtual QFuture<Outcome<CapacityCheck>> checkCapacity(int students);

    // Restore (#13): where the running server keeps the copies it makes by itself (of the
    // database a restore replaces, before a schema update); empty when unknown.
    virtual QString backupFolder() const { return {}; }
    // Puts the backup at path in place of the running database: checks it first (a refused
    // file changes nothing and the server keeps serving), keeps the current database in
    // backupFolder(), then stops serving for the moment of the swap (students' sessions end:
    // they sign in again) and serves the restored classes and projects on the same address.
    // The future finishes on another thread with what was restored or the refusal in words.
    virtual QFuture<Outcome<Restored>> restore(const QString &path);
};

inline QFuture<Outcome<Restored>> MaintenanceService::restore(const QString &path)
{
    Q_UNUSED(path);
    return QtFuture::makeReadyFuture(
        Outcome<Restored>{std::nullopt,
                          QCoreApplication::translate("Blockhaus::Ui::MaintenanceService",
                                                      "This server cannot restore a backup.")});
}

inline QFuture<Outcome<CapacityCheck>> MaintenanceService::checkCapacity(int students)
{
    Q_UNUSED(students);
    return QtFuture::makeReadyFuture(
        Outcome<CapacityCheck>{std::nullopt,
                               QCoreApplication::translate("Blockhaus::Ui::MaintenanceService",
                                                           "This server cannot run the check.")});
}

} // namespace Blockhaus::Ui
