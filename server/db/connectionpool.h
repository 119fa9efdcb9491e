// SPDX-License-Identifier: AGPL-3.0-or-later
// server/db owns the connection pool, schema migrations, transactions and driver differences.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QFuture>
#include <QSemaphore>
#include <QThreadPool>
#include <QThreadStorage>
#include <QtConcurrent>

#include "server/core/result.h"
#include "server/db/connection.h"
#include "server/db/dbconfig.h"
#include "server/db/groupcommitter.h"
#include "server/db/poolcounters.h"

namespace Blockhaus::Db {

// The connection pool is a bounded set of worker threads, each owning one connection, plus an
// acquire step with a timeout: a job that could not start within acquireTimeoutMs, or that
// arrives while maxWaiting jobs already wait, is answered Unavailable instead of queueing
// forever (G10). Every acquire is measured.
class ConnectionPool
{
public:
    explicit ConnectionPool(const DbConfig &config);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;

    const DbConfig &config() const { return m_config; }
    Driver driver() const { return m_config.driver; }
    PoolStats stats() const { return m_counters.snapshot(m_config.poolSize); }
    PoolCounters &counters() { return m_counters; }

    template<typename T>
    QFuture<Result<T>> run(std::function<Result<T>(Connection &)> job)
    {
        if (isClosed())
            return QtFuture::makeReadyFuture(Result<T>(unavailable()));
        if (m_counters.waiting() >= m_config.maxWaiting) {
            m_counters.addTimeout();
            return QtFuture::makeReadyFuture(Result<T>(unavailable()));
        }
        m_counters.addWaiting(1);
        QElapsedTimer queued;
        queued.start();
        return QtConcurrent::run(&m_threads, [this, queued, job = std::move(job)]() {
            return execute<T>(job, queued, m_config.acquireTimeoutMs);
        });
    }

    // Runs a job on a worker and waits for it, however long the queue; for start-up and
    // shutdown work, never on a hot path. (QFuture::waitForFinished() would run a still-queued job
    // in the waiting thread, with a connection of that thread; a semaphore keeps the job on a
    // worker.)
    template<typename T>
    Result<T> runSync(std::function<Result<T>(Connection &)> job)
    {
        std::optional<Result<T>> result;
        QSemaphore done;
        m_counters.addWaiting(1);
        QElapsedTimer queued;
        queued.start();
        m_threads.start([&]() {
            result.emplace(execute<T>(job, queued, -1));
            done.release();
        });
        done.acquire();
        return std::move(*result);
    }

    // Waits for running jobs and closes every connection.
    void shutdown();

    // For replacing the database file under a running server (a restore, #13): from close() on
    // every job is answered Unavailable without opening a connection; close() waits for the jobs
    // already running or queued and closes every connection. reopen() admits jobs again, which
    // open fresh connections to whatever file is then at the configured path.
    void close();
    void reopen() { m_closed.store(false); }
    bool isClosed() const { return m_closed.load(); }

private:
    // The acquire step and the job, on a worker thread: refuses jobs that waited too long (G10).
    template<typename T>
    Result<T> execute(const std::function<Result<T>(Connection &)> &job,
                      const QElapsedTimer &queued, int timeoutMs)
    {
        m_counters.addWaiting(-1);
        const double waitedMs = static_cast<double>(queued.nsecsElapsed()) / 1e6;
        m_counters.recordAcquire(waitedMs);
        if (isClosed())
            return unavailable();
        if (timeoutMs >= 0 && waitedMs > timeoutMs) {
            m_counters.addTimeout();
            return unavailable();
        }
        Connection *connection = connectionForCurrentThread();
        if (!connection)
            return unavailable();
        m_counters.addInUse(1);
        Result<T> result = job(*connection);
        m_counters.addInUse(-1);
        return result;
    }

    Error unavailable() const;
    Connection *connectionForCurrentThread();

    DbConfig m_config;
    PoolCounters m_counters;
    GroupCommitter m_committer;
    std::atomic<int> m_serial{0};
    std::atomic<bool> m_closed{false};
    // Declared before m_threads: the pool's threads (and with them the per-thread connections)
    // must end before the storage object goes away.
    QThreadStorage<Connection *> m_connections;
    QThreadPool m_threads;
};

} // namespace Blockhaus::Db
