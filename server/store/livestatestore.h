// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveStateStore: the live state several processes on one PostgreSQL share (issue #15): presence
// and the conflict log, written in batches by each process and read back for its snapshots.
#pragma once

#include <QDateTime>
#include <QList>

#include "server/core/result.h"
#include "server/db/connection.h"
#include "server/live/livetypes.h"

namespace Blockhaus::Store {

class LiveStateStore
{
public:
    // The conflict log keeps this many entries; older ones are pruned by each batch.
    static constexpr int conflictCapacity = 1000;

    // One write transaction (G10: one per batch, never one per request): upserts the presence
    // rows (the newer last_seen wins, so two processes seeing one student never step back),
    // raises users.last_seen as the single-process flush does, appends the conflicts and prunes
    // the log to its capacity, adds the save counters. Rows of accounts deleted meanwhile are
    // skipped, not failed.
    static Result<Ok> writeBatch(Db::Connection &db, const QList<Live::PresenceEntry> &seen,
                                 const QList<Live::ConflictEntry> &conflicts,
                                 const QList<Live::SaveDelta> &saves = {});
    // Presence seen at or after `since` (names from the users table), the newest
    // `maxConflicts` conflicts and the save counters of `today`, read in one snapshot.
    static Result<Live::SharedLiveState> read(Db::Connection &db, const QDateTime &since,
                                              int maxConflicts, const QDate &today);
    // Save counters are kept this many days.
    static constexpr int saveActivityDays = 7;
};

} // namespace Blockhaus::Store
