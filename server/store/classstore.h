// SPDX-License-Identifier: AGPL-3.0-or-later
// ClassStore: classes (groups), memberships, bulk student accounts, the teacher's view.
#pragma once

#include <optional>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

struct NewStudent
{
    QString displayName;
    QString password; // plain, returned once to the teacher
    QString passwordHash;
};

struct ClassPatch
{
    std::optional<QString> name;
    std::optional<bool> joinOpen;
    bool newJoinCode = false;
};

struct JoinInfo
{
    GroupRef group;
    QList<UserRef> students;
};

class ClassStore
{
public:
    static Result<QList<ClassInfo>> list(Db::Connection &db, const Caller &caller);
    // The class, when the caller teaches it (admin: any): NotFound or Forbidden otherwise. A
    // read outside a transaction, for checks before costly work; writes check again inside.
    static Result<ClassInfo> managedClass(Db::Connection &db, const Caller &caller, qint64 id);
    // The creating teacher becomes a member who teaches the class.
    static Result<ClassInfo> create(Db::Connection &db, const Caller &caller, const QString &name);
    static Result<ClassInfo> patch(Db::Connection &db, const Caller &caller, qint64 id,
                                   const ClassPatch &patch);
    static Result<ClassInfo> addMembers(Db::Connection &db, const Caller &caller, qint64 id,
                                        const QList<qint64> &userIds);
    // The user's projects stay theirs; their shares with this class end.
    static Result<Ok> removeMember(Db::Connection &db, const Caller &caller, qint64 id,
                                   qint64 userId);
    // G8: all accounts in one transaction, each with a username no one else has.
    static Result<QList<NewAccount>> addStudents(Db::Connection &db, const Caller &caller,
                                                 qint64 id, const QList<NewStudent> &students);
    static Result<JoinInfo> join(Db::Connection &db, const QString &code);
    // Moves whenever an account, class or membership changes (triggers, schema 3).
    static Result<qint64> rosterRevision(Db::Connection &db);
    // Students the caller may see: of the classes a teacher teaches; every student for an admin.
    static Result<QList<StudentRow>> students(Db::Connection &db, const Caller &caller);
    static Result<StudentRow> student(Db::Connection &db, const Caller &caller, qint64 userId);
    // Whether the caller may manage this account (reset its password).
    static Result<User> manageableUser(Db::Connection &db, const Caller &caller, qint64 userId);

    static QString usernameFor(const QString &displayName);
    static QString newJoinCode();
};

} // namespace Blockhaus::Store
