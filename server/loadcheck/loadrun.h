// SPDX-License-Identifier: AGPL-3.0-or-later
// loadcheck/ — a realistic class load against a Blockhaus server on 127.0.0.1, seen only as a
// client sees it (raw HTTP/1.1 over keep-alive connections, one event loop, no blocking waits).
// The benchmark (tests/bench/loadgen.cpp) and `blockhaus --self-check` both run it, so the
// self-check's figure and the benchmark's are measured the same way (issue #13).
#pragma once

#include <functional>
#include <map>
#include <memory>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace Blockhaus::LoadCheck {

struct StudentLogin
{
    QString username;
    QString password;
};

struct LoadOptions
{
    quint16 port = 0;
    // status, list, save, conflict or assets
    QString scenario = QStringLiteral("save");
    // Concurrent clients. When `students` is empty the run logs in as adminUser and makes its
    // own class with this many students; otherwise it uses those accounts (one client each).
    int clients = 100;
    QString adminUser = QStringLiteral("admin");
    QString adminPassword;
    QList<StudentLogin> students;
    int durationMs = 10'000;
    int size = 150'000; // project.json (and asset) size in bytes
    qint64 serverPid = 0; // >0: sample this process's RSS every 100 ms (Linux)
    int setupConnections = 8;
    int timeoutMs = 60'000; // per request
    // End every student session afterwards (DELETE /api/v1/session), so nothing of the run stays
    // usable once its accounts are removed.
    bool logOutAtEnd = false;
};

struct LoadReport
{
    // False when the run could not be set up or measured (failure says why); the figures of a
    // measured run are valid even when it lost saves.
    bool completed = false;
    QString failure;
    QString scenario;
    int clients = 0;
    double durationS = 0;
    qint64 requests = 0;
    double requestsPerS = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    std::map<int, qint64> statusCounts; // 0: transport error or timeout
    qint64 errors5xx = 0;
    qint64 acknowledgedSaves = 0; // save, conflict
    double savesPerS = 0;
    qint64 lostSaves = 0;
    qint64 unexpectedVersions = 0;
    qint64 verifiedProjects = 0;
    qint64 serverPeakRssKiB = 0; // with serverPid
    QJsonObject json; // the figures as the benchmark prints them (tools/bench.sh reads them)

    bool savesVerified() const { return lostSaves == 0 && unexpectedVersions == 0; }
};

// One run: set up (log in, class, projects), load for durationMs, verify every acknowledged save
// by reading it back, report. Lives in the thread whose event loop drives it.
class LoadRun : public QObject
{
public:
    using Done = std::function<void(const LoadReport &)>;
    using Progress = std::function<void(const QString &step)>;

    explicit LoadRun(LoadOptions options, QObject *parent = nullptr);
    ~LoadRun() override;

    // Starts the run; done is called once, from the event loop, when it ended. progress (may be
    // empty) hears each step and every lost save, in English, for logs.
    void start(Done done, Progress progress = {});

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

// The scenarios LoadRun knows.
QStringList scenarios();

} // namespace Blockhaus::LoadCheck
