// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/health/healthsummary.h"

#include <QCoreApplication>

namespace Blockhaus::Ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Blockhaus::Ui::HealthSummary", text);
}

} // namespace

HealthSummary HealthSummary::evaluate(const Live::LiveSnapshot &current,
                                      const Live::LiveSnapshot *previous)
{
    const quint64 newTimeouts = previous && current.pool.timeouts >= previous->pool.timeouts
        ? current.pool.timeouts - previous->pool.timeouts
        : (previous ? 0 : current.pool.timeouts);
    const quint64 newServerErrors =
        previous && current.requests.errors5xx >= previous->requests.errors5xx
        ? current.requests.errors5xx - previous->requests.errors5xx
        : (previous ? 0 : current.requests.errors5xx);
    const bool diskKnown = current.freeDiskBytes >= 0;

    // Most urgent first: each rule says what it means for the students' work.
    if (diskKnown && current.freeDiskBytes < criticalDiskBytes)
        return {Level::Problem, tr("Problem"),
                tr("The disk is almost full: students' saves will fail. Free some space now.")};
    if (newTimeouts > 0)
        return {Level::Problem, tr("Problem"),
                tr("The database is overloaded: some saves were turned away and are being "
                   "retried.")};
    if (newServerErrors > 0)
        return {Level::Problem, tr("Problem"),
                tr("Some requests failed inside Blockhaus. If it keeps happening, restart it.")};
    if (diskKnown && current.freeDiskBytes < lowDiskBytes)
        return {Level::Warning, tr("Check soon"), tr("Less than 1 GB of disk space is left.")};
    // A snapshot with a waiting request is often a moment: a save queued for milliseconds behind
    // another (the first-hour test saw "Busy" on an idle class). Only requests waiting in two
    // snapshots in a row, a second apart, or slow acquires mean students wait.
    const bool stillWaiting = current.pool.waiting > 0 && previous && previous->pool.waiting > 0;
    if (stillWaiting || current.pool.acquireP99Ms > slowAcquireMs)
        return {Level::Warning, tr("Busy"),
                tr("Many saves at once: students may wait a moment. Nothing is lost.")};
    return {Level::Good, tr("All good"),
            tr("Blockhaus is running. Students online: %1.").arg(current.studentsOnline)};
}

} // namespace Blockhaus::Ui
