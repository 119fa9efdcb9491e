-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema version 3 (PostgreSQL), the twin of schema/sqlite/0003: a revision number of
-- the roster (accounts, classes, memberships), raised by triggers whatever changed it, also
-- another process on the same database (issue #13). Presence (last_seen) and password changes
-- are not roster changes. PostgreSQL triggers call a function; row by row, as SQLite's do.
-- Each function is written on one line: the migration runner splits statements at semicolons
-- that end a line.

CREATE TABLE roster_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO roster_revision (id, revision) VALUES (1, 0);

CREATE FUNCTION roster_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE roster_revision SET revision = revision + 1; RETURN NULL; END $$;

CREATE TRIGGER roster_users_inserted AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_users_changed AFTER UPDATE OF username, display_name, role, disabled ON users FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_users_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_groups_inserted AFTER INSERT ON groups FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_groups_changed AFTER UPDATE OF name, join_code, join_open ON groups FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_groups_deleted AFTER DELETE ON groups FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_members_inserted AFTER INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_members_changed AFTER UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION roster_bump();
CREATE TRIGGER roster_members_deleted AFTER DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION roster_bump();
