// SPDX-License-Identifier: AGPL-3.0-or-later
// RAII transactions: write transactions take the lock up front and roll back unless committed.
#pragma once

#include <functional>
#include <optional>

#include "server/core/result.h"
#include "server/db/connection.h"
#include "server/db/groupcommitter.h"
#include "server/db/poolcounters.h"

namespace Blockhaus::Db {

class Transaction
{
public:
    enum class Mode { Read, Write };

    Transaction(Connection &connection, Mode mode);
    ~Transaction(); // rolls back when not committed
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool active() const { return m_active; }
    const Error &beginError() const { return m_error; }
    // True only when the transaction is durably committed; check it, always.
    [[nodiscard]] bool commit();
    const Error &commitError() const { return m_error; }
    void rollback();

private:
    Connection &m_connection;
    bool m_active = false;
    Error m_error;
};

// Errors that mean the database itself failed (as opposed to a refusal such as a conflict):
// they undo a whole group-commit batch.
inline bool isDatabaseFailure(const Error &error)
{
    return error.transient || error.kind == ErrorKind::Internal
        || error.kind == ErrorKind::StorageFull || error.kind == ErrorKind::Unavailable;
}

// Runs body inside a write transaction and commits it; the result is returned only after the
// COMMIT succeeded (no write-behind). Bodies of several workers may share one transaction and
// one COMMIT (group commit, see GroupCommitter), each isolated by a savepoint, so body must use
// the connection it is given, not one of its own. On a database failure the body may run a
// second time, alone.
template<typename T>
Result<T> writeTransaction(Connection &connection,
                           const std::function<Result<T>(Connection &)> &body)
{
    std::optional<Result<T>> outcome;
    const Result<Ok> status = connection.committer()->run(connection, [&](Connection &db) {
        outcome.emplace(body(db));
        if (outcome->ok())
            return GroupCommitter::TaskOutcome::Success;
        if (outcome->error().transient)
            return GroupCommitter::TaskOutcome::Retry;
        return isDatabaseFailure(outcome->error()) ? GroupCommitter::TaskOutcome::Failure
                                                   : GroupCommitter::TaskOutcome::DomainError;
    });
    if (!status) {
        if (outcome && !outcome->ok())
            return outcome->error(); // the body's own failure, e.g. disk full
        return status.error(); // the COMMIT failed
    }
    return std::move(*outcome);
}

// Runs body inside one read transaction: one consistent snapshot for all its reads (G4).
template<typename T>
Result<T> readTransaction(Connection &connection, const std::function<Result<T>()> &body)
{
    Transaction tx(connection, Transaction::Mode::Read);
    if (!tx.active())
        return tx.beginError();
    Result<T> result = body();
    tx.rollback(); // nothing to keep; ends the snapshot
    return result;
}

} // namespace Blockhaus::Db
