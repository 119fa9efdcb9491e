// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/livestatestore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

QString dayText(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

} // namespace

Result<Ok> LiveStateStore::writeBatch(Db::Connection &db, const QList<Live::PresenceEntry> &seen,
                                      const QList<Live::ConflictEntry> &conflicts,
                                      const QList<Live::SaveDelta> &saves)
{
    if (seen.isEmpty() && conflicts.isEmpty() && saves.isEmpty())
        return Ok{};
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        for (const Live::PresenceEntry &entry : seen) {
            const QString when = Core::toText(entry.lastSeen);
            // A project of 0 (a request about no project) keeps the project last worked on.
            Sql upsert(db,
                       u"INSERT INTO presence (user_id, role, address, project_id, last_seen) "
                       "SELECT id, ?, ?, CAST(? AS BIGINT), ? FROM users WHERE id = ? "
                       "ON CONFLICT (user_id) DO UPDATE SET "
                       "role = excluded.role, address = excluded.address, "
                       "project_id = CASE WHEN excluded.project_id > 0 THEN excluded.project_id "
                       "ELSE presence.project_id END, last_seen = excluded.last_seen "
                       "WHERE presence.last_seen < excluded.last_seen"_s);
            // From the users row, so that an account deleted meanwhile is skipped; the casts
            // type the parameters PostgreSQL would otherwise read as text in a SELECT list.
            upsert.bind(entry.role)
                .bind(entry.address)
                .bind(entry.projectId)
                .bind(when)
                .bind(entry.userId);
            if (!upsert.exec())
                return upsert.error();
            Sql user(db,
                     u"UPDATE users SET last_seen = ? WHERE id = ? "
                     "AND (last_seen IS NULL OR last_seen < ?)"_s);
            user.bind(when).bind(entry.userId).bind(when);
            if (!user.exec())
                return user.error();
        }
        for (const Live::ConflictEntry &entry : conflicts) {
            Sql insert(db,
                       u"INSERT INTO conflict_log (happened_at, user_id, username, display_name, "
                       "project_id, stale_version, current_version, current_saved_by) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
            insert.bind(Core::toText(entry.when))
                .bind(entry.userId)
                .bind(entry.username)
                .bind(entry.displayName)
                .bind(entry.projectId)
                .bind(entry.staleVersion)
                .bind(entry.currentVersion)
                .bind(entry.currentSavedBy);
            if (!insert.exec())
                return insert.error();
        }
        for (const Live::SaveDelta &delta : saves) {
            const Live::SaveActivity &counts = delta.counts;
            Sql add(
                db,
                u"INSERT INTO save_activity (user_id, day, saves, failed, conflicts, last_save) "
                "SELECT id, ?, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), ? "
                "FROM users WHERE id = ? "
                "ON CONFLICT (user_id, day) DO UPDATE SET "
                "saves = save_activity.saves + excluded.saves, "
                "failed = save_activity.failed + excluded.failed, "
                "conflicts = save_activity.conflicts + excluded.conflicts, "
                "last_save = CASE WHEN save_activity.last_save IS NULL "
                "OR excluded.last_save > save_activity.last_save THEN excluded.last_save "
                "ELSE save_activity.last_save END"_s);
            add.bind(dayText(delta.day))
                .bind(counts.savesToday)
                .bind(counts.failedToday)
                .bind(counts.conflictsToday)
                .bind(counts.lastSave.isValid() ? QVariant(Core::toText(counts.lastSave))
                                                : QVariant(QMetaType(QMetaType::QString)))
                .bind(delta.userId);
            if (!add.exec())
                return add.error();
        }
        if (!saves.isEmpty()) {
            Sql prune(db, u"DELETE FROM save_activity WHERE day < ?"_s);
            prune.bind(dayText(saves.first().day.addDays(-saveActivityDays)));
            if (!prune.exec())
                return prune.error();
        }
        if (!conflicts.isEmpty()) {
            Sql prune(db,
                      u"DELETE FROM conflict_log WHERE id <= "
                      "(SELECT MAX(id) FROM conflict_log) - ?"_s);
            prune.bind(conflictCapacity);
            if (!prune.exec())
                return prune.error();
        }
        return Ok{};
    });
}

Result<Live::SharedLiveState> LiveStateStore::read(Db::Connection &db, const QDateTime &since,
                                                   int maxConflicts, const QDate &today)
{
    return Db::readTransaction<Live::SharedLiveState>(db, [&]() -> Result<Live::SharedLiveState> {
        Live::SharedLiveState state;
        Sql online(db,
                   u"SELECT p.user_id, u.username, u.display_name, p.role, p.address, "
                   "p.project_id, p.last_seen FROM presence p JOIN users u ON u.id = p.user_id "
                   "WHERE p.last_seen >= ?"_s);
        online.bind(Core::toText(since));
        if (!online.exec())
            return online.error();
        while (online.next()) {
            Live::PresenceEntry entry;
            entry.userId = online.value(0).toLongLong();
            entry.username = online.value(1).toString();
            entry.displayName = online.value(2).toString();
            entry.role = online.value(3).toString();
            entry.address = online.value(4).toString();
            entry.projectId = online.value(5).toLongLong();
            entry.lastSeen = Core::fromText(online.value(6).toString());
            state.online.append(entry);
        }
        Sql conflicts(db,
                      u"SELECT happened_at, user_id, username, display_name, project_id, "
                      "stale_version, current_version, current_saved_by FROM conflict_log "
                      "ORDER BY id DESC LIMIT ?"_s);
        conflicts.bind(maxConflicts);
        if (!conflicts.exec())
            return conflicts.error();
        while (conflicts.next()) {
            Live::ConflictEntry entry;
            entry.when = Core::fromText(conflicts.value(0).toString());
            entry.userId = conflicts.value(1).toLongLong();
            entry.username = conflicts.value(2).toString();
            entry.displayName = conflicts.value(3).toString();
            entry.projectId = conflicts.value(4).toLongLong();
            entry.staleVersion = conflicts.value(5).toInt();
            entry.currentVersion = conflicts.value(6).toInt();
            entry.currentSavedBy = conflicts.value(7).toString();
            state.recentConflicts.append(entry);
        }
        // The ids count every conflict ever logged: pruning removes the oldest, never the newest.
        Sql total(db, u"SELECT COALESCE(MAX(id), 0) FROM conflict_log"_s);
        if (!total.exec())
            return total.error();
        if (total.next())
            state.conflictTotal = total.value(0).toULongLong();
        Sql activity(db,
                     u"SELECT user_id, saves, failed, conflicts, last_save FROM save_activity "
                     "WHERE day = ?"_s);
        activity.bind(dayText(today));
        if (!activity.exec())
            return activity.error();
        while (activity.next()) {
            Live::SaveActivity counts;
            counts.savesToday = activity.value(1).toInt();
            counts.failedToday = activity.value(2).toInt();
            counts.conflictsToday = activity.value(3).toInt();
            if (!activity.value(4).isNull())
                counts.lastSave = Core::fromText(activity.value(4).toString());
            state.saveActivity.insert(activity.value(0).toLongLong(), counts);
        }
        return state;
    });
}

} // namespace Blockhaus::Store
