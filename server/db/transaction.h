// SPDX-License-Identifier: AGPL-3.0-or-later
// RAII transactions: write transactions take the lock up front and roll back unless committed.
#pragma once

#include <functional>

#include <QMutexLocker>

#include "server/db/connection.h"
#include "server/db/poolcounters.h"
#include "server/db/result.h"
#include "server/db/writegate.h"

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

// Runs body inside one write transaction and commits it. Retries the whole transaction a
// bounded number of times when the database reports busy / serialization failure; any other
// failure rolls back and is returned. A result is acknowledged only after commit() returned true.
template<typename T>
Result<T> writeTransaction(Connection &connection, const std::function<Result<T>()> &body)
{
    Error last = makeError(ErrorKind::Unavailable);
    for (int attempt = 0; attempt <= connection.maxBusyRetries(); ++attempt) {
        if (attempt > 0)
            connection.counters()->addBusyRetry();
        // In-process writers queue on a mutex instead of spinning in SQLite's busy handler,
        // whose sleeps would add tens of milliseconds under load.
        WriteGate::Locker gate(connection.writeGate());
        Transaction tx(connection, Transaction::Mode::Write);
        if (!tx.active()) {
            last = tx.beginError();
            if (last.transient)
                continue;
            return last;
        }
        Result<T> result = body();
        if (!result.ok()) {
            last = result.error();
            tx.rollback();
            if (last.transient)
                continue;
            return result;
        }
        if (tx.commit())
            return result;
        last = tx.commitError();
        if (!last.transient)
            return last;
    }
    return last;
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
