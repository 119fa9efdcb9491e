// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/groupcommitter.h"

#include <algorithm>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QThread>

#include "server/db/connection.h"
#include "server/db/dblog.h"
#include "server/db/poolcounters.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

// Set while this thread runs a batch: a write transaction started from inside a task joins the
// batch's transaction instead of waiting for itself.
thread_local bool insideBatch = false;

struct BatchScope
{
    BatchScope() { insideBatch = true; }
    ~BatchScope() { insideBatch = false; }
};

} // namespace

Result<Ok> GroupCommitter::run(Connection &own, Task task)
{
    if (insideBatch) {
        const TaskOutcome outcome = task(own);
        if (outcome == TaskOutcome::Failure || outcome == TaskOutcome::Retry)
            return makeError(ErrorKind::Internal, u"A nested write failed."_s);
        return Ok{};
    }
    Pending pending{std::move(task)};
    if (own.dialect().driver() == Driver::Postgres) {
        // PostgreSQL (#15): writers run side by side, each in its own serializable transaction
        // on its own connection with its own COMMIT; a serialization failure or deadlock
        // (40001, 40P01) reruns the whole transaction, bounded (runAlone).
        const BatchScope scope;
        LockWait lockWait; // no SQLite lock budget: BEGIN does not wait for other writers here
        return runAlone(own, pending, lockWait);
    }
    QMutexLocker lock(&m_mutex);
    m_queue.append(&pending);
    while (!pending.finished) {
        if (m_leaderActive) {
            m_finished.wait(&m_mutex);
            continue;
        }
        // Lead: take what is queued now (our own task among it) and run it as one batch.
        m_leaderActive = true;
        const qsizetype count = std::min<qsizetype>(m_queue.size(), m_maxBatch);
        const QList<Pending *> batch = m_queue.mid(0, count);
        m_queue.remove(0, count);
        lock.unlock();
        runBatch(own, batch);
        lock.relock();
        for (Pending *done : batch)
            done->finished = true;
        m_leaderActive = false;
        m_finished.wakeAll();
    }
    return pending.status;
}

int GroupCommitter::queued()
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_queue.size());
}

bool GroupCommitter::LockWait::exhausted() const
{
    // SQLite's busy handler sleeps exactly the busy timeout before it reports BUSY; the slack
    // covers the millisecond rounding of the measurement.
    constexpr qint64 slackMs = 100;
    return budgetMs > 0 && waitedMs + slackMs >= budgetMs;
}

bool GroupCommitter::beginWrite(Connection &connection, QSqlError *error, LockWait &lockWait)
{
    QElapsedTimer waited;
    waited.start();
    const bool begun = connection.execRaw(connection.dialect().beginWrite(), error);
    lockWait.waitedMs += waited.elapsed();
    return begun;
}

Result<Ok> GroupCommitter::runAlone(Connection &connection, Pending &pending, LockWait &lockWait)
{
    const Dialect &dialect = connection.dialect();
    Error last = makeError(ErrorKind::Unavailable);
    for (int attempt = 0; attempt <= connection.maxBusyRetries(); ++attempt) {
        if (attempt > 0) {
            connection.counters()->addBusyRetry();
            // PostgreSQL: transactions that just collided would collide again if rerun in
            // lockstep; a short random pause (at most 50 ms) spreads them. SQLite's busy handler
            // already waited inside BEGIN.
            if (dialect.driver() == Driver::Postgres)
                QThread::msleep(QRandomGenerator::global()->bounded(
                    1u, std::min(50u, 5u << std::min(attempt, 4)) + 1u));
        }
        QSqlError error;
        if (!beginWrite(connection, &error, lockWait)) {
            last = dialect.toError(error, dialect.beginWrite());
            // The write lock stayed taken for the whole wait: give up rather than wait again.
            if (last.transient && !lockWait.exhausted())
                continue;
            return last;
        }
        const TaskOutcome outcome = pending.task(connection);
        if (outcome != TaskOutcome::Success) {
            connection.execRaw(u"ROLLBACK"_s);
            if (outcome == TaskOutcome::DomainError)
                return Ok{};
            last = makeError(ErrorKind::Internal, u"The write failed."_s); // task holds details
            if (outcome == TaskOutcome::Retry) {
                last.transient = true;
                continue;
            }
            return last;
        }
        if (connection.execRaw(u"COMMIT"_s, &error))
            return Ok{};
        last = dialect.toError(error, u"COMMIT"_s);
        connection.execRaw(u"ROLLBACK"_s);
        if (!last.transient)
            return last;
    }
    return last;
}

void GroupCommitter::runBatch(Connection &connection, const QList<Pending *> &batch)
{
    const BatchScope scope;
    LockWait lockWait{connection.busyTimeoutMs()}; // one budget for the batch (see the header)
    if (batch.size() == 1) {
        batch.first()->status = runAlone(connection, *batch.first(), lockWait);
        return;
    }
    const Dialect &dialect = connection.dialect();
    QSqlError error;
    bool together = beginWrite(connection, &error, lockWait);
    if (!together) {
        const Error refused = dialect.toError(error, dialect.beginWrite());
        if (refused.transient && lockWait.exhausted()) {
            // Nobody in the batch ran; running each alone would wait for the same lock again.
            for (Pending *pending : batch)
                pending->status = refused;
            return;
        }
    }
    for (qsizetype i = 0; together && i < batch.size(); ++i) {
        together = connection.execRaw(u"SAVEPOINT task"_s);
        if (!together)
            break;
        switch (batch[i]->task(connection)) {
        case TaskOutcome::Success:
            together = connection.execRaw(u"RELEASE task"_s);
            break;
        case TaskOutcome::DomainError:
            together =
                connection.execRaw(u"ROLLBACK TO task"_s) && connection.execRaw(u"RELEASE task"_s);
            break;
        case TaskOutcome::Failure:
        case TaskOutcome::Retry:
            together = false;
            break;
        }
    }
    if (together && connection.execRaw(u"COMMIT"_s, &error)) {
        for (Pending *pending : batch)
            pending->status = Ok{};
        m_sharedCommits.fetch_add(1, std::memory_order_relaxed);
        m_sharedTasks.fetch_add(static_cast<quint64>(batch.size()), std::memory_order_relaxed);
        return;
    }
    // Something failed for the batch as a whole: nothing of it is kept, and every task runs
    // again on its own so that each gets its own answer.
    connection.execRaw(u"ROLLBACK"_s);
    qCDebug(lcDb) << "group commit of" << batch.size() << "tasks fell back to single commits";
    for (Pending *pending : batch)
        pending->status = runAlone(connection, *pending, lockWait);
}

} // namespace Blockhaus::Db
