-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0004 (PostgreSQL), the twin of schema/sqlite/0004: bytes stored per
-- user, for the storage quota (issue #12), kept up to date by triggers inside the writing
-- transaction. The same rules as SQLite's (see that file): every retained version body and the
-- thumbnail of the projects a user owns, the assets they stored first, and the text of their
-- backpack items, counted in bytes (octet_length, as SQLite's length(CAST(x AS BLOB))).
-- Each trigger function is written on one line: the migration runner splits statements at
-- semicolons that end a line.

CREATE TABLE storage_usage (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    used_bytes BIGINT NOT NULL DEFAULT 0
);

INSERT INTO storage_usage (user_id, used_bytes)
SELECT u.id,
    (SELECT COALESCE(SUM(v.size), 0) FROM project_versions v JOIN projects p ON p.id = v.project_id
        WHERE p.owner_id = u.id)
    + (SELECT COALESCE(SUM(octet_length(t.data)), 0) FROM project_thumbnails t
        JOIN projects p ON p.id = t.project_id WHERE p.owner_id = u.id)
    + (SELECT COALESCE(SUM(a.size), 0) FROM assets a WHERE a.created_by = u.id)
    + (SELECT COALESCE(SUM(octet_length(b.name) + octet_length(b.type) + octet_length(b.mime)), 0)
        FROM backpack_items b WHERE b.user_id = u.id)
FROM users u;

CREATE FUNCTION storage_version_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO storage_usage (user_id, used_bytes) SELECT owner_id, NEW.size FROM projects WHERE id = NEW.project_id ON CONFLICT (user_id) DO UPDATE SET used_bytes = storage_usage.used_bytes + excluded.used_bytes; RETURN NULL; END $$;
CREATE TRIGGER storage_version_added AFTER INSERT ON project_versions FOR EACH ROW EXECUTE FUNCTION storage_version_added();

-- A no-op when the project row is already gone (a cascade): storage_project_removed counted it.
CREATE FUNCTION storage_version_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE storage_usage SET used_bytes = used_bytes - OLD.size WHERE user_id = (SELECT owner_id FROM projects WHERE id = OLD.project_id); RETURN NULL; END $$;
CREATE TRIGGER storage_version_removed AFTER DELETE ON project_versions FOR EACH ROW EXECUTE FUNCTION storage_version_removed();

CREATE FUNCTION storage_thumbnail_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO storage_usage (user_id, used_bytes) SELECT owner_id, octet_length(NEW.data) FROM projects WHERE id = NEW.project_id ON CONFLICT (user_id) DO UPDATE SET used_bytes = storage_usage.used_bytes + excluded.used_bytes; RETURN NULL; END $$;
CREATE TRIGGER storage_thumbnail_added AFTER INSERT ON project_thumbnails FOR EACH ROW EXECUTE FUNCTION storage_thumbnail_added();

CREATE FUNCTION storage_thumbnail_replaced() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE storage_usage SET used_bytes = used_bytes + octet_length(NEW.data) - octet_length(OLD.data) WHERE user_id = (SELECT owner_id FROM projects WHERE id = NEW.project_id); RETURN NULL; END $$;
CREATE TRIGGER storage_thumbnail_replaced AFTER UPDATE OF data ON project_thumbnails FOR EACH ROW EXECUTE FUNCTION storage_thumbnail_replaced();

CREATE FUNCTION storage_thumbnail_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE storage_usage SET used_bytes = used_bytes - octet_length(OLD.data) WHERE user_id = (SELECT owner_id FROM projects WHERE id = OLD.project_id); RETURN NULL; END $$;
CREATE TRIGGER storage_thumbnail_removed AFTER DELETE ON project_thumbnails FOR EACH ROW EXECUTE FUNCTION storage_thumbnail_removed();

-- Deleting a project (purge) cascades to its versions and thumbnail after the row is gone, when
-- their own triggers can no longer find the owner: take their bytes off here, before. A BEFORE
-- DELETE trigger returns OLD, or the delete would not happen.
CREATE FUNCTION storage_project_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE storage_usage SET used_bytes = used_bytes - (SELECT COALESCE(SUM(size), 0) FROM project_versions WHERE project_id = OLD.id) - (SELECT COALESCE(SUM(octet_length(data)), 0) FROM project_thumbnails WHERE project_id = OLD.id) WHERE user_id = OLD.owner_id; RETURN OLD; END $$;
CREATE TRIGGER storage_project_removed BEFORE DELETE ON projects FOR EACH ROW EXECUTE FUNCTION storage_project_removed();

-- Assets are never deleted (shared by content); they count for whoever stored them first.
CREATE FUNCTION storage_asset_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO storage_usage (user_id, used_bytes) VALUES (NEW.created_by, NEW.size) ON CONFLICT (user_id) DO UPDATE SET used_bytes = storage_usage.used_bytes + excluded.used_bytes; RETURN NULL; END $$;
CREATE TRIGGER storage_asset_added AFTER INSERT ON assets FOR EACH ROW WHEN (NEW.created_by IS NOT NULL) EXECUTE FUNCTION storage_asset_added();

CREATE FUNCTION storage_backpack_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO storage_usage (user_id, used_bytes) VALUES (NEW.user_id, octet_length(NEW.name) + octet_length(NEW.type) + octet_length(NEW.mime)) ON CONFLICT (user_id) DO UPDATE SET used_bytes = storage_usage.used_bytes + excluded.used_bytes; RETURN NULL; END $$;
CREATE TRIGGER storage_backpack_added AFTER INSERT ON backpack_items FOR EACH ROW EXECUTE FUNCTION storage_backpack_added();

CREATE FUNCTION storage_backpack_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE storage_usage SET used_bytes = used_bytes - (octet_length(OLD.name) + octet_length(OLD.type) + octet_length(OLD.mime)) WHERE user_id = OLD.user_id; RETURN NULL; END $$;
CREATE TRIGGER storage_backpack_removed AFTER DELETE ON backpack_items FOR EACH ROW EXECUTE FUNCTION storage_backpack_removed();
