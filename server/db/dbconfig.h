// SPDX-License-Identifier: AGPL-3.0-or-later
// Settings of the database layer: driver, location, pool bounds.
#pragma once

#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Db {

enum class Driver { Sqlite, Postgres };

struct DbConfig
{
    Driver driver = Driver::Sqlite;
    QString sqlitePath; // the database file (SQLite)
    // PostgreSQL (#15): an empty password lets libpq look in ~/.pgpass (or PGPASSFILE) itself.
    QString pgHost, pgDatabase, pgUser, pgPassword;
    int pgPort = 5432;
    QString pgConnectOptions; // libpq options from the URL's query, "key=value;key=value"
    int poolSize = 8; // worker threads, each owning one connection
    int acquireTimeoutMs = 5000; // a request waiting longer for a connection gets 503 (G10)
    int maxWaiting = 2048; // queued requests beyond this get 503 at once
    int busyTimeoutMs = 5000; // SQLite busy_timeout for locks held by other processes
    int maxBusyRetries = 5;
    int maxBatch = 64; // write transactions that may share one COMMIT (group commit); 1 disables //
                       // bounded retry of a write transaction on BUSY / serialization failure
    qint64 sqliteMaxPageCount = 0; // >0: PRAGMA max_page_count, to test disk-full handling (G5/G7)
};

// Reads a database address, postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME (or postgres://),
// with libpq options as query items (?sslmode=require&connect_timeout=10). USER and PASSWORD may
// be percent-encoded. Returns the PostgreSQL fields of a DbConfig (the rest keeps its defaults);
// an unusable address gives BadRequest with a sentence naming what is wrong.
Result<DbConfig> parseDatabaseUrl(const QString &url);
// The address again without its password, for messages and logs.
QString describeDatabase(const DbConfig &config);

} // namespace Blockhaus::Db
