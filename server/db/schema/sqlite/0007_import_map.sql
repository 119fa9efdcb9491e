-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0007 (SQLite): what an import from another classroom server
-- (blockhaus --import-s4s, issue #15 step 5) has already brought in. One row per imported item,
-- written in the same transaction as the item itself, so an item is either there with its row
-- or not there at all; the primary key makes a second run (or a run after a kill -9) skip what
-- is there instead of adding it twice. target_id is text: accounts, classes and projects have
-- numbers, backpack items have text ids.

CREATE TABLE import_map (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (source, kind, source_id)
);
