// SPDX-License-Identifier: AGPL-3.0-or-later
// "Can this computer handle my class?" (issue #13): `blockhaus --self-check` runs a short,
// realistic class load against this installation — its data folder and database settings — with
// a throwaway class that is removed afterwards, measures the disk, and answers in words.
#pragma once

#include <functional>

#include <QString>
#include <QStringList>

#include "app/options.h"

namespace Blockhaus::Auth {
class AuthService;
}
namespace Blockhaus::Service {
class Runner;
}

namespace Blockhaus::App {

// The assumption behind "can serve about N students saving at once": a student saves at most
// once every this many seconds. The editor autosaves every 60 s while a project changes; the
// rest is room for "Save now" (Ctrl+S) and a whole class saving at the end of a lesson.
inline constexpr int secondsBetweenSaves = 10;
// Below this many write+fsync rounds per second (25 ms each) the disk is too slow: every save is
// acknowledged only after its flush, and a class saving together then waits whole seconds. An
// SSD manages hundreds to thousands, a hard disk tens to a few hundred; slow USB sticks, SD
// cards and network folders fall below.
inline constexpr double minFsyncPerSecond = 40;
// Less free space than this is reported (not a failure): a class's projects need hundreds of MB.
inline constexpr qint64 lowFreeBytes = 1'000'000'000;

// What the check measured.
struct SelfCheckFigures
{
    QString dataDir;
    int students = 0; // asked for
    int seconds = 0; // of load, asked for
    // The database's durability settings (Service::databaseHealth).
    bool databaseAnswers = false;
    QString driver; // "sqlite" or "postgresql"
    QString journalMode; // SQLite: "wal" expected
    QString synchronous; // SQLite: "full" or "extra" expected
    // The disk under the data folder.
    double fsyncPerSecond = 0;
    qint64 freeBytes = -1; // -1: unknown
    // The load (LoadCheck::LoadRun, the benchmark's save scenario).
    bool loadCompleted = false;
    QString loadFailure; // why it could not run, in English (for the log)
    double durationS = 0;
    qint64 acknowledgedSaves = 0;
    double savesPerS = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 errors5xx = 0;
    qint64 lostSaves = 0; // acknowledged, but not what was read back
    // The throwaway class and its accounts are gone again.
    bool cleanedUp = false;
    QString cleanUpFailure;
};

struct SelfCheckVerdict
{
    bool passed = false;
    int studentsServed = 0; // the answer in words' N
    QStringList failures; // sentences, in the teacher's language
    QStringList warnings;
};

// How many students saving at once the measured saves per second serve (secondsBetweenSaves).
int studentsServed(double savesPerSecond);
// The verdict on the figures: fails when durability is off (SQLite not in WAL mode, synchronous
// below FULL), the disk is too slow, the load could not run or lost a save or met a server
// error, the throwaway class could not be removed, or fewer students are served than asked for.
SelfCheckVerdict judge(const SelfCheckFigures &figures);
// The answer in words: "This computer can serve about N students saving at once.", or why the
// check could not tell.
QString answer(const SelfCheckFigures &figures, const SelfCheckVerdict &verdict);
// The figures and the verdict as the command prints them, one line each.
QStringList reportLines(const SelfCheckFigures &figures, const SelfCheckVerdict &verdict);

// Writes and flushes (fsync) a small file in folder in a loop for about durationMs; rounds per
// second, 0 when the folder cannot be written. The file is removed again.
double measureFsyncPerSecond(const QString &folder, int durationMs);

// Runs the measurement against a running server: the database's settings, the disk, a
// throwaway class of `students` logging in and saving over loopback HTTP on `port` for
// `seconds`, then removes the class. Blocks the calling thread (it runs its own event loop for
// the HTTP clients): call it from a thread that may wait, never the GUI thread. progress (may be
// empty) hears each step in words.
SelfCheckFigures measure(Service::Runner &runner, Auth::AuthService &auth, quint16 port,
                         const QString &dataDir, int students, int seconds,
                         const std::function<void(const QString &)> &progress = {});

// blockhaus --self-check: starts the server on a free loopback port on the data folder, measures,
// stops it, prints the figures and the answer. Returns ExitStopped when the check passed,
// ExitCheckFailed with the reasons when not, ExitStartFailed when it could not run (for example
// because Blockhaus is running on that data folder).
int runSelfCheck(const Options &options);

} // namespace Blockhaus::App
