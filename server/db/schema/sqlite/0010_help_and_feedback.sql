-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0010 (SQLite): "I need help" and feedback on any project (issue #16
-- parts 3 and 4).
-- help_requests: a student's raised hand. At most one OPEN request per student, kept by a unique
-- partial index, so a hundred double-clicks at once insert one row (INSERT ... ON CONFLICT on that
-- index); the queue is the open rows by created_at. Done requests stay for the record.
-- project_comments: a teacher's comments on a project; comment_reads: how far each reader has
-- read a project's comments (the id of the newest comment read), for the unread counts.

CREATE TABLE help_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
    question TEXT NOT NULL,
    created_at TEXT NOT NULL,
    done_at TEXT,
    done_by INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX help_requests_one_open ON help_requests(student_id) WHERE done_at IS NULL;
CREATE INDEX help_requests_queue ON help_requests(done_at, created_at);

CREATE TABLE project_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX project_comments_project ON project_comments(project_id, id);

CREATE TABLE comment_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, project_id)
);
