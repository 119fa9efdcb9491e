// SPDX-License-Identifier: AGPL-3.0-or-later
// ServerController owns the running server: database pool, authentication, live figures and the
// HTTP server in its own thread. Only app/ knows about both headless and dashboard mode.
#pragma once

#include <atomic>
#include <memory>

#include <QLockFile>
#include <QMutex>
#include <QObject>
#include <QThread>

#include "app/options.h"
#include "app/starterror.h"
#include "app/storeclassroomservice.h"
#include "app/storelivecontrolservice.h"
#include "app/storemaintenanceservice.h"
#include "server/auth/authservice.h"
#include "server/db/connectionpool.h"
#include "server/http/services.h"
#include "server/live/livehub.h"
#include "server/service/maintenance.h"
#include "server/service/runner.h"

namespace Blockhaus::Http {
class ApiServer;
}
namespace Blockhaus::Library {
class LibraryCache;
}

namespace Blockhaus::Oidc {
class Provider;
}

namespace Blockhaus::App {

class ServerController : public QObject
{
    Q_OBJECT

public:
    explicit ServerController(Options options, QObject *parent = nullptr);
    ~ServerController() override;

    // Locks the data folder, opens and migrates the database, creates the first admin, starts
    // listening. False with the kind of obstacle and a message a teacher can act on when
    // something is in the way; a PortInUse error suggests a free port. Not restartable after a
    // failed start: construct a new controller (app/startup.h does).
    bool start(StartError *error);
    // The same, with the message only (for tests that only need a running server).
    bool start(QString *errorText);
    // Stops accepting, finishes in-flight requests, flushes presence, closes the database.
    void stop();

    quint16 port() const { return m_port; }
    QString dataDir() const { return m_options.dataDir; }
    // Where automatic copies go (before a schema migration, before a restore).
    QString backupFolder() const;
    QStringList joinUrls() const;
    Live::LiveHub *liveHub() const { return m_live.get(); }
    // Lives in the server thread; connect to its fill signals with queued connections. Null
    // before start() and after stop().
    Library::LibraryCache *libraryCache() const { return m_library; }
    // Class and account management for the dashboard, acting as the first admin. Owned here;
    // null before start() and after stop(). Its futures finish on the database pool's workers.
    Ui::ClassroomService *classroomService() const { return m_classroom.get(); }
    // The help queue for the dashboard's Help tab (#16), by the same adapter; null likewise.
    Ui::HelpQueueService *helpQueueService() const { return m_classroom.get(); }
    // The dashboard's "Live lesson" tab (#16).
    Ui::LiveControlService *liveControlService() const { return m_liveControls.get(); }
    // Backups and data-folder facts for the Settings tab. Owned here; null before start() and
    // after stop(). Its futures finish on the database pool's workers.
    Ui::MaintenanceService *maintenanceService() const { return m_maintenance.get(); }
    // The service door's worker pool and the login service, for `blockhaus --self-check` (#13).
    // Null before start() and after stop().
    Service::Runner *runner() const { return m_runner.get(); }
    // "http://127.0.0.1:PORT" when this computer's browser can reach the server over loopback
    // (where one-time sign-in links work), else empty.
    QString localOrigin() const;
    // The server's authentication (sessions, throttles, sign-in links); for tests that set a
    // clock. Lives as long as the controller.
    Auth::AuthService &auth() { return m_auth; }
    // Set when start() created the admin account with a generated password (shown once).
    QString generatedAdminPassword() const { return m_generatedAdminPassword; }

    // Puts the backup at backupPath in place of the running database (the dashboard's "Restore
    // from a backup…", #13). First checks it while still serving: a refused backup (damaged, not
    // a Blockhaus database, a newer schema) leaves the server exactly as it was. Then, for the
    // moment of the swap: stops accepting, lets in-flight requests finish, writes presence and
    // closes the pool; Service::Maintenance::restore (the current database is kept in
    // backupFolder()); a copy before migrating an older schema; reopens and migrates; ends every
    // session and forgets presence, conflicts and sign-in links of the old database; listens
    // again on the same port. The services, the live hub and the library cache stay the same
    // objects, so pointers to them (the dashboard's) stay valid; their calls during the swap are
    // answered "busy". Blocks the calling thread for the whole swap: never call it on the GUI
    // thread or the server thread (the maintenance service's restore() runs it in a thread of
    // its own). One at a time; refused before start() and after stop().
    Result<Service::RestoredDatabase> restoreFrom(const QString &backupPath);

    // "http://blockhaus.local:PORT" once the name is claimed on the LAN by multicast DNS (#16),
    // else empty. Thread-safe.
    QString lanNameUrl() const;

signals:
    // The LAN name was claimed (emitted from the server thread; connect queued or auto).
    void lanNameClaimed(const QString &url);

private:
    // On PostgreSQL: when this build migrates the database's schema, a pg_dump of it first
    // (backupFolder()), so an update can be rolled back as on SQLite; false with the reason when
    // that copy cannot be made (the update does not go ahead without it).
    bool dumpBeforeMigration(const Db::DbConfig &config, const QString &databaseName,
                             StartError *error);
    bool ensureAdmin(StartError *error);
    // In the server thread: a new ApiServer listening on m_httpConfig.port, with the presence
    // flush timer; the port, or 0 with reason set.
    quint16 listenInServerThread(QString *reason);
    void advertiseOnLan(quint16 port);
    // In the server thread: stops accepting, waits (bounded) for in-flight requests, deletes the
    // ApiServer.
    void stopListeningInServerThread();
    // The swap of restoreFrom() with the server stopped; reopens the pool whatever happens.
    Result<Service::RestoredDatabase> swapDatabase(const QString &backupPath);
    StartError listenError(const QString &reason) const;
    void flushPresence();
    // The same, waiting for the write: before the database goes (stop, restore).
    void flushPresenceNow();

    Options m_options;
    Http::HttpConfig m_httpConfig;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<Db::ConnectionPool> m_pool;
    Auth::AuthService m_auth;
    std::unique_ptr<Live::LiveHub> m_live;
    std::unique_ptr<Service::Runner> m_runner;
    std::unique_ptr<Http::Services> m_services;
    std::unique_ptr<StoreClassroomService> m_classroom;
    std::unique_ptr<StoreLiveControlService> m_liveControls;
    std::unique_ptr<StoreMaintenanceService> m_maintenance;
    Http::ApiServer *m_api = nullptr; // lives in m_serverThread
    mutable QMutex m_lanNameMutex;
    QString m_lanNameUrl; // guarded by m_lanNameMutex
    Library::LibraryCache *m_library = nullptr; // lives in m_serverThread, outlives m_api
    Oidc::Provider *m_oidc = nullptr; // school sign-in (#15); like m_library
    QThread m_serverThread;
    quint16 m_port = 0;
    QString m_generatedAdminPassword;
    bool m_running = false;
    std::atomic<bool> m_restoring{false};
};

} // namespace Blockhaus::App
