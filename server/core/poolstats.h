// SPDX-License-Identifier: AGPL-3.0-or-later
// Live figures of the connection pool, shared by /api/v1/health, /metrics and the dashboard. A
// plain value in core/ so that the dashboard can show it without linking the database layer.
#pragma once

#include <QtGlobal>

namespace Blockhaus::Core {

struct PoolStats
{
    int size = 0;
    int open = 0;
    int inUse = 0;
    int idle = 0;
    int waiting = 0;
    double acquireP50Ms = 0;
    double acquireP99Ms = 0;
    quint64 acquired = 0;
    quint64 timeouts = 0;
    quint64 busyRetries = 0;
    quint64 recycled = 0;
};

} // namespace Blockhaus::Core
