-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 3 (SQLite): a revision number of the roster (accounts, classes,
-- memberships), raised by triggers whatever changed it: the web pages, the API, the dashboard
-- or another process on the same database. The dashboard reads it a few times a second and
-- reloads its class list and roster when it moves (issue #13). Presence (last_seen) and
-- password changes are not roster changes.

CREATE TABLE roster_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO roster_revision (id, revision) VALUES (1, 0);

CREATE TRIGGER roster_users_inserted AFTER INSERT ON users BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_users_changed AFTER UPDATE OF username, display_name, role, disabled ON users BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_users_deleted AFTER DELETE ON users BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_groups_inserted AFTER INSERT ON groups BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_groups_changed AFTER UPDATE OF name, join_code, join_open ON groups BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_groups_deleted AFTER DELETE ON groups BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_members_inserted AFTER INSERT ON memberships BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_members_changed AFTER UPDATE ON memberships BEGIN UPDATE roster_revision SET revision = revision + 1; END;
CREATE TRIGGER roster_members_deleted AFTER DELETE ON memberships BEGIN UPDATE roster_revision SET revision = revision + 1; END;
