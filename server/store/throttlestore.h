// SPDX-License-Identifier: AGPL-3.0-or-later
// ThrottleStore: the login and join-code throttles' state when several processes share one
// database (#15). The rules stay in server/auth/; here each key's state is text in one row.
#pragma once

#include <functional>

#include <QStringList>

#include "server/core/result.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

class ThrottleStore
{
public:
    // A state untouched this long is stale under every rule (the longest window is an hour).
    static constexpr qint64 staleAfterMs = 2 * 60 * 60'000;

    // The states of the keys, in their order (empty text: none). One snapshot, no lock.
    static Result<QStringList> read(Db::Connection &db, const QStringList &keys);
    // One write transaction: locks the keys' rows (created empty when missing, so a second
    // process waits for the first instead of overwriting it), lets change turn the states into
    // new ones, writes them (an empty state deletes its row) and drops stale rows. change may
    // run more than once (a rerun after a serialization failure); it must start from the
    // states it is given.
    static Result<Ok> update(Db::Connection &db, const QStringList &keys, qint64 nowMs,
                             const std::function<void(QStringList &states)> &change);
    // Deletes the keys and every key that starts with prefix (an account's pairs).
    static Result<Ok> forget(Db::Connection &db, const QStringList &keys, const QString &prefix);
};

} // namespace Blockhaus::Store
