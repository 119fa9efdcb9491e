-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0004 (SQLite): bytes stored per user, for the storage quota
-- (issue #12). Numbered after 0002 (class names) and 0003 (roster revision), written at the same time.
-- What counts against a user: every retained version body and the thumbnail of the projects they
-- own (trashed ones too: they are still on disk), the assets they stored first (content-addressed
-- and shared: a re-upload costs nothing) and the text of their backpack items (whose bodies and
-- thumbnails are assets). The triggers below keep the sum up to date inside the writing
-- transaction itself, so a write and its accounting commit or roll back together, and the store
-- can check the quota after the write in the same transaction (race-safe, see QuotaGuard).
-- A trigger body is written on one line with END: the migration runner splits statements at
-- semicolons that end a line.

CREATE TABLE storage_usage (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    used_bytes INTEGER NOT NULL DEFAULT 0
);

INSERT INTO storage_usage (user_id, used_bytes)
SELECT u.id,
    (SELECT COALESCE(SUM(v.size), 0) FROM project_versions v JOIN projects p ON p.id = v.project_id
        WHERE p.owner_id = u.id)
    + (SELECT COALESCE(SUM(length(t.data)), 0) FROM project_thumbnails t
        JOIN projects p ON p.id = t.project_id WHERE p.owner_id = u.id)
    + (SELECT COALESCE(SUM(a.size), 0) FROM assets a WHERE a.created_by = u.id)
    + (SELECT COALESCE(SUM(length(CAST(b.name AS BLOB)) + length(CAST(b.type AS BLOB))
        + length(CAST(b.mime AS BLOB))), 0) FROM backpack_items b WHERE b.user_id = u.id)
FROM users u;

CREATE TRIGGER storage_version_added AFTER INSERT ON project_versions BEGIN
    INSERT INTO storage_usage (user_id, used_bytes) SELECT owner_id, NEW.size FROM projects WHERE id = NEW.project_id ON CONFLICT (user_id) DO UPDATE SET used_bytes = used_bytes + excluded.used_bytes; END;

-- A no-op when the project row is already gone (a cascade): storage_project_removed counted it.
CREATE TRIGGER storage_version_removed AFTER DELETE ON project_versions BEGIN
    UPDATE storage_usage SET used_bytes = used_bytes - OLD.size WHERE user_id = (SELECT owner_id FROM projects WHERE id = OLD.project_id); END;

CREATE TRIGGER storage_thumbnail_added AFTER INSERT ON project_thumbnails BEGIN
    INSERT INTO storage_usage (user_id, used_bytes) SELECT owner_id, length(NEW.data) FROM projects WHERE id = NEW.project_id ON CONFLICT (user_id) DO UPDATE SET used_bytes = used_bytes + excluded.used_bytes; END;

CREATE TRIGGER storage_thumbnail_replaced AFTER UPDATE OF data ON project_thumbnails BEGIN
    UPDATE storage_usage SET used_bytes = used_bytes + length(NEW.data) - length(OLD.data) WHERE user_id = (SELECT owner_id FROM projects WHERE id = NEW.project_id); END;

CREATE TRIGGER storage_thumbnail_removed AFTER DELETE ON project_thumbnails BEGIN
    UPDATE storage_usage SET used_bytes = used_bytes - length(OLD.data) WHERE user_id = (SELECT owner_id FROM projects WHERE id = OLD.project_id); END;

-- Deleting a project (purge) cascades to its versions and thumbnail after the row is gone, when
-- their own triggers can no longer find the owner: take their bytes off here, before.
CREATE TRIGGER storage_project_removed BEFORE DELETE ON projects BEGIN
    UPDATE storage_usage SET used_bytes = used_bytes - (SELECT COALESCE(SUM(size), 0) FROM project_versions WHERE project_id = OLD.id) - (SELECT COALESCE(SUM(length(data)), 0) FROM project_thumbnails WHERE project_id = OLD.id) WHERE user_id = OLD.owner_id; END;

-- Assets are never deleted (shared by content); they count for whoever stored them first.
CREATE TRIGGER storage_asset_added AFTER INSERT ON assets WHEN NEW.created_by IS NOT NULL BEGIN
    INSERT INTO storage_usage (user_id, used_bytes) VALUES (NEW.created_by, NEW.size) ON CONFLICT (user_id) DO UPDATE SET used_bytes = used_bytes + excluded.used_bytes; END;

CREATE TRIGGER storage_backpack_added AFTER INSERT ON backpack_items BEGIN
    INSERT INTO storage_usage (user_id, used_bytes) VALUES (NEW.user_id, length(CAST(NEW.name AS BLOB)) + length(CAST(NEW.type AS BLOB)) + length(CAST(NEW.mime AS BLOB))) ON CONFLICT (user_id) DO UPDATE SET used_bytes = used_bytes + excluded.used_bytes; END;

CREATE TRIGGER storage_backpack_removed AFTER DELETE ON backpack_items BEGIN
    UPDATE storage_usage SET used_bytes = used_bytes - (length(CAST(OLD.name AS BLOB)) + length(CAST(OLD.type AS BLOB)) + length(CAST(OLD.mime AS BLOB))) WHERE user_id = OLD.user_id; END;
