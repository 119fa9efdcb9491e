// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/connectionpool.h"

#include <QThread>

#include "server/db/dblog.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDb, "blockhaus.db")

ConnectionPool::ConnectionPool(const DbConfig &config)
    : m_config(config)
    , m_committer(config.maxBatch)
{
    m_threads.setMaxThreadCount(std::max(1, config.poolSize));
    m_threads.setExpiryTimeout(-1); // threads, and with them connections, live as long as the pool
    m_threads.setObjectName(u"blockhaus-db"_s);
}

ConnectionPool::~ConnectionPool()
{
    shutdown();
}

void ConnectionPool::shutdown()
{
    // Qt 6's waitForDone() also joins the idle threads; ending a thread deletes its Connection
    // (QThreadStorage owns it), which closes the database in the thread that opened it.
    m_threads.waitForDone();
}

void ConnectionPool::close()
{
    m_closed.store(true);
    // Jobs still queued run, see the flag and end without a connection; then every thread ends
    // and its connection with it.
    m_threads.waitForDone();
}

Error ConnectionPool::unavailable() const
{
    Error error = makeError(ErrorKind::Unavailable,
                            u"The server is very busy right now. Please try again in a moment."_s);
    error.retryAfterSeconds = 2;
    return error;
}

Connection *ConnectionPool::connectionForCurrentThread()
{
    if (m_connections.hasLocalData()) {
        Connection *connection = m_connections.localData();
        if (connection->isOpen())
            return connection;
        connection->recycle();
        return connection->isOpen() ? connection : nullptr;
    }
    const QString name = u"blockhaus-%1-%2"_s.arg(reinterpret_cast<quintptr>(this), 0, 16)
                             .arg(m_serial.fetch_add(1));
    auto connection = new Connection(name, m_config, &m_counters, &m_committer);
    QString error;
    if (!connection->open(&error))
        qCCritical(lcDb) << "cannot open database:" << error;
    m_connections.setLocalData(connection);
    return connection->isOpen() ? connection : nullptr;
}

} // namespace Blockhaus::Db
