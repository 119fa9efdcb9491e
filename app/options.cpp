// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/options.h"

#include <cstring>
#include <optional>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include "app/settings/appsettings.h"
#include "app/starterror.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void fail(const QString &message)
{
    fprintf(stderr, "blockhaus: %s\n", qPrintable(message));
    ::exit(ExitUsage);
}

int intOption(const QCommandLineParser &parser, const QString &name, int min, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max)
        fail(u"--%1 must be a number from %2 to %3."_s.arg(name).arg(min).arg(max));
    return value;
}

// Where the students' pages are: next to the executable in the build tree and when installed
// (<prefix>/bin/blockhaus -> <prefix>/share/blockhaus/web), or in the macOS bundle's Resources.
QString defaultWebRoot()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    // Installed on Linux/Windows and the build tree; the installed macOS bundle; the macOS
    // build tree (bin/Blockhaus.app/Contents/MacOS -> share next to bin); a flat folder.
    const QStringList candidates{
        appDir + u"/../share/blockhaus/web"_s, appDir + u"/../Resources/web"_s,
        appDir + u"/../../../../share/blockhaus/web"_s, appDir + u"/web"_s};
    for (const QString &candidate : candidates) {
        if (QDir(candidate).exists())
            return QDir(candidate).canonicalPath();
    }
    return {};
}

// "none" means offline; anything else must be an http(s) URL with the {md5ext} placeholder.
QString libraryUpstreamOption(const QString &value)
{
    if (value == u"none"_s)
        return {};
    const QUrl url(QString(value).replace(u"{md5ext}"_s, u"0.svg"_s), QUrl::StrictMode);
    if (!value.contains(u"{md5ext}"_s) || !url.isValid()
        || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
        fail(u"--library-upstream needs an http(s) address containing {md5ext}, or none."_s);
    return value;
}

// Only the scheme is checked here; the server reads the rest (server/db's parseDatabaseUrl) and
// says at start what is wrong with it.
QString databaseOption(const QString &origin, const QString &value)
{
    const QString url = value.trimmed();
    if (!url.startsWith(u"postgresql://"_s) && !url.startsWith(u"postgres://"_s))
        fail(u"%1 needs a PostgreSQL address, postgresql://USER@HOST[:PORT]/DBNAME (without it "
             "Blockhaus keeps its database in the data folder)."_s.arg(origin));
    return url;
}

constexpr qint64 megabyte = 1'000'000; // as the pages show sizes (kB, MB)

// A size in MB from the command line, else from the saved settings (the same store the
// dashboard's settings use, so a headless server reads it too), else the default. 0: no limit.
qint64 megabytesOption(const QCommandLineParser &parser, const QString &name,
                       const QString &settingsKey, qint64 defaultBytes)
{
    constexpr qint64 maxMegabytes = 16'000'000; // 16 TB: far beyond any disk in a school
    QString text;
    QString origin;
    if (parser.isSet(name)) {
        text = parser.value(name);
        origin = u"--"_s + name;
    } else {
        const std::optional<QString> saved = AppSettings().text(settingsKey);
        if (!saved)
            return defaultBytes;
        text = *saved;
        origin = u"The setting "_s + settingsKey;
    }
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < 0 || value > maxMegabytes)
        fail(u"%1 must be a number of megabytes from 0 (no limit) to %2."_s.arg(origin).arg(
            maxMegabytes));
    return value * megabyte;
}

QList<QHostAddress> addressListOption(const QString &origin, const QString &value)
{
    QList<QHostAddress> addresses;
    for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
        QHostAddress address;
        if (!address.setAddress(part.trimmed()))
            fail(u"%1 needs IP addresses separated by commas, such as 127.0.0.1; "
                 "\u201c%2\u201d is not one."_s.arg(origin, part.trimmed()));
        addresses.append(address);
    }
    return addresses;
}

// A text from the command line, else from the saved settings, else the default.
QString textOption(const QCommandLineParser &parser, const QString &name,
                   const QString &settingsKey, const QString &defaultValue = {})
{
    if (parser.isSet(name))
        return parser.value(name).trimmed();
    return AppSettings().text(settingsKey).value_or(defaultValue).trimmed();
}

bool isLoopbackHost(const QString &host)
{
    const QHostAddress address(host);
    return host == u"localhost"_s || (!address.isNull() && address.isLoopback());
}

// School sign-in (#15): off without an issuer. The issuer is the provider's address as its
// discovery document names it; https, except on this computer (tests, a local provider).
Oidc::OidcConfig oidcOptions(const QCommandLineParser &parser)
{
    Oidc::OidcConfig config;
    const QString issuer = textOption(parser, u"oidc-issuer"_s, u"oidc/issuer"_s);
    if (issuer.isEmpty())
        return config;
    const QUrl url(issuer, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment()
        || !(url.scheme() == u"https"_s
             || (url.scheme() == u"http"_s && isLoopbackHost(url.host()))))
        fail(u"--oidc-issuer (or the setting oidc/issuer) needs the https address of the school's "
             "identity provider, e.g. https://schule.example/iserv/oauth."_s);
    config.issuer = url;
    config.clientId = textOption(parser, u"oidc-client-id"_s, u"oidc/clientId"_s);
    if (config.clientId.isEmpty())
        fail(u"School sign-in needs the client id Blockhaus has at the identity provider: "
             "--oidc-client-id (or the setting oidc/clientId)."_s);
    config.clientSecret = qEnvironmentVariable("BLOCKHAUS_OIDC_CLIENT_SECRET");
    config.scopes = textOption(parser, u"oidc-scopes"_s, u"oidc/scopes"_s, config.scopes);
    if (!config.scopes.split(u' ', Qt::SkipEmptyParts).contains(u"openid"_s))
        fail(u"--oidc-scopes must contain openid."_s);
    Oidc::ClaimMapping &claims = config.claims;
    claims.usernameClaim =
        textOption(parser, u"oidc-username-claim"_s, u"oidc/usernameClaim"_s, claims.usernameClaim);
    claims.displayNameClaim = textOption(parser, u"oidc-name-claim"_s, u"oidc/displayNameClaim"_s,
                                         claims.displayNameClaim);
    claims.groupsClaim =
        textOption(parser, u"oidc-groups-claim"_s, u"oidc/groupsClaim"_s, claims.groupsClaim);
    for (const QString &group :
         textOption(parser, u"oidc-teacher-groups"_s, u"oidc/teacherGroups"_s)
             .split(u',', Qt::SkipEmptyParts)) {
        if (!group.trimmed().isEmpty())
            claims.teacherGroups.append(group.trimmed());
    }
    if (parser.isSet(u"oidc-timeout-ms"_s))
        config.timeoutMs = intOption(parser, u"oidc-timeout-ms"_s, 100, 120000);
    return config;
}

} // namespace

bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--headless") == 0 || std::strcmp(argv[i], "--help") == 0
            || std::strcmp(argv[i], "-h") == 0 || std::strcmp(argv[i], "--version") == 0
            || std::strcmp(argv[i], "-v") == 0 || std::strcmp(argv[i], "--restore") == 0
            || std::strncmp(argv[i], "--restore=", 10) == 0
            || std::strcmp(argv[i], "--import-s4s") == 0
            || std::strncmp(argv[i], "--import-s4s=", 13) == 0
            || std::strcmp(argv[i], "--self-check") == 0)
            return true;
    }
    return false;
}

Options parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Blockhaus: a Scratch classroom server. Students open the address it prints in a web "
        "browser; their projects are saved on this computer."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"headless"_s, u"Run without the dashboard window (for servers)."_s},
        {u"port"_s, u"TCP port to listen on (default 8601; 0 picks a free one)."_s, u"port"_s,
         u"8601"_s},
        {u"listen"_s, u"Address to listen on (default: all interfaces)."_s, u"address"_s},
        {u"data-dir"_s, u"Folder for the database (default: the user's application data)."_s,
         u"dir"_s},
        {u"database"_s,
         u"Keep everything in this PostgreSQL database instead of the SQLite file in the data "
         "folder: postgresql://USER@HOST[:PORT]/DBNAME. Give the password in the environment "
         "variable BLOCKHAUS_DATABASE_PASSWORD or in ~/.pgpass, not in the address, which other "
         "users of the computer can see (default: the saved setting server/database, else "
         "SQLite)."_s,
         u"url"_s},
        {u"web-root"_s, u"Folder with the students' web pages."_s, u"dir"_s},
        {u"public-origin"_s,
         u"Origin the students use when behind a TLS proxy, e.g. https://scratch.school.example."_s,
         u"origin"_s},
        {u"trusted-proxy"_s,
         u"Addresses of reverse proxies in front of Blockhaus, comma-separated, e.g. "
         "127.0.0.1: for requests from them the student's machine is taken from the "
         "X-Forwarded-For header, for login throttling and who is online (default: the saved "
         "setting server/trustedProxies, else none)."_s,
         u"addresses"_s},
        {u"mdns-name"_s,
         u"The name students can type instead of the address: NAME.local, announced on the "
         "local network by multicast DNS when Blockhaus listens on it (default blockhaus; "
         "another computer already using the name makes it NAME-2)."_s,
         u"name"_s},
        {u"no-mdns"_s, u"Do not announce Blockhaus on the local network by multicast DNS."_s},
        {u"pool-size"_s, u"Database worker threads (default 8)."_s, u"n"_s, u"8"_s},
        {u"acquire-timeout-ms"_s,
         u"Longest wait for a database connection before answering 503 (default 5000)."_s, u"ms"_s,
         u"5000"_s},
        {u"idle-timeout-s"_s, u"Close idle connections after this many seconds (default 30)."_s,
         u"s"_s, u"30"_s},
        {u"max-connections"_s, u"Most simultaneous connections (default 512)."_s, u"n"_s, u"512"_s},
        {u"max-connections-per-address"_s,
         u"Most simultaneous connections from one client address (default 64)."_s, u"n"_s, u"64"_s},
        {u"max-event-streams"_s,
         u"Most open live event streams (one per open page) in total (default 400)."_s, u"n"_s,
         u"400"_s},
        {u"max-event-streams-per-user"_s,
         u"Most open live event streams of one account (default 6)."_s, u"n"_s, u"6"_s},
        {u"event-heartbeat-s"_s,
         u"Seconds between keep-alive lines on idle live event streams (default 15)."_s, u"s"_s,
         u"15"_s},
        {u"request-timeout-s"_s,
         u"A request head must arrive within this many seconds, and a request body must keep "
         "arriving in every such period (default 10)."_s,
         u"s"_s, u"10"_s},
        {u"library-upstream"_s,
         u"Where Scratch library pictures and sounds missing from the local library cache are "
         "downloaded from; {md5ext} is replaced by the file name. \"none\": offline, never "
         "download (default: the Scratch CDN, %1)."_s.arg(
             QString::fromLatin1(defaultLibraryUpstream)),
         u"url"_s},
        {u"restore"_s,
         u"Put this backup in place of the data folder's database (the current one is kept in "
         "the data folder's backups folder), then exit. Blockhaus must not be running on that "
         "folder."_s,
         u"file"_s},
        {u"import-s4s"_s,
         u"Move over from Scratch4School: import the accounts, groups (as classes), projects and "
         "backpacks of the Scratch4School installation whose database this is (its SQLite file "
         "or a postgresql:// address) into this Blockhaus, print a report, then exit. Needs "
         "--uploads. Running it again imports only what is not there yet. Blockhaus must not be "
         "running on the data folder."_s,
         u"database"_s},
        {u"uploads"_s, u"The Scratch4School uploads folder (its UPLOAD_FOLDER) for --import-s4s."_s,
         u"dir"_s},
        {u"self-check"_s,
         u"Check whether this computer can handle a class: start Blockhaus on a free local port "
         "on the data folder, let a throwaway class of students save projects for a few seconds, "
         "measure the disk, remove the class again and print the answer, then exit (exit code "
         "4 when the check finds a problem). Blockhaus must not be running on that folder."_s},
        {u"students"_s, u"Students in the --self-check's throwaway class (default 30)."_s, u"n"_s,
         u"30"_s},
        {u"self-check-seconds"_s, u"How long the --self-check's students save (default 10)."_s,
         u"s"_s, u"10"_s},
        {u"library-timeout-ms"_s,
         u"Longest wait for one library download before answering 503 (default 15000)."_s, u"ms"_s,
         u"15000"_s},
        {u"library-cache-mb"_s,
         u"Most disk space the library cache may use; when full, nothing new is stored (default "
         "1000, that is 1 GB; 0: no limit)."_s,
         u"MB"_s},
        {u"student-quota-mb"_s,
         u"Storage space per student for projects with their versions, thumbnails, uploaded "
         "costumes and sounds, and backpack (default 200, or the saved setting quota/studentMB; "
         "0: no limit)."_s,
         u"MB"_s},
        {u"teacher-quota-mb"_s,
         u"Storage space per teacher or admin (default 0: no limit, or the saved setting "
         "quota/teacherMB)."_s,
         u"MB"_s},
        {u"oidc-issuer"_s,
         u"Let students and teachers sign in with the school's identity provider (OpenID "
         "Connect: IServ, Keycloak, Azure AD, ...) at this issuer address, beside the Blockhaus "
         "accounts (default: the setting oidc/issuer, else off). The client secret, if any, is "
         "read from the environment variable BLOCKHAUS_OIDC_CLIENT_SECRET."_s,
         u"url"_s},
        {u"oidc-client-id"_s, u"Blockhaus' client id at the identity provider (oidc/clientId)."_s,
         u"id"_s},
        {u"oidc-scopes"_s,
         u"Scopes asked for at sign-in (default \"openid profile\"; oidc/scopes)."_s, u"scopes"_s},
        {u"oidc-username-claim"_s,
         u"ID token claim with the user name (default preferred_username; oidc/usernameClaim)."_s,
         u"claim"_s},
        {u"oidc-name-claim"_s,
         u"ID token claim with the full name (default name; oidc/displayNameClaim)."_s, u"claim"_s},
        {u"oidc-groups-claim"_s,
         u"ID token claim with the user's groups, which become classes (default groups; "
         "oidc/groupsClaim)."_s,
         u"claim"_s},
        {u"oidc-teacher-groups"_s,
         u"Comma-separated groups whose members sign in as teachers (oidc/teacherGroups)."_s,
         u"groups"_s},
        {u"oidc-timeout-ms"_s,
         u"Longest wait for one answer of the identity provider (default 10000)."_s, u"ms"_s},
    });
    // An unknown option ends with the usage exit code like a wrong value does (process() alone
    // would exit with 1); process() then handles --help and --version.
    if (!parser.parse(arguments))
        fail(parser.errorText());
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty())
        fail(u"unexpected argument \u201c%1\u201d (see --help)."_s.arg(
            parser.positionalArguments().first()));

    Options options;
    options.headless = parser.isSet(u"headless"_s);
    options.port = static_cast<quint16>(intOption(parser, u"port"_s, 0, 65535));
    options.portGiven = parser.isSet(u"port"_s);
    options.dataDirGiven = parser.isSet(u"data-dir"_s);
    if (parser.isSet(u"listen"_s)) {
        if (!options.listen.setAddress(parser.value(u"listen"_s)))
            fail(u"--listen needs an IP address, such as 0.0.0.0 or 127.0.0.1."_s);
    }
    options.dataDir = parser.isSet(u"data-dir"_s)
        ? parser.value(u"data-dir"_s)
        : QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    options.databaseGiven = parser.isSet(u"database"_s);
    if (options.databaseGiven)
        options.database = databaseOption(u"--database"_s, parser.value(u"database"_s));
    options.databasePassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    options.webRoot = parser.isSet(u"web-root"_s) ? parser.value(u"web-root"_s) : defaultWebRoot();
    options.publicOrigin = parser.value(u"public-origin"_s);
    options.trustedProxiesGiven = parser.isSet(u"trusted-proxy"_s);
    if (options.trustedProxiesGiven)
        options.trustedProxies =
            addressListOption(u"--trusted-proxy"_s, parser.value(u"trusted-proxy"_s));
    if (parser.isSet(u"mdns-name"_s)) {
        // One DNS label of letters, digits and hyphens (RFC 1123), so every resolver accepts it.
        static const QRegularExpression label(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
        options.mdnsName = parser.value(u"mdns-name"_s);
        if (!label.match(options.mdnsName).hasMatch())
            fail(u"--mdns-name needs a name of letters, digits and hyphens, such as blockhaus."_s);
    }
    if (parser.isSet(u"no-mdns"_s))
        options.mdnsName.clear();
    options.poolSize = intOption(parser, u"pool-size"_s, 1, 256);
    options.acquireTimeoutMs = intOption(parser, u"acquire-timeout-ms"_s, 1, 600000);
    options.idleTimeoutSeconds = intOption(parser, u"idle-timeout-s"_s, 1, 3600);
    options.maxConnections = intOption(parser, u"max-connections"_s, 1, 100000);
    options.maxConnectionsPerAddress =
        intOption(parser, u"max-connections-per-address"_s, 1, 100000);
    options.requestTimeoutSeconds = intOption(parser, u"request-timeout-s"_s, 1, 3600);
    options.maxEventStreams = intOption(parser, u"max-event-streams"_s, 1, 100000);
    options.maxEventStreamsPerUser = intOption(parser, u"max-event-streams-per-user"_s, 1, 1000);
    options.eventHeartbeatSeconds = intOption(parser, u"event-heartbeat-s"_s, 1, 3600);
    options.libraryUpstream = parser.isSet(u"library-upstream"_s)
        ? libraryUpstreamOption(parser.value(u"library-upstream"_s))
        : QString::fromLatin1(defaultLibraryUpstream);
    options.libraryTimeoutMs = intOption(parser, u"library-timeout-ms"_s, 1, 600000);
    options.restoreFrom = parser.value(u"restore"_s);
    options.importS4s = parser.value(u"import-s4s"_s);
    options.s4sUploads = parser.value(u"uploads"_s);
    if (parser.isSet(u"import-s4s"_s) && options.importS4s.trimmed().isEmpty())
        fail(
            u"--import-s4s needs the Scratch4School database (a file or postgresql:// address)."_s);
    if (parser.isSet(u"import-s4s"_s) && options.s4sUploads.isEmpty())
        fail(u"--import-s4s needs --uploads with the Scratch4School uploads folder."_s);
    if (parser.isSet(u"uploads"_s) && !parser.isSet(u"import-s4s"_s))
        fail(u"--uploads belongs to --import-s4s."_s);
    options.selfCheck = parser.isSet(u"self-check"_s);
    options.selfCheckStudents = intOption(parser, u"students"_s, 1, 1000);
    options.selfCheckSeconds = intOption(parser, u"self-check-seconds"_s, 1, 600);
    options.libraryCacheBytes = megabytesOption(parser, u"library-cache-mb"_s, u"library/cacheMB"_s,
                                                options.libraryCacheBytes);
    options.studentQuotaBytes = megabytesOption(parser, u"student-quota-mb"_s, u"quota/studentMB"_s,
                                                options.studentQuotaBytes);
    options.teacherQuotaBytes = megabytesOption(parser, u"teacher-quota-mb"_s, u"quota/teacherMB"_s,
                                                options.teacherQuotaBytes);
    options.oidc = oidcOptions(parser);
    const QByteArray maxPages = qgetenv("BLOCKHAUS_SQLITE_MAX_PAGE_COUNT");
    if (!maxPages.isEmpty())
        options.sqliteMaxPageCount = maxPages.toLongLong();
    return options;
}

void applySavedSettings(Options &options, const AppSettings &saved)
{
    if (!options.portGiven && saved.port() > 0)
        options.port = saved.port();
    if (!options.dataDirGiven && !saved.dataDirectory().isEmpty())
        options.dataDir = saved.dataDirectory();
    if (!options.trustedProxiesGiven) {
        const QString proxies = saved.text(u"server/trustedProxies"_s).value_or(QString());
        if (!proxies.trimmed().isEmpty())
            options.trustedProxies =
                addressListOption(u"The setting server/trustedProxies"_s, proxies);
    }
    if (!options.databaseGiven) {
        const QString database = saved.text(u"server/database"_s).value_or(QString()).trimmed();
        if (!database.isEmpty())
            options.database = databaseOption(u"The setting server/database"_s, database);
    }
}

} // namespace Blockhaus::App
