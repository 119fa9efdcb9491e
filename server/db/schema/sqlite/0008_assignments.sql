-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0008 (SQLite): assignments (issue #16 part 1). A teacher hands out
-- a starter project (or an empty one) to a class; each student gets their own copy.
-- The starter is a snapshot of the project's body taken when the assignment is made, so later
-- edits of the teacher's project never change what the students get. Copies are one per
-- (assignment, student): the primary key makes handing out twice and 100 students opening at
-- the same second produce exactly one copy each (INSERT ... ON CONFLICT DO NOTHING, never
-- check-then-insert). Times are ISO-8601 UTC text with milliseconds (text order is time order),
-- so the deadline is one comparison inside the save's own transaction.

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    instructions TEXT NOT NULL DEFAULT '',
    starter_body BLOB NOT NULL,
    starter_project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
    due_at TEXT,
    allow_continue INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    handed_out_at TEXT
);
CREATE INDEX assignments_group ON assignments(group_id, created_at);

-- state: not_started (handed out, never opened), in_progress, handed_in, returned.
-- continue_allowed: after a return, whether the student may go on editing (and hand in again).
CREATE TABLE assignment_copies (
    assignment_id INTEGER NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
    state TEXT NOT NULL DEFAULT 'not_started'
        CHECK (state IN ('not_started', 'in_progress', 'handed_in', 'returned')),
    created_at TEXT NOT NULL,
    handed_in_at TEXT,
    returned_at TEXT,
    feedback TEXT NOT NULL DEFAULT '',
    continue_allowed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assignment_id, student_id)
);
CREATE UNIQUE INDEX assignment_copies_project ON assignment_copies(project_id);
CREATE INDEX assignment_copies_student ON assignment_copies(student_id);
