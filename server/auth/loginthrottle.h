// SPDX-License-Identifier: AGPL-3.0-or-later
// In-memory login throttling per (account, client address), per account and per address.
#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace Blockhaus::Auth {

// The rules (API.md, Clarifications, "Login throttling"; issue #12):
//
// - Per (account, address): 5 consecutive failures lock that pair for 30 s; each further lock
//   doubles the wait up to 15 minutes. This is the lock a guesser meets first, and it only
//   shuts out the guesser's own address: a classmate on another machine cannot lock a child or
//   the teacher out. A pair with no failure for an hour is forgotten.
// - Per account across all addresses: 50 failures within a sliding hour lock the account for
//   every address (until the window slides). One address alone reaches at most 40 failures an
//   hour under the pair rule, so only a guess spread over several machines meets this. With a
//   child's generated password (about 1.1 million possibilities, PasswordGenerator) that is at
//   most 1200 guesses a day: a year and a half for an even chance.
// - Per address across all accounts: 100 failures within a sliding 15 minutes lock the address
//   for every account (one machine spraying many names). A class of 30 children behind one
//   NAT address who each mistype twice makes 60 failures and is never locked out.
// - A success resets the account's window and the (account, address) pair it came from; a
//   password reset forgets everything about the account.
// - The teacher's own machine (127.0.0.1, ::1) is never throttled and its failures are not
//   counted. Other 127.0.0.0/8 addresses are throttled like any classroom machine: browsers on
//   this machine reach it through "localhost", and the tests use 127.0.0.2... as other hosts.
//
// Every table here is keyed by what clients send, so each is capped (Limits) and evicts its
// stalest entries first; every timestamp list is cut to the length its rule needs.
class LoginThrottle
{
public:
    struct Limits
    {
        int pairFailures = 5;
        qint64 pairBaseLockMs = 30'000;
        qint64 pairMaxLockMs = 15 * 60'000;
        qint64 pairForgetMs = 60 * 60'000;
        int accountFailures = 50;
        qint64 accountWindowMs = 60 * 60'000;
        int addressFailures = 100;
        qint64 addressWindowMs = 15 * 60'000;
        qsizetype maxPairs = 20'000;
        qsizetype maxAccounts = 10'000;
        qsizetype maxAddresses = 10'000;
    };
    struct Sizes
    {
        qsizetype pairs = 0;
        qsizetype accounts = 0;
        qsizetype addresses = 0;
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Limits limits)
        : m_limits(limits)
    {
    }

    // 0 when a login attempt may proceed, otherwise the seconds to wait (Retry-After).
    int retryAfterSeconds(const QString &username, const QString &address, qint64 nowMs);
    // Records a failure; returns the seconds to wait if this failure triggered a lock, else 0.
    int recordFailure(const QString &username, const QString &address, qint64 nowMs);
    // A correct password from this address.
    void recordSuccess(const QString &username, const QString &address);
    // The password was replaced: earlier failures say nothing about the new one.
    void forgetAccount(const QString &username);
    // The teacher's own machine: 127.0.0.1 or ::1 (also IPv4-mapped).
    static bool isTrustedAddress(const QString &address);
    Sizes sizes() const;
    Limits limits() const { return m_limits; }

    // Several processes on one database (#15) keep these rules and share their state: the
    // database holds, per key, the text of what one attempt reads and writes (its pair, its
    // account, its address). A fresh throttle imports the states of keysOf(), applies one rule
    // and exports them again; an empty text is no state (the row can go).
    static QStringList keysOf(const QString &username, const QString &address);
    void importStates(const QString &username, const QString &address, const QStringList &states);
    QStringList exportStates(const QString &username, const QString &address) const;
    // Keys that forgetAccount() drops: the account's own, and those starting with the prefix.
    static QString accountKey(const QString &username);
    static QString accountPairPrefix(const QString &username);

private:
    struct Pair
    {
        int failures = 0; // consecutive, since the last lock or success
        int lockouts = 0;
        qint64 lockedUntilMs = 0;
        qint64 lastFailureMs = 0;
    };
    static int seconds(qint64 ms) { return static_cast<int>((ms + 999) / 1000); }
    static QString pairKey(const QString &account, const QString &address);
    // Failure times of a sliding-window rule: drops those older than the window and keeps at
    // most `limit` (only the newest `limit` decide whether the rule is met).
    static void prune(QList<qint64> &failures, qint64 horizonMs, int limit);
    // Milliseconds until a window rule stops holding, or 0 when fewer than `limit` failures lie
    // within it.
    static qint64 windowWaitMs(const QList<qint64> &failures, int limit, qint64 windowMs,
                               qint64 nowMs);
    void makeRoomForPair(qint64 nowMs);
    void makeRoomForWindow(QHash<QString, QList<qint64>> &table, qsizetype cap, qint64 windowMs,
                           qint64 nowMs);

    Limits m_limits;
    mutable QMutex m_mutex;
    QHash<QString, Pair> m_pairs; // "account\naddress"
    QHash<QString, QList<qint64>> m_accounts; // lower-case username -> failure times
    QHash<QString, QList<qint64>> m_addresses; // address -> failure times
};

} // namespace Blockhaus::Auth
