// SPDX-License-Identifier: AGPL-3.0-or-later
// server/store owns all SQL. LiveControlStore: the live classroom controls (#16) — a class's
// "pencils down" state, projects sent to every student of a class, and collections of everyone's
// work (schema 0009).
#pragma once

#include "server/core/livecontrol.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

using namespace Core;

class LiveControlStore
{
public:
    // The classes userId belongs to, with their pencils-down state, from one snapshot.
    static Result<QList<LiveMembership>> memberships(Db::Connection &db, qint64 userId);
    // Sets a class's state; the caller must teach it (admin: any class). One write transaction.
    static Result<ClassLiveState> setPencilsDown(Db::Connection &db, const Caller &caller,
                                                 qint64 classId, bool down);
    static Result<ClassLiveState> state(Db::Connection &db, const Caller &caller, qint64 classId);
    // Every class's stored state (one small row per class that ever used pencils down): what
    // the event streams of several processes on one database compare (#15 shared mode).
    static Result<QList<ClassLiveState>> allStates(Db::Connection &db);
    // Copies the current version of projectId (the caller's right to read it is checked by the
    // caller, Service::LiveControls) under title into a new project of
    // every student of the class, in one write transaction together with the press's row: the
    // unique (class, pressId) key makes a repeated or concurrent press return the first one's
    // copies (repeated = true) and copy nothing more, so each student gets exactly one copy.
    // The copies do not count against the students' storage quota: the teacher chose to send them.
    static Result<SendResult> sendToClass(Db::Connection &db, const Caller &caller, qint64 classId,
                                          qint64 projectId, const QString &title,
                                          const QString &pressId);
    // One write transaction: for every student of the class who has a project, a copy of the
    // current version of their most recently changed one, owned by the caller and titled
    // "<student> — <title> — collected <timeLabel>"; students without projects are skipped.
    static Result<Collection> collect(Db::Connection &db, const Caller &caller, qint64 classId,
                                      const QString &timeLabel);
    // A collection with its items, for a caller who teaches its class.
    static Result<Collection> collection(Db::Connection &db, const Caller &caller, qint64 id);
    // The collections of a class, newest first, without items.
    static Result<QList<Collection>> collections(Db::Connection &db, const Caller &caller,
                                                 qint64 classId);
};

} // namespace Blockhaus::Store
