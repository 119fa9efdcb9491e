// SPDX-License-Identifier: AGPL-3.0-or-later
// MaintenanceService: what the dashboard's Settings tab may ask of the running server (backups,
// where the data lives). Like ClassroomService, ui/ sees only this interface; app/ implements it
// over the database pool, so no call runs SQL or waits on the GUI thread.
#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QString>
#include <QStringList>

// Outcome<T>: the value, or a sentence a teacher can read.
#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

// What "Check this computer…" found (blockhaus --self-check's figures and verdict, #13).
struct CapacityCheck
{
    bool passed = false;
    // "This computer can serve about N students saving at once.", or why it could not tell.
    QString answer;
    QStringList lines; // every figure, the assumption and each problem, one sentence each
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
    // Runs the capacity check against the running server in the background: a throwaway class
    // of `students` saving over 127.0.0.1 for about ten seconds, the disk's speed and the
    // database's durability, then the class is removed. The future finishes on another thread.
    // An implementation without it answers with a sentence saying so.
    virtual QFuture<Outcome<CapacityCheck>> checkCapacity(int students);
};

inline QFuture<Outcome<CapacityCheck>> MaintenanceService::checkCapacity(int students)
{
    Q_UNUSED(students);
    return QtFuture::makeReadyFuture(
        Outcome<CapacityCheck>{std::nullopt,
                               QCoreApplication::translate("Blockhaus::Ui::MaintenanceService",
                                                           "This server cannot run the check.")});
}

} // namespace Blockhaus::Ui
