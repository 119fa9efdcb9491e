// SPDX-License-Identifier: AGPL-3.0-or-later
// AssignmentStore: assignments of a class and the students' copies of them (#16).
#pragma once

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

// An assignment as the teacher asked for it, cleaned by the service.
struct NewAssignment
{
    QString title;
    QString instructions;
    QString dueAt; // stored time text; empty: none
    bool allowContinue = false;
    qint64 starterProjectId = 0; // one of the teacher's own projects; 0: emptyBody
    QByteArray emptyBody; // the empty project, used when there is no starter project
    AssetData emptyAsset; // the empty project's backdrop, stored with it
};

// Every function is one unit of work on the calling worker's connection; writes are one
// transaction. Copies are made race-free by the primary key (assignment, student): an INSERT
// ... ON CONFLICT DO NOTHING decides who makes the copy, never a check before the insert.
// Hand-in, return and every project save lock the copy's project row first (PostgreSQL; SQLite
// holds the write lock), so a hand-in and a save of the same copy take turns.
class AssignmentStore
{
public:
    // The teacher must teach the class (admin: any). The starter's current body is copied into
    // the assignment now (a snapshot), so later edits of the teacher's project change nothing.
    static Result<Assignment> create(Db::Connection &db, const Caller &caller, qint64 classId,
                                     const NewAssignment &assignment);
    // The assignments of a class the caller teaches, newest first, with their counts.
    static Result<QList<Assignment>> listForClass(Db::Connection &db, const Caller &caller,
                                                  qint64 classId);
    // One assignment of a class the caller teaches.
    static Result<Assignment> forTeacher(Db::Connection &db, const Caller &caller, qint64 id);
    // Marks it handed out and makes each student of the class their copy (those who have one
    // keep it); how many copies were made now. Running it twice makes none the second time.
    static Result<int> handOut(Db::Connection &db, const Caller &caller, qint64 id);
    // The handed-out assignments of the caller's classes, each with the caller's copy.
    static Result<QList<MyAssignment>> mine(Db::Connection &db, const Caller &caller);
    // The caller's copy, made now if they have none (the lazy twin of handOut); NotFound for
    // anyone who is not a student of the class or before the assignment is handed out.
    static Result<MyAssignment> open(Db::Connection &db, const Caller &caller, qint64 id);
    // Hands the caller's copy in (again after a return with leave to continue). Handing in
    // after the due time is allowed (it is marked late); the copy was frozen at the due time.
    static Result<MyAssignment> handIn(Db::Connection &db, const Caller &caller, qint64 id);
    // Every student of the class with their copy (the teacher's grid), by name.
    static Result<QList<AssignmentCopy>> grid(Db::Connection &db, const Caller &caller, qint64 id);
    // Returns a student's copy with feedback; continueAllowed lets them edit (and hand in)
    // again, regardless of the due time.
    static Result<AssignmentCopy> returnCopy(Db::Connection &db, const Caller &caller, qint64 id,
                                             qint64 studentId, const QString &feedback,
                                             bool continueAllowed);
    // Inside a project write's transaction, with that write's own timestamp: AssignmentClosed
    // when the project is a frozen assignment copy, Ok otherwise (also for any other project).
    static Result<Ok> requireWritable(Db::Connection &db, qint64 projectId, const QString &now);
    // The copy a project is, for its meta (the editor's banner); NotFound when it is none.
    static Result<MyAssignment> ofProject(Db::Connection &db, qint64 projectId);
};

} // namespace Blockhaus::Store
