// SPDX-License-Identifier: AGPL-3.0-or-later
// blockhaus_cloudbench: classroom cloud variables under a class's load (#16 part 5). Starts the
// real server (tests/support TestServer, SQLite in a temporary folder), makes a class of N
// students (default 30) and one project shared with it, opens one WebSocket per student on that
// project and lets every student set one of the project's 10 variables as fast as the server
// allows (the per-connection limit is 10 changes per second) for D seconds. Each value is the
// sender's clock in ms, so every receiver measures the delivery latency.
// Prints the accepted updates per second (those the others received), the messages delivered per
// second (fan-out), delivery latency p50/p99 and the server's peak RSS; the last line is JSON.
// Usage: blockhaus_cloudbench [--clients N] [--seconds D] [--rate R (sets/s per client)]
#include <algorithm>
#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include "tests/support/cloudclient.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

void out(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

qint64 peakRssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index =
        std::min<qsizetype>(values.size() - 1, static_cast<qsizetype>(p * values.size()));
    return static_cast<double>(values.at(index));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"clients"_s, u"Students (connections)."_s, u"N"_s, u"30"_s});
    parser.addOption({u"seconds"_s, u"Length of the run."_s, u"D"_s, u"10"_s});
    parser.addOption({u"rate"_s, u"Sets per second each student tries."_s, u"R"_s, u"20"_s});
    parser.addHelpOption();
    parser.process(app);
    const int clients = std::max(2, parser.value(u"clients"_s).toInt());
    const int seconds = std::max(1, parser.value(u"seconds"_s).toInt());
    const int rate = std::max(1, parser.value(u"rate"_s).toInt());

    TestServer server;
    if (!server.start()) {
        out("server did not start: " + server.output());
        return 2;
    }
    QStringList names;
    for (int i = 0; i < clients; ++i)
        names << u"Student %1"_s.arg(i + 1);
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Cloud bench"_s, names);
    if (classroom.students.size() != clients) {
        out("class set-up failed");
        return 2;
    }
    Client owner(server.port());
    owner.setBearer(classroom.students.at(0).token);
    const HttpReply created = owner.post("/api/v1/projects", scratchProject());
    const qint64 project = created.object().value(u"id"_s).toInteger();
    const QJsonObject share{{u"group_ids"_s, QJsonArray{classroom.classId}}};
    if (created.status != 201
        || owner.put("/api/v1/projects/" + QByteArray::number(project) + "/share",
                     QJsonDocument(share).toJson(QJsonDocument::Compact))
                .status
            != 200) {
        out("project set-up failed");
        return 2;
    }

    const QByteArray origin = "http://127.0.0.1:" + QByteArray::number(server.port());
    QList<CloudClient *> sockets;
    // Student 1 sets the first variable; everyone else is in once it has arrived.
    for (int i = 0; i < clients; ++i) {
        auto *client = new CloudClient(server.port(), &app);
        if (client->open(classroom.students.at(i).token, origin) != 101) {
            out("upgrade failed: " + client->responseHead());
            return 2;
        }
        client->handshake(project);
        if (i == 0)
            client->set(u"☁ v0"_s, u"0"_s);
        else if (!client->waitForSet(u"☁ v0"_s, u"0"_s)) {
            out("join failed");
            return 2;
        }
        sockets << client;
    }

    qint64 delivered = 0;
    QList<qint64> latencies;
    bool measuring = false;
    for (int i = 0; i < clients; ++i) {
        QObject::connect(sockets.at(i), &CloudClient::setReceived, &app,
                         [&](const QString &name, const QString &value) {
                             if (!measuring || (name == u"☁ v0"_s && value == u"0"_s))
                                 return;
                             ++delivered;
                             latencies << QDateTime::currentMSecsSinceEpoch() - value.toLongLong();
                         });
    }
    QList<QTimer *> senders;
    for (int i = 0; i < clients; ++i) {
        auto *timer = new QTimer(&app);
        timer->setInterval(1000 / rate);
        CloudClient *client = sockets.at(i);
        const QString name = u"☁ v%1"_s.arg(i % 10);
        QObject::connect(timer, &QTimer::timeout, client, [client, name] {
            client->set(name, QString::number(QDateTime::currentMSecsSinceEpoch()));
        });
        senders << timer;
    }
    measuring = true;
    QElapsedTimer clock;
    clock.start();
    for (QTimer *timer : senders)
        timer->start();
    QTimer::singleShot(seconds * 1000, &app, [&] {
        for (QTimer *timer : senders)
            timer->stop();
        // Let the last messages arrive.
        QTimer::singleShot(500, &app, [&] { app.quit(); });
    });
    app.exec();
    const double elapsed = clock.elapsed() / 1000.0 - 0.5;
    measuring = false;
    const qint64 rssKiB = peakRssKiB(server.pid());
    int open = 0;
    for (CloudClient *client : sockets)
        open += client->isOpen();
    server.stop();

    // Every accepted update reaches each of the other clients-1 students once.
    const double updatesPerSecond = delivered / elapsed / (clients - 1);
    const double deliveredPerSecond = delivered / elapsed;
    out(QStringLiteral("%1 students, %2 s, each trying %3 sets/s: %4 updates/s accepted and "
                       "delivered, %5 messages/s fanned out, latency p50 %6 ms p99 %7 ms, "
                       "server peak RSS %8 MiB, %9 connections still open")
            .arg(clients)
            .arg(seconds)
            .arg(rate)
            .arg(updatesPerSecond, 0, 'f', 0)
            .arg(deliveredPerSecond, 0, 'f', 0)
            .arg(percentile(latencies, 0.5))
            .arg(percentile(latencies, 0.99))
            .arg(rssKiB / 1024)
            .arg(open)
            .toUtf8());
    out(QJsonDocument(QJsonObject{{u"clients"_s, clients},
                                  {u"seconds"_s, seconds},
                                  {u"updates_per_s"_s, updatesPerSecond},
                                  {u"delivered_per_s"_s, deliveredPerSecond},
                                  {u"latency_p50_ms"_s, percentile(latencies, 0.5)},
                                  {u"latency_p99_ms"_s, percentile(latencies, 0.99)},
                                  {u"server_peak_rss_kib"_s, rssKiB},
                                  {u"open_connections"_s, open}})
            .toJson(QJsonDocument::Compact));
    return open == clients ? 0 : 3;
}
