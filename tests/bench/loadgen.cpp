// SPDX-License-Identifier: AGPL-3.0-or-later
// blockhaus_loadgen: an HTTP/1.1 load generator for a running Blockhaus server on 127.0.0.1.
// It sets up its own class and students through the API, runs one scenario for a fixed time and
// reports throughput, latency percentiles, status codes, lost acknowledged saves and the server's
// peak RSS. The last line of output is one JSON object for scripts (tools/bench.sh).
//
// The load itself is server/loadcheck/ (LoadRun), which `blockhaus --self-check` runs too, so
// both measure the same way; like the self-check it sees the server only as a client does.

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include "server/loadcheck/loadrun.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::LoadCheck;

namespace {

void out(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void err(const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

// The figures as the benchmark always printed them; exit code 0, 2 (set-up failed) or 3 (lost or
// unexpected saves).
int printReport(const LoadReport &r)
{
    if (!r.completed) {
        err(u"loadgen: "_s + r.failure);
        return 2;
    }
    out("scenario:        " + r.scenario.toUtf8() + ", " + QByteArray::number(r.clients)
        + " clients, " + QByteArray::number(r.durationS, 'f', 1) + " s");
    out("requests:        " + QByteArray::number(r.requests) + " ("
        + QByteArray::number(r.requestsPerS, 'f', 1) + "/s)");
    if (r.json.contains(u"saves_per_s"_s)) {
        out("saves:           " + QByteArray::number(r.acknowledgedSaves) + " acknowledged ("
            + QByteArray::number(r.savesPerS, 'f', 1)
            + "/s), lost: " + QByteArray::number(r.lostSaves)
            + ", verified projects: " + QByteArray::number(r.verifiedProjects));
    }
    out("latency ms:      p50 " + QByteArray::number(r.p50Ms, 'f', 2) + "  p95 "
        + QByteArray::number(r.p95Ms, 'f', 2) + "  p99 " + QByteArray::number(r.p99Ms, 'f', 2));
    QByteArray codeLine = "status codes:   ";
    for (const auto &[code, count] : r.statusCounts)
        codeLine += ' ' + (code == 0 ? QByteArray("error") : QByteArray::number(code)) + '='
            + QByteArray::number(count);
    out(codeLine);
    out("5xx:             " + QByteArray::number(r.errors5xx));
    if (r.json.contains(u"server_peak_rss_kib"_s))
        out("server peak RSS: " + QByteArray::number(r.serverPeakRssKiB / 1024.0, 'f', 1) + " MiB");
    out(QJsonDocument(r.json).toJson(QJsonDocument::Compact));
    return r.savesVerified() ? 0 : 3;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"blockhaus_loadgen"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Load generator for a Blockhaus server on 127.0.0.1. Creates its own class and "
        "students, runs one scenario and prints figures; the last line is JSON."_s);
    parser.addHelpOption();
    const QCommandLineOption portOption(u"port"_s, u"Server port on 127.0.0.1."_s, u"N"_s);
    const QCommandLineOption scenarioOption(
        u"scenario"_s, u"status, list, save, conflict or assets (default save)."_s, u"NAME"_s,
        u"save"_s);
    const QCommandLineOption clientsOption(u"clients"_s, u"Concurrent clients (default 100)."_s,
                                           u"N"_s, u"100"_s);
    const QCommandLineOption durationOption(u"duration"_s, u"Seconds to run (default 10)."_s,
                                            u"S"_s, u"10"_s);
    const QCommandLineOption adminUserOption(u"admin-user"_s, u"Admin username (default admin)."_s,
                                             u"NAME"_s, u"admin"_s);
    const QCommandLineOption adminPasswordOption(
        u"admin-password"_s, u"Admin password (default: $BLOCKHAUS_ADMIN_PASSWORD)."_s, u"P"_s);
    const QCommandLineOption sizeOption(
        u"size"_s, u"project.json (and asset) size in bytes (default 150000)."_s, u"BYTES"_s,
        u"150000"_s);
    const QCommandLineOption pidOption(u"server-pid"_s,
                                       u"Sample this process's RSS every 100 ms."_s, u"PID"_s);
    const QCommandLineOption timeoutOption(
        u"timeout-ms"_s, u"Per-request timeout (default 60000)."_s, u"MS"_s, u"60000"_s);
    parser.addOptions({portOption, scenarioOption, clientsOption, durationOption, adminUserOption,
                       adminPasswordOption, sizeOption, pidOption, timeoutOption});
    parser.process(app);

    LoadOptions options;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        err(u"loadgen: --port N is required"_s);
        return 1;
    }
    options.port = static_cast<quint16>(port);
    options.scenario = parser.value(scenarioOption);
    if (!scenarios().contains(options.scenario)) {
        err(u"loadgen: unknown scenario %1"_s.arg(options.scenario));
        return 1;
    }
    options.clients = parser.value(clientsOption).toInt(&ok);
    if (!ok || options.clients < 1 || options.clients > 2000) {
        err(u"loadgen: --clients must be 1..2000"_s);
        return 1;
    }
    const int durationS = parser.value(durationOption).toInt(&ok);
    if (!ok || durationS < 1 || durationS > 86400) {
        err(u"loadgen: --duration must be at least 1"_s);
        return 1;
    }
    options.durationMs = durationS * 1000;
    options.size = parser.value(sizeOption).toInt(&ok);
    if (!ok || options.size < 0) {
        err(u"loadgen: bad --size"_s);
        return 1;
    }
    options.timeoutMs = parser.value(timeoutOption).toInt(&ok);
    if (!ok || options.timeoutMs < 1) {
        err(u"loadgen: bad --timeout-ms"_s);
        return 1;
    }
    if (parser.isSet(pidOption))
        options.serverPid = parser.value(pidOption).toLongLong();
    options.adminUser = parser.value(adminUserOption);
    options.adminPassword = parser.isSet(adminPasswordOption)
        ? parser.value(adminPasswordOption)
        : qEnvironmentVariable("BLOCKHAUS_ADMIN_PASSWORD");
    if (options.adminPassword.isEmpty()) {
        err(u"loadgen: --admin-password (or BLOCKHAUS_ADMIN_PASSWORD) is required"_s);
        return 1;
    }

    LoadRun run(options);
    QTimer::singleShot(0, &run, [&run] {
        run.start([](const LoadReport &report) { QCoreApplication::exit(printReport(report)); },
                  [](const QString &step) { err(u"loadgen: "_s + step); });
    });
    return app.exec();
}
