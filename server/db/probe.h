// SPDX-License-Identifier: AGPL-3.0-or-later
// Asks one pool connection whether the database answers, and with which durability settings:
// they live per connection, not in the database file, so health checks them from outside.
#pragma once

#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Db {

class Connection;

struct ProbeResult
{
    bool answers = false;
    QString driver; // "sqlite" or "postgresql"
    QString journalMode; // SQLite only: "wal", ...; empty otherwise or when unknown
    QString synchronous; // SQLite only: "off", "normal", "full", "extra"
};

ProbeResult probe(Connection &connection);
// The database's size in bytes as the server sees it: PostgreSQL's pg_database_size, SQLite's
// pages in use (#15; a SQLite file's size is read from disk instead, without a worker).
Result<qint64> databaseBytes(Connection &connection);

} // namespace Blockhaus::Db
