// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/classstore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/userstore.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

constexpr int joinCodeLength = 6;
constexpr int maxUsernameSuffix = 10000;

Result<ClassInfo> loadClass(Db::Connection &db, qint64 id)
{
    Sql q(db,
          u"SELECT g.id, g.name, g.join_code, g.join_open, "
          "(SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
          " WHERE m.group_id = g.id AND u.role = 'student') FROM groups g WHERE g.id = ?"_s);
    q.bind(id);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such class."));
    return ClassInfo{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toBool(), q.value(4).toInt()};
}

// A teacher may manage the classes they teach; an admin all of them.
Result<ClassInfo> requireTeaches(Db::Connection &db, const Caller &caller, qint64 id)
{
    auto info = loadClass(db, id);
    if (!info || caller.isAdmin())
        return info;
    Sql q(db, u"SELECT 1 FROM memberships WHERE group_id = ? AND user_id = ? AND teaches = 1"_s);
    q.bind(id).bind(caller.userId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "You do not teach this class."));
    return info;
}

Error nameTaken(const QString &name)
{
    Error error = makeError(
        ErrorKind::Exists,
        QT_TRANSLATE_NOOP("Sentence", "There is already a class called \u201c%1\u201d."), {name});
    error.extra = {{u"field"_s, u"name"_s}};
    return error;
}

// Class names are unique per teacher who made the class, not per server: two teachers on one
// school server may both have a "5b" (schema 2 holds the same rule as an index).
Result<bool> nameInUse(Db::Connection &db, const QString &name, qint64 teacherId)
{
    Sql q(db,
          u"SELECT 1 FROM groups WHERE "_s + db.dialect().equalsIgnoringCase(u"name"_s)
              + u" AND created_by = ?"_s);
    q.bind(name).bind(teacherId);
    if (!q.exec())
        return q.error();
    return q.next();
}

// The same for renaming class id: another class of the teacher who made it.
Result<bool> otherClassNamed(Db::Connection &db, const QString &name, qint64 id)
{
    Sql q(db,
          u"SELECT 1 FROM groups g JOIN groups mine ON mine.id = ? WHERE "_s
              + db.dialect().equalsIgnoringCase(u"g.name"_s)
              + u" AND g.created_by = mine.created_by AND g.id <> mine.id"_s);
    q.bind(id).bind(name);
    if (!q.exec())
        return q.error();
    return q.next();
}

// Inserts a membership; teachers and admins added to a class teach it.
Result<Ok> addMembership(Db::Connection &db, qint64 groupId, qint64 userId, bool teaches)
{
    Sql q(db,
          u"INSERT INTO memberships (group_id, user_id, teaches) VALUES (?, ?, ?) "
          "ON CONFLICT (group_id, user_id) DO UPDATE SET teaches = "_s
              + db.dialect().greatest(u"memberships.teaches"_s, u"excluded.teaches"_s));
    q.bind(groupId).bind(userId).bind(teaches ? 1 : 0);
    if (!q.exec())
        return q.error();
    return Ok{};
}

const QString studentColumns = u"u.id, u.username, u.display_name, u.last_seen, "
                               "(SELECT COUNT(*) FROM projects p WHERE p.owner_id = u.id "
                               " AND p.deleted_at IS NULL) FROM users u "_s;

// The condition under which the caller sees user u (admin: every student).
QString visibleStudentCondition(const Caller &caller)
{
    if (caller.isAdmin())
        return u"u.role = 'student'"_s;
    return u"u.role = 'student' AND u.id IN (SELECT o.user_id FROM memberships o JOIN memberships "
           u"t "
           "ON t.group_id = o.group_id WHERE t.user_id = ? AND t.teaches = 1)"_s;
}

Result<Ok> attachGroups(Db::Connection &db, QList<StudentRow> &rows)
{
    for (StudentRow &row : rows) {
        Sql q(db,
              u"SELECT g.id, g.name FROM memberships m JOIN groups g ON g.id = m.group_id "
              "WHERE m.user_id = ? ORDER BY g.name"_s);
        q.bind(row.user.id);
        if (!q.exec())
            return q.error();
        while (q.next())
            row.groups.append({q.value(0).toLongLong(), q.value(1).toString()});
    }
    return Ok{};
}

} // namespace

QString ClassStore::newJoinCode()
{
    // No 0/O, 1/I/L: children copy the code from a projector.
    static const QString alphabet = u"ABCDEFGHJKMNPQRSTUVWXYZ23456789"_s;
    QString code;
    for (int i = 0; i < joinCodeLength; ++i)
        code += alphabet.at(QRandomGenerator::system()->bounded(static_cast<int>(alphabet.size())));
    return code;
}

QString ClassStore::usernameFor(const QString &displayName)
{
    // "Anna M." -> "anna.m"; letters outside a-z are reduced to their base letter.
    QString base;
    const QString decomposed = displayName.normalized(QString::NormalizationForm_KD).toLower();
    for (QChar c : decomposed) {
        if (c == u'ß')
            base += u"ss"_s;
        else if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            base += c;
        else if ((c == u' ' || c == u'.' || c == u'-' || c == u'_') && !base.isEmpty()
                 && !base.endsWith(u'.'))
            base += u'.';
    }
    while (base.endsWith(u'.'))
        base.chop(1);
    if (base.isEmpty())
        base = u"student"_s;
    return base.left(24);
}

Result<ClassInfo> ClassStore::managedClass(Db::Connection &db, const Caller &caller, qint64 id)
{
    return requireTeaches(db, caller, id);
}

Result<QList<ClassInfo>> ClassStore::list(Db::Connection &db, const Caller &caller)
{
    Sql q(db,
          caller.isAdmin() ? u"SELECT id FROM groups ORDER BY name"_s
                           : u"SELECT g.id FROM groups g JOIN memberships m ON m.group_id = g.id "
                             "WHERE m.user_id = ? AND m.teaches = 1 ORDER BY g.name"_s);
    if (!caller.isAdmin())
        q.bind(caller.userId);
    if (!q.exec())
        return q.error();
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    QList<ClassInfo> classes;
    for (qint64 id : ids) {
        auto info = loadClass(db, id);
        if (!info)
            return info.error();
        classes.append(*info);
    }
    return classes;
}

Result<qint64> ClassStore::rosterRevision(Db::Connection &db)
{
    Sql q(db, u"SELECT revision FROM roster_revision WHERE id = 1"_s);
    if (!q.exec())
        return q.error();
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result<ClassInfo> ClassStore::create(Db::Connection &db, const Caller &caller, const QString &name)
{
    return Db::writeTransaction<ClassInfo>(db, [&](Db::Connection &db) -> Result<ClassInfo> {
        auto taken = nameInUse(db, name, caller.userId);
        if (!taken)
            return taken.error();
        if (*taken)
            return nameTaken(name);
        for (int attempt = 0; attempt < 20; ++attempt) {
            Sql insert(db,
                       u"INSERT INTO groups (name, join_code, join_open, created_by, created_at) "
                       "VALUES (?, ?, 1, ?, ?) ON CONFLICT (join_code) DO NOTHING"_s
                           + db.dialect().returningId());
            insert.bind(name).bind(newJoinCode()).bind(caller.userId).bind(nowText());
            if (!insert.exec())
                return insert.error();
            const qint64 id = insert.insertedId();
            if (id == 0)
                continue; // join code collision: draw another
            auto member = addMembership(db, id, caller.userId, true);
            if (!member)
                return member.error();
            return loadClass(db, id);
        }
        return makeError(ErrorKind::Internal, u"No free join code was found."_s);
    });
}

Result<ClassInfo> ClassStore::patch(Db::Connection &db, const Caller &caller, qint64 id,
                                    const ClassPatch &patch)
{
    return Db::writeTransaction<ClassInfo>(db, [&](Db::Connection &db) -> Result<ClassInfo> {
        auto info = requireTeaches(db, caller, id);
        if (!info)
            return info;
        if (patch.name) {
            auto taken = otherClassNamed(db, *patch.name, id);
            if (!taken)
                return taken.error();
            if (*taken)
                return nameTaken(*patch.name);
            Sql q(db, u"UPDATE groups SET name = ? WHERE id = ?"_s);
            q.bind(*patch.name).bind(id);
            if (!q.exec())
                return q.error();
        }
        if (patch.joinOpen) {
            Sql q(db, u"UPDATE groups SET join_open = ? WHERE id = ?"_s);
            q.bind(*patch.joinOpen ? 1 : 0).bind(id);
            if (!q.exec())
                return q.error();
        }
        if (patch.newJoinCode) {
            bool changed = false;
            for (int attempt = 0; attempt < 20 && !changed; ++attempt) {
                Sql q(db,
                      u"UPDATE groups SET join_code = ? WHERE id = ? AND NOT EXISTS "
                      "(SELECT 1 FROM groups WHERE join_code = ?)"_s);
                const QString code = newJoinCode();
                q.bind(code).bind(id).bind(code);
                if (!q.exec())
                    return q.error();
                changed = q.rowsAffected() == 1;
            }
            if (!changed)
                return makeError(ErrorKind::Internal, u"No free join code was found."_s);
        }
        return loadClass(db, id);
    });
}

Result<ClassInfo> ClassStore::addMembers(Db::Connection &db, const Caller &caller, qint64 id,
                                         const QList<qint64> &userIds)
{
    return Db::writeTransaction<ClassInfo>(db, [&](Db::Connection &db) -> Result<ClassInfo> {
        auto info = requireTeaches(db, caller, id);
        if (!info)
            return info;
        for (qint64 userId : userIds) {
            Sql q(db, u"SELECT role FROM users WHERE id = ?"_s);
            q.bind(userId);
            if (!q.exec())
                return q.error();
            if (!q.next()) {
                Error error =
                    makeError(ErrorKind::Unprocessable,
                              QT_TRANSLATE_NOOP("Sentence", "There is no user number %1."),
                              {QString::number(userId)});
                error.extra = {{u"user_id"_s, userId}};
                return error;
            }
            const bool teaches = roleFromString(q.value(0).toString()) != Role::Student;
            auto member = addMembership(db, id, userId, teaches);
            if (!member)
                return member.error();
        }
        return loadClass(db, id);
    });
}

Result<Ok> ClassStore::removeMember(Db::Connection &db, const Caller &caller, qint64 id,
                                    qint64 userId)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        auto info = requireTeaches(db, caller, id);
        if (!info)
            return info.error();
        Sql remove(db, u"DELETE FROM memberships WHERE group_id = ? AND user_id = ?"_s);
        remove.bind(id).bind(userId);
        if (!remove.exec())
            return remove.error();
        if (remove.rowsAffected() != 1)
            return makeError(ErrorKind::NotFound,
                             QT_TRANSLATE_NOOP("Sentence", "This person is not in the class."));
        Sql unshare(db,
                    u"DELETE FROM project_shares WHERE group_id = ? AND project_id IN "
                    "(SELECT id FROM projects WHERE owner_id = ?)"_s);
        unshare.bind(id).bind(userId);
        if (!unshare.exec())
            return unshare.error();
        return Ok{};
    });
}

Result<QList<NewAccount>> ClassStore::addStudents(Db::Connection &db, const Caller &caller,
                                                  qint64 id, const QList<NewStudent> &students)
{
    return Db::writeTransaction<QList<NewAccount>>(
        db, [&](Db::Connection &db) -> Result<QList<NewAccount>> {
            auto info = requireTeaches(db, caller, id);
            if (!info)
                return info.error();
            QList<NewAccount> created;
            const QString now = nowText();
            for (const NewStudent &student : students) {
                const QString base = usernameFor(student.displayName);
                NewAccount account;
                // The insert itself decides uniqueness (UNIQUE + DO NOTHING), so two teachers
                // adding the same names at once get different usernames, never duplicates.
                for (int suffix = 1; suffix < maxUsernameSuffix && account.id == 0; ++suffix) {
                    const QString candidate = suffix == 1 ? base : base + QString::number(suffix);
                    Sql insert(db,
                               u"INSERT INTO users (username, display_name, role, password_hash, "
                               "created_at) VALUES (?, ?, 'student', ?, ?) "
                               "ON CONFLICT DO NOTHING"_s
                                   + db.dialect().returningId());
                    insert.bind(candidate)
                        .bind(student.displayName)
                        .bind(student.passwordHash)
                        .bind(now);
                    if (!insert.exec())
                        return insert.error();
                    if (const qint64 newId = insert.insertedId(); newId != 0)
                        account = {newId, candidate, student.displayName, student.password,
                                   Role::Student};
                }
                if (account.id == 0)
                    return makeError(ErrorKind::Exists,
                                     QT_TRANSLATE_NOOP("Sentence", "No free username was found."));
                auto member = addMembership(db, id, account.id, false);
                if (!member)
                    return member.error();
                created.append(account);
            }
            return created;
        });
}

Result<JoinInfo> ClassStore::join(Db::Connection &db, const QString &code)
{
    return Db::readTransaction<JoinInfo>(db, [&]() -> Result<JoinInfo> {
        Sql q(db, u"SELECT id, name FROM groups WHERE join_code = ? AND join_open = 1"_s);
        q.bind(code.toUpper());
        if (!q.exec())
            return q.error();
        if (!q.next())
            return makeError(
                ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("Sentence", "This class code is not known or not open."));
        JoinInfo info{{q.value(0).toLongLong(), q.value(1).toString()}, {}};
        Sql members(
            db,
            u"SELECT u.id, u.username, u.display_name FROM memberships m "
            "JOIN users u ON u.id = m.user_id WHERE m.group_id = ? "
            "AND u.role = 'student' AND u.disabled = 0 ORDER BY u.display_name, u.username"_s);
        members.bind(info.group.id);
        if (!members.exec())
            return members.error();
        while (members.next()) {
            info.students.append({members.value(0).toLongLong(), members.value(1).toString(),
                                  members.value(2).toString()});
        }
        return info;
    });
}

Result<QList<StudentRow>> ClassStore::students(Db::Connection &db, const Caller &caller)
{
    return Db::readTransaction<QList<StudentRow>>(db, [&]() -> Result<QList<StudentRow>> {
        Sql q(db,
              u"SELECT "_s + studentColumns + u"WHERE "_s + visibleStudentCondition(caller)
                  + u" ORDER BY u.display_name, u.username"_s);
        if (!caller.isAdmin())
            q.bind(caller.userId);
        if (!q.exec())
            return q.error();
        QList<StudentRow> rows;
        while (q.next()) {
            StudentRow row;
            row.user = {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()};
            row.lastSeen = q.value(3).toString();
            row.projectCount = q.value(4).toInt();
            rows.append(row);
        }
        auto groups = attachGroups(db, rows);
        if (!groups)
            return groups.error();
        return rows;
    });
}

Result<StudentRow> ClassStore::student(Db::Connection &db, const Caller &caller, qint64 userId)
{
    Sql q(db,
          u"SELECT "_s + studentColumns + u"WHERE u.id = ? AND "_s
              + visibleStudentCondition(caller));
    q.bind(userId);
    if (!caller.isAdmin())
        q.bind(caller.userId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(
            ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("Sentence", "There is no such student in your classes."));
    QList<StudentRow> rows(1);
    rows[0].user = {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()};
    rows[0].lastSeen = q.value(3).toString();
    rows[0].projectCount = q.value(4).toInt();
    auto groups = attachGroups(db, rows);
    if (!groups)
        return groups.error();
    return rows.first();
}

Result<User> ClassStore::manageableUser(Db::Connection &db, const Caller &caller, qint64 userId)
{
    auto user = UserStore::user(db, userId);
    if (!user || caller.isAdmin())
        return user;
    if (user->role != Role::Student)
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "Only an administrator can change this account."));
    auto row = student(db, caller, userId);
    if (!row)
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "This student is not in a class you teach."));
    return user;
}

} // namespace Blockhaus::Store
