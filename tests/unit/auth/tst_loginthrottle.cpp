// SPDX-License-Identifier: AGPL-3.0-or-later
// Auth::LoginThrottle, the rules of loginthrottle.h with explicit clock values (no real time):
// per account 5 failures lock for 30 s, doubling up to 15 min, reset by a success; per address
// 100 failures within a sliding 15-minute window; a class behind one NAT address is never locked.
#include <QTest>

#include "server/auth/loginthrottle.h"

using namespace Qt::StringLiterals;
using Blockhaus::Auth::LoginThrottle;

namespace {

constexpr qint64 t0 = 1'700'000'000'000; // an arbitrary epoch in milliseconds
constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;
const QString school = u"192.0.2.10"_s;

// Records failures for one account, one per second from `from`; the last return value.
int failTimes(LoginThrottle &throttle, const QString &user, int times, qint64 from,
              const QString &address = school)
{
    int locked = 0;
    for (int i = 0; i < times; ++i)
        locked = throttle.recordFailure(user, address, from + i * second);
    return locked;
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private slots:
    void fourFailuresDoNotLock();
    void fifthFailureLocksFor30Seconds();
    void lockEndsAfterItsTime();
    void lockoutsDoubleUpTo15Minutes_data();
    void lockoutsDoubleUpTo15Minutes();
    void successResetsFailureCount();
    void successResetsLockoutLength();
    void accountNamesAreCaseInsensitive();
    void accountsAreIndependent();
    void hundredFailuresFromOneAddressLockIt();
    void addressLockDoesNotReachOtherAddresses();
    void addressWindowSlides();
    void classOfThirtyMistypingTwiceIsNeverLocked();
};

void TestLoginThrottle::fourFailuresDoNotLock()
{
    LoginThrottle throttle;
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(throttle.recordFailure(u"anna"_s, school, t0 + i * second), 0);
        QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, t0 + i * second), 0);
    }
}

void TestLoginThrottle::fifthFailureLocksFor30Seconds()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 4, t0), 0);
    const qint64 fifth = t0 + 10 * second;
    QCOMPARE(throttle.recordFailure(u"anna"_s, school, fifth), 30);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth), 30);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth + 10 * second), 20);
    // Part of a second left is still a second to wait.
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth + 29 * second + 1), 1);
}

void TestLoginThrottle::lockEndsAfterItsTime()
{
    LoginThrottle throttle;
    const qint64 fifth = t0 + 4 * second;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0), 30);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth + 30 * second - 1), 1);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth + 30 * second), 0);
    // After the lock, the count starts again: four more failures are still fine.
    QCOMPARE(failTimes(throttle, u"anna"_s, 4, fifth + 31 * second), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, fifth + 40 * second), 0);
}

void TestLoginThrottle::lockoutsDoubleUpTo15Minutes_data()
{
    QTest::addColumn<int>("lockout"); // 1 = the first lock
    QTest::addColumn<int>("seconds");
    QTest::newRow("first") << 1 << 30;
    QTest::newRow("second") << 2 << 60;
    QTest::newRow("third") << 3 << 120;
    QTest::newRow("fourth") << 4 << 240;
    QTest::newRow("fifth") << 5 << 480;
    QTest::newRow("sixth, capped") << 6 << 900;
    QTest::newRow("seventh, capped") << 7 << 900;
    QTest::newRow("thirtieth, capped") << 30 << 900;
}

void TestLoginThrottle::lockoutsDoubleUpTo15Minutes()
{
    QFETCH(int, lockout);
    QFETCH(int, seconds);
    LoginThrottle throttle;
    qint64 now = t0;
    int locked = 0;
    for (int i = 0; i < lockout; ++i) {
        QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, now), 0);
        locked = failTimes(throttle, u"anna"_s, 5, now);
        now += 4 * second;
        QVERIFY(locked > 0);
        QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, now), locked);
        now += locked * second; // wait out the lock
    }
    QCOMPARE(locked, seconds);
}

void TestLoginThrottle::successResetsFailureCount()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 4, t0), 0);
    throttle.recordSuccess(u"anna"_s);
    QCOMPARE(failTimes(throttle, u"anna"_s, 4, t0 + 10 * second), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 20 * second), 0);
    QCOMPARE(throttle.recordFailure(u"anna"_s, school, t0 + 21 * second), 30);
}

void TestLoginThrottle::successResetsLockoutLength()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0), 30);
    const qint64 afterFirst = t0 + 5 * minute;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, afterFirst), 60);
    throttle.recordSuccess(u"anna"_s);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, afterFirst + 5 * second), 0);
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0 + 10 * minute), 30);
}

void TestLoginThrottle::accountNamesAreCaseInsensitive()
{
    LoginThrottle throttle;
    const QStringList spellings{u"anna"_s, u"Anna"_s, u"ANNA"_s, u"aNNa"_s, u"anNA"_s};
    int locked = 0;
    for (qsizetype i = 0; i < spellings.size(); ++i)
        locked = throttle.recordFailure(spellings.at(i), school, t0 + i * second);
    QCOMPARE(locked, 30);
    QVERIFY(throttle.retryAfterSeconds(u"ANNA"_s, school, t0 + 5 * second) > 0);
    throttle.recordSuccess(u"Anna"_s);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 5 * second), 0);
}

void TestLoginThrottle::accountsAreIndependent()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0), 30);
    QVERIFY(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 5 * second) > 0);
    QCOMPARE(throttle.retryAfterSeconds(u"ben"_s, school, t0 + 5 * second), 0);
}

void TestLoginThrottle::hundredFailuresFromOneAddressLockIt()
{
    LoginThrottle throttle;
    // One failure per account, so no account reaches its own limit.
    for (int i = 0; i < 99; ++i)
        QCOMPARE(throttle.recordFailure(u"user%1"_s.arg(i), school, t0 + i * second), 0);
    const qint64 now = t0 + 99 * second;
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, now), 0);
    throttle.recordFailure(u"user99"_s, school, now);
    // Locked for everyone from that address, until the oldest failure leaves the window.
    const int expected = static_cast<int>((t0 + 15 * minute - now) / second);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, now), expected);
    QCOMPARE(throttle.retryAfterSeconds(u"user0"_s, school, now), expected);
}

void TestLoginThrottle::addressLockDoesNotReachOtherAddresses()
{
    LoginThrottle throttle;
    for (int i = 0; i < 100; ++i)
        throttle.recordFailure(u"user%1"_s.arg(i), school, t0 + i * second);
    const qint64 now = t0 + 100 * second;
    QVERIFY(throttle.retryAfterSeconds(u"someone"_s, school, now) > 0);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, u"198.51.100.7"_s, now), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"user1"_s, u"198.51.100.7"_s, now), 0);
}

void TestLoginThrottle::addressWindowSlides()
{
    LoginThrottle throttle;
    for (int i = 0; i < 100; ++i)
        throttle.recordFailure(u"user%1"_s.arg(i), school, t0 + i * second);
    const qint64 window = 15 * minute;
    // The oldest failure (t0) leaves the window at t0 + 15 min, taking the count to 99.
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, t0 + window - 1), 1);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, t0 + window), 0);
    // One more failure makes 100 within the window again; now the second-oldest decides.
    throttle.recordFailure(u"late"_s, school, t0 + window);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, t0 + window), 1);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, t0 + window + second), 0);
    // Long after, every failure has left the window.
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, school, t0 + 3 * window), 0);
}

void TestLoginThrottle::classOfThirtyMistypingTwiceIsNeverLocked()
{
    LoginThrottle throttle;
    qint64 now = t0;
    // Thirty children behind one NAT address each mistype twice, interleaved, within minutes.
    for (int round = 0; round < 2; ++round) {
        for (int child = 0; child < 30; ++child) {
            const QString name = u"child%1"_s.arg(child);
            QCOMPARE(throttle.retryAfterSeconds(name, school, now), 0);
            QCOMPARE(throttle.recordFailure(name, school, now), 0);
            now += 2 * second;
        }
    }
    for (int child = 0; child < 30; ++child)
        QCOMPARE(throttle.retryAfterSeconds(u"child%1"_s.arg(child), school, now), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, school, now), 0);
}

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
