// SPDX-License-Identifier: AGPL-3.0-or-later
// The copy of a PostgreSQL database kept before Blockhaus migrates its schema (#15): the
// counterpart of backupBeforeMigration() for a SQLite file, made with PostgreSQL's own pg_dump
// (custom format, for pg_restore), so IT can roll an update back the same way on both drivers.
#pragma once

#include <QString>

#include "server/core/result.h"
#include "server/db/dbconfig.h"

namespace Blockhaus::Db {

// The pg_dump program: the environment's BLOCKHAUS_PG_DUMP when set, else pg_dump on PATH (Debian's
// wrapper picks the version that matches the server), else the newest of /usr/lib/postgresql/*/bin.
// Empty when there is none.
QString findPgDump();

// The connection string pg_dump is given: the address without its password, libpq quoting.
// (The password travels in PGPASSWORD, never on a command line that `ps` shows.)
QString pgDumpConnectionString(const DbConfig &config);

// When schema (the version the database has) is older than latestSchema and not 0 (0: a new,
// empty database), writes folder/blockhaus-schema-<old>-before-<new>-<time>.dump with pg_dump
// and returns its path; an empty string when nothing is migrated. The dump is written under a
// temporary name and renamed only when pg_dump succeeded, so a half-written dump never carries
// the final name. pgDump is the program (findPgDump()); an error says what failed in words IT
// can act on (no pg_dump, pg_dump's own message, the time limit).
Result<QString> dumpBeforeMigration(const DbConfig &config, int schema, int latestSchema,
                                    const QString &folder, const QString &pgDump,
                                    int timeoutMs = 60 * 60'000);

} // namespace Blockhaus::Db
