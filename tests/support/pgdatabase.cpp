// SPDX-License-Identifier: AGPL-3.0-or-later
#include "tests/support/pgdatabase.h"

#include <atomic>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace Blockhaus::Test {

using namespace Qt::StringLiterals;

PgTestDatabase::PgTestDatabase()
{
    const QString url = qEnvironmentVariable("BLOCKHAUS_TEST_DATABASE");
    if (url.isEmpty()) {
        m_error = u"BLOCKHAUS_TEST_DATABASE is not set: run the *.pg tests through "
                  "tools/pg-cluster.sh (ctest does) or tools/test.sh"_s;
        return;
    }
    auto admin = Db::parseDatabaseUrl(url);
    if (!admin) {
        m_error = admin.error().message;
        return;
    }
    m_admin = *admin;
    if (m_admin.pgPassword.isEmpty())
        m_admin.pgPassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    m_config = m_admin;
    m_config.pgDatabase =
        u"blockhaus_test_%1"_s.arg(QRandomGenerator::global()->generate64(), 16, 16, QChar(u'0'));
    m_valid = adminExec(u"CREATE DATABASE %1"_s.arg(m_config.pgDatabase));
}

PgTestDatabase::~PgTestDatabase()
{
    if (m_valid)
        adminExec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_config.pgDatabase));
}

bool PgTestDatabase::adminExec(const QString &sql)
{
    static std::atomic<int> serial{0};
    const QString connectionName = u"blockhaus-pgtest-admin-%1"_s.arg(serial.fetch_add(1));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
        db.setHostName(m_admin.pgHost);
        db.setPort(m_admin.pgPort);
        db.setDatabaseName(m_admin.pgDatabase);
        db.setUserName(m_admin.pgUser);
        db.setPassword(m_admin.pgPassword);
        db.setConnectOptions(m_admin.pgConnectOptions);
        if (!db.open()) {
            m_error = u"cannot connect to %1: %2"_s.arg(Db::describeDatabase(m_admin),
                                                        db.lastError().text());
        } else {
            {
                QSqlQuery query(db);
                ok = query.exec(sql);
                if (!ok)
                    m_error = u"%1: %2"_s.arg(sql, query.lastError().text());
            } // the statement is freed before its connection closes
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return ok;
}

QString requestedPostgresAddress(std::unique_ptr<PgTestDatabase> &holder)
{
    holder.reset();
    if (qEnvironmentVariableIsEmpty("BLOCKHAUS_TEST_DATABASE"))
        return {};
    auto database = std::make_unique<PgTestDatabase>();
    if (!database->isValid()) {
        qWarning("PostgreSQL was asked for and cannot be had: %s",
                 qPrintable(database->errorText()));
        return {};
    }
    holder = std::move(database);
    return holder->url();
}

std::optional<Db::DbConfig> testDatabase(const QString &sqlitePath,
                                         std::unique_ptr<PgTestDatabase> &holder)
{
    if (qEnvironmentVariableIsEmpty("BLOCKHAUS_TEST_DATABASE")) {
        Db::DbConfig config;
        config.sqlitePath = sqlitePath;
        return config;
    }
    holder = std::make_unique<PgTestDatabase>();
    if (!holder->isValid()) {
        qWarning("testDatabase: %s", qPrintable(holder->errorText()));
        return std::nullopt;
    }
    return holder->config();
}

bool isPostgresAddress(const QString &database)
{
    return database.startsWith(u"postgresql://"_s);
}

std::optional<QList<QStringList>> queryPostgres(const QString &address, const QString &sql,
                                                const QVariantList &binds, int *rowsAffected)
{
    auto config = Db::parseDatabaseUrl(address);
    if (!config) {
        qWarning("queryPostgres: %s", qPrintable(config.error().message));
        return std::nullopt;
    }
    static std::atomic<int> serial{0};
    const QString connectionName = u"blockhaus-pgtest-query-%1"_s.arg(serial.fetch_add(1));
    std::optional<QList<QStringList>> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
        db.setHostName(config->pgHost);
        db.setPort(config->pgPort);
        db.setDatabaseName(config->pgDatabase);
        db.setUserName(config->pgUser);
        db.setPassword(config->pgPassword.isEmpty()
                           ? qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD")
                           : config->pgPassword);
        if (!db.open()) {
            qWarning("queryPostgres: cannot connect: %s", qPrintable(db.lastError().text()));
        } else {
            {
                QSqlQuery query(db);
                query.setForwardOnly(true);
                bool done = false;
                if (binds.isEmpty()) {
                    done = query.exec(sql);
                } else if (query.prepare(sql)) {
                    for (const QVariant &value : binds)
                        query.addBindValue(value);
                    done = query.exec();
                }
                if (rowsAffected)
                    *rowsAffected = done ? query.numRowsAffected() : -1;
                if (!done) {
                    qWarning("queryPostgres: %s: %s", qPrintable(sql),
                             qPrintable(query.lastError().text()));
                } else {
                    rows.emplace();
                    while (query.next()) {
                        QStringList row;
                        for (int column = 0; column < query.record().count(); ++column) {
                            const QVariant value = query.value(column);
                            row.append(value.isNull() ? QString() : value.toString());
                        }
                        rows->append(row);
                    }
                }
            } // the statement is freed before its connection closes
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);
    return rows;
}

QString postgresIntegrityCheck(const QString &address)
{
    if (!queryPostgres(address, u"CREATE EXTENSION IF NOT EXISTS amcheck"_s))
        return u"amcheck is not available"_s;
    // bt_index_check raises an error on the first inconsistency; heapallindexed = true also
    // checks that every table row is in the index.
    const auto checked =
        queryPostgres(address,
                      u"SELECT count(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_class c "
                      "JOIN pg_am am ON am.oid = c.relam WHERE c.relkind = 'i' "
                      "AND am.amname = 'btree' AND c.relnamespace = "
                      "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())) checked"_s);
    if (!checked || checked->isEmpty())
        return u"bt_index_check failed (see the warning above)"_s;
    return checked->first().value(0).toInt() > 0 ? u"ok"_s : u"no index was checked"_s;
}

namespace {

// mount/umount, bounded; an empty string on success, else what they printed.
QString runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished(5000);
        return u"%1 did not finish"_s.arg(program);
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"%1 %2: %3"_s.arg(program, arguments.join(u' '),
                                  QString::fromLocal8Bit(process.readAll()).trimmed());
    return {};
}

QString clusterAddress()
{
    return qEnvironmentVariable("BLOCKHAUS_TEST_DATABASE");
}

} // namespace

PgSmallDisk::PgSmallDisk(qint64 sizeBytes)
{
    if (::geteuid() != 0) {
        m_error = u"a small disk for PostgreSQL needs root to mount a tmpfs (tools/test.sh and CI "
                  "run as root)"_s;
        return;
    }
    const QString cluster = qEnvironmentVariable("BLOCKHAUS_PG_CLUSTER");
    if (clusterAddress().isEmpty() || cluster.isEmpty()) {
        m_error = u"no test cluster (BLOCKHAUS_TEST_DATABASE, BLOCKHAUS_PG_CLUSTER)"_s;
        return;
    }
    // The cluster's server runs as the owner of its data folder (nobody when tools/test.sh runs
    // as root): the tablespace's folder must be theirs, and reachable for them, so under /tmp.
    struct stat owner
    {
    };
    if (::stat(QFile::encodeName(cluster + u"/data"_s).constData(), &owner) != 0) {
        m_error = u"cannot read the owner of %1/data"_s.arg(cluster);
        return;
    }
    const QString name =
        u"blockhaus_small_%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    m_mountPoint = u"/tmp/"_s + name;
    if (!QDir().mkpath(m_mountPoint)) {
        m_error = u"cannot make %1"_s.arg(m_mountPoint);
        return;
    }
    if (const QString failed =
            runTool(u"mount"_s,
                    {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=%1,mode=0700"_s.arg(sizeBytes),
                     u"tmpfs"_s, m_mountPoint});
        !failed.isEmpty()) {
        m_error = failed;
        QDir().rmdir(m_mountPoint);
        return;
    }
    m_mounted = true;
    const QByteArray path = QFile::encodeName(m_mountPoint);
    if (::chown(path.constData(), owner.st_uid, owner.st_gid) != 0) {
        m_error = u"cannot give %1 to the cluster's user"_s.arg(m_mountPoint);
        return;
    }
    if (!queryPostgres(clusterAddress(),
                       u"CREATE TABLESPACE %1 LOCATION '%2'"_s.arg(name, m_mountPoint))) {
        m_error = u"CREATE TABLESPACE on %1 failed"_s.arg(m_mountPoint);
        return;
    }
    m_tablespace = name;
    m_valid = true;
}

PgSmallDisk::~PgSmallDisk()
{
    unfill();
    if (!m_tablespace.isEmpty())
        queryPostgres(clusterAddress(), u"DROP TABLESPACE IF EXISTS %1"_s.arg(m_tablespace));
    if (m_mounted) {
        if (const QString failed = runTool(u"umount"_s, {m_mountPoint}); !failed.isEmpty())
            qWarning("PgSmallDisk: %s", qPrintable(failed));
    }
    if (!m_mountPoint.isEmpty())
        QDir().rmdir(m_mountPoint);
}

bool PgSmallDisk::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool PgSmallDisk::alterDatabase(const QString &address, const QString &tablespace)
{
    auto config = Db::parseDatabaseUrl(address);
    if (!config)
        return fail(config.error().message);
    // From the cluster's maintenance database: a database cannot move while connected to.
    if (!queryPostgres(
            clusterAddress(),
            u"ALTER DATABASE %1 SET TABLESPACE %2"_s.arg(config->pgDatabase, tablespace)))
        return fail(
            u"ALTER DATABASE %1 SET TABLESPACE %2 failed"_s.arg(config->pgDatabase, tablespace));
    return true;
}

bool PgSmallDisk::moveDatabase(const QString &address)
{
    if (!m_valid)
        return false;
    // postgresIntegrityCheck() runs amcheck once the disk is full; creating the extension then
    // needs room in the catalog that a full disk no longer has (seen once the schema grew).
    if (!queryPostgres(address, u"CREATE EXTENSION IF NOT EXISTS amcheck"_s))
        return fail(u"CREATE EXTENSION amcheck failed"_s);
    return alterDatabase(address, m_tablespace);
}

bool PgSmallDisk::moveBack(const QString &address)
{
    unfill();
    return m_valid && alterDatabase(address, u"pg_default"_s);
}

qint64 PgSmallDisk::freeBytes() const
{
    struct statvfs disk
    {
    };
    if (::statvfs(QFile::encodeName(m_mountPoint).constData(), &disk) != 0)
        return -1;
    return qint64(disk.f_bavail) * qint64(disk.f_frsize);
}

bool PgSmallDisk::fill(qint64 leaveFreeBytes)
{
    if (!m_valid)
        return false;
    // Beside the tablespace's own folder (PG_15_...), where PostgreSQL never looks.
    QFile filler(m_mountPoint + u"/filler"_s);
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
        return fail(u"cannot write %1"_s.arg(filler.fileName()));
    const QByteArray chunk(64 * 1024, '\0');
    for (int rounds = 0; rounds < 1'000'000; ++rounds) {
        const qint64 room = freeBytes() - leaveFreeBytes;
        if (room <= 0)
            return true;
        const qint64 piece = std::min<qint64>(room, chunk.size());
        if (filler.write(chunk.constData(), piece) != piece || !filler.flush())
            return fail(u"filling %1 stopped early"_s.arg(m_mountPoint));
    }
    return fail(u"filling %1 did not end"_s.arg(m_mountPoint));
}

bool PgSmallDisk::unfill()
{
    const QString path = m_mountPoint + u"/filler"_s;
    return !QFileInfo::exists(path) || QFile::remove(path);
}

} // namespace Blockhaus::Test
