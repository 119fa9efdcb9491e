-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 1 (SQLite). Bodies live in the database so that one transaction
-- covers metadata and content (G5, G7). Times are ISO-8601 UTC text.

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('student', 'teacher', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen TEXT,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    join_code TEXT NOT NULL UNIQUE,
    join_open INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);

-- teaches = 1: the member teaches the class (sees its students' work).
CREATE TABLE memberships (
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    teaches INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

-- Only the SHA-256 of a session token is stored (G9).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users(id),
    deleted_at TEXT
);
CREATE INDEX projects_owner ON projects(owner_id, deleted_at, updated_at);

-- The retained history holds the bodies; the current content is the row whose version equals
-- projects.version, so a save writes its body exactly once.
CREATE TABLE project_versions (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    body BLOB NOT NULL,
    size INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (project_id, version)
);
-- A rowid table on purpose: SQLite's WITHOUT ROWID layout suits small rows, not 150 KB bodies.

CREATE TABLE project_shares (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, group_id)
) WITHOUT ROWID;
CREATE INDEX project_shares_group ON project_shares(group_id);

CREATE TABLE project_thumbnails (
    project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

-- Content-addressed (G6): one row per (md5, format), however many uploaders.
CREATE TABLE assets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    md5 TEXT NOT NULL,
    data_format TEXT NOT NULL,
    data BLOB NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    UNIQUE (md5, data_format)
);

CREATE TABLE backpack_items (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    body_asset_id INTEGER NOT NULL REFERENCES assets(id),
    thumbnail_asset_id INTEGER NOT NULL REFERENCES assets(id),
    created_at TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX backpack_user ON backpack_items(user_id, seq);
