// SPDX-License-Identifier: AGPL-3.0-or-later
// Auth::LoginThrottle and Auth::JoinThrottle, the rules of loginthrottle.h and jointhrottle.h
// with explicit clock values (no real time): per (account, address) 5 failures lock for 30 s,
// doubling up to 15 min, reset by a success; per account 50 failures within an hour from any
// addresses; per address 100 failures within 15 minutes; the teacher's own machine is never
// throttled; every table stays within its cap under a flood of made-up keys.
#include <functional>

#include <QTest>

#include "server/auth/jointhrottle.h"
#include "server/auth/loginthrottle.h"

using namespace Qt::StringLiterals;
using Blockhaus::Auth::JoinThrottle;
using Blockhaus::Auth::LoginThrottle;

namespace {

constexpr qint64 t0 = 1'700'000'000'000; // an arbitrary epoch in milliseconds
constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;
const QString school = u"192.0.2.10"_s;
const QString classmate = u"192.0.2.77"_s;

// Records failures for one account, one per second from `from`; the last return value.
int failTimes(LoginThrottle &throttle, const QString &user, int times, qint64 from,
              const QString &address = school)
{
    int locked = 0;
    for (int i = 0; i < times; ++i)
        locked = throttle.recordFailure(user, address, from + i * second);
    return locked;
}

QString addressNumber(int n)
{
    return u"10.%1.%2.%3"_s.arg((n >> 16) & 0xff).arg((n >> 8) & 0xff).arg(n & 0xff);
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

    void classmateOnAnotherAddressCannotLockTheOwnerOut_data();
    void classmateOnAnotherAddressCannotLockTheOwnerOut();
    void oneAddressAloneNeverReachesTheAccountLimit();
    void distributedGuessLocksTheAccountEverywhere();
    void accountWindowSlides();
    void passwordResetForgetsEverything();

    void hundredFailuresFromOneAddressLockIt();
    void addressLockDoesNotReachOtherAddresses();
    void addressWindowSlides();
    void classOfThirtyMistypingTwiceIsNeverLocked();

    void teachersOwnMachineIsNeverLocked_data();
    void teachersOwnMachineIsNeverLocked();

    void tablesStayBoundedUnderAFloodOfKeys();
    void floodDoesNotEvictARunningLock();

    void joinMissesLockAnAddressAfterTwenty();
    void joinLockIsPerAddressAndSlides();
    void joinFromTeachersMachineIsNeverLocked();
    void joinTableStaysBoundedUnderAFloodOfAddresses();

    // #15: several processes keep the state in the database, one fresh throttle per attempt.
    void stateCarriedThroughTextLocksLikeOneThrottle();
    void joinStateCarriedThroughTextLocksLikeOneThrottle();
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
    throttle.recordSuccess(u"anna"_s, school);
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
    throttle.recordSuccess(u"anna"_s, school);
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
    throttle.recordSuccess(u"Anna"_s, school);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 5 * second), 0);
}

void TestLoginThrottle::accountsAreIndependent()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0), 30);
    QVERIFY(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 5 * second) > 0);
    QCOMPARE(throttle.retryAfterSeconds(u"ben"_s, school, t0 + 5 * second), 0);
}

void TestLoginThrottle::classmateOnAnotherAddressCannotLockTheOwnerOut_data()
{
    QTest::addColumn<QString>("victim");
    QTest::newRow("a child") << u"anna"_s;
    QTest::newRow("the teacher") << u"teacher"_s;
}

void TestLoginThrottle::classmateOnAnotherAddressCannotLockTheOwnerOut()
{
    QFETCH(QString, victim);
    LoginThrottle throttle;
    // The classmate guesses as fast as the locks allow for a whole lesson.
    qint64 now = t0;
    int guesses = 0;
    while (now < t0 + 45 * minute) {
        if (const int wait = throttle.retryAfterSeconds(victim, classmate, now)) {
            // The classmate is shut out; the owner, on their own machine, is not.
            QCOMPARE(throttle.retryAfterSeconds(victim, school, now), 0);
            now += wait * second;
            continue;
        }
        throttle.recordFailure(victim, classmate, now);
        ++guesses;
        now += second;
    }
    QVERIFY2(guesses >= 30, qPrintable(QString::number(guesses)));
    QCOMPARE(throttle.retryAfterSeconds(victim, school, now), 0);
}

void TestLoginThrottle::oneAddressAloneNeverReachesTheAccountLimit()
{
    LoginThrottle throttle;
    // Three hours of guessing from one address, always as soon as allowed: the pair locks keep
    // it below the account-wide limit in every hour, so the owner elsewhere is never locked.
    qint64 now = t0;
    while (now < t0 + 180 * minute) {
        if (const int wait = throttle.retryAfterSeconds(u"anna"_s, classmate, now)) {
            now += wait * second;
            continue;
        }
        throttle.recordFailure(u"anna"_s, classmate, now);
        QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, now), 0);
        now += 100; // a fast script
    }
}

void TestLoginThrottle::distributedGuessLocksTheAccountEverywhere()
{
    LoginThrottle throttle;
    // Fifty machines, one guess each: no pair and no address comes near its own limit.
    int locked = 0;
    for (int i = 0; i < 49; ++i)
        QCOMPARE(throttle.recordFailure(u"teacher"_s, addressNumber(i), t0 + i * second), 0);
    const qint64 now = t0 + 49 * second;
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, addressNumber(49), now), 0);
    locked = throttle.recordFailure(u"teacher"_s, addressNumber(49), now);
    // Locked until the first of the fifty leaves the hour, from every address...
    const int expected = static_cast<int>((t0 + 60 * minute - now) / second);
    QCOMPARE(locked, expected);
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, addressNumber(1000), now), expected);
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, school, now), expected);
    // ...but only this account.
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, addressNumber(1000), now), 0);
}

void TestLoginThrottle::accountWindowSlides()
{
    LoginThrottle throttle;
    for (int i = 0; i < 50; ++i)
        throttle.recordFailure(u"teacher"_s, addressNumber(i), t0 + i * second);
    const qint64 hour = 60 * minute;
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, school, t0 + hour - 1), 1);
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, school, t0 + hour), 0);
    // A success resets the account's window.
    throttle.recordSuccess(u"teacher"_s, school);
    QCOMPARE(throttle.recordFailure(u"teacher"_s, addressNumber(99), t0 + hour), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, school, t0 + hour), 0);
}

void TestLoginThrottle::passwordResetForgetsEverything()
{
    LoginThrottle throttle;
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0, classmate), 30);
    QCOMPARE(failTimes(throttle, u"anna"_s, 5, t0, school), 30);
    throttle.forgetAccount(u"Anna"_s);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, classmate, t0 + 5 * second), 0);
    QCOMPARE(throttle.retryAfterSeconds(u"anna"_s, school, t0 + 5 * second), 0);
    QCOMPARE(throttle.sizes().pairs, 0);
    QCOMPARE(throttle.sizes().accounts, 0);
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

void TestLoginThrottle::teachersOwnMachineIsNeverLocked_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("IPv4-mapped 127.0.0.1") << u"::ffff:127.0.0.1"_s << true;
    // Other loopback addresses stand in for classroom machines in the tests.
    QTest::newRow("127.0.0.2") << u"127.0.0.2"_s << false;
    QTest::newRow("a classroom machine") << school << false;
    QTest::newRow("IPv6 classroom machine") << u"fe80::1234"_s << false;
}

void TestLoginThrottle::teachersOwnMachineIsNeverLocked()
{
    QFETCH(QString, address);
    QFETCH(bool, trusted);
    QCOMPARE(LoginThrottle::isTrustedAddress(address), trusted);
    LoginThrottle throttle;
    // Enough for every rule: the pair, the address and the account.
    for (int i = 0; i < 120; ++i)
        throttle.recordFailure(u"teacher"_s, address, t0 + i * second);
    const qint64 now = t0 + 120 * second;
    QCOMPARE(throttle.retryAfterSeconds(u"teacher"_s, address, now) == 0, trusted);
    QCOMPARE(throttle.retryAfterSeconds(u"someone"_s, address, now) == 0, trusted);
}

void TestLoginThrottle::tablesStayBoundedUnderAFloodOfKeys()
{
    LoginThrottle::Limits limits;
    limits.maxPairs = 2000;
    limits.maxAccounts = 1000;
    limits.maxAddresses = 1000;
    LoginThrottle throttle(limits);
    LoginThrottle::Sizes largest;
    // 100 000 distinct names from 100 000 distinct addresses within one minute: nothing is old
    // enough to be stale, so only the caps keep the tables small.
    for (int i = 0; i < 100'000; ++i) {
        throttle.recordFailure(u"name-%1"_s.arg(i), addressNumber(i), t0 + i / 2000);
        const LoginThrottle::Sizes sizes = throttle.sizes();
        largest.pairs = std::max(largest.pairs, sizes.pairs);
        largest.accounts = std::max(largest.accounts, sizes.accounts);
        largest.addresses = std::max(largest.addresses, sizes.addresses);
    }
    QVERIFY2(largest.pairs <= limits.maxPairs, qPrintable(QString::number(largest.pairs)));
    QVERIFY2(largest.accounts <= limits.maxAccounts, qPrintable(QString::number(largest.accounts)));
    QVERIFY2(largest.addresses <= limits.maxAddresses,
             qPrintable(QString::number(largest.addresses)));
    // The defaults hold too (the same flood, once, with the production caps).
    LoginThrottle defaults;
    for (int i = 0; i < 100'000; ++i)
        defaults.recordFailure(u"name-%1"_s.arg(i), addressNumber(i), t0 + i / 2000);
    const LoginThrottle::Limits production;
    QVERIFY(defaults.sizes().pairs <= production.maxPairs);
    QVERIFY(defaults.sizes().accounts <= production.maxAccounts);
    QVERIFY(defaults.sizes().addresses <= production.maxAddresses);
}

void TestLoginThrottle::floodDoesNotEvictARunningLock()
{
    LoginThrottle::Limits limits;
    limits.maxPairs = 1000;
    LoginThrottle throttle(limits);
    // The guesser locks Anna's pair for 15 minutes...
    qint64 now = t0;
    for (int lock = 0; lock < 6; ++lock) {
        failTimes(throttle, u"anna"_s, 5, now, classmate);
        now += 20 * minute;
    }
    const int wait =
        throttle.retryAfterSeconds(u"anna"_s, classmate, now - 20 * minute + 5 * second);
    QCOMPARE(wait, 900 - 1);
    // ...then floods the pair table with one-off failures to push the lock out.
    const qint64 flood = now - 20 * minute + 10 * second;
    for (int i = 0; i < 5000; ++i)
        throttle.recordFailure(u"x%1"_s.arg(i), addressNumber(i), flood);
    QVERIFY(throttle.sizes().pairs <= limits.maxPairs);
    QVERIFY(throttle.retryAfterSeconds(u"anna"_s, classmate, flood) > 0);
}

void TestLoginThrottle::joinMissesLockAnAddressAfterTwenty()
{
    JoinThrottle throttle;
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(throttle.retryAfterSeconds(school, t0 + i * second), 0);
        throttle.recordMiss(school, t0 + i * second);
    }
    // The 21st lookup within the minute waits until the first miss is a minute old.
    QCOMPARE(throttle.retryAfterSeconds(school, t0 + 20 * second), 40);
    QCOMPARE(throttle.retryAfterSeconds(school, t0 + minute - 1), 1);
    QCOMPARE(throttle.retryAfterSeconds(school, t0 + minute), 0);
}

void TestLoginThrottle::joinLockIsPerAddressAndSlides()
{
    JoinThrottle throttle;
    for (int i = 0; i < 20; ++i)
        throttle.recordMiss(school, t0 + i * second);
    QVERIFY(throttle.retryAfterSeconds(school, t0 + 20 * second) > 0);
    QCOMPARE(throttle.retryAfterSeconds(classmate, t0 + 20 * second), 0);
    // Nineteen misses a minute, forever, never lock.
    JoinThrottle slow;
    for (int i = 0; i < 19 * 10; ++i) {
        const qint64 now = t0 + i * (minute / 19 + 1);
        QCOMPARE(slow.retryAfterSeconds(school, now), 0);
        slow.recordMiss(school, now);
    }
}

void TestLoginThrottle::joinFromTeachersMachineIsNeverLocked()
{
    JoinThrottle throttle;
    for (int i = 0; i < 100; ++i)
        throttle.recordMiss(u"127.0.0.1"_s, t0 + i);
    QCOMPARE(throttle.retryAfterSeconds(u"127.0.0.1"_s, t0 + 100), 0);
    QCOMPARE(throttle.size(), 0);
}

void TestLoginThrottle::joinTableStaysBoundedUnderAFloodOfAddresses()
{
    JoinThrottle::Limits limits;
    limits.maxAddresses = 1000;
    JoinThrottle throttle(limits);
    qsizetype largest = 0;
    for (int i = 0; i < 100'000; ++i) {
        throttle.recordMiss(addressNumber(i), t0 + i / 2000);
        largest = std::max(largest, throttle.size());
    }
    QVERIFY2(largest <= limits.maxAddresses, qPrintable(QString::number(largest)));
    JoinThrottle defaults;
    for (int i = 0; i < 100'000; ++i)
        defaults.recordMiss(addressNumber(i), t0 + i / 2000);
    QVERIFY(defaults.size() <= JoinThrottle::Limits().maxAddresses);
}

// Every attempt as another process would make it: a fresh throttle imports the texts, applies one
// rule and exports them. The lock comes at the same failure as in one throttle, holds, doubles,
// and a success clears the pair and the account. Catches an export that drops a field.
void TestLoginThrottle::stateCarriedThroughTextLocksLikeOneThrottle()
{
    QStringList states{QString(), QString(), QString()};
    const auto attempt = [&](const std::function<int(LoginThrottle &)> &rule) {
        LoginThrottle fresh;
        fresh.importStates(u"anna"_s, school, states);
        const int result = rule(fresh);
        states = fresh.exportStates(u"anna"_s, school);
        return result;
    };
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(attempt([&](LoginThrottle &t) {
                     return t.recordFailure(u"Anna"_s, school, t0 + i * second);
                 }),
                 0);
    }
    QCOMPARE(attempt([&](LoginThrottle &t) {
                 return t.recordFailure(u"anna"_s, school, t0 + 4 * second);
             }),
             30);
    QCOMPARE(attempt([&](LoginThrottle &t) {
                 return t.retryAfterSeconds(u"ANNA"_s, school, t0 + 10 * second);
             }),
             24);
    // After the lock, five more failures lock for twice as long.
    for (int i = 0; i < 4; ++i) {
        attempt([&](LoginThrottle &t) {
            return t.recordFailure(u"anna"_s, school, t0 + minute + i * second);
        });
    }
    QCOMPARE(attempt([&](LoginThrottle &t) {
                 return t.recordFailure(u"anna"_s, school, t0 + minute + 4 * second);
             }),
             60);
    QVERIFY(!states.at(0).isEmpty());
    QVERIFY(!states.at(1).isEmpty());
    QVERIFY(!states.at(2).isEmpty());
    attempt([&](LoginThrottle &t) {
        t.recordSuccess(u"anna"_s, school);
        return 0;
    });
    QVERIFY(states.at(0).isEmpty()); // the pair and the account start again
    QVERIFY(states.at(1).isEmpty());
    QVERIFY(LoginThrottle::keysOf(u"Anna"_s, school)
                .first()
                .startsWith(LoginThrottle::accountPairPrefix(u"ANNA"_s)));
}

void TestLoginThrottle::joinStateCarriedThroughTextLocksLikeOneThrottle()
{
    QString state;
    for (int i = 0; i < 20; ++i) {
        JoinThrottle fresh;
        fresh.importState(classmate, state);
        QCOMPARE(fresh.retryAfterSeconds(classmate, t0 + i * second), 0);
        fresh.recordMiss(classmate, t0 + i * second);
        state = fresh.exportState(classmate);
    }
    JoinThrottle fresh;
    fresh.importState(classmate, state);
    QCOMPARE(fresh.retryAfterSeconds(classmate, t0 + 20 * second), 40);
}

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
