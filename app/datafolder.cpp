// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/datafolder.h"

#include <QCoreApplication>
#include <QDir>

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

QString databaseFile(const QString &dataDir)
{
    return dataDir + u"/blockhaus.sqlite3"_s;
}

QString backupFolder(const QString &dataDir)
{
    return dataDir + u"/backups"_s;
}

std::unique_ptr<QLockFile> lockDataFolder(const QString &dataDir, StartError *error)
{
    using Kind = StartError::Kind;
    if (!QDir().mkpath(dataDir)) {
        *error = {Kind::DataFolder,
                  QCoreApplication::translate(
                      "Blockhaus::App::ServerController",
                      "Blockhaus cannot create its data folder %1. Check that the drive is "
                      "connected and that you may write there, or choose another folder.")
                      .arg(QDir::toNativeSeparators(dataDir))};
        return nullptr;
    }
    // One server per data folder: a second one would fight over the database.
    auto lock = std::make_unique<QLockFile>(dataDir + u"/blockhaus.lock"_s);
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        *error = {Kind::AlreadyRunning,
                  QCoreApplication::translate(
                      "Blockhaus::App::ServerController",
                      "Blockhaus is already running with the data folder %1 (process %2). "
                      "Close the other Blockhaus first.")
                      .arg(QDir::toNativeSeparators(dataDir), QString::number(pid))};
    } else {
        *error = {Kind::DataFolder,
                  QCoreApplication::translate(
                      "Blockhaus::App::ServerController",
                      "Blockhaus cannot write in its data folder %1. Check that you may "
                      "write there, or choose another folder.")
                      .arg(QDir::toNativeSeparators(dataDir))};
    }
    return nullptr;
}

} // namespace Blockhaus::App
