// SPDX-License-Identifier: AGPL-3.0-or-later
#include "tests/support/pgdatabase.h"

#include <atomic>

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

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

} // namespace Blockhaus::Test
