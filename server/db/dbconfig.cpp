// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/dbconfig.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

Error badAddress(const QString &why)
{
    return makeError(ErrorKind::BadRequest,
                     u"The database address must look like "
                     "postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME: %1"_s.arg(why));
}

} // namespace

Result<DbConfig> parseDatabaseUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    if (!parsed.isValid())
        return badAddress(u"it is not a valid address (%1)."_s.arg(parsed.errorString()));
    if (parsed.scheme() != u"postgresql"_s && parsed.scheme() != u"postgres"_s)
        return badAddress(
            u"only postgresql:// is understood, not \u201c%1\u201d."_s.arg(parsed.scheme()));
    if (parsed.userName().isEmpty())
        return badAddress(u"the user name is missing."_s);
    if (parsed.host().isEmpty())
        return badAddress(u"the host is missing."_s);
    QString database = parsed.path(QUrl::FullyDecoded);
    if (database.startsWith(u'/'))
        database.remove(0, 1);
    if (database.isEmpty() || database.contains(u'/'))
        return badAddress(u"the database name is missing."_s);
    if (!parsed.fragment().isEmpty())
        return badAddress(u"it has a # part."_s);
    DbConfig config;
    config.driver = Driver::Postgres;
    config.pgUser = parsed.userName(QUrl::FullyDecoded);
    config.pgPassword = parsed.password(QUrl::FullyDecoded);
    config.pgHost = parsed.host(QUrl::FullyDecoded);
    config.pgPort = parsed.port(5432);
    if (config.pgPort <= 0)
        return badAddress(u"the port must be a number from 1 to 65535."_s);
    config.pgDatabase = database;
    // Qt's QPSQL passes "key=value;..." on to libpq's connection string; keys are plain words.
    static const QRegularExpression key(u"^[a-z_]+$"_s);
    QStringList options;
    for (const auto &[name, value] : QUrlQuery(parsed).queryItems(QUrl::FullyDecoded)) {
        if (!key.match(name).hasMatch() || value.contains(u';') || value.contains(u' '))
            return badAddress(u"the option \u201c%1\u201d cannot be passed on."_s.arg(name));
        options << name + u'=' + value;
    }
    config.pgConnectOptions = options.join(u';');
    return config;
}

QString describeDatabase(const DbConfig &config)
{
    if (config.driver == Driver::Sqlite)
        return config.sqlitePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(config.pgUser);
    url.setHost(config.pgHost);
    url.setPort(config.pgPort);
    url.setPath(u"/"_s + config.pgDatabase);
    return url.toString();
}

} // namespace Blockhaus::Db
