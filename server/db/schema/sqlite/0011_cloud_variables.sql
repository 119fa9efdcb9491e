-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0011 (SQLite): classroom cloud variables (issue #16 part 5). One row
-- per project and variable name ("☁ score") with its current value, written in batches by the
-- server's cloud hub (last value wins). A project's variables go with the project.

CREATE TABLE cloud_variables (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (project_id, name)
);
