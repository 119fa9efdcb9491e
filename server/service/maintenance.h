// SPDX-License-Identifier: AGPL-3.0-or-later
// Maintenance operations: the database's health (for /api/v1/health and the dashboard).
#pragma once

#include <QString>

#include "server/service/work.h"

namespace Blockhaus::Service {

struct DatabaseHealth
{
    bool ok = false;
    QString driver; // "sqlite" or "postgresql"
    QString journalMode; // SQLite: "wal"; empty elsewhere
    QString synchronous; // SQLite: "full"; empty elsewhere
};

// Whether the database answers on this worker's connection, and its durability settings.
DatabaseHealth databaseHealth(Work &work);

} // namespace Blockhaus::Service
