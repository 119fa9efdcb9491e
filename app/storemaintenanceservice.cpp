// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/storemaintenanceservice.h"

#include <functional>
#include <memory>
#include <utility>

#include <QFileInfo>
#include <QLoggingCategory>
#include <QPromise>

#include "server/db/backup.h"
#include "server/db/connectionpool.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcMaintenance, "blockhaus.app.maintenance")

// backupDatabase already phrases its errors for a teacher; only the pool's refusal and
// cancellation get their sentence here.
Ui::Outcome<QString> toOutcome(const Result<QString> &result)
{
    if (result)
        return {*result, QString()};
    qCWarning(lcMaintenance) << "backup failed:" << result.error().message;
    if (!result.error().message.isEmpty())
        return {std::nullopt, result.error().message};
    if (result.error().kind == ErrorKind::Unavailable)
        return {std::nullopt, u"Blockhaus is very busy right now. Please try again in a moment."_s};
    if (result.error().kind == ErrorKind::StorageFull)
        return {std::nullopt, u"There is no room left on the disk for the backup."_s};
    return {std::nullopt, u"The backup could not be made."_s};
}

} // namespace

StoreMaintenanceService::StoreMaintenanceService(Db::ConnectionPool &pool, QString dataDirectory,
                                                 QString databasePath)
    : m_pool(pool)
    , m_dataDirectory(std::move(dataDirectory))
    , m_databasePath(std::move(databasePath))
{
}

QFuture<Ui::Outcome<QString>> StoreMaintenanceService::backupTo(const QString &path)
{
    // Shared by the job (progress, from the worker) and the continuation (result): QPromise is
    // move-only and both outlive this call.
    auto promise = std::make_shared<QPromise<Ui::Outcome<QString>>>();
    QFuture<Ui::Outcome<QString>> future = promise->future();
    promise->start();
    promise->setProgressRange(0, 100);
    promise->setProgressValue(0);

    std::function<Result<QString>(Db::Connection &)> job = [promise, path](Db::Connection &db) {
        return Db::backupDatabase(db, path, [promise](int remaining, int pageCount) {
            if (pageCount > 0)
                promise->setProgressValue(
                    static_cast<int>(100LL * (pageCount - remaining) / pageCount));
            // A caller that cancelled the future stops the copy between two steps.
            return !promise->isCanceled();
        });
    };
    // The continuations run where the job finished (a worker), or at once when the pool refused
    // it; a job that never ran still finishes the future, so no caller waits forever.
    m_pool.run<QString>(std::move(job))
        .then([promise](const Result<QString> &result) {
            if (result)
                promise->setProgressValue(100);
            promise->addResult(toOutcome(result));
            promise->finish();
        })
        .onCanceled([promise] {
            promise->addResult(Ui::Outcome<QString>{
                std::nullopt,
                u"Blockhaus stopped before the backup was made. Please try again."_s});
            promise->finish();
        });
    return future;
}

qint64 StoreMaintenanceService::databaseBytes() const
{
    // A file-system look-up, no SQL: cheap enough for the GUI thread.
    const QFileInfo database(m_databasePath);
    if (!database.exists())
        return -1;
    const QFileInfo wal(m_databasePath + u"-wal"_s);
    return database.size() + (wal.exists() ? wal.size() : 0);
}

} // namespace Blockhaus::App
