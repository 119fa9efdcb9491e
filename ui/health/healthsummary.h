// SPDX-License-Identifier: AGPL-3.0-or-later
// HealthSummary: the one line at the top of the dashboard that tells a teacher, in words, whether
// the server is fine. Pure logic over two consecutive snapshots, so the rules are unit-tested.
#pragma once

#include <QString>

#include "server/live/livetypes.h"

namespace Blockhaus::Ui {

struct HealthSummary
{
    enum class Level { Good, Warning, Problem };
    Level level = Level::Good;
    QString headline; // short: "All good", "Busy", "Problem"
    QString detail; // one sentence a non-technical teacher can act on

    // Free disk below these is a warning / a problem: students' saves would start failing.
    static constexpr qint64 lowDiskBytes = 1024LL * 1024 * 1024;
    static constexpr qint64 criticalDiskBytes = 200LL * 1024 * 1024;
    // Waiting for a database connection longer than this is felt as a slow save.
    static constexpr double slowAcquireMs = 500;

    // `previous` may be null (the first snapshot); counters are compared against it so that an
    // old timeout does not keep the line red forever.
    static HealthSummary evaluate(const Live::LiveSnapshot &current,
                                  const Live::LiveSnapshot *previous);
};

} // namespace Blockhaus::Ui
