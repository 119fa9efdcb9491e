// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/assignmentstore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/assetstore.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

// The columns every Assignment query selects, in this order; the counts are of the class's
// students (role student), so a teacher in the class is never counted.
const QString assignmentColumns =
    u"a.id, a.group_id, g.name, a.title, a.instructions, a.due_at, a.allow_continue, "
    "a.starter_project_id, a.created_at, a.handed_out_at, "
    "(SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
    " WHERE m.group_id = a.group_id AND u.role = 'student'), "
    "(SELECT COUNT(*) FROM assignment_copies c JOIN memberships m "
    " ON m.group_id = a.group_id AND m.user_id = c.student_id "
    " WHERE c.assignment_id = a.id AND c.handed_in_at IS NOT NULL) "
    "FROM assignments a JOIN groups g ON g.id = a.group_id "_s;

Assignment assignmentFromRow(const Sql &row)
{
    Assignment a;
    a.id = row.value(0).toLongLong();
    a.group = {row.value(1).toLongLong(), row.value(2).toString()};
    a.title = row.value(3).toString();
    a.instructions = row.value(4).toString();
    a.dueAt = row.value(5).toString();
    a.allowContinue = row.value(6).toBool();
    a.starterProjectId = row.value(7).toLongLong();
    a.createdAt = row.value(8).toString();
    a.handedOutAt = row.value(9).toString();
    a.studentCount = row.value(10).toInt();
    a.handedInCount = row.value(11).toInt();
    return a;
}

// The columns of a copy after the student's three: project, state, handed in, returned,
// feedback, leave to continue (all NULL for a student without a copy).
const QString copyColumns = u"c.project_id, c.state, c.handed_in_at, c.returned_at, c.feedback, "
                            "c.continue_allowed"_s;

// Whether the student may no longer save: one rule for the save guard and every listing.
bool isFrozen(CopyState state, bool continueAllowed, const QString &dueAt, const QString &now)
{
    switch (state) {
    case CopyState::HandedIn:
        return true;
    case CopyState::Returned:
        return !continueAllowed;
    case CopyState::NotStarted:
    case CopyState::InProgress:
        break;
    }
    return !dueAt.isEmpty() && dueAt <= now;
}

AssignmentCopy copyFromRow(const Sql &row, int first, const UserRef &student, const QString &dueAt,
                           const QString &now)
{
    AssignmentCopy copy;
    copy.student = student;
    copy.projectId = row.value(first).toLongLong();
    copy.state = copyStateFromString(row.value(first + 1).toString());
    copy.handedInAt = row.value(first + 2).toString();
    copy.returnedAt = row.value(first + 3).toString();
    copy.feedback = row.value(first + 4).toString();
    copy.continueAllowed = row.value(first + 5).toBool();
    copy.frozen = isFrozen(copy.state, copy.continueAllowed, dueAt, now);
    // Late: the due time passed and no hand-in came before it.
    copy.late =
        !dueAt.isEmpty() && dueAt <= now && (copy.handedInAt.isEmpty() || copy.handedInAt > dueAt);
    return copy;
}

Error noSuchAssignment()
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence", "There is no such assignment."));
}

Result<Assignment> loadAssignment(Db::Connection &db, qint64 id)
{
    Sql q(db, u"SELECT "_s + assignmentColumns + u"WHERE a.id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return noSuchAssignment();
    return assignmentFromRow(q);
}

// The assignment, when the caller teaches its class (admin: any).
Result<Assignment> teachersAssignment(Db::Connection &db, const Caller &caller, qint64 id)
{
    auto assignment = loadAssignment(db, id);
    if (!assignment)
        return assignment;
    auto teaches = ClassStore::managedClass(db, caller, assignment->group.id);
    if (!teaches)
        return teaches.error();
    return assignment;
}

// The assignment, when it is handed out and the caller is a student of its class; NotFound
// otherwise, so that nobody learns of other classes' assignments.
Result<Assignment> studentsAssignment(Db::Connection &db, const Caller &caller, qint64 id)
{
    auto assignment = loadAssignment(db, id);
    if (!assignment)
        return assignment;
    if (caller.role != Role::Student || assignment->handedOutAt.isEmpty())
        return noSuchAssignment();
    Sql q(db, u"SELECT 1 FROM memberships WHERE group_id = ? AND user_id = ?"_s);
    q.bind(assignment->group.id).bind(caller.userId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return noSuchAssignment();
    return assignment;
}

Result<QByteArray> starterBody(Db::Connection &db, qint64 id)
{
    Sql q(db, u"SELECT starter_body FROM assignments WHERE id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return noSuchAssignment();
    return q.value(0).toByteArray();
}

// Makes sure the student has a copy with a project, inside the caller's write transaction; true
// when a copy was made now. The INSERT ... ON CONFLICT DO NOTHING decides who makes the copy:
// of any number of concurrent openers and hand-outs exactly one inserts the row (on PostgreSQL
// the others wait for its commit, then insert nothing or rerun), and only that one makes the
// project. A copy whose project was deleted for good gets a new project.
Result<bool> ensureCopy(Db::Connection &db, const Assignment &assignment, qint64 studentId,
                        const QString &now)
{
    Sql insert(db,
               u"INSERT INTO assignment_copies (assignment_id, student_id, state, created_at) "
               "VALUES (?, ?, 'not_started', ?) ON CONFLICT (assignment_id, student_id) "
               "DO NOTHING"_s);
    insert.bind(assignment.id).bind(studentId).bind(now);
    if (!insert.exec())
        return insert.error();
    const bool made = insert.rowsAffected() == 1;
    if (!made) {
        Sql existing(db,
                     u"SELECT project_id FROM assignment_copies WHERE assignment_id = ? AND "
                     "student_id = ?"_s
                         + db.dialect().forUpdate());
        existing.bind(assignment.id).bind(studentId);
        if (!existing.exec())
            return existing.error();
        if (!existing.next())
            return makeError(ErrorKind::Internal, u"An assignment copy vanished."_s);
        if (!existing.value(0).isNull())
            return false;
    }
    auto body = starterBody(db, assignment.id);
    if (!body)
        return body.error();
    auto project = ProjectStore::insertInTransaction(db, studentId, assignment.title, *body);
    if (!project)
        return project.error();
    Sql link(db,
             u"UPDATE assignment_copies SET project_id = ? WHERE assignment_id = ? AND "
             "student_id = ?"_s);
    link.bind(project->id).bind(assignment.id).bind(studentId);
    if (!link.exec())
        return link.error();
    return made;
}

Result<AssignmentCopy> loadCopy(Db::Connection &db, const Assignment &assignment, qint64 studentId,
                                const QString &now)
{
    Sql q(db,
          u"SELECT u.id, u.username, u.display_name, "_s + copyColumns
              + u" FROM users u LEFT JOIN assignment_copies c ON c.student_id = u.id "
                "AND c.assignment_id = ? WHERE u.id = ?"_s);
    q.bind(assignment.id).bind(studentId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such student."));
    return copyFromRow(q, 3,
                       {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()},
                       assignment.dueAt, now);
}

// Locks the copy's project row until the transaction ends (PostgreSQL), the row every save
// of the project locks first: a hand-in or return and a save take turns.
Result<Ok> lockProject(Db::Connection &db, qint64 projectId)
{
    Sql q(db, u"SELECT id FROM projects WHERE id = ?"_s + db.dialect().forUpdate());
    q.bind(projectId);
    if (!q.exec())
        return q.error();
    return Ok{};
}

} // namespace

Result<Assignment> AssignmentStore::create(Db::Connection &db, const Caller &caller, qint64 classId,
                                           const NewAssignment &assignment)
{
    return Db::writeTransaction<Assignment>(db, [&](Db::Connection &db) -> Result<Assignment> {
        auto teaches = ClassStore::managedClass(db, caller, classId);
        if (!teaches)
            return teaches.error();
        QByteArray body = assignment.emptyBody;
        if (assignment.starterProjectId > 0) {
            // The snapshot: the starter's current version, read in this write transaction.
            Sql q(db,
                  u"SELECT v.body FROM projects p JOIN project_versions v "
                  "ON v.project_id = p.id AND v.version = p.version "
                  "WHERE p.id = ? AND p.owner_id = ? AND p.deleted_at IS NULL"_s);
            q.bind(assignment.starterProjectId).bind(caller.userId);
            if (!q.exec())
                return q.error();
            if (!q.next()) {
                Error error = makeError(
                    ErrorKind::BadRequest,
                    QT_TRANSLATE_NOOP("Sentence",
                                      "The starter project must be one of your own projects."));
                error.extra = {{u"field"_s, u"starter_project_id"_s}};
                return error;
            }
            body = q.value(0).toByteArray();
        } else {
            auto stored = AssetStore::insertInTransaction(db, caller.userId, assignment.emptyAsset);
            if (!stored)
                return stored.error();
        }
        Sql insert(db,
                   u"INSERT INTO assignments (group_id, title, instructions, starter_body, "
                   "starter_project_id, due_at, allow_continue, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s
                       + db.dialect().returningId());
        insert.bind(classId)
            .bind(assignment.title)
            .bind(assignment.instructions)
            .bind(body)
            .bind(assignment.starterProjectId > 0 ? QVariant(assignment.starterProjectId)
                                                  : QVariant(QMetaType(QMetaType::LongLong)))
            .bind(assignment.dueAt.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                             : QVariant(assignment.dueAt))
            .bind(assignment.allowContinue ? 1 : 0)
            .bind(caller.userId)
            .bind(nowText());
        if (!insert.exec())
            return insert.error();
        return loadAssignment(db, insert.insertedId());
    });
}

Result<QList<Assignment>> AssignmentStore::listForClass(Db::Connection &db, const Caller &caller,
                                                        qint64 classId)
{
    return Db::readTransaction<QList<Assignment>>(db, [&]() -> Result<QList<Assignment>> {
        auto teaches = ClassStore::managedClass(db, caller, classId);
        if (!teaches)
            return teaches.error();
        Sql q(db,
              u"SELECT "_s + assignmentColumns
                  + u"WHERE a.group_id = ? ORDER BY a.created_at DESC, a.id DESC"_s);
        q.bind(classId);
        if (!q.exec())
            return q.error();
        QList<Assignment> list;
        while (q.next())
            list.append(assignmentFromRow(q));
        return list;
    });
}

Result<Assignment> AssignmentStore::forTeacher(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::readTransaction<Assignment>(
        db, [&]() -> Result<Assignment> { return teachersAssignment(db, caller, id); });
}

Result<int> AssignmentStore::handOut(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<int>(db, [&](Db::Connection &db) -> Result<int> {
        auto assignment = teachersAssignment(db, caller, id);
        if (!assignment)
            return assignment.error();
        const QString now = nowText();
        Sql mark(db,
                 u"UPDATE assignments SET handed_out_at = COALESCE(handed_out_at, ?) "
                 "WHERE id = ?"_s);
        mark.bind(now).bind(id);
        if (!mark.exec())
            return mark.error();
        Sql students(db,
                     u"SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id "
                     "WHERE m.group_id = ? AND u.role = 'student' ORDER BY m.user_id"_s);
        students.bind(assignment->group.id);
        if (!students.exec())
            return students.error();
        QList<qint64> ids;
        while (students.next())
            ids.append(students.value(0).toLongLong());
        int made = 0;
        for (qint64 studentId : std::as_const(ids)) {
            auto copy = ensureCopy(db, *assignment, studentId, now);
            if (!copy)
                return copy.error();
            made += *copy ? 1 : 0;
        }
        return made;
    });
}

Result<QList<MyAssignment>> AssignmentStore::mine(Db::Connection &db, const Caller &caller)
{
    return Db::readTransaction<QList<MyAssignment>>(db, [&]() -> Result<QList<MyAssignment>> {
        if (caller.role != Role::Student)
            return QList<MyAssignment>{};
        Sql q(db,
              u"SELECT "_s + copyColumns + u", "_s + assignmentColumns
                  + u"JOIN memberships me ON me.group_id = a.group_id AND me.user_id = ? "
                    "LEFT JOIN assignment_copies c ON c.assignment_id = a.id "
                    "AND c.student_id = me.user_id "
                    "WHERE a.handed_out_at IS NOT NULL "
                    "ORDER BY a.due_at IS NULL, a.due_at, a.created_at DESC, a.id DESC"_s);
        q.bind(caller.userId);
        if (!q.exec())
            return q.error();
        const QString now = nowText();
        QList<MyAssignment> list;
        while (q.next()) {
            MyAssignment mine;
            // The assignment's columns follow the copy's six.
            Sql &row = q;
            mine.assignment.id = row.value(6).toLongLong();
            mine.assignment.group = {row.value(7).toLongLong(), row.value(8).toString()};
            mine.assignment.title = row.value(9).toString();
            mine.assignment.instructions = row.value(10).toString();
            mine.assignment.dueAt = row.value(11).toString();
            mine.assignment.allowContinue = row.value(12).toBool();
            mine.assignment.starterProjectId = row.value(13).toLongLong();
            mine.assignment.createdAt = row.value(14).toString();
            mine.assignment.handedOutAt = row.value(15).toString();
            mine.assignment.studentCount = row.value(16).toInt();
            mine.assignment.handedInCount = row.value(17).toInt();
            mine.copy = copyFromRow(q, 0, caller.ref(), mine.assignment.dueAt, now);
            list.append(mine);
        }
        return list;
    });
}

Result<MyAssignment> AssignmentStore::open(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<MyAssignment>(db, [&](Db::Connection &db) -> Result<MyAssignment> {
        auto assignment = studentsAssignment(db, caller, id);
        if (!assignment)
            return assignment.error();
        const QString now = nowText();
        auto made = ensureCopy(db, *assignment, caller.userId, now);
        if (!made)
            return made.error();
        Sql start(db,
                  u"UPDATE assignment_copies SET state = 'in_progress' WHERE assignment_id = ? "
                  "AND student_id = ? AND state = 'not_started'"_s);
        start.bind(id).bind(caller.userId);
        if (!start.exec())
            return start.error();
        auto copy = loadCopy(db, *assignment, caller.userId, now);
        if (!copy)
            return copy.error();
        return MyAssignment{*assignment, *copy};
    });
}

Result<MyAssignment> AssignmentStore::handIn(Db::Connection &db, const Caller &caller, qint64 id)
{
    return Db::writeTransaction<MyAssignment>(db, [&](Db::Connection &db) -> Result<MyAssignment> {
        auto assignment = studentsAssignment(db, caller, id);
        if (!assignment)
            return assignment.error();
        const QString now = nowText();
        auto made = ensureCopy(db, *assignment, caller.userId, now);
        if (!made)
            return made.error();
        auto before = loadCopy(db, *assignment, caller.userId, now);
        if (!before)
            return before.error();
        if (auto locked = lockProject(db, before->projectId); !locked)
            return locked.error();
        if (before->state == CopyState::HandedIn)
            return MyAssignment{*assignment, *before}; // handing in twice changes nothing
        if (before->state == CopyState::Returned && !before->continueAllowed)
            return makeError(ErrorKind::AssignmentClosed,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "Your teacher has already returned this "
                                               "assignment."));
        Sql update(db,
                   u"UPDATE assignment_copies SET state = 'handed_in', handed_in_at = ? "
                   "WHERE assignment_id = ? AND student_id = ?"_s);
        update.bind(now).bind(id).bind(caller.userId);
        if (!update.exec())
            return update.error();
        auto copy = loadCopy(db, *assignment, caller.userId, now);
        if (!copy)
            return copy.error();
        return MyAssignment{*assignment, *copy};
    });
}

Result<QList<AssignmentCopy>> AssignmentStore::grid(Db::Connection &db, const Caller &caller,
                                                    qint64 id)
{
    return Db::readTransaction<QList<AssignmentCopy>>(db, [&]() -> Result<QList<AssignmentCopy>> {
        auto assignment = teachersAssignment(db, caller, id);
        if (!assignment)
            return assignment.error();
        Sql q(db,
              u"SELECT u.id, u.username, u.display_name, "_s + copyColumns
                  + u" FROM memberships m JOIN users u ON u.id = m.user_id "
                    "LEFT JOIN assignment_copies c ON c.student_id = u.id "
                    "AND c.assignment_id = ? WHERE m.group_id = ? AND u.role = 'student' "
                    "ORDER BY "_s
                  + db.dialect().nocase(u"u.display_name"_s) + u", u.id"_s);
        q.bind(id).bind(assignment->group.id);
        if (!q.exec())
            return q.error();
        const QString now = nowText();
        QList<AssignmentCopy> list;
        while (q.next())
            list.append(copyFromRow(
                q, 3, {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()},
                assignment->dueAt, now));
        return list;
    });
}

Result<AssignmentCopy> AssignmentStore::returnCopy(Db::Connection &db, const Caller &caller,
                                                   qint64 id, qint64 studentId,
                                                   const QString &feedback, bool continueAllowed)
{
    return Db::writeTransaction<AssignmentCopy>(
        db, [&](Db::Connection &db) -> Result<AssignmentCopy> {
            auto assignment = teachersAssignment(db, caller, id);
            if (!assignment)
                return assignment.error();
            const QString now = nowText();
            Sql q(db,
                  u"SELECT project_id FROM assignment_copies WHERE assignment_id = ? AND "
                  "student_id = ?"_s);
            q.bind(id).bind(studentId);
            if (!q.exec())
                return q.error();
            if (!q.next())
                return makeError(ErrorKind::NotFound,
                                 QT_TRANSLATE_NOOP("Sentence",
                                                   "This student has no copy of the assignment "
                                                   "yet."));
            if (auto locked = lockProject(db, q.value(0).toLongLong()); !locked)
                return locked.error();
            Sql update(db,
                       u"UPDATE assignment_copies SET state = 'returned', returned_at = ?, "
                       "feedback = ?, continue_allowed = ? WHERE assignment_id = ? AND "
                       "student_id = ?"_s);
            update.bind(now).bind(feedback).bind(continueAllowed ? 1 : 0).bind(id).bind(studentId);
            if (!update.exec())
                return update.error();
            return loadCopy(db, *assignment, studentId, now);
        });
}

Result<Ok> AssignmentStore::requireWritable(Db::Connection &db, qint64 projectId,
                                            const QString &now)
{
    Sql q(db,
          u"SELECT c.state, c.continue_allowed, a.due_at FROM assignment_copies c "
          "JOIN assignments a ON a.id = c.assignment_id WHERE c.project_id = ?"_s);
    q.bind(projectId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return Ok{}; // not an assignment copy
    const CopyState state = copyStateFromString(q.value(0).toString());
    if (!isFrozen(state, q.value(1).toBool(), q.value(2).toString(), now))
        return Ok{};
    Error error = makeError(ErrorKind::AssignmentClosed,
                            state == CopyState::NotStarted || state == CopyState::InProgress
                                ? QT_TRANSLATE_NOOP("Sentence",
                                                    "The due time of this assignment has "
                                                    "passed: the project can no longer be "
                                                    "changed.")
                                : QT_TRANSLATE_NOOP("Sentence",
                                                    "This assignment is handed in or returned: "
                                                    "the project "
                                                    "can no longer be changed."));
    error.extra = {{u"state"_s, copyStateToString(state)}};
    return error;
}

Result<MyAssignment> AssignmentStore::ofProject(Db::Connection &db, qint64 projectId)
{
    Sql q(db, u"SELECT assignment_id, student_id FROM assignment_copies WHERE project_id = ?"_s);
    q.bind(projectId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return noSuchAssignment();
    const qint64 assignmentId = q.value(0).toLongLong();
    const qint64 studentId = q.value(1).toLongLong();
    auto assignment = loadAssignment(db, assignmentId);
    if (!assignment)
        return assignment.error();
    auto copy = loadCopy(db, *assignment, studentId, nowText());
    if (!copy)
        return copy.error();
    return MyAssignment{*assignment, *copy};
}

} // namespace Blockhaus::Store
