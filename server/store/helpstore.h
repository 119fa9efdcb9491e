// SPDX-License-Identifier: AGPL-3.0-or-later
// HelpStore: the students' raised hands (table help_requests, issue #16 part 3). At most one open
// request per student is kept by the database itself (a unique partial index), so any number of
// concurrent raises by one student leave one entry.
#pragma once

#include <optional>

#include "server/core/result.h"
#include "server/core/teachingtypes.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// What the rules of marking a request done read about it.
struct HelpRequestFacts
{
    qint64 studentId = 0;
    bool done = false;
    bool callerTeachesStudent = false;
};

class HelpStore
{
public:
    // Whether the user is a member of at least one class (a queue someone sees).
    static Result<bool> inAClass(Db::Connection &db, qint64 userId);
    // Opens the student's request, or, when one is open already, keeps its place and takes the
    // new question (when not empty) and project (when given). One statement decides: true when
    // this call opened it.
    static Result<bool> raise(Db::Connection &db, qint64 studentId, qint64 projectId,
                              const QString &question);
    // Closes the student's open request as withdrawn (done by the student); false when none.
    static Result<bool> withdraw(Db::Connection &db, qint64 studentId);
    // The student's open request with its place in the queue, if any.
    static Result<std::optional<Core::HelpRequest>> openRequest(Db::Connection &db,
                                                                qint64 studentId);
    // Open requests of the students of the classes the caller teaches (everyone's when all),
    // oldest first, at most limit.
    static Result<QList<Core::HelpRequest>> queue(Db::Connection &db, qint64 callerId, bool all,
                                                  int limit);
    static Result<HelpRequestFacts> facts(Db::Connection &db, qint64 callerId, qint64 requestId);
    // Marks an open request done by doneBy (a request already done stays as it was); returns it.
    static Result<Core::HelpRequest> markDone(Db::Connection &db, qint64 requestId, qint64 doneBy);
};

} // namespace Blockhaus::Store
