-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0007 (PostgreSQL), the twin of schema/sqlite/0007: what an import
-- from another classroom server (blockhaus --import-s4s, issue #15 step 5) has already brought
-- in, one row per item, written in the item's own transaction (see the SQLite file).

CREATE TABLE import_map (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
