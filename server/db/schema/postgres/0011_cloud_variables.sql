-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0011 (PostgreSQL), the twin of schema/sqlite/0011: classroom cloud
-- variables (issue #16 part 5), one row per project and variable name, written in batches.

CREATE TABLE cloud_variables (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (project_id, name)
);
