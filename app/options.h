// SPDX-License-Identifier: AGPL-3.0-or-later
// Command line and environment of the blockhaus executable.
#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include "server/oidc/oidcconfig.h"

namespace Blockhaus::App {

class AppSettings;

struct Options
{
    bool headless = false;
    QHostAddress listen = QHostAddress::Any;
    quint16 port = 8601;
    QString dataDir;
    // --database postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME (#15), else the saved setting
    // server/database; empty: SQLite in the data folder (the default). The password is better
    // kept out of the address (`ps` shows it): BLOCKHAUS_DATABASE_PASSWORD, or ~/.pgpass, which
    // libpq reads itself when no password is given.
    QString database;
    bool databaseGiven = false;
    QString databasePassword; // environment BLOCKHAUS_DATABASE_PASSWORD
    // Given on the command line: then they win over the saved settings (applySavedSettings).
    bool portGiven = false;
    bool dataDirGiven = false;
    QString webRoot;
    QString publicOrigin;
    // Reverse proxies whose X-Forwarded-For names the students' machines (#15): --trusted-proxy
    // or the setting server/trustedProxies, comma-separated addresses.
    QList<QHostAddress> trustedProxies;
    bool trustedProxiesGiven = false;
    // The name students may type instead of the address, "<mdnsName>.local" (#16): advertised by
    // multicast DNS when the server listens on the network. Empty: not advertised (--no-mdns).
    QString mdnsName = QStringLiteral("blockhaus");
    int poolSize = 8;
    int acquireTimeoutMs = 5000;
    int idleTimeoutSeconds = 30;
    int maxConnections = 512;
    int maxConnectionsPerAddress = 64;
    // Server-sent event streams of the pages (#16): caps and the heartbeat period.
    int maxEventStreams = 400;
    int maxEventStreamsPerUser = 6;
    int eventHeartbeatSeconds = 15;
    // A request head must be complete within this time; a body must progress in every such window.
    int requestTimeoutSeconds = 10;
    qint64 sqliteMaxPageCount = 0; // environment BLOCKHAUS_SQLITE_MAX_PAGE_COUNT (tests)
    // Where missing Scratch library items are downloaded from ({md5ext} is replaced); empty:
    // offline (--library-upstream none). parseOptions() defaults to the Scratch CDN.
    QString libraryUpstream;
    int libraryTimeoutMs = 15'000;
    // --self-check [--students N] [--self-check-seconds S]: measure what this computer can serve
    // with a throwaway class, then exit (issue #13).
    bool selfCheck = false;
    int selfCheckStudents = 30;
    int selfCheckSeconds = 10;
    // --restore FILE: put this backup in place of the data folder's database, then exit.
    QString restoreFrom;
    // --import-s4s DATABASE --uploads DIR: import a Scratch4School installation (its SQLite file
    // or postgresql:// address, and its uploads folder) into this Blockhaus, then exit (#15).
    QString importS4s;
    QString s4sUploads;
    // The most the library cache keeps on disk; when full it serves what it has and stores
    // nothing new (#12).
    qint64 libraryCacheBytes = 1'000'000'000;
    // Storage quotas in bytes, 0: no limit (#12). From --student-quota-mb / --teacher-quota-mb,
    // else the saved settings quota/studentMB and quota/teacherMB, else these defaults: 200 MB
    // per student; teachers and admins are not limited. MB are 1,000,000 bytes, as the students'
    // pages show sizes.
    qint64 studentQuotaBytes = 200'000'000;
    qint64 teacherQuotaBytes = 0;
    // School sign-in through OpenID Connect (#15), off unless an issuer is given: --oidc-issuer,
    // --oidc-client-id, ... or the saved settings oidc/issuer, oidc/clientId, ...; the client
    // secret only from the environment (BLOCKHAUS_OIDC_CLIENT_SECRET), never the command line.
    Oidc::OidcConfig oidc;
};

// The Scratch CDN the editor itself would use for library items.
inline constexpr char defaultLibraryUpstream[] =
    "https://cdn.assets.scratch.mit.edu/internalapi/asset/{md5ext}/get/";

// True when the arguments ask for headless mode (checked before any QApplication exists).
bool wantsHeadless(int argc, char **argv);
// Parses the application's arguments; prints and exits for --help, --version and errors. Sizes
// not given (quotas, the library cache) come from the saved settings, else their defaults.
Options parseOptions(const QStringList &arguments);
// The saved port and data folder (the dashboard's Settings tab) and database address (the
// settings file's server/database) as defaults, in both builds: --port, --data-dir and
// --database on the command line win over them.
void applySavedSettings(Options &options, const AppSettings &saved);

} // namespace Blockhaus::App
