// SPDX-License-Identifier: AGPL-3.0-or-later
// G10: a bounded connection pool with an acquire timeout answers 503 + Retry-After instead of
// hanging, and presence ("last seen") lives in memory and reaches the database in batches.
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QTest>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

QDateTime parseTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace

class TestPoolExhaustion : public QObject
{
    Q_OBJECT

private slots:
    void g10_exhaustedPoolAnswers503InsteadOfHanging();
    void g10_presenceIsKeptInMemoryAndFlushedInBatches();
};

void TestPoolExhaustion::g10_exhaustedPoolAnswers503InsteadOfHanging()
{
    // The class is set up on a normally sized pool; then the same data directory is served
    // with one connection and a 1 ms acquire timeout (sessions survive the restart).
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    QStringList names;
    for (int i = 1; i <= 20; ++i)
        names.append(u"Pupil %1"_s.arg(i));
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 10g"_s, names);
    QCOMPARE(classroom.students.size(), 20);
    for (const auto &student : classroom.students)
        QVERIFY(!student.token.isEmpty());
    QVERIFY(server.stop());
    server.options().poolSize = 1;
    server.options().acquireTimeoutMs = 1;
    QVERIFY2(server.start(), server.output().right(2000).constData());

    // 200 requests that all need the database at once: half list projects, half save one
    // (~100 KB each, so that a connection is held for a while).
    QList<HttpRequest> requests;
    for (int i = 0; i < 200; ++i) {
        const auto &student = classroom.students.at(i % classroom.students.size());
        if (i % 2 == 0) {
            requests.append(
                {"GET"_ba, "/api/v1/projects"_ba, bearerHeader(student.token), {}, true});
        } else {
            requests.append({"POST"_ba, "/api/v1/projects?title=burst" + QByteArray::number(i),
                             HeaderList{{"Content-Type"_ba, "application/json"_ba}}
                                 + bearerHeader(student.token),
                             scratchProject({}, 100 * 1024, u"burst %1"_s.arg(i)), true});
        }
    }
    QElapsedTimer clock;
    clock.start();
    const QList<HttpReply> replies = runConcurrently(server.port(), requests, 90000);
    const qint64 elapsed = clock.elapsed();

    int unavailable = 0;
    QHash<int, int> savedPerStudent; // student index -> successful saves
    for (qsizetype i = 0; i < replies.size(); ++i) {
        const HttpReply &reply = replies.at(i);
        QVERIFY2(!reply.timedOut && reply.status != 0,
                 qPrintable(u"request %1 got no answer (%2; received: %3)"_s.arg(i).arg(
                     reply.timedOut ? u"timed out"_s : reply.transportError,
                     QString::fromLatin1(reply.body.left(300)))));
        const int success = i % 2 == 0 ? 200 : 201;
        QVERIFY(statusIsOneOf(reply, {success, 503}));
        if (reply.status == 503) {
            ++unavailable;
            QVERIFY(isErrorBody(reply, u"unavailable"_s));
            bool ok = false;
            QVERIFY(reply.header("retry-after"_ba).toInt(&ok) >= 1 && ok);
        } else if (i % 2 == 1) {
            ++savedPerStudent[int(i % classroom.students.size())];
        }
    }
    QVERIFY2(unavailable > 0, "no request was turned away although the pool has one connection");
    qInfo("%d of 200 requests got 503; all answered within %lld ms", unavailable, elapsed);

    // The pool counted the timeouts. From here on each request is alone, yet with one
    // connection and 1 ms to get it, a background task (presence flush, live figures) may
    // hold it for a moment: a 503 then is G10 working, so each check may be retried briefly.
    Client client(server.port());
    HttpReply health;
    QTRY_VERIFY_WITH_TIMEOUT((health = client.get("/api/v1/health"_ba)).status == 200, 10000);
    const QJsonObject pool = health.object().value(u"pool"_s).toObject();
    QVERIFY2(pool.value(u"timeouts"_s).toInt() > 0, health.body.constData());
    QCOMPARE(pool.value(u"size"_s).toInt(), 1);

    // Afterwards the server serves normally, and a save turned away left nothing behind.
    for (qsizetype s = 0; s < classroom.students.size(); ++s) {
        Client student(server.port());
        student.setBearer(classroom.students.at(s).token);
        HttpReply listed;
        QTRY_VERIFY_WITH_TIMEOUT((listed = student.get("/api/v1/projects"_ba)).status == 200,
                                 10000);
        QCOMPARE(listed.object().value(u"projects"_s).toArray().size(),
                 savedPerStudent.value(int(s)));
    }
    const auto &first = classroom.students.first();
    HttpReply login;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (login = client.login(first.username, first.password)).status == 201,
        qPrintable(QString::number(login.status) + u' ' + QString::fromUtf8(login.body)), 10000);
    QVERIFY(server.stop());
}

void TestPoolExhaustion::g10_presenceIsKeptInMemoryAndFlushedInBatches()
{
    // How "not written per request" is checked: presence is flushed to users.last_seen every
    // 10 s. Right after observing a flush, a burst of 200 requests makes the API report a new
    // last_seen at once (memory), while the column in the database file keeps its old value;
    // a write per request would have changed it. Within a bounded 20 s the next flush brings
    // the column up to the API's value.
    TestServer server;
    QVERIFY2(server.start(), server.output().constData());
    const Classroom classroom =
        makeClassroom(server.port(), server.adminPassword(), u"Class 10h"_s, {u"Anna M."_s});
    QCOMPARE(classroom.students.size(), 1);
    const auto &anna = classroom.students.first();
    QVERIFY(!anna.token.isEmpty());
    const QString database = server.databasePath();
    const QString lastSeenSql = u"SELECT last_seen FROM users WHERE id = %1"_s.arg(anna.id);
    const auto storedLastSeen = [&] {
        const auto rows = queryDatabase(database, lastSeenSql);
        return rows && rows->size() == 1 ? rows->first().value(0) : u"<query failed>"_s;
    };
    Client teacher(server.port());
    teacher.setBearer(classroom.adminToken);
    const auto reported = [&] {
        const QJsonArray students =
            teacher.get("/api/v1/teacher/students"_ba).object().value(u"students"_s).toArray();
        for (const QJsonValue &value : students) {
            if (value.toObject().value(u"id"_s).toInt() == anna.id)
                return value.toObject();
        }
        return QJsonObject();
    };
    Client student(server.port());
    student.setBearer(anna.token);
    // Before each step the test waits (bounded) until the wall clock is in a later second, so
    // that a new request's last_seen differs from the previous one even at second resolution.

    // 1. Observe one flush: after a request, the column changes within 20 s.
    const QString initial = storedLastSeen();
    QVERIFY(initial != u"<query failed>"_s);
    const QDateTime setUp = QDateTime::currentDateTimeUtc();
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > setUp.toSecsSinceEpoch(), 2000);
    QVERIFY(statusIs(student.get("/api/v1/me"_ba), 200));
    const QDateTime firstRequest = QDateTime::currentDateTimeUtc();
    QTRY_VERIFY_WITH_TIMEOUT(storedLastSeen() != initial, 20000);
    const QString flushed = storedLastSeen();
    QVERIFY(parseTime(flushed).isValid());

    // 2. Right after that flush: a burst of 200 requests.
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > firstRequest.toSecsSinceEpoch(),
                             2000);
    QList<HttpRequest> burst;
    for (int i = 0; i < 200; ++i)
        burst.append({"GET"_ba, "/api/v1/me"_ba, bearerHeader(anna.token), {}, true});
    const QDateTime burstStart = QDateTime::currentDateTimeUtc();
    const QList<HttpReply> replies = runConcurrently(server.port(), burst);
    for (const HttpReply &reply : replies)
        QVERIFY(statusIs(reply, 200));

    // 3. Memory knows at once; the database file does not (no write per request).
    const QString storedAfterBurst = storedLastSeen();
    const QJsonObject shown = reported();
    QCOMPARE(shown.value(u"online"_s).toBool(), true);
    const QDateTime shownLastSeen = parseTime(shown.value(u"last_seen"_s).toString());
    QVERIFY2(shownLastSeen.isValid(), qPrintable(shown.value(u"last_seen"_s).toString()));
    QVERIFY2(shownLastSeen.toSecsSinceEpoch() >= burstStart.toSecsSinceEpoch(),
             qPrintable(shown.value(u"last_seen"_s).toString()));
    const HttpReply health = Client(server.port()).get("/api/v1/health"_ba);
    QVERIFY(statusIs(health, 200));
    QVERIFY(health.object().value(u"students_online"_s).toInt() >= 1);
    QVERIFY2(storedAfterBurst == flushed,
             qPrintable(u"users.last_seen changed from %1 to %2 right after the burst"_s.arg(
                 flushed, storedAfterBurst)));

    // 4. The next flush brings the column up to what the API showed.
    QTRY_VERIFY_WITH_TIMEOUT(storedLastSeen() != flushed, 20000);
    const QDateTime stored = parseTime(storedLastSeen());
    QVERIFY(stored.isValid());
    QVERIFY2(stored.toSecsSinceEpoch() >= burstStart.toSecsSinceEpoch(),
             qPrintable(storedLastSeen()));
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestPoolExhaustion)
#include "tst_poolexhaustion.moc"
