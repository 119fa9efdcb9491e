// SPDX-License-Identifier: AGPL-3.0-or-later
// ThrowawayStore: removes a class that was made only to be thrown away (the self-check's), with
// its student accounts and everything they made, in one transaction (issue #13).
#pragma once

#include <QList>

#include "server/core/result.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

class ThrowawayStore
{
public:
    // Deletes the students (their projects with every version, thumbnail and share, sessions,
    // backpack, storage figures), then the class, all or nothing. Refuses (Unprocessable, nothing
    // removed) when one of them is not a student of this class alone: an account that also
    // belongs somewhere else was not made for the throwaway class.
    static Result<Ok> removeClassWithStudents(Db::Connection &db, qint64 classId,
                                              const QList<qint64> &studentIds);
};

} // namespace Blockhaus::Store
