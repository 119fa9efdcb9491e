// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreMaintenanceService: the Settings tab's backups and data-folder facts. Backups are
// Service::Maintenance operations run on the server's database pool as the dashboard's caller;
// this adapter only turns their results into the dashboard's Outcome.
#pragma once

// Header-only interface: app/ includes it by path and builds without blockhaus_ui as well.
#include <functional>
#include <memory>

#include "server/core/result.h"
#include "server/service/maintenance.h"
#include "ui/maintenanceservice.h"

class QThread;

namespace Blockhaus::Auth {
class AuthService;
}
namespace Blockhaus::Service {
class Runner;
}
namespace Blockhaus::Library {
class LibraryCache;
}

namespace Blockhaus::App {

// A backup runs as one job on the pool (one worker and its connection for its whole length; the
// other workers keep serving students). Every future finishes, also when the pool refuses the
// job, then with an error sentence in the teacher's language.
class StoreMaintenanceService final : public Ui::MaintenanceService
{
public:
    // runner (and its pool) must outlive every job this service started; the controller shuts
    // the pool down, which waits for running jobs, before it destroys them.
    StoreMaintenanceService(Service::Runner &runner, QString dataDirectory, QString databasePath);
    // Waits for a running capacity check (it uses the runner and the server).
    ~StoreMaintenanceService() override;

    // What "Check this computer…" needs of the running server: its login service and the port
    // it listens on (known once it listens). Until set, checkCapacity() answers with a sentence.
    void enableCapacityCheck(Auth::AuthService *auth, quint16 port);

    QFuture<Ui::Outcome<QString>> backupTo(const QString &path) override;
    QString dataDirectory() const override { return m_dataDirectory; }
    qint64 databaseBytes() const override;
    // blockhaus --self-check's measurement against this server over 127.0.0.1, in a thread of
    // its own (it blocks on its HTTP clients' event loop); one at a time.
    QFuture<Ui::Outcome<Ui::CapacityCheck>> checkCapacity(int students) override;

    // What "Restore from a backup…" needs of the running server: the swap, which blocks its
    // caller (ServerController::restoreFrom). Until set, restore() answers with a sentence.
    using Restorer = std::function<Result<Service::RestoredDatabase>(const QString &path)>;
    void enableRestore(QString backupFolder, Restorer restorer);
    QString backupFolder() const override { return m_backupFolder; }
    // The swap in a thread of its own; one at a time, and not while a capacity check runs.
    QFuture<Ui::Outcome<Ui::Restored>> restore(const QString &path) override;

    // The library cache lives in the server thread: state is read on a pool worker, the
    // download is started and paused by queued calls, progress arrives by queued signals.
    void setLibrary(Library::LibraryCache *library) { m_library = library; }
    QFuture<Ui::LibraryState> libraryState() const override;
    bool startLibraryDownload() override;
    void pauseLibraryDownload() override;
    void watchLibrary(QObject *context, std::function<void()> changed) override;
    QFuture<Ui::Outcome<int>> exportLibrary(const QString &path) override;
    QFuture<Ui::Outcome<Ui::LibraryImportResult>> importLibrary(const QString &path) override;

private:
    Service::Runner &m_runner;
    QString m_dataDirectory;
    QString m_databasePath;
    Library::LibraryCache *m_library = nullptr; // owned by the controller, outlives us
    Auth::AuthService *m_auth = nullptr;
    quint16 m_port = 0;
    std::unique_ptr<QThread> m_check; // the running (or last) capacity check
    QString m_backupFolder;
    Restorer m_restorer;
    std::unique_ptr<QThread> m_restore; // the running (or last) restore
};

} // namespace Blockhaus::App
