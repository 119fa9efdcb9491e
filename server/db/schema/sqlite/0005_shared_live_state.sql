-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 5 (SQLite): what several processes on one database share besides the
-- data (issue #15, step 3). On PostgreSQL every process writes and reads these tables; SQLite
-- keeps one process per data folder and its live state in memory, so here they stay empty (they
-- exist so that both schemas stay twins and a database can move between drivers).

-- Who was seen last, in which role, from which address, on which project: one row per account,
-- upserted in batches every second or so (G10: never a write per request).
CREATE TABLE presence (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    address TEXT NOT NULL,
    project_id INTEGER NOT NULL DEFAULT 0,
    last_seen TEXT NOT NULL
);
CREATE INDEX presence_last_seen ON presence(last_seen);

-- The conflict log (every 412), pruned to the newest entries; the id counts all conflicts.
CREATE TABLE conflict_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    happened_at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    project_id INTEGER NOT NULL,
    stale_version INTEGER NOT NULL,
    current_version INTEGER NOT NULL,
    current_saved_by TEXT NOT NULL
);

-- The login and join-code throttles' state (server/auth/ keeps the rules): per key, what one
-- attempt reads and writes, as text; rows untouched for two hours are pruned.
CREATE TABLE throttle_state (
    state_key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX throttle_state_updated ON throttle_state(updated_ms);

-- Save counters per student and local day (the dashboard's "whose work is not safe"): each
-- process adds what it counted since its last batch; kept a week.
CREATE TABLE save_activity (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    saves INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    last_save TEXT,
    PRIMARY KEY (user_id, day)
);
