// SPDX-License-Identifier: AGPL-3.0-or-later
// CloudVariableStore: the classroom cloud variables of projects (issue #16 part 5), project ×
// name → value, and the class membership that decides who may use them.
#pragma once

#include <QList>
#include <QString>

#include "server/core/cloudvariable.h"
#include "server/core/result.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

using Core::CloudChange;
using Core::CloudValue;

class CloudVariableStore
{
public:
    // True when the project exists (not in the trash) and its owner and the user share a class
    // (as student or teacher): the students of the owner's class and the owner's teachers.
    static Result<bool> sharesClassWithOwner(Db::Connection &db, qint64 projectId, qint64 userId);
    // The project's variables, by name.
    static Result<QList<CloudValue>> values(Db::Connection &db, qint64 projectId);
    // One write transaction for a whole batch, in order (G10: one per flush, never one per
    // message). Sets are upserts (the last value wins); changes to projects deleted meanwhile
    // are skipped, not failed.
    static Result<Ok> apply(Db::Connection &db, const QList<CloudChange> &changes);
};

} // namespace Blockhaus::Store
