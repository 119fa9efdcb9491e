// SPDX-License-Identifier: AGPL-3.0-or-later
// Group commit: write transactions of several workers share one COMMIT (and one fsync).
#pragma once

#include <atomic>
#include <functional>

#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include "server/core/result.h"

class QSqlError;

namespace Blockhaus::Db {

class Connection;

// Writers queue their work; whoever finds no batch running becomes the leader, takes up to
// maxBatch queued tasks and runs them in ONE write transaction on its own connection, each task
// inside a savepoint. A task that fails with a domain error (conflict, not found, ...) is rolled
// back to its savepoint alone; the others commit together and every task is answered only after
// that COMMIT returned (a save is acknowledged only when it is durable). If a task hits a
// database failure (disk full, I/O) or the COMMIT fails, the batch is rolled back and each task
// runs again in a transaction of its own, so one task's failure never becomes another's.
//
// With SQLite there is one writer at a time anyway; batching turns N fsyncs into one. With
// PostgreSQL there is no batching: every writer commits its own serializable transaction on its
// own connection, concurrently, and reruns it (bounded) on a serialization failure or deadlock.
//
// Waiting for a write lock that someone else holds (another process, a sqlite3 shell left in a
// transaction) is bounded by the busy timeout once per batch, its single retries included:
// BEGIN IMMEDIATE has already waited that long inside SQLite, so waiting again per retry and per
// task would turn a held lock into a hang of minutes. The tasks then fail with a transient
// Unavailable (503 with Retry-After) without having run (#12).
class GroupCommitter
{
public:
    enum class TaskOutcome {
        Success, // keep the task's writes
        DomainError, // undo the task's writes, the task reports its own error
        Failure, // a database failure: undo the whole batch
        Retry, // busy / serialization failure: undo, and run again (bounded)
    };
    using Task = std::function<TaskOutcome(Connection &)>;

    explicit GroupCommitter(int maxBatch)
        : m_maxBatch(maxBatch)
    {
    }

    // Runs task inside a write transaction and returns when that transaction is committed or
    // rolled back. The error is set only when the task's writes could not be committed.
    Result<Ok> run(Connection &own, Task task);
    // Tasks waiting for a leader (for tests and metrics).
    int queued();
    // Batches of more than one task committed together, and the tasks in them.
    quint64 sharedCommits() const { return m_sharedCommits.load(std::memory_order_relaxed); }
    quint64 sharedTasks() const { return m_sharedTasks.load(std::memory_order_relaxed); }

private:
    struct Pending
    {
        Task task;
        Result<Ok> status = Ok{};
        bool finished = false;
    };

    // Time spent in BEGIN waiting for a lock held elsewhere, shared by a batch and its single
    // retries. budgetMs <= 0: SQLite does not wait at all; the retry count bounds the attempts.
    struct LockWait
    {
        qint64 budgetMs = 0;
        qint64 waitedMs = 0;
        bool exhausted() const;
    };

    void runBatch(Connection &connection, const QList<Pending *> &batch);
    Result<Ok> runAlone(Connection &connection, Pending &pending, LockWait &lockWait);
    static bool beginWrite(Connection &connection, QSqlError *error, LockWait &lockWait);

    const int m_maxBatch;
    QMutex m_mutex;
    QWaitCondition m_finished;
    QList<Pending *> m_queue;
    bool m_leaderActive = false;
    std::atomic<quint64> m_sharedCommits{0};
    std::atomic<quint64> m_sharedTasks{0};
};

} // namespace Blockhaus::Db
