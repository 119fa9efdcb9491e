// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreMaintenanceService: the Settings tab's backups and data-folder facts. Backups are
// Service::Maintenance operations run on the server's database pool as the dashboard's caller;
// this adapter only turns their results into the dashboard's Outcome.
#pragma once

// Header-only interface: app/ includes it by path and builds without blockhaus_ui as well.
#include "ui/maintenanceservice.h"

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

    QFuture<Ui::Outcome<QString>> backupTo(const QString &path) override;
    QString dataDirectory() const override { return m_dataDirectory; }
    qint64 databaseBytes() const override;

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
};

} // namespace Blockhaus::App
