// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/pgdump.h"

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include "server/db/dblog.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

// libpq's conninfo value: bare when it is plain, else single-quoted with \ and ' escaped.
QString conninfoValue(const QString &value)
{
    const bool plain = !value.isEmpty() && std::none_of(value.begin(), value.end(), [](QChar c) {
        return c.isSpace() || c == u'\'' || c == u'\\' || c == u'=';
    });
    if (plain)
        return value;
    QString quoted = value;
    quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
    return u'\'' + quoted + u'\'';
}

// A name in folder that does not exist yet: base.dump, else base-2.dump, ...
QString freeDumpName(const QString &folder, const QString &base)
{
    QString candidate = folder + u'/' + base + u".dump"_s;
    for (int n = 2; QFileInfo::exists(candidate) && n < 1000; ++n)
        candidate = folder + u'/' + base + u'-' + QString::number(n) + u".dump"_s;
    return candidate;
}

} // namespace

QString findPgDump()
{
    // IT may name the one to use (a newer server than Debian's client, a custom build).
    if (const QString chosen = qEnvironmentVariable("BLOCKHAUS_PG_DUMP"); !chosen.isEmpty())
        return chosen;
    if (const QString onPath = QStandardPaths::findExecutable(u"pg_dump"_s); !onPath.isEmpty())
        return onPath;
    // Debian installs each major version's client programs in its own folder and only the
    // wrapper (postgresql-client-common) on PATH.
    QDir versions(u"/usr/lib/postgresql"_s);
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &name : names) {
        const QString candidate = versions.filePath(name + u"/bin/pg_dump"_s);
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return {};
}

QString pgDumpConnectionString(const DbConfig &config)
{
    QStringList parts;
    parts << u"dbname="_s + conninfoValue(config.pgDatabase);
    if (!config.pgHost.isEmpty())
        parts << u"host="_s + conninfoValue(config.pgHost);
    parts << u"port="_s + QString::number(config.pgPort);
    if (!config.pgUser.isEmpty())
        parts << u"user="_s + conninfoValue(config.pgUser);
    // The address's own libpq options (sslmode, connect_timeout, ...), "key=value;key=value".
    for (const QString &option : config.pgConnectOptions.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = option.indexOf(u'=');
        if (eq > 0)
            parts << option.left(eq).trimmed() + u'=' + conninfoValue(option.mid(eq + 1));
    }
    return parts.join(u' ');
}

Result<QString> dumpBeforeMigration(const DbConfig &config, int schema, int latestSchema,
                                    const QString &folder, const QString &pgDump, int timeoutMs)
{
    if (schema < 1 || schema >= latestSchema)
        return QString();
    if (pgDump.isEmpty()) {
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "PostgreSQL's pg_dump was not found (on Debian or "
                                           "Ubuntu it is in the package postgresql-client)."));
    }
    if (!QDir().mkpath(folder)) {
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence", "The folder %1 cannot be created."),
                         {QDir::toNativeSeparators(folder)});
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    const QString target = freeDumpName(
        folder, u"blockhaus-schema-%1-before-%2-%3"_s.arg(schema).arg(latestSchema).arg(stamp));
    const QString partial = target + u".partial"_s;
    QFile::remove(partial);

    QProcess dump;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!config.pgPassword.isEmpty())
        env.insert(u"PGPASSWORD"_s, config.pgPassword);
    dump.setProcessEnvironment(env);
    dump.setProcessChannelMode(QProcess::SeparateChannels);
    // --no-password: never wait for a password on a terminal; the custom format is what
    // pg_restore reads (compressed, restorable table by table).
    dump.start(pgDump,
               {u"--format=custom"_s, u"--no-password"_s, u"--file"_s, partial, u"--dbname"_s,
                pgDumpConnectionString(config)});
    const bool finished = dump.waitForStarted(30'000) && dump.waitForFinished(timeoutMs);
    if (!finished) {
        const bool started =
            dump.state() != QProcess::NotRunning || dump.error() != QProcess::FailedToStart;
        dump.kill();
        dump.waitForFinished(5000);
        QFile::remove(partial);
        if (!started) {
            return makeError(ErrorKind::Internal,
                             QT_TRANSLATE_NOOP("Sentence", "%1 could not be started: %2"),
                             {pgDump, dump.errorString()});
        }
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence", "%1 did not finish within %2 minutes."),
                         {pgDump, QString::number(timeoutMs / 60'000)});
    }
    if (dump.exitStatus() != QProcess::NormalExit || dump.exitCode() != 0) {
        QFile::remove(partial);
        const QString why = QString::fromLocal8Bit(dump.readAllStandardError()).trimmed();
        return makeError(ErrorKind::Internal, QT_TRANSLATE_NOOP("Sentence", "%1 failed: %2"),
                         {pgDump, why.isEmpty() ? u"exit code %1"_s.arg(dump.exitCode()) : why});
    }
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        return makeError(ErrorKind::Internal,
                         QT_TRANSLATE_NOOP("Sentence", "The file %1 cannot be written."),
                         {QDir::toNativeSeparators(target)});
    }
    qCInfo(lcDb) << "kept the database as it was before the update:" << target;
    return target;
}

} // namespace Blockhaus::Db
