// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/connection.h"

#include <QSqlError>

#include "server/db/dblog.h"
#include "server/db/poolcounters.h"

namespace Blockhaus::Db {

Connection::Connection(const QString &name, const DbConfig &config, PoolCounters *counters,
                       GroupCommitter *committer)
    : m_name(name)
    , m_config(config)
    , m_dialect(config.driver)
    , m_counters(counters)
    , m_committer(committer)
    , m_maxBusyRetries(config.maxBusyRetries)
{
}

Connection::~Connection()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    const bool wasOpen = m_db.isOpen();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
    if (wasOpen && m_counters)
        m_counters->addOpen(-1);
}

bool Connection::open(QString *errorText)
{
    m_db = QSqlDatabase::addDatabase(m_dialect.qtDriverName(), m_name);
    if (m_config.driver == Driver::Sqlite) {
        m_db.setDatabaseName(m_config.sqlitePath);
        // The driver's own busy handler is replaced by PRAGMA busy_timeout below.
    } else {
        m_db.setHostName(m_config.pgHost);
        m_db.setPort(m_config.pgPort);
        m_db.setDatabaseName(m_config.pgDatabase);
        m_db.setUserName(m_config.pgUser);
        // Empty: libpq reads ~/.pgpass (or PGPASSFILE) itself.
        m_db.setPassword(m_config.pgPassword);
        m_db.setConnectOptions(m_config.pgConnectOptions);
    }
    if (!m_db.open()) {
        if (errorText)
            *errorText = m_db.lastError().text();
        return false;
    }
    for (const QString &statement : m_dialect.connectionSetup(m_config)) {
        QSqlError error;
        if (!execRaw(statement, &error)) {
            if (errorText)
                *errorText = error.text();
            m_db.close();
            return false;
        }
    }
    if (m_counters)
        m_counters->addOpen(1);
    return true;
}

bool Connection::isOpen() const
{
    return m_db.isOpen();
}

QSqlQuery *Connection::prepared(const QString &sql, QSqlError *error)
{
    if (QSqlQuery *query = m_statements.value(sql))
        return query;
    auto query = new QSqlQuery(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        if (error)
            *error = query->lastError();
        qCCritical(lcDb) << "cannot prepare" << sql << query->lastError().text();
        delete query;
        return nullptr;
    }
    m_statements.insert(sql, query);
    return query;
}

bool Connection::execRaw(const QString &sql, QSqlError *error)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError();
    return false;
}

void Connection::recycle()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    m_db.close();
    if (m_counters) {
        m_counters->addOpen(-1);
        m_counters->addRecycled();
    }
    QSqlDatabase::removeDatabase(m_name);
    QString error;
    if (!open(&error))
        qCCritical(lcDb) << "reopening connection failed:" << error;
}

} // namespace Blockhaus::Db
