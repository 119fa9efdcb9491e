-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 2 (SQLite): class names are unique per teacher who made the class,
-- not per server, so two teachers on one school server may both have a "5b" (issue #13).
-- SQLite cannot drop a column's UNIQUE constraint, so groups is rebuilt in the documented
-- order (https://sqlite.org/lang_altertable.html#otheralter). The runner switches foreign keys
-- off around this migration (dropping groups would otherwise cascade into memberships and
-- shares) and checks them with PRAGMA foreign_key_check before committing.
-- blockhaus: foreign_keys=off

CREATE TABLE groups_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE,
    join_code TEXT NOT NULL UNIQUE,
    join_open INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
INSERT INTO groups_rebuilt (id, name, join_code, join_open, created_by, created_at)
    SELECT id, name, join_code, join_open, created_by, created_at FROM groups;
DROP TABLE groups;
ALTER TABLE groups_rebuilt RENAME TO groups;
CREATE UNIQUE INDEX groups_teacher_name ON groups(created_by, name);
