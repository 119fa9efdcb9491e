// SPDX-License-Identifier: AGPL-3.0-or-later
// Runs service operations on the bounded database pool (G10): the doors' only way to a worker.
#pragma once

#include <functional>

#include <QFuture>

#include "server/core/result.h"
#include "server/db/connectionpool.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

class Runner
{
public:
    explicit Runner(Db::ConnectionPool &pool)
        : m_pool(pool)
    {
    }

    // Runs job on a worker; a full queue or a long wait answers Unavailable (503 Retry-After).
    template<typename T>
    QFuture<Result<T>> run(std::function<Result<T>(Work &)> job)
    {
        return m_pool.run<T>([job = std::move(job)](Db::Connection &connection) {
            Work work(connection);
            return job(work);
        });
    }

    // Runs job on a worker and waits however long the queue is: start-up and shutdown work only.
    template<typename T>
    Result<T> runSync(std::function<Result<T>(Work &)> job)
    {
        return m_pool.runSync<T>([&job](Db::Connection &connection) {
            Work work(connection);
            return job(work);
        });
    }

private:
    Db::ConnectionPool &m_pool;
};

} // namespace Blockhaus::Service
