// SPDX-License-Identifier: AGPL-3.0-or-later
// The Service table of API.md (status, health, metrics), routing errors (404, 405) and the
// error body contract shared by every non-2xx response.
#include <QRegularExpression>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

constexpr int poolSize = 6;

struct Sample
{
    QString name; // metric name without labels
    double value = 0;
};

// Parses the Prometheus text exposition format (version 0.0.4); false on a malformed line.
bool parsePrometheus(const QByteArray &text, QList<Sample> &samples, QStringList &typed,
                     QString &badLine)
{
    static const QRegularExpression sampleLine(
        uR"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)(\s+-?\d+)?$)"_s);
    static const QRegularExpression typeLine(
        uR"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)"_s);
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    for (const QString &line : lines) {
        if (line.isEmpty())
            continue;
        if (line.startsWith(u'#')) {
            if (const auto match = typeLine.match(line); match.hasMatch())
                typed.append(match.captured(1));
            else if (line.startsWith(u"# TYPE"_s))
                badLine = line;
            if (!badLine.isEmpty())
                return false;
            continue;
        }
        const auto match = sampleLine.match(line);
        if (!match.hasMatch()) {
            badLine = line;
            return false;
        }
        bool ok = false;
        const QString valueText = match.captured(3);
        double value = valueText.toDouble(&ok);
        if (!ok) {
            if (valueText != u"NaN"_s && valueText != u"+Inf"_s && valueText != u"-Inf"_s) {
                badLine = line;
                return false;
            }
            value = 0;
        }
        samples.append({match.captured(1), value});
    }
    return true;
}

// Metric names are not part of the contract, so a figure is found by its words: the pool's
// "timeouts" is the sample whose name contains "pool" and "timeouts".
QList<double> valuesFor(const QList<Sample> &samples, const QStringList &words)
{
    QList<double> values;
    for (const Sample &sample : samples) {
        const QString name = sample.name.toLower();
        if (name.endsWith(u"_created"_s))
            continue;
        bool all = true;
        for (const QString &word : words)
            all = all && name.contains(word);
        if (all)
            values.append(sample.value);
    }
    return values;
}

} // namespace

class TestServiceApi : public QObject
{
    Q_OBJECT

private:
    QByteArray tokenFor(const QString &who) const;
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    Classroom::Account m_teacher;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void statusIsOpenToAnyone_data();
    void statusIsOpenToAnyone();

    void healthIsOpenToLoopbackAndTeachers_data();
    void healthIsOpenToLoopbackAndTeachers();
    void healthReportsEveryFigure();
    void healthReportsTheDatabaseSize();
    void healthCountsRequests();
    void metricsAreOpenToLoopbackAndTeachers_data();
    void metricsAreOpenToLoopbackAndTeachers();
    void metricsArePrometheusTextWithHealthFigures();

    void unknownPathIsNotFound_data();
    void unknownPathIsNotFound();
    void wrongMethodIsMethodNotAllowed_data();
    void wrongMethodIsMethodNotAllowed();
    void everyErrorBodyIsJson_data();
    void everyErrorBodyIsJson();
};

void TestServiceApi::initTestCase()
{
    TestServer::Options options;
    options.poolSize = poolSize;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 6c"_s,
                                {u"Anna M."_s, u"Ben K."_s});
    QCOMPARE(m_classroom.students.size(), 2);
    m_teacher =
        createUser(m_server->port(), m_classroom.adminToken, u"tina.teacher"_s, u"teacher"_s);
    QVERIFY(!m_teacher.token.isEmpty());
}

void TestServiceApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

QByteArray TestServiceApi::tokenFor(const QString &who) const
{
    if (who == u"student"_s)
        return m_classroom.students.at(0).token;
    if (who == u"teacher"_s)
        return m_teacher.token;
    if (who == u"admin"_s)
        return m_classroom.adminToken;
    return {};
}

void TestServiceApi::statusIsOpenToAnyone_data()
{
    QTest::addColumn<QString>("who");
    QTest::newRow("anonymous") << u"anonymous"_s;
    QTest::newRow("student") << u"student"_s;
    QTest::newRow("teacher") << u"teacher"_s;
}

void TestServiceApi::statusIsOpenToAnyone()
{
    QFETCH(QString, who);
    Client client(m_server->port());
    client.setBearer(tokenFor(who));
    const HttpReply reply = client.get("/api/v1/status"_ba);
    QVERIFY(statusIs(reply, 200));
    QVERIFY(reply.header("content-type"_ba).startsWith("application/json"));
    const QJsonObject body = reply.object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
    QVERIFY(body.value(u"version"_s).isString());
    QVERIFY(!body.value(u"version"_s).toString().isEmpty());
    QVERIFY(body.value(u"uptime_s"_s).isDouble());
    QVERIFY(body.value(u"uptime_s"_s).toDouble() >= 0);
}

void TestServiceApi::healthIsOpenToLoopbackAndTeachers_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("forwardedFor");
    // The test connects over 127.0.0.1, so everyone here is a loopback client.
    QTest::newRow("anonymous loopback") << u"anonymous"_s << QByteArray();
    QTest::newRow("student on loopback") << u"student"_s << QByteArray();
    QTest::newRow("teacher") << u"teacher"_s << QByteArray();
    QTest::newRow("admin") << u"admin"_s << QByteArray();
    // X-Forwarded-For never counts: a foreign address in it changes nothing.
    QTest::newRow("anonymous, forwarded for a LAN address") << u"anonymous"_s << "192.168.1.23"_ba;
    QTest::newRow("anonymous, forwarded chain") << u"anonymous"_s << "203.0.113.9, 10.0.0.1"_ba;
    QTest::newRow("teacher, forwarded") << u"teacher"_s << "198.51.100.4"_ba;
}

void TestServiceApi::healthIsOpenToLoopbackAndTeachers()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, forwardedFor);
    Client client(m_server->port());
    client.setBearer(tokenFor(who));
    HeaderList headers;
    if (!forwardedFor.isEmpty())
        headers.append({"X-Forwarded-For"_ba, forwardedFor});
    const HttpReply reply = client.get("/api/v1/health"_ba, headers);
    QVERIFY(statusIs(reply, 200));
    QVERIFY(reply.object().contains(u"pool"_s));
}

void TestServiceApi::healthReportsEveryFigure()
{
    Client client(m_server->port());
    const HttpReply reply = client.get("/api/v1/health"_ba);
    QVERIFY(statusIs(reply, 200));
    QVERIFY(reply.header("content-type"_ba).startsWith("application/json"));
    const QJsonObject body = reply.object();

    const QJsonObject db = body.value(u"db"_s).toObject();
    QVERIFY2(db.value(u"driver"_s).isString(), reply.body.constData());
    QVERIFY(!db.value(u"driver"_s).toString().isEmpty());
    QVERIFY2(db.value(u"ok"_s).isBool(), reply.body.constData());
    QCOMPARE(db.value(u"ok"_s).toBool(), true);

    const QJsonObject pool = body.value(u"pool"_s).toObject();
    for (const QString &field :
         {u"size"_s, u"open"_s, u"in_use"_s, u"idle"_s, u"waiting"_s, u"acquire_p50_ms"_s,
          u"acquire_p99_ms"_s, u"timeouts"_s, u"busy_retries"_s}) {
        QVERIFY2(pool.value(field).isDouble(), qPrintable(u"pool."_s + field));
        QVERIFY2(pool.value(field).toDouble() >= 0, qPrintable(u"pool."_s + field));
    }
    QCOMPARE(pool.value(u"size"_s).toInt(), poolSize);
    QVERIFY(pool.value(u"open"_s).toInt() <= poolSize);
    QVERIFY(pool.value(u"in_use"_s).toInt() + pool.value(u"idle"_s).toInt() <= poolSize);
    QVERIFY(pool.value(u"acquire_p50_ms"_s).toDouble()
            <= pool.value(u"acquire_p99_ms"_s).toDouble());
    QCOMPARE(pool.value(u"timeouts"_s).toInt(), 0);

    const QJsonObject requests = body.value(u"requests"_s).toObject();
    QVERIFY(requests.value(u"total"_s).isDouble());
    QVERIFY(requests.value(u"total"_s).toDouble() > 0); // the fixture's requests at least
    QVERIFY(requests.value(u"errors_5xx"_s).isDouble());
    QCOMPARE(requests.value(u"errors_5xx"_s).toInt(), 0);

    QVERIFY(body.value(u"students_online"_s).isDouble());
    QVERIFY(body.value(u"students_online"_s).toInt() >= 0);
    QVERIFY(body.value(u"students_online"_s).toInt() <= m_classroom.students.size());
}

// The Health tab's and /metrics' database size: SQLite's file, PostgreSQL's pg_database_size
// (#15), which the live hub asks a worker for between snapshots: bounded wait.
void TestServiceApi::healthReportsTheDatabaseSize()
{
    Client client(m_server->port());
    const auto bytes = [&client] {
        return client.get("/api/v1/health"_ba).object().value(u"database_bytes"_s).toDouble();
    };
    QTRY_VERIFY_WITH_TIMEOUT(bytes() > 100'000, 10'000); // schema, accounts, sessions: > 100 kB
    const QString driver = client.get("/api/v1/health"_ba)
                               .object()
                               .value(u"db"_s)
                               .toObject()
                               .value(u"driver"_s)
                               .toString();
    QCOMPARE(driver, m_server->usesPostgres() ? u"postgresql"_s : u"sqlite"_s);
}

void TestServiceApi::healthCountsRequests()
{
    Client client(m_server->port());
    const auto total = [&client] {
        return client.get("/api/v1/health"_ba)
            .object()
            .value(u"requests"_s)
            .toObject()
            .value(u"total"_s)
            .toDouble(-1);
    };
    const double before = total();
    QVERIFY(before > 0);
    for (int i = 0; i < 5; ++i)
        QVERIFY(statusIs(client.get("/api/v1/status"_ba), 200));
    QVERIFY2(total() >= before + 5, qPrintable(QString::number(before)));
}

void TestServiceApi::metricsAreOpenToLoopbackAndTeachers_data()
{
    healthIsOpenToLoopbackAndTeachers_data();
}

void TestServiceApi::metricsAreOpenToLoopbackAndTeachers()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, forwardedFor);
    Client client(m_server->port());
    client.setBearer(tokenFor(who));
    HeaderList headers;
    if (!forwardedFor.isEmpty())
        headers.append({"X-Forwarded-For"_ba, forwardedFor});
    const HttpReply reply = client.get("/metrics"_ba, headers);
    QVERIFY(statusIs(reply, 200));
    QVERIFY(reply.header("content-type"_ba).startsWith("text/plain"));
}

void TestServiceApi::metricsArePrometheusTextWithHealthFigures()
{
    Client client(m_server->port());
    const HttpReply health = client.get("/api/v1/health"_ba);
    QVERIFY(statusIs(health, 200));
    const HttpReply metrics = client.get("/metrics"_ba);
    QVERIFY(statusIs(metrics, 200));
    QVERIFY2(metrics.header("content-type"_ba).startsWith("text/plain"),
             metrics.header("content-type"_ba).constData());

    QList<Sample> samples;
    QStringList typed;
    QString badLine;
    QVERIFY2(parsePrometheus(metrics.body, samples, typed, badLine), qPrintable(badLine));
    QVERIFY(!samples.isEmpty());
    for (const Sample &sample : std::as_const(samples)) {
        bool hasType = false;
        for (const QString &family : std::as_const(typed))
            hasType = hasType || sample.name.startsWith(family);
        QVERIFY2(hasType, qPrintable(u"no # TYPE for "_s + sample.name));
    }

    // The same figures as /api/v1/health (those that a request cannot change in between).
    const QJsonObject pool = health.object().value(u"pool"_s).toObject();
    const struct
    {
        QStringList words;
        double expected;
    } figures[] = {
        {{u"pool"_s, u"size"_s}, pool.value(u"size"_s).toDouble()},
        {{u"pool"_s, u"timeouts"_s}, pool.value(u"timeouts"_s).toDouble()},
        {{u"busy"_s, u"retries"_s}, pool.value(u"busy_retries"_s).toDouble()},
        {{u"students"_s, u"online"_s}, health.object().value(u"students_online"_s).toDouble()},
    };
    for (const auto &figure : figures) {
        const QList<double> values = valuesFor(samples, figure.words);
        QVERIFY2(!values.isEmpty(),
                 qPrintable(u"no metric named with "_s + figure.words.join(u'_')));
        QVERIFY2(values.contains(figure.expected),
                 qPrintable(figure.words.join(u'_') + u" expected "_s
                            + QString::number(figure.expected)));
    }
    // Requests only grow: the exposition counts at least what health counted before it.
    const double healthTotal =
        health.object().value(u"requests"_s).toObject().value(u"total"_s).toDouble();
    const QList<double> totals = valuesFor(samples, {u"requests"_s, u"total"_s});
    QVERIFY(!totals.isEmpty());
    double sum = 0;
    double largest = 0;
    for (double value : totals) {
        sum += value;
        largest = std::max(largest, value);
    }
    QVERIFY2(largest >= healthTotal || sum >= healthTotal, metrics.body.constData());
}

void TestServiceApi::unknownPathIsNotFound_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("path");
    for (const QString &who : {u"anonymous"_s, u"student"_s}) {
        for (const QByteArray &path :
             {"/api/v1/nope"_ba, "/api/v2/status"_ba, "/api/v1/status/extra"_ba,
              "/api/v1/classes/1/nothing"_ba, "/api/v1/projects/1/nothing/deeper"_ba, "/api"_ba}) {
            QTest::addRow("%s %s", qPrintable(who), path.constData()) << who << path;
        }
    }
}

void TestServiceApi::unknownPathIsNotFound()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, path);
    Client client(m_server->port());
    client.setBearer(tokenFor(who));
    const HttpReply reply = client.get(path);
    QVERIFY(statusIs(reply, 404));
    QVERIFY(reply.header("content-type"_ba).startsWith("application/json"));
    QVERIFY(isErrorBody(reply, u"not_found"_s));
}

void TestServiceApi::wrongMethodIsMethodNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArrayList>("allowed");
    QTest::newRow("DELETE status") << "DELETE"_ba
                                   << "/api/v1/status"_ba << QByteArrayList{"GET"};
    QTest::newRow("POST health") << "POST"_ba
                                 << "/api/v1/health"_ba << QByteArrayList{"GET"};
    QTest::newRow("PUT metrics") << "PUT"_ba
                                 << "/metrics"_ba << QByteArrayList{"GET"};
    QTest::newRow("POST me") << "POST"_ba
                             << "/api/v1/me"_ba << QByteArrayList{"GET"};
    QTest::newRow("PUT session") << "PUT"_ba
                                 << "/api/v1/session"_ba << QByteArrayList{"GET", "POST", "DELETE"};
    QTest::newRow("DELETE classes") << "DELETE"_ba
                                    << "/api/v1/classes"_ba << QByteArrayList{"GET", "POST"};
    QTest::newRow("PATCH teacher students")
        << "PATCH"_ba
        << "/api/v1/teacher/students"_ba << QByteArrayList{"GET"};
    QTest::newRow("GET class students")
        << "GET"_ba
        << "/api/v1/classes/1/students"_ba << QByteArrayList{"POST"};
    QTest::newRow("GET password reset") << "GET"_ba
                                        << "/api/v1/users/1/password"_ba << QByteArrayList{"POST"};
}

void TestServiceApi::wrongMethodIsMethodNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArrayList, allowed);
    Client client(m_server->port());
    client.setBearer(m_classroom.adminToken); // authenticated, so only the method is wrong
    HeaderList headers;
    QByteArray body;
    if (method != "GET" && method != "DELETE") {
        headers.append({"Content-Type"_ba, "application/json"_ba});
        body = "{}";
    }
    const HttpReply reply = client.request({method, path, headers, body, true});
    QVERIFY(statusIs(reply, 405));
    QVERIFY(isErrorBody(reply, u"method_not_allowed"_s));
    QByteArrayList allowHeader;
    for (const QByteArray &entry : reply.header("allow"_ba).split(','))
        allowHeader.append(entry.trimmed().toUpper());
    for (const QByteArray &expected : std::as_const(allowed))
        QVERIFY2(allowHeader.contains(expected), reply.header("allow"_ba).constData());
    QVERIFY2(!allowHeader.contains(method), reply.header("allow"_ba).constData());
}

void TestServiceApi::everyErrorBodyIsJson_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("rawRequest"); // PORT is replaced
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const auto raw = [](const QByteArray &requestLine, const QByteArray &headers,
                        const QByteArray &body = {}) -> QByteArray {
        QByteArray bytes = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n" + headers;
        if (!body.isEmpty())
            bytes += "Content-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
        return bytes + "\r\n" + body;
    };
    QTest::newRow("400") << u"anonymous"_s << raw("POST /api/v1/session", {}, R"({"x":)") << 400
                         << u"bad_request"_s;
    QTest::newRow("401") << u"anonymous"_s << raw("GET /api/v1/me", {}) << 401 << u"unauthorized"_s;
    QTest::newRow("403") << u"student"_s << raw("GET /api/v1/classes", {}) << 403 << u"forbidden"_s;
    QTest::newRow("404") << u"anonymous"_s << raw("GET /api/v1/nothing", {}) << 404
                         << u"not_found"_s;
    QTest::newRow("405") << u"anonymous"_s << raw("DELETE /api/v1/status", {}) << 405
                         << u"method_not_allowed"_s;
    QTest::newRow("409") << u"admin"_s << raw("POST /api/v1/classes", {}, R"({"name":"Class 6c"})")
                         << 409 << u"exists"_s;
    QTest::newRow("411") << u"student"_s
                         << raw("POST /api/v1/projects?title=x",
                                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n")
            + "2\r\n{}\r\n0\r\n\r\n"
                         << 411 << u"length_required"_s;
    QTest::newRow("413") << u"student"_s
                         << raw("POST /api/v1/projects?title=x",
                                "Content-Type: application/json\r\nContent-Length: 104857600\r\n")
                         << 413 << u"payload_too_large"_s;
    QTest::newRow("415") << u"anonymous"_s
                         << raw("POST /api/v1/session",
                                "Content-Type: text/plain\r\nContent-Length: 2\r\n")
            + "{}" << 415 << u"unsupported_media_type"_s;
    QTest::newRow("422") << u"student"_s
                         << raw("POST /api/v1/projects?title=x", {}, R"({"targets":7})") << 422
                         << u"unprocessable"_s;
    QTest::newRow("431") << u"anonymous"_s
                         << raw("GET /api/v1/status",
                                "X-Big: " + QByteArray(20 * 1024, 'a') + "\r\n")
                         << 431 << u"headers_too_large"_s;
}

void TestServiceApi::everyErrorBodyIsJson()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, rawRequest);
    QFETCH(int, status);
    QFETCH(QString, code);
    rawRequest.replace("PORT", QByteArray::number(m_server->port()));
    if (const QByteArray token = tokenFor(who); !token.isEmpty()) {
        const qsizetype endOfRequestLine = rawRequest.indexOf("\r\n") + 2;
        rawRequest.insert(endOfRequestLine, "Authorization: Bearer " + token + "\r\n");
    }
    const HttpReply reply = Client::sendRaw(m_server->port(), rawRequest);
    QVERIFY(statusIs(reply, status));
    QVERIFY2(reply.header("content-type"_ba).startsWith("application/json"),
             reply.header("content-type"_ba).constData());
    QVERIFY(isErrorBody(reply, code));
    QVERIFY(reply.header("content-length"_ba).toLongLong() == reply.body.size());
    if (status == 405)
        QVERIFY(!reply.header("allow"_ba).isEmpty());
}

QTEST_GUILESS_MAIN(TestServiceApi)
#include "tst_serviceapi.moc"
