// SPDX-License-Identifier: AGPL-3.0-or-later
// Forward-only schema migrations, numbered .sql resources, version kept in schema_meta.
#pragma once

#include "server/core/result.h"
#include "server/db/connection.h"

namespace Blockhaus::Db {

class Migrations
{
public:
    // The schema version this build knows.
    static int latestVersion(Driver driver);
    // The version recorded in the database (0 for an empty database).
    static Result<int> currentVersion(Connection &connection);
    // Applies every missing migration, each in its own write transaction. Refuses a database
    // that is newer than this build (a downgrade would lose data).
    static Result<int> migrate(Connection &connection, int targetVersion = -1);
};

} // namespace Blockhaus::Db
