// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/livecontrolstore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

// The students of a class (members who do not teach it and are students), by id.
Result<QList<UserRef>> studentsOf(Db::Connection &db, qint64 classId)
{
    Sql q(db,
          u"SELECT u.id, u.username, u.display_name FROM memberships m "
          "JOIN users u ON u.id = m.user_id WHERE m.group_id = ? AND m.teaches = 0 "
          "AND u.role = 'student' ORDER BY u.id"_s);
    q.bind(classId);
    if (!q.exec())
        return q.error();
    QList<UserRef> students;
    while (q.next())
        students.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
    return students;
}

// A new project of ownerId holding the current version of sourceId (read in the caller's write
// transaction: one consistent version, G4), with its thumbnail. Its id, or NotFound when the
// source is gone or in the trash.
Result<qint64> copyProject(Db::Connection &db, qint64 sourceId, qint64 ownerId,
                           const QString &title, qint64 savedBy, const QString &now)
{
    Sql current(db, u"SELECT version FROM projects WHERE id = ? AND deleted_at IS NULL"_s);
    current.bind(sourceId);
    if (!current.exec())
        return current.error();
    if (!current.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such project."));
    const int version = current.value(0).toInt();
    Sql insert(db,
               u"INSERT INTO projects (owner_id, title, version, created_at, updated_at, "
               "updated_by) VALUES (?, ?, 1, ?, ?, ?)"_s
                   + db.dialect().returningId());
    insert.bind(ownerId).bind(title).bind(now).bind(now).bind(savedBy);
    if (!insert.exec())
        return insert.error();
    const qint64 newId = insert.insertedId();
    auto copied = ProjectStore::copyContent(db, sourceId, version, newId, now, savedBy);
    if (!copied)
        return copied.error();
    return newId;
}

Result<ClassLiveState> readState(Db::Connection &db, qint64 classId)
{
    Sql q(db, u"SELECT pencils_down, changed_at FROM class_live_state WHERE group_id = ?"_s);
    q.bind(classId);
    if (!q.exec())
        return q.error();
    ClassLiveState state;
    state.classId = classId;
    if (q.next()) {
        state.pencilsDown = q.value(0).toInt() != 0;
        state.changedAt = q.value(1).toString();
    }
    return state;
}

Result<SendResult> loadSend(Db::Connection &db, qint64 classId, const QString &pressId)
{
    Sql q(db,
          u"SELECT s.id, s.source_project_id, p.title, u.id, u.username, u.display_name "
          "FROM live_sends s JOIN projects p ON p.id = s.source_project_id "
          "JOIN users u ON u.id = s.sent_by WHERE s.group_id = ? AND s.press_id = ?"_s);
    q.bind(classId).bind(pressId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::Internal, u"A sent project's record is missing."_s);
    SendResult result;
    result.sendId = q.value(0).toLongLong();
    result.classId = classId;
    result.sourceProjectId = q.value(1).toLongLong();
    result.title = q.value(2).toString();
    result.sentBy = {q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString()};
    Sql copies(db,
               u"SELECT student_id, project_id FROM live_send_copies WHERE send_id = ? "
               "ORDER BY student_id"_s);
    copies.bind(result.sendId);
    if (!copies.exec())
        return copies.error();
    while (copies.next())
        result.copies.append({copies.value(0).toLongLong(), copies.value(1).toLongLong()});
    return result;
}

Result<Collection> loadCollection(Db::Connection &db, qint64 id)
{
    Sql q(db, u"SELECT group_id, collected_at FROM collections WHERE id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such collection."));
    Collection collection;
    collection.id = id;
    collection.classId = q.value(0).toLongLong();
    collection.collectedAt = q.value(1).toString();
    Sql items(db,
              u"SELECT u.id, u.username, u.display_name, i.source_project_id, i.project_id, "
              "p.title FROM collection_items i JOIN users u ON u.id = i.student_id "
              "JOIN projects p ON p.id = i.project_id WHERE i.collection_id = ? "
              "ORDER BY u.display_name, u.id"_s);
    items.bind(id);
    if (!items.exec())
        return items.error();
    while (items.next()) {
        collection.items.append(
            {{items.value(0).toLongLong(), items.value(1).toString(), items.value(2).toString()},
             items.value(3).toLongLong(),
             items.value(4).toLongLong(),
             items.value(5).toString()});
    }
    return collection;
}

} // namespace

Result<QList<LiveMembership>> LiveControlStore::memberships(Db::Connection &db, qint64 userId)
{
    return Db::readTransaction<QList<LiveMembership>>(db, [&]() -> Result<QList<LiveMembership>> {
        Sql q(db,
              u"SELECT g.id, g.name, m.teaches, COALESCE(s.pencils_down, 0) FROM memberships m "
              "JOIN groups g ON g.id = m.group_id "
              "LEFT JOIN class_live_state s ON s.group_id = g.id "
              "WHERE m.user_id = ? ORDER BY g.id"_s);
        q.bind(userId);
        if (!q.exec())
            return q.error();
        QList<LiveMembership> list;
        while (q.next()) {
            list.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt() != 0,
                         q.value(3).toInt() != 0});
        }
        return list;
    });
}

Result<ClassLiveState> LiveControlStore::setPencilsDown(Db::Connection &db, const Caller &caller,
                                                        qint64 classId, bool down)
{
    return Db::writeTransaction<ClassLiveState>(
        db, [&](Db::Connection &db) -> Result<ClassLiveState> {
            auto info = ClassStore::managedClass(db, caller, classId);
            if (!info)
                return info.error();
            const QString now = nowText();
            Sql upsert(db,
                       u"INSERT INTO class_live_state (group_id, pencils_down, changed_at, "
                       "changed_by) VALUES (?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET "
                       "pencils_down = excluded.pencils_down, changed_at = excluded.changed_at, "
                       "changed_by = excluded.changed_by"_s);
            upsert.bind(classId).bind(down ? 1 : 0).bind(now).bind(caller.userId);
            if (!upsert.exec())
                return upsert.error();
            return ClassLiveState{classId, down, now};
        });
}

Result<ClassLiveState> LiveControlStore::state(Db::Connection &db, const Caller &caller,
                                               qint64 classId)
{
    return Db::readTransaction<ClassLiveState>(db, [&]() -> Result<ClassLiveState> {
        auto info = ClassStore::managedClass(db, caller, classId);
        if (!info)
            return info.error();
        return readState(db, classId);
    });
}

Result<QList<ClassLiveState>> LiveControlStore::allStates(Db::Connection &db)
{
    Sql q(db, u"SELECT group_id, pencils_down, changed_at FROM class_live_state"_s);
    if (!q.exec())
        return q.error();
    QList<ClassLiveState> list;
    while (q.next())
        list.append({q.value(0).toLongLong(), q.value(1).toInt() != 0, q.value(2).toString()});
    return list;
}

Result<SendResult> LiveControlStore::sendToClass(Db::Connection &db, const Caller &caller,
                                                 qint64 classId, qint64 projectId,
                                                 const QString &title, const QString &pressId)
{
    return Db::writeTransaction<SendResult>(db, [&](Db::Connection &db) -> Result<SendResult> {
        auto info = ClassStore::managedClass(db, caller, classId);
        if (!info)
            return info.error();
        const QString now = nowText();
        // The press's row first: a second request of the same press waits here for the first
        // one's transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: the unique index) and then
        // inserts nothing.
        Sql press(db,
                  u"INSERT INTO live_sends (group_id, press_id, sent_by, source_project_id, "
                  "sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id, press_id) DO NOTHING"_s);
        press.bind(classId).bind(pressId).bind(caller.userId).bind(projectId).bind(now);
        if (!press.exec())
            return press.error();
        if (press.rowsAffected() == 0) {
            auto earlier = loadSend(db, classId, pressId);
            if (earlier)
                earlier->repeated = true;
            return earlier;
        }
        auto sent = loadSend(db, classId, pressId);
        if (!sent)
            return sent.error();
        auto students = studentsOf(db, classId);
        if (!students)
            return students.error();
        for (const UserRef &student : std::as_const(*students)) {
            auto copy = copyProject(db, projectId, student.id, title, caller.userId, now);
            if (!copy)
                return copy.error();
            Sql record(db,
                       u"INSERT INTO live_send_copies (send_id, student_id, project_id) "
                       "VALUES (?, ?, ?)"_s);
            record.bind(sent->sendId).bind(student.id).bind(*copy);
            if (!record.exec())
                return record.error();
            sent->copies.append({student.id, *copy});
        }
        return sent;
    });
}

Result<Collection> LiveControlStore::collect(Db::Connection &db, const Caller &caller,
                                             qint64 classId, const QString &timeLabel)
{
    return Db::writeTransaction<Collection>(db, [&](Db::Connection &db) -> Result<Collection> {
        auto info = ClassStore::managedClass(db, caller, classId);
        if (!info)
            return info.error();
        const QString now = nowText();
        Sql insert(db,
                   u"INSERT INTO collections (group_id, collected_by, collected_at) "
                   "VALUES (?, ?, ?)"_s
                       + db.dialect().returningId());
        insert.bind(classId).bind(caller.userId).bind(now);
        if (!insert.exec())
            return insert.error();
        const qint64 collectionId = insert.insertedId();
        auto students = studentsOf(db, classId);
        if (!students)
            return students.error();
        for (const UserRef &student : std::as_const(*students)) {
            // "Current project": the one the student changed last.
            Sql latest(db,
                       u"SELECT id, title FROM projects WHERE owner_id = ? AND deleted_at IS NULL "
                       "ORDER BY updated_at DESC, id DESC LIMIT 1"_s);
            latest.bind(student.id);
            if (!latest.exec())
                return latest.error();
            if (!latest.next())
                continue;
            const qint64 sourceId = latest.value(0).toLongLong();
            const QString title = student.displayName + u" \u2014 "_s + latest.value(1).toString()
                + u" \u2014 collected "_s + timeLabel;
            auto copy = copyProject(db, sourceId, caller.userId, title, caller.userId, now);
            if (!copy)
                return copy.error();
            Sql item(db,
                     u"INSERT INTO collection_items (collection_id, student_id, "
                     "source_project_id, project_id) VALUES (?, ?, ?, ?)"_s);
            item.bind(collectionId).bind(student.id).bind(sourceId).bind(*copy);
            if (!item.exec())
                return item.error();
        }
        return loadCollection(db, collectionId);
    });
}

Result<Collection> LiveControlStore::collection(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::readTransaction<Collection>(db, [&]() -> Result<Collection> {
        auto found = loadCollection(db, id);
        if (!found)
            return found.error();
        auto info = ClassStore::managedClass(db, caller, found->classId);
        if (!info) // a class the caller does not teach: the collection does not exist for them
            return makeError(ErrorKind::NotFound,
                             QT_TRANSLATE_NOOP("Sentence", "There is no such collection."));
        return found;
    });
}

Result<QList<Collection>> LiveControlStore::collections(Db::Connection &db, const Caller &caller,
                                                        qint64 classId)
{
    return Db::readTransaction<QList<Collection>>(db, [&]() -> Result<QList<Collection>> {
        auto info = ClassStore::managedClass(db, caller, classId);
        if (!info)
            return info.error();
        Sql q(db,
              u"SELECT id, collected_at FROM collections WHERE group_id = ? "
              "ORDER BY collected_at DESC, id DESC"_s);
        q.bind(classId);
        if (!q.exec())
            return q.error();
        QList<Collection> list;
        while (q.next())
            list.append({q.value(0).toLongLong(), classId, q.value(1).toString(), {}});
        return list;
    });
}

} // namespace Blockhaus::Store
