// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/selfcheck.h"

#include <cmath>
#include <cstdio>
#include <memory>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QStorageInfo>
#include <QTimer>

#include "app/datafolder.h"
#include "app/servercontroller.h"
#include "app/starterror.h"
#include "app/startup.h"
#include "server/core/sentence.h"
#include "server/loadcheck/loadrun.h"
#include "server/service/dashboardcaller.h"
#include "server/service/maintenance.h"
#include "server/service/runner.h"
#include "server/service/throwawayclass.h"

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {

// The command's sentences, in the teacher's language.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Blockhaus::App::SelfCheck)
};

bool flushToDisk(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_WIN
    return _commit(file.handle()) == 0;
#else
    return ::fsync(file.handle()) == 0;
#endif
}

// The bench's project size: a Scratch project of a lesson's work with its sprites' scripts.
constexpr int projectBytes = 150'000;
constexpr int diskProbeMs = 1000;

} // namespace

int studentsServed(double savesPerSecond)
{
    if (savesPerSecond <= 0)
        return 0;
    return static_cast<int>(std::floor(savesPerSecond * secondsBetweenSaves));
}

SelfCheckVerdict judge(const SelfCheckFigures &f)
{
    SelfCheckVerdict v;
    v.studentsServed = f.loadCompleted ? studentsServed(f.savesPerS) : 0;
    if (!f.databaseAnswers)
        v.failures << Text::tr("The database does not answer.");
    if (f.driver == u"sqlite"_s) {
        if (f.journalMode != u"wal"_s) {
            v.failures << Text::tr(
                              "Durability is off: the database's journal mode is \u201c%1\u201d, "
                              "not WAL, so students' saves block each other and a crash can "
                              "damage the database.")
                              .arg(f.journalMode);
        }
        if (f.synchronous != u"full"_s && f.synchronous != u"extra"_s) {
            v.failures << Text::tr(
                              "Durability is off: the database's synchronous setting is "
                              "\u201c%1\u201d, below FULL, so a save reported as done can be lost "
                              "when the power fails.")
                              .arg(f.synchronous);
        }
    }
    if (f.fsyncPerSecond < minFsyncPerSecond) {
        v.failures << Text::tr(
                          "The disk is too slow: it flushed %1 times per second, fewer than %2. "
                          "Every save waits for a flush, so a class saving together would wait "
                          "for seconds. Put the data folder on an internal SSD.")
                          .arg(QLocale().toString(f.fsyncPerSecond, 'f', 0))
                          .arg(QLocale().toString(minFsyncPerSecond, 'f', 0));
    }
    if (!f.loadCompleted) {
        v.failures << Text::tr("The students' load could not run: %1").arg(f.loadFailure);
    } else {
        if (f.lostSaves > 0)
            v.failures << Text::tr("%n save(s) reported as done were not read back. This is a bug: "
                                   "please report it.",
                                   nullptr, static_cast<int>(f.lostSaves));
        if (f.errors5xx > 0)
            v.failures << Text::tr("The server failed %n request(s) (5xx). This is a bug: please "
                                   "report it with the log.",
                                   nullptr, static_cast<int>(f.errors5xx));
        if (v.studentsServed < f.students)
            v.failures << Text::tr(
                              "This computer serves about %1 students saving at once, fewer than "
                              "the %2 asked for.")
                              .arg(v.studentsServed)
                              .arg(f.students);
    }
    if (!f.cleanedUp) {
        v.failures << Text::tr("The check's throwaway class could not be removed: %1")
                          .arg(f.cleanUpFailure);
    }
    if (f.freeBytes >= 0 && f.freeBytes < lowFreeBytes) {
        v.warnings << Text::tr("Only %1 are free on the data folder's disk; a class's projects and "
                               "their versions need hundreds of MB.")
                          .arg(QLocale().formattedDataSize(f.freeBytes));
    }
    v.passed = v.failures.isEmpty();
    return v;
}

QString answer(const SelfCheckFigures &f, const SelfCheckVerdict &v)
{
    if (!f.loadCompleted)
        return Text::tr("The check could not measure the saves: %1").arg(f.loadFailure);
    return Text::tr("This computer can serve about %1 students saving at once.")
        .arg(v.studentsServed);
}

QStringList reportLines(const SelfCheckFigures &f, const SelfCheckVerdict &v)
{
    const QLocale locale;
    QStringList lines;
    lines << Text::tr("Data folder: %1").arg(QDir::toNativeSeparators(f.dataDir));
    lines << Text::tr("Database: %1, journal_mode %2, synchronous %3")
                 .arg(f.driver, f.journalMode.isEmpty() ? u"-"_s : f.journalMode,
                      f.synchronous.isEmpty() ? u"-"_s : f.synchronous);
    lines << Text::tr("Disk speed: %1 fsync/s (write and flush a small file in the data folder)")
                 .arg(locale.toString(f.fsyncPerSecond, 'f', 0));
    lines << Text::tr("Free disk: %1")
                 .arg(f.freeBytes < 0 ? Text::tr("unknown")
                                      : locale.formattedDataSize(f.freeBytes));
    lines << Text::tr(
                 "Load: %1 throwaway students, each saving a %2 project in a loop with If-Match "
                 "for %3 s, over 127.0.0.1")
                 .arg(f.students)
                 .arg(locale.formattedDataSize(projectBytes, 0, QLocale::DataSizeSIFormat))
                 .arg(f.seconds);
    if (f.loadCompleted) {
        lines << Text::tr("Saves: %1 in %2 s, %3 saves/s")
                     .arg(f.acknowledgedSaves)
                     .arg(locale.toString(f.durationS, 'f', 1))
                     .arg(locale.toString(f.savesPerS, 'f', 1));
        lines << Text::tr("Latency: p50 %1 ms, p99 %2 ms")
                     .arg(locale.toString(f.p50Ms, 'f', 1), locale.toString(f.p99Ms, 'f', 1));
        lines << Text::tr("Server errors (5xx): %1").arg(f.errors5xx);
        lines << Text::tr("Lost saves (read back): %1").arg(f.lostSaves);
    }
    lines << Text::tr("Throwaway class and accounts removed: %1")
                 .arg(f.cleanedUp ? Text::tr("yes") : Text::tr("no"));
    if (f.loadCompleted) {
        lines << answer(f, v);
        lines << Text::tr("(Assumed: a student saves at most once every %1 seconds; the editor "
                          "autosaves every 60 s. Measured over 127.0.0.1: the school's network is "
                          "not part of this figure.)")
                     .arg(secondsBetweenSaves);
    }
    for (const QString &warning : v.warnings)
        lines << Text::tr("Warning: %1").arg(warning);
    if (v.passed) {
        lines << Text::tr("Self-check passed.");
    } else {
        for (const QString &failure : v.failures)
            lines << Text::tr("Problem: %1").arg(failure);
        lines << Text::tr("Self-check failed.");
    }
    return lines;
}

double measureFsyncPerSecond(const QString &folder, int durationMs)
{
    const QString path =
        QDir(folder).filePath(u".self-check-disk-%1.tmp"_s.arg(QCoreApplication::applicationPid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    const QByteArray block(4096, 'b');
    QElapsedTimer clock;
    clock.start();
    qint64 rounds = 0;
    bool ok = true;
    while (clock.elapsed() < durationMs) {
        // Rewrite the same block, as a commit rewrites the WAL's tail, and wait for the disk.
        ok = file.seek(0) && file.write(block) == block.size() && flushToDisk(file);
        if (!ok)
            break;
        ++rounds;
    }
    const qint64 elapsedNs = clock.nsecsElapsed();
    file.close();
    QFile::remove(path);
    if (!ok || elapsedNs <= 0)
        return 0;
    return static_cast<double>(rounds) * 1e9 / static_cast<double>(elapsedNs);
}

SelfCheckFigures measure(Service::Runner &runner, Auth::AuthService &auth, quint16 port,
                         const QString &dataDir, int students, int seconds,
                         const std::function<void(const QString &)> &progress)
{
    const auto say = [&progress](const QString &text) {
        if (progress)
            progress(text);
    };
    SelfCheckFigures f;
    f.dataDir = dataDir;
    f.students = students;
    f.seconds = seconds;

    auto health = runner.runSync<Service::DatabaseHealth>(
        [](Service::Work &work) -> Result<Service::DatabaseHealth> {
            return Service::databaseHealth(work);
        });
    if (health) {
        f.databaseAnswers = health->ok;
        f.driver = health->driver;
        f.journalMode = health->journalMode;
        f.synchronous = health->synchronous;
    }

    say(Text::tr("Measuring the disk\u2026"));
    f.fsyncPerSecond = measureFsyncPerSecond(dataDir, diskProbeMs);
    const QStorageInfo storage(dataDir);
    f.freeBytes = storage.isValid() ? storage.bytesAvailable() : -1;

    say(Text::tr("Making a throwaway class with %1 students\u2026").arg(students));
    const Service::ThrowawayClass throwaway(auth);
    auto accounts = runner.runSync<Service::ThrowawayAccounts>(
        [&throwaway, students](Service::Work &work) -> Result<Service::ThrowawayAccounts> {
            auto caller = Service::dashboardCaller(work);
            if (!caller)
                return caller.error();
            return throwaway.create(work, *caller, students);
        });
    if (!accounts) {
        f.loadFailure = Core::translatedMessage(accounts.error());
        f.cleanedUp = true; // nothing was made
        return f;
    }

    say(Text::tr("%1 students saving for %2 seconds\u2026").arg(students).arg(seconds));
    LoadCheck::LoadOptions options;
    options.port = port;
    options.scenario = u"save"_s;
    options.durationMs = seconds * 1000;
    options.size = projectBytes;
    options.logOutAtEnd = true;
    for (const Core::NewAccount &student : std::as_const(accounts->students))
        options.students.append({student.username, student.password});
    LoadCheck::LoadReport report;
    {
        QEventLoop loop;
        LoadCheck::LoadRun run(options);
        run.start(
            [&report, &loop](const LoadCheck::LoadReport &r) {
                report = r;
                loop.quit();
            },
            [](const QString &step) {
                if (step.startsWith(u"lost save"_s))
                    std::fprintf(stderr, "blockhaus: %s\n", qPrintable(step));
            });
        loop.exec();
    }
    f.loadCompleted = report.completed;
    f.loadFailure = report.failure;
    f.durationS = report.durationS;
    f.acknowledgedSaves = report.acknowledgedSaves;
    f.savesPerS = report.savesPerS;
    f.p50Ms = report.p50Ms;
    f.p99Ms = report.p99Ms;
    f.errors5xx = report.errors5xx;
    f.lostSaves = report.lostSaves + report.unexpectedVersions;

    say(Text::tr("Removing the throwaway class\u2026"));
    auto removed = runner.runSync<Ok>([&throwaway, &accounts](Service::Work &work) -> Result<Ok> {
        auto caller = Service::dashboardCaller(work);
        if (!caller)
            return caller.error();
        return throwaway.remove(work, *caller, *accounts);
    });
    f.cleanedUp = removed.ok();
    if (!removed)
        f.cleanUpFailure = Core::translatedMessage(removed.error());
    return f;
}

int runSelfCheck(const Options &given)
{
    const auto print = [](const QString &line) {
        std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
    };
    Options options = given;
    options.headless = true;
    options.listen = QHostAddress::LocalHost;
    options.port = 0;
    // What the check leaves behind: nothing. A data folder or database it had to create for the
    // run goes again afterwards.
    const bool folderExisted = QDir(options.dataDir).exists();
    const QString database = databaseFile(options.dataDir);
    const bool databaseExisted = QFile::exists(database);
    const bool libraryExisted = QDir(options.dataDir + u"/library"_s).exists();

    print(Text::tr("Blockhaus self-check: can this computer handle my class?"));
    StartError error;
    const std::unique_ptr<ServerController> server = startServer(options, {}, &error);
    if (!server) {
        if (error.kind == StartError::Kind::AlreadyRunning) {
            std::fprintf(
                stderr, "blockhaus: %s\n",
                qPrintable(Text::tr("Blockhaus is running on this data folder, so the check "
                                    "cannot start its own server there. Use the button "
                                    "“Check this computer…” in the running "
                                    "dashboard's Health tab, or stop Blockhaus and run "
                                    "blockhaus --self-check again.")));
        }
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(consoleText(error)));
        return ExitStartFailed;
    }
    const SelfCheckFigures figures =
        measure(*server->runner(), server->auth(), server->port(), options.dataDir,
                options.selfCheckStudents, options.selfCheckSeconds, print);
    server->stop();
    if (!databaseExisted) {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s})
            QFile::remove(database + suffix);
        if (!libraryExisted)
            QDir().rmdir(options.dataDir + u"/library"_s); // only when empty
        if (!folderExisted)
            QDir().rmdir(options.dataDir);
    }
    const SelfCheckVerdict verdict = judge(figures);
    for (const QString &line : reportLines(figures, verdict))
        print(line);
    return verdict.passed ? ExitStopped : ExitCheckFailed;
}

} // namespace Blockhaus::App
