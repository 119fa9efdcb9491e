// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/storemaintenanceservice.h"

#include <functional>
#include <memory>
#include <utility>

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPromise>
#include <QThread>

#include "app/selfcheck.h"
#include "server/core/sentence.h"
#include "server/service/dashboardcaller.h"
#include "server/service/maintenance.h"
#include "server/service/runner.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcMaintenance, "blockhaus.app.maintenance")

Ui::Outcome<QString> toOutcome(const Result<QString> &result)
{
    if (result)
        return {*result, QString()};
    qCWarning(lcMaintenance) << "backup failed:" << result.error().message;
    return {std::nullopt, Core::translatedMessage(result.error())};
}

} // namespace

StoreMaintenanceService::StoreMaintenanceService(Service::Runner &runner, QString dataDirectory,
                                                 QString databasePath)
    : m_runner(runner)
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

    std::function<Result<QString>(Service::Work &)> job = [promise, path](Service::Work &work) {
        auto caller = Service::dashboardCaller(work);
        if (!caller)
            return Result<QString>(caller.error());
        const Service::BackupProgress progress = [promise](int remaining, int pageCount) {
            if (pageCount > 0)
                promise->setProgressValue(
                    static_cast<int>(100LL * (pageCount - remaining) / pageCount));
            // A caller that cancelled the future stops the copy between two steps.
            return !promise->isCanceled();
        };
        return Service::Maintenance().backup(work, *caller, path, progress);
    };
    // The continuations run where the job finished (a worker), or at once when the pool refused
    // it; a job that never ran still finishes the future, so no caller waits forever.
    m_runner.run<QString>(std::move(job))
        .then([promise](const Result<QString> &result) {
            if (result)
                promise->setProgressValue(100);
            promise->addResult(toOutcome(result));
            promise->finish();
        })
        .onCanceled([promise] {
            promise->addResult(toOutcome(makeError(
                ErrorKind::Unavailable,
                QT_TRANSLATE_NOOP("Sentence",
                                  "Blockhaus stopped before the backup was made. Please try "
                                  "again."))));
            promise->finish();
        });
    return future;
}

StoreMaintenanceService::~StoreMaintenanceService()
{
    if (m_check)
        m_check->wait();
}

void StoreMaintenanceService::enableCapacityCheck(Auth::AuthService *auth, quint16 port)
{
    m_auth = auth;
    m_port = port;
}

QFuture<Ui::Outcome<Ui::CapacityCheck>> StoreMaintenanceService::checkCapacity(int students)
{
    using Outcome = Ui::Outcome<Ui::CapacityCheck>;
    if (!m_auth || m_port == 0) {
        return QtFuture::makeReadyFuture(
            Outcome{std::nullopt,
                    QCoreApplication::translate("Blockhaus::App::SelfCheck",
                                                "The server is not running.")});
    }
    if (m_check && m_check->isRunning()) {
        return QtFuture::makeReadyFuture(
            Outcome{std::nullopt,
                    QCoreApplication::translate("Blockhaus::App::SelfCheck",
                                                "A check is already running.")});
    }
    if (m_check)
        m_check->wait(); // finished: only joined
    auto promise = std::make_shared<QPromise<Outcome>>();
    QFuture<Outcome> future = promise->future();
    promise->start();
    Service::Runner *runner = &m_runner;
    Auth::AuthService *auth = m_auth;
    const quint16 port = m_port;
    const QString dataDirectory = m_dataDirectory;
    constexpr int seconds = 10;
    m_check.reset(QThread::create([promise, runner, auth, port, dataDirectory, students] {
        const SelfCheckFigures figures =
            measure(*runner, *auth, port, dataDirectory, students, seconds);
        const SelfCheckVerdict verdict = judge(figures);
        Ui::CapacityCheck check;
        check.passed = verdict.passed;
        check.answer = answer(figures, verdict);
        check.lines = reportLines(figures, verdict);
        promise->addResult(Outcome{check, QString()});
        promise->finish();
    }));
    m_check->setObjectName(u"blockhaus-selfcheck"_s);
    m_check->start();
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
