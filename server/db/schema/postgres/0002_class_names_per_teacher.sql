-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 2 (PostgreSQL), the twin of schema/sqlite/0002: class names are unique
-- per teacher who made the class, not per server (issue #13), still case-insensitively. SQLite
-- rebuilds the table for this; PostgreSQL only swaps the index.

DROP INDEX groups_name_nocase;
CREATE UNIQUE INDEX groups_teacher_name ON groups (created_by, lower(name));
