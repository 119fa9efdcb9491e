// SPDX-License-Identifier: AGPL-3.0-or-later
// One database connection, owned by exactly one worker thread, with a statement cache.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include "server/core/result.h"
#include "server/db/dialect.h"

namespace Blockhaus::Db {

class PoolCounters;
class GroupCommitter;

// A QSqlDatabase may only be used from the thread that created it, so a Connection never
// leaves its worker thread. Stores receive it as a parameter for the length of one operation.
class Connection
{
public:
    Connection(const QString &name, const DbConfig &config, PoolCounters *counters,
               GroupCommitter *committer);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool open(QString *errorText);
    bool isOpen() const;
    const Dialect &dialect() const { return m_dialect; }
    QSqlDatabase &database() { return m_db; }
    PoolCounters *counters() const { return m_counters; }
    GroupCommitter *committer() const { return m_committer; }
    int maxBusyRetries() const { return m_maxBusyRetries; }
    // How long SQLite waits for a lock another connection or process holds (PRAGMA
    // busy_timeout); 0: it reports BUSY at once.
    int busyTimeoutMs() const { return m_config.busyTimeoutMs; }

    // A prepared statement for this SQL text, prepared once per connection.
    QSqlQuery *prepared(const QString &sql, QSqlError *error);
    // Executes a statement without results (BEGIN, COMMIT, pragmas).
    bool execRaw(const QString &sql, QSqlError *error = nullptr);
    // Drops cached statements and reopens, after a broken connection.
    void recycle();

private:
    QString m_name;
    DbConfig m_config;
    Dialect m_dialect;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery *> m_statements;
    PoolCounters *m_counters;
    GroupCommitter *m_committer;
    int m_maxBusyRetries;
};

} // namespace Blockhaus::Db
