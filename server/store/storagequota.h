// SPDX-License-Identifier: AGPL-3.0-or-later
// StorageQuota: how many bytes each user may store and the race-safe check of a write (#12).
#pragma once

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

struct StorageUsage
{
    qint64 usedBytes = 0;
    qint64 quotaBytes = 0; // 0: no limit
};

// Used bytes are kept per user by triggers of schema migration 0003 (storage_usage), inside the
// transaction of each write. A guard reads them before a write and checks after it, on the same
// connection in the same write transaction: writers are serialised by the write lock (SQLite
// BEGIN IMMEDIATE; tasks of one group-commit batch run one after another and see each other's
// writes), so N parallel uploads can never all pass a stale check.
class QuotaGuard
{
public:
    // limitBytes 0: no limit, the guard does nothing. Call inside the write transaction.
    QuotaGuard(Db::Connection &db, qint64 userId, qint64 limitBytes);
    // Reads the usage before the write.
    Result<Ok> begin();
    // After the write: refuses it (QuotaExceeded, with used_bytes and quota_bytes) when it made
    // the usage grow beyond the limit. A write that frees space is always allowed, even over
    // the limit (a lowered quota must not stop a student from saving a smaller project). The
    // caller returns the error from its transaction body, which undoes the write.
    Result<Ok> check();

private:
    Db::Connection &m_db;
    qint64 m_userId;
    qint64 m_limit;
    qint64 m_before = 0;
};

// Runs write (inside the caller's write transaction) between a guard's begin() and check():
// its result, or the quota refusal that undoes it.
template<typename T, typename Write>
Result<T> withinQuota(Db::Connection &db, qint64 userId, qint64 limitBytes, Write &&write)
{
    QuotaGuard guard(db, userId, limitBytes);
    if (auto before = guard.begin(); !before)
        return before.error();
    Result<T> result = write();
    if (!result)
        return result;
    if (auto after = guard.check(); !after)
        return after.error();
    return result;
}

class StorageStore
{
public:
    static Result<qint64> usedBytes(Db::Connection &db, qint64 userId);
    static Result<StorageUsage> usage(Db::Connection &db, qint64 userId, qint64 limitBytes);
};

// The refusal of a write that does not fit; usedBytes is what is stored without it.
Error quotaExceeded(qint64 usedBytes, qint64 limitBytes);

} // namespace Blockhaus::Store
