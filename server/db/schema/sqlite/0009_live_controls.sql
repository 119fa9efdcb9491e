-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0009 (SQLite): live classroom controls (issue #16, part 2).

-- "Pencils down" per class. Kept in the database, not only in memory, so that every process on
-- one PostgreSQL database reads the same state and a page that reconnects gets it back.
CREATE TABLE class_live_state (
    group_id INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    pencils_down INTEGER NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL,
    changed_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);

-- "Send my project to everyone": one row per press. The page names each press with a press_id;
-- the unique key makes a repeated or concurrent request of the same press a no-op, so every
-- student gets exactly one copy per press.
CREATE TABLE live_sends (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    press_id TEXT NOT NULL,
    sent_by INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source_project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    UNIQUE (group_id, press_id)
);

CREATE TABLE live_send_copies (
    send_id INTEGER NOT NULL REFERENCES live_sends(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (send_id, student_id)
);

-- "Collect everyone's work now": a collection is one press; each item is a copy of a student's
-- current project owned by the collecting teacher (a named version that later saves of the
-- student cannot trim away), titled "<student> — <title> — collected <time>".
CREATE TABLE collections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    collected_by INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    collected_at TEXT NOT NULL
);
CREATE INDEX collections_group ON collections(group_id, collected_at);

CREATE TABLE collection_items (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source_project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, student_id)
);
