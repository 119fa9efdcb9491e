// SPDX-License-Identifier: AGPL-3.0-or-later
// Asks one pool connection whether the database answers, and with which durability settings:
// they live per connection, not in the database file, so health checks them from outside.
#pragma once

#include <QString>

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

} // namespace Blockhaus::Db
