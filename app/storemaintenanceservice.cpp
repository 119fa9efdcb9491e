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
#include "server/library/librarycache.h"
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
    if (m_restore)
        m_restore->wait();
}

void StoreMaintenanceService::enableRestore(QString backupFolder, Restorer restorer)
{
    m_backupFolder = std::move(backupFolder);
    m_restorer = std::move(restorer);
}

QFuture<Ui::Outcome<Ui::Restored>> StoreMaintenanceService::restore(const QString &path)
{
    using Outcome = Ui::Outcome<Ui::Restored>;
    const auto refused = [](const QString &sentence) {
        return QtFuture::makeReadyFuture(Outcome{std::nullopt, sentence});
    };
    if (!m_restorer)
        return refused(QCoreApplication::translate("Blockhaus::Ui::MaintenanceService",
                                                   "This server cannot restore a backup."));
    if (m_restore && m_restore->isRunning())
        return refused(QCoreApplication::translate("Blockhaus::App::StoreMaintenanceService",
                                                   "A backup is already being restored."));
    if (m_check && m_check->isRunning())
        return refused(QCoreApplication::translate(
            "Blockhaus::App::StoreMaintenanceService",
            "Wait until the check of this computer is done, then restore the backup."));
    if (m_restore)
        m_restore->wait(); // finished: only joined
    auto promise = std::make_shared<QPromise<Outcome>>();
    QFuture<Outcome> future = promise->future();
    promise->start();
    // The swap blocks its thread (it waits for the server thread and the pool): never the GUI's.
    m_restore.reset(QThread::create([promise, restorer = m_restorer, path] {
        const Result<Service::RestoredDatabase> restored = restorer(path);
        if (restored) {
            promise->addResult(Outcome{
                Ui::Restored{path, restored->bytes, restored->schemaVersion, restored->safetyCopy},
                QString()});
        } else {
            qCWarning(lcMaintenance)
                << "restore of" << path << "refused:" << restored.error().message;
            promise->addResult(Outcome{std::nullopt, Core::translatedMessage(restored.error())});
        }
        promise->finish();
    }));
    m_restore->setObjectName(u"blockhaus-restore"_s);
    m_restore->start();
    return future;
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
    if (m_restore && m_restore->isRunning()) {
        return QtFuture::makeReadyFuture(
            Outcome{std::nullopt,
                    QCoreApplication::translate("Blockhaus::App::StoreMaintenanceService",
                                                "A backup is being restored. Check again when "
                                                "it is done.")});
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

QFuture<Ui::LibraryState> StoreMaintenanceService::libraryState() const
{
    if (!m_library)
        return QtFuture::makeReadyFuture(Ui::LibraryState{});
    // summary() looks at every catalogue file on disk: a worker's job, not the GUI thread's.
    Library::LibraryCache *library = m_library;
    std::function<Result<Ui::LibraryState>(Service::Work &)> job = [library](Service::Work &) {
        const Library::LibrarySummary summary = library->summary();
        return Result<Ui::LibraryState>(Ui::LibraryState{
            true, summary.cached, summary.total, summary.cacheBytes, summary.upstream,
            summary.fill.running, summary.fill.done, summary.fill.total, summary.fill.failed});
    };
    return m_runner.run<Ui::LibraryState>(std::move(job))
        .then([](const Result<Ui::LibraryState> &result) {
            return result ? *result : Ui::LibraryState{};
        })
        .onCanceled([] { return Ui::LibraryState{}; });
}

bool StoreMaintenanceService::startLibraryDownload()
{
    // Thread-safe: decides at once and posts the work to the cache's thread.
    return m_library && m_library->fillCatalogue();
}

void StoreMaintenanceService::pauseLibraryDownload()
{
    if (m_library)
        m_library->cancelFill();
}

void StoreMaintenanceService::watchLibrary(QObject *context, std::function<void()> changed)
{
    if (!m_library || !context)
        return;
    // Emitted in the server thread; context lives in the GUI thread, so these are queued.
    QObject::connect(m_library, &Library::LibraryCache::fillProgressed, context,
                     [changed](int, int, int) { changed(); });
    QObject::connect(m_library, &Library::LibraryCache::fillFinished, context,
                     [changed](int, int, int, bool) { changed(); });
}

namespace {

template<typename T>
Ui::Outcome<T> libraryOutcome(const Result<T> &result)
{
    if (result)
        return {*result, QString()};
    qCWarning(lcMaintenance) << "library file:" << result.error().message;
    return {std::nullopt, Core::translatedMessage(result.error())};
}

Error noLibrary()
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence", "This server has no Scratch library cache."));
}

Error stopped()
{
    return makeError(ErrorKind::Unavailable,
                     QT_TRANSLATE_NOOP("Sentence",
                                       "Blockhaus stopped before the library file was done. "
                                       "Please try again."));
}

} // namespace

QFuture<Ui::Outcome<int>> StoreMaintenanceService::exportLibrary(const QString &path)
{
    if (!m_library)
        return QtFuture::makeReadyFuture(libraryOutcome(Result<int>(noLibrary())));
    Library::LibraryCache *library = m_library;
    // File work on a pool worker: the GUI thread never waits for the disk.
    std::function<Result<int>(Service::Work &)> job = [library, path](Service::Work &) {
        return library->exportArchive(path);
    };
    return m_runner.run<int>(std::move(job))
        .then([](const Result<int> &result) { return libraryOutcome(result); })
        .onCanceled([] { return libraryOutcome(Result<int>(stopped())); });
}

QFuture<Ui::Outcome<Ui::LibraryImportResult>>
StoreMaintenanceService::importLibrary(const QString &path)
{
    using Imported = Ui::LibraryImportResult;
    if (!m_library)
        return QtFuture::makeReadyFuture(libraryOutcome(Result<Imported>(noLibrary())));
    Library::LibraryCache *library = m_library;
    std::function<Result<Imported>(Service::Work &)> job = [library, path](Service::Work &) {
        const Result<Library::LibraryImport> report = library->importArchive(path);
        if (!report)
            return Result<Imported>(report.error());
        return Result<Imported>(
            Imported{report->added, report->present, report->damaged, report->overLimit});
    };
    return m_runner.run<Imported>(std::move(job))
        .then([](const Result<Imported> &result) { return libraryOutcome(result); })
        .onCanceled([] { return libraryOutcome(Result<Imported>(stopped())); });
}

} // namespace Blockhaus::App
