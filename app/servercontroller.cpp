// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/servercontroller.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkInterface>
#include <QScopeGuard>
#include <QTimer>

#include "app/datafolder.h"
#include "app/freeport.h"
#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/db/dialect.h"
#include "server/db/migrations.h"
#include "server/db/pgdump.h"
#include "server/db/probe.h"
#include "server/db/restore.h"
#include "server/http/apiserver.h"
#include "server/library/librarycache.h"
#include "server/mdns/responder.h"
#include "server/oidc/provider.h"
#include "server/service/dashboardcaller.h"
#include "server/store/classstore.h"
#include "server/store/livestatestore.h"
#include "server/store/userstore.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {
constexpr int presenceFlushMs = 10'000;

// One batch of this process's presence and conflicts into the shared tables, then what every
// process saw (#15).
Result<Live::SharedLiveState> syncSharedLiveState(Db::Connection &db,
                                                  const Live::LiveHub::SharedBatch &batch)
{
    auto written = Store::LiveStateStore::writeBatch(db, batch.seen, batch.conflicts, batch.saves);
    if (!written)
        return written.error();
    return Store::LiveStateStore::read(db, batch.onlineSince, 200, batch.today);
}

constexpr int shutdownGraceMs = 10'000;
} // namespace

ServerController::ServerController(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_serverThread.setObjectName(u"blockhaus-http"_s);
}

ServerController::~ServerController()
{
    stop();
}

bool ServerController::start(QString *errorText)
{
    StartError error;
    const bool started = start(&error);
    if (!started && errorText)
        *errorText = error.message;
    return started;
}

bool ServerController::start(StartError *error)
{
    using Kind = StartError::Kind;
    m_lock = lockDataFolder(m_options.dataDir, error);
    if (!m_lock)
        return false;
    if (!Auth::PasswordHasher::initialise()) {
        *error = {Kind::Other, tr("The password library (libsodium) could not start.")};
        return false;
    }
    Db::DbConfig dbConfig;
    if (!m_options.database.isEmpty()) {
        // PostgreSQL (#15): the address names it; the password comes from the address, else the
        // environment, else libpq's own ~/.pgpass.
        auto parsed = Db::parseDatabaseUrl(m_options.database);
        if (!parsed) {
            *error = {Kind::Database, parsed.error().message};
            return false;
        }
        dbConfig = *parsed;
        if (dbConfig.pgPassword.isEmpty())
            dbConfig.pgPassword = m_options.databasePassword;
    } else {
        dbConfig.sqlitePath = databaseFile(m_options.dataDir);
    }
    const bool sqlite = dbConfig.driver == Db::Driver::Sqlite;
    const QString databaseName =
        sqlite ? QDir::toNativeSeparators(dbConfig.sqlitePath) : Db::describeDatabase(dbConfig);
    dbConfig.poolSize = m_options.poolSize;
    dbConfig.acquireTimeoutMs = m_options.acquireTimeoutMs;
    dbConfig.sqliteMaxPageCount = m_options.sqliteMaxPageCount;
    // The driver is a Qt plugin, packaged apart from Qt's libraries: said plainly here rather
    // than as a failed open for every pool connection.
    if (const Db::Dialect dialect(dbConfig.driver); !dialect.isDriverAvailable()) {
        *error = {Kind::Database,
                  tr("Qt's database driver %1 is not installed, so Blockhaus cannot open its "
                     "database. Install Blockhaus again (on Debian or Ubuntu, also the package "
                     "%2).")
                      .arg(dialect.qtDriverName(),
                           sqlite ? u"libqt6sql6-sqlite"_s : u"libqt6sql6-psql"_s)};
        return false;
    }
    // A newer Blockhaus migrates the schema on its first start; the database as it was is kept
    // first, named for its version, so IT can go back (blockhaus --restore). A PostgreSQL
    // database is kept with pg_dump once the pool can tell its version (dumpBeforeMigration).
    if (sqlite) {
        auto kept = Db::backupBeforeMigration(dbConfig.sqlitePath, backupFolder(),
                                              Db::Migrations::latestVersion(dbConfig.driver));
        if (!kept) {
            *error = {Kind::Database,
                      tr("Before updating the database %1 to this version of Blockhaus, a copy "
                         "of it is kept, and that copy failed: %2")
                          .arg(databaseName, kept.error().message)};
            return false;
        }
        if (!kept->isEmpty())
            qInfo("Kept the database as it was before the update: %s", qPrintable(*kept));
    }
    m_pool = std::make_unique<Db::ConnectionPool>(dbConfig);
    if (!sqlite && !dumpBeforeMigration(dbConfig, databaseName, error))
        return false;
    auto migrated =
        m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
    if (!migrated) {
        *error = {
            StartError::Kind::Database,
            tr("The database %1 cannot be opened: %2").arg(databaseName, migrated.error().message)};
        return false;
    }
    if (!ensureAdmin(error))
        return false;

    m_httpConfig.listenAddress = m_options.listen;
    m_httpConfig.port = m_options.port;
    m_httpConfig.webRoot = m_options.webRoot;
    m_httpConfig.publicOrigin = m_options.publicOrigin;
    m_httpConfig.trustedProxies = m_options.trustedProxies;
    m_httpConfig.idleTimeoutMs = m_options.idleTimeoutSeconds * 1000;
    m_httpConfig.maxConnections = m_options.maxConnections;
    m_httpConfig.maxConnectionsPerAddress = m_options.maxConnectionsPerAddress;
    m_httpConfig.maxEventStreams = m_options.maxEventStreams;
    m_httpConfig.maxEventStreamsPerUser = m_options.maxEventStreamsPerUser;
    m_httpConfig.eventHeartbeatMs = m_options.eventHeartbeatSeconds * 1000;
    m_httpConfig.requestHeadTimeoutMs = m_options.requestTimeoutSeconds * 1000;
    m_httpConfig.bodyRateWindowMs = m_options.requestTimeoutSeconds * 1000;
    m_httpConfig.quota.studentBytes = m_options.studentQuotaBytes;
    m_httpConfig.quota.staffBytes = m_options.teacherQuotaBytes;
    // The file sizes on the Health tab: only SQLite's database is a file here.
    m_live = std::make_unique<Live::LiveHub>(*m_pool, dbConfig.sqlitePath);
    m_live->setRosterProbe(&Store::ClassStore::rosterRevision);
    if (!sqlite) {
        m_live->setSizeProbe(&Db::databaseBytes);
        // Other Blockhaus processes may serve the same database behind one address (#15): a
        // student may reach any of them on any request. So presence and the conflict log are
        // shared through the database, as are the login and join-code throttles, and no
        // process answers from a session cache that another process's logout could not reach.
        m_live->setSharedSync(&syncSharedLiveState);
        m_auth.setShared(true);
    }
    Library::LibraryConfig libraryConfig;
    libraryConfig.directory = m_options.dataDir + u"/library"_s;
    libraryConfig.upstreamTemplate = m_options.libraryUpstream;
    libraryConfig.catalogueRoot = m_options.webRoot;
    libraryConfig.timeoutMs = m_options.libraryTimeoutMs;
    libraryConfig.maxCacheBytes = m_options.libraryCacheBytes;
    // Created here, moved to the server thread below: its network client must live in a thread
    // with an event loop that never waits on the database.
    m_library = new Library::LibraryCache(libraryConfig);
    // The same for the school's identity provider (#15), which is asked over the network.
    m_oidc = new Oidc::Provider(m_options.oidc);
    m_runner = std::make_unique<Service::Runner>(*m_pool);
    m_services = std::make_unique<Http::Services>(
        Http::Services{*m_pool, *m_runner, m_auth, *m_live, m_httpConfig, m_library, m_oidc});
    m_classroom = std::make_unique<StoreClassroomService>(*m_runner, m_auth, m_live.get());
    m_liveControls = std::make_unique<StoreLiveControlService>(*m_runner, m_auth, m_live.get());
    m_maintenance = std::make_unique<StoreMaintenanceService>(*m_runner, m_options.dataDir,
                                                              dbConfig.sqlitePath);
    m_maintenance->setLibrary(m_library);
    // A restore swaps the data folder's SQLite file; a PostgreSQL database is IT's to restore
    // (pg_restore), so there the dashboard's service answers that it cannot.
    if (sqlite) {
        m_maintenance->enableRestore(backupFolder(), [this](const QString &path) {
            return restoreFrom(path); // in the maintenance service's restore thread (#13)
        });
    }

    m_serverThread.start();
    m_live->moveToThread(&m_serverThread);
    m_library->moveToThread(&m_serverThread);
    m_oidc->moveToThread(&m_serverThread);
    QString listenReason;
    QMetaObject::invokeMethod(
        m_live.get(),
        [this, &listenReason]() {
            m_port = listenInServerThread(&listenReason);
            m_live->start();
        },
        Qt::BlockingQueuedConnection);
    if (m_port == 0) {
        stop();
        *error = listenError(listenReason);
        return false;
    }
    m_maintenance->enableCapacityCheck(&m_auth, m_port); // "Check this computer…" (#13)
    m_classroom->setLocalOrigin(localOrigin());
    m_running = true;
    return true;
}

quint16 ServerController::listenInServerThread(QString *reason)
{
    m_api = new Http::ApiServer(*m_services);
    const quint16 port = m_api->listen(reason);
    if (port != 0)
        advertiseOnLan(port);
    auto *flush = new QTimer(m_api);
    connect(flush, &QTimer::timeout, m_api, [this]() { flushPresence(); });
    flush->start(presenceFlushMs);
    return port;
}

void ServerController::advertiseOnLan(quint16 port)
{
    // Only a server students can reach has a name worth announcing; the responder is the API
    // server's child, so stopping to listen says goodbye on the network.
    if (m_options.mdnsName.isEmpty() || m_options.listen.isLoopback())
        return;
    Mdns::ResponderConfig config;
    config.hostLabel = m_options.mdnsName;
    config.port = port;
    auto *responder = new Mdns::Responder(config, m_api);
    connect(responder, &Mdns::Responder::claimed, this, [this, port](const QString &host) {
        const QString url = u"http://%1:%2"_s.arg(host).arg(port);
        {
            QMutexLocker lock(&m_lanNameMutex);
            m_lanNameUrl = url;
        }
        emit lanNameClaimed(url);
    });
    QString error;
    if (!responder->start(&error)) {
        // Another program may hold the port exclusively (some VPN clients): the addresses work.
        qWarning().noquote() << "Not announcing Blockhaus on the network by name:" << error;
        delete responder;
    }
}

QString ServerController::lanNameUrl() const
{
    QMutexLocker lock(&m_lanNameMutex);
    return m_lanNameUrl;
}

void ServerController::stopListeningInServerThread()
{
    if (!m_api)
        return;
    m_api->beginShutdown();
    // In-flight requests finish and get their answers; bounded wait.
    QEventLoop loop;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [this, &loop]() {
        if (!m_api->hasActiveConnections())
            loop.quit();
    });
    QTimer::singleShot(shutdownGraceMs, &loop, &QEventLoop::quit);
    poll.start(20);
    if (m_api->hasActiveConnections())
        loop.exec();
    delete m_api;
    m_api = nullptr;
}

Result<Service::RestoredDatabase> ServerController::restoreFrom(const QString &backupPath)
{
    if (!m_running || !m_pool || m_restoring.exchange(true)) {
        return makeError(ErrorKind::Unavailable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "A backup can only be restored into a running server, "
                                           "one at a time."));
    }
    const auto done = qScopeGuard([this] { m_restoring = false; });
    // While still serving: most refusals end here, and nobody notices.
    auto checked = Service::Maintenance().checkBackup(backupPath, backupFolder());
    if (!checked)
        return checked.error();

    // Nobody writes the database from here on: no requests, no presence flush, no roster probe.
    QElapsedTimer offline; // how long students could not reach the server, for the log
    offline.start();
    QMetaObject::invokeMethod(
        m_live.get(),
        [this]() {
            stopListeningInServerThread();
            m_live->stop();
        },
        Qt::BlockingQueuedConnection);
    // Presence belongs to the database it was seen in (kept as the safety copy).
    flushPresenceNow();
    auto restored = swapDatabase(backupPath);

    QString listenReason;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_live.get(),
        [this, &listenReason, &port]() {
            m_httpConfig.port = m_port; // the same port, also when it was chosen by the system
            port = listenInServerThread(&listenReason);
            m_live->start();
        },
        Qt::BlockingQueuedConnection);
    if (port == 0) {
        qWarning("After the restore, port %u could not be opened again: %s", unsigned(m_port),
                 qPrintable(listenReason));
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "Blockhaus cannot listen on port %1 again (%2). Quit "
                                           "Blockhaus and start it again."),
                         {QString::number(m_port), listenReason});
    }
    qInfo("Serving again on port %u after %lld ms without the server (restore of %s)",
          unsigned(m_port), static_cast<long long>(offline.elapsed()), qPrintable(backupPath));
    return restored;
}

Result<Service::RestoredDatabase> ServerController::swapDatabase(const QString &backupPath)
{
    const QString database = m_pool->config().sqlitePath;
    const int latest = Db::Migrations::latestVersion(m_pool->config().driver);
    const auto migrate = [this]() {
        return m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
    };
    m_pool->close(); // waits for running jobs (a backup, a save) and closes every connection
    auto restored = Service::Maintenance().restore(backupPath, database, backupFolder());
    if (!restored) {
        // Nothing was changed: serve on as before, the old sessions included.
        m_pool->reopen();
        return restored.error();
    }
    // As at a start: an older schema is kept under its version's name before it is migrated.
    if (auto kept = Db::backupBeforeMigration(database, backupFolder(), latest); !kept)
        qWarning("No copy before migrating the restored database: %s",
                 qPrintable(kept.error().message));
    m_pool->reopen();
    if (auto migrated = migrate(); !migrated) {
        qWarning("The restored database cannot be migrated: %s",
                 qPrintable(migrated.error().message));
        // Back to the database it replaced, so that the classes keep being served.
        if (!restored->safetyCopy.isEmpty()) {
            m_pool->close();
            auto back =
                Service::Maintenance().restore(restored->safetyCopy, database, backupFolder());
            m_pool->reopen();
            if (back) {
                auto again = migrate();
                Q_UNUSED(again);
            }
        }
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The backup could not be updated to this version of "
                                           "Blockhaus: %1. The database it replaced is in use "
                                           "again."),
                         {migrated.error().message});
    }
    // Another database: its ids name other accounts and projects. Sessions end (the backup's as
    // well: everyone signs in again), presence, conflicts and sign-in links are forgotten.
    auto ended =
        m_pool->runSync<int>([this](Db::Connection &db) { return m_auth.endAllSessions(db); });
    if (!ended)
        qWarning("Sessions could not be ended after the restore: %s",
                 qPrintable(ended.error().message));
    m_live->forgetDatabase();
    qInfo("Restored %s (schema %d); the database it replaced is kept as %s", qPrintable(backupPath),
          restored->schemaVersion, qPrintable(restored->safetyCopy));
    return restored;
}

QString ServerController::localOrigin() const
{
    // Where this computer's browser reaches the server from a loopback address, the only peer
    // a one-time sign-in link admits (#13).
    const QHostAddress &listen = m_options.listen;
    if (listen == QHostAddress::Any || listen == QHostAddress::AnyIPv4
        || (listen.protocol() == QAbstractSocket::IPv4Protocol
            && listen.toIPv4Address() == 0x7f000001))
        return u"http://127.0.0.1:%1"_s.arg(m_port);
    if (listen == QHostAddress::AnyIPv6 || listen == QHostAddress::LocalHostIPv6)
        return u"http://[::1]:%1"_s.arg(m_port);
    return {};
}

QString ServerController::backupFolder() const
{
    return App::backupFolder(m_options.dataDir);
}

// After a failed listen (the HTTP server is gone again): is the port held by another program,
// and which one nearby is free? Port 0 can only fail for other reasons.
StartError ServerController::listenError(const QString &reason) const
{
    if (isPortInUse(m_options.listen, m_options.port)) {
        return {StartError::Kind::PortInUse,
                tr("Port %1 is already in use by another program.").arg(m_options.port),
                m_options.port, suggestFreePort(m_options.listen, m_options.port)};
    }
    return {StartError::Kind::Other,
            tr("Blockhaus cannot listen on port %1 at %2: %3")
                .arg(QString::number(m_options.port), m_options.listen.toString(), reason)};
}

bool ServerController::dumpBeforeMigration(const Db::DbConfig &config, const QString &databaseName,
                                           StartError *error)
{
    auto schema =
        m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::currentVersion(db); });
    if (!schema) {
        *error = {
            StartError::Kind::Database,
            tr("The database %1 cannot be opened: %2").arg(databaseName, schema.error().message)};
        return false;
    }
    auto kept =
        Db::dumpBeforeMigration(config, *schema, Db::Migrations::latestVersion(config.driver),
                                backupFolder(), Db::findPgDump());
    if (!kept) {
        *error = {StartError::Kind::Database,
                  tr("Before updating the database %1 to this version of Blockhaus, a copy "
                     "of it is kept, and that copy failed: %2")
                      .arg(databaseName, kept.error().message)};
        return false;
    }
    if (!kept->isEmpty())
        qInfo("Kept the database as it was before the update: %s", qPrintable(*kept));
    return true;
}

bool ServerController::ensureAdmin(StartError *error)
{
    auto hasAdmin =
        m_pool->runSync<bool>([](Db::Connection &db) { return Store::UserStore::hasAdmin(db); });
    if (!hasAdmin) {
        *error = {StartError::Kind::Database,
                  tr("The database cannot be read: %1").arg(hasAdmin.error().message)};
        return false;
    }
    if (*hasAdmin)
        return true;
    // No default credentials: the first password comes from the environment or is generated
    // and shown exactly once.
    QString password = qEnvironmentVariable("BLOCKHAUS_ADMIN_PASSWORD");
    if (password.isEmpty()) {
        password = Auth::PasswordGenerator::strong();
        m_generatedAdminPassword = password;
    }
    const QString hash = Auth::PasswordHasher::hash(password);
    auto created = m_pool->runSync<Core::NewAccount>([hash](Db::Connection &db) {
        return Store::UserStore::create(db, QStringView(Service::localAdministratorName).toString(),
                                        u"Administrator"_s, Core::Role::Admin, hash);
    });
    if (!created) {
        *error = {
            StartError::Kind::Database,
            tr("The administrator account could not be created: %1").arg(created.error().message)};
        return false;
    }
    return true;
}

void ServerController::flushPresence()
{
    // G10: presence reaches the database in one batch every few seconds. Shared, the live hub
    // writes it with the presence table, once a second.
    if (m_live->isShared())
        return;
    const QHash<qint64, QString> dirty = m_live->presence().takeDirty();
    if (dirty.isEmpty())
        return;
    std::function<Result<int>(Db::Connection &)> job = [dirty](Db::Connection &db) {
        return Store::UserStore::flushLastSeen(db, dirty);
    };
    m_pool->run<int>(std::move(job));
}

void ServerController::flushPresenceNow()
{
    if (m_live->isShared()) {
        const QList<Live::PresenceEntry> seen = m_live->presence().takeDirtyEntries();
        const QList<Live::ConflictEntry> conflicts = m_live->conflicts().takePending();
        const QList<Live::SaveDelta> saves = m_live->saves().takePending();
        auto written = m_pool->runSync<Ok>([&seen, &conflicts, &saves](Db::Connection &db) {
            return Store::LiveStateStore::writeBatch(db, seen, conflicts, saves);
        });
        Q_UNUSED(written);
        return;
    }
    const QHash<qint64, QString> dirty = m_live->presence().takeDirty();
    if (dirty.isEmpty())
        return;
    auto flushed = m_pool->runSync<int>(
        [dirty](Db::Connection &db) { return Store::UserStore::flushLastSeen(db, dirty); });
    Q_UNUSED(flushed);
}

void ServerController::stop()
{
    // No new dashboard calls from here on; jobs already on the pool hold no reference to the
    // service and end before the pool and the live hub go (m_pool->shutdown() below).
    m_classroom.reset();
    m_liveControls.reset();
    m_maintenance.reset();
    if (m_serverThread.isRunning()) {
        QMetaObject::invokeMethod(
            m_live.get(),
            [this]() {
                stopListeningInServerThread();
                // After the API: no request can reach the cache any more. Deleted in its own
                // thread, with its network client.
                delete m_library;
                m_library = nullptr;
                delete m_oidc;
                m_oidc = nullptr;
                m_live->stop();
                m_live->moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
        m_serverThread.quit();
        m_serverThread.wait();
    }
    delete m_library; // only when the server thread never ran
    m_library = nullptr;
    delete m_oidc;
    m_oidc = nullptr;
    if (m_pool) {
        m_pool->shutdown();
        if (m_live)
            flushPresenceNow();
        m_pool->shutdown();
    }
    m_services.reset();
    m_live.reset();
    m_pool.reset();
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
    m_running = false;
}

QStringList ServerController::joinUrls() const
{
    QStringList urls;
    const bool any = m_options.listen == QHostAddress::Any
        || m_options.listen == QHostAddress::AnyIPv4 || m_options.listen == QHostAddress::AnyIPv6;
    if (!any) {
        urls << u"http://%1:%2/"_s.arg(m_options.listen.toString()).arg(m_port);
        return urls;
    }
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        const auto flags = interface.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning)
            || (flags & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                urls << u"http://%1:%2/"_s.arg(entry.ip().toString()).arg(m_port);
        }
    }
    urls << u"http://localhost:%1/"_s.arg(m_port);
    return urls;
}

} // namespace Blockhaus::App
