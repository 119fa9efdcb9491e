// SPDX-License-Identifier: AGPL-3.0-or-later
// Auth::PasswordHasher (argon2id), Auth::PasswordGenerator (child-friendly passwords) and
// Auth::Tokens (random 256-bit session tokens, stored only as SHA-256 hex, G9).
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/auth/tokens.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Auth;

class TestPasswords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void hashVerifiesTheSamePassword_data();
    void hashVerifiesTheSamePassword();
    void hashIsSaltedArgon2id();
    void wrongPasswordFails();
    void emptyOrGarbageHashFails_data();
    void emptyOrGarbageHashFails();
    void dummyHashVerifiesNothing();

    void childFriendlyHasWordWordNumberFormat();
    void childFriendlyVariesOver200Draws();
    void childFriendlyBitsAtLeast20();
    void strongPasswordIsLongAndVaried();

    void sessionTokenIs43Base64UrlCharsOf32Bytes();
    void sessionTokensAreDistinctOver1000Draws();
    void hashTokenIsLowerCaseSha256Hex_data();
    void hashTokenIsLowerCaseSha256Hex();
};

void TestPasswords::initTestCase()
{
    QVERIFY(PasswordHasher::initialise());
}

void TestPasswords::hashVerifiesTheSamePassword_data()
{
    QTest::addColumn<QString>("password");
    QTest::newRow("generated") << u"sunny-tiger-42"_s;
    QTest::newRow("non-ASCII") << u"Grüße-Ünïcødé-\u263A"_s;
    QTest::newRow("spaces") << u"  with spaces  "_s;
    QTest::newRow("empty") << QString();
}

void TestPasswords::hashVerifiesTheSamePassword()
{
    QFETCH(QString, password);
    const QString hash = PasswordHasher::hash(password);
    QVERIFY2(hash.startsWith(u"$argon2id$"_s), qPrintable(hash));
    QVERIFY(PasswordHasher::verify(hash, password));
}

void TestPasswords::hashIsSaltedArgon2id()
{
    const QString first = PasswordHasher::hash(u"sunny-tiger-42"_s);
    const QString second = PasswordHasher::hash(u"sunny-tiger-42"_s);
    QVERIFY(first.startsWith(u"$argon2id$"_s));
    QVERIFY(second.startsWith(u"$argon2id$"_s));
    QVERIFY(first != second); // a random salt per hash
    QVERIFY(PasswordHasher::verify(first, u"sunny-tiger-42"_s));
    QVERIFY(PasswordHasher::verify(second, u"sunny-tiger-42"_s));
}

void TestPasswords::wrongPasswordFails()
{
    const QString hash = PasswordHasher::hash(u"sunny-tiger-42"_s);
    QVERIFY(!PasswordHasher::verify(hash, u"sunny-tiger-43"_s));
    QVERIFY(!PasswordHasher::verify(hash, u"Sunny-tiger-42"_s));
    QVERIFY(!PasswordHasher::verify(hash, u"sunny-tiger-42 "_s));
    QVERIFY(!PasswordHasher::verify(hash, QString()));
}

void TestPasswords::emptyOrGarbageHashFails_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("password");
    QTest::newRow("empty hash, empty password") << QString() << QString();
    QTest::newRow("empty hash") << QString() << u"sunny-tiger-42"_s;
    QTest::newRow("not a hash") << u"sunny-tiger-42"_s << u"sunny-tiger-42"_s;
    QTest::newRow("prefix only") << u"$argon2id$"_s << u"sunny-tiger-42"_s;
}

void TestPasswords::emptyOrGarbageHashFails()
{
    QFETCH(QString, hash);
    QFETCH(QString, password);
    QVERIFY(!PasswordHasher::verify(hash, password));
}

void TestPasswords::dummyHashVerifiesNothing()
{
    const QString &dummy = PasswordHasher::dummyHash();
    QVERIFY(dummy.startsWith(u"$argon2id$"_s));
    QVERIFY(!PasswordHasher::verify(dummy, QString()));
    QVERIFY(!PasswordHasher::verify(dummy, u"sunny-tiger-42"_s));
}

void TestPasswords::childFriendlyHasWordWordNumberFormat()
{
    static const QRegularExpression format(u"^[a-z]+-[a-z]+-[1-9][0-9]$"_s);
    for (int i = 0; i < 200; ++i) {
        const QString password = PasswordGenerator::childFriendly();
        QVERIFY2(format.match(password).hasMatch(), qPrintable(password));
        QVERIFY2(password.size() <= 24, qPrintable(password)); // short words, easy to type
    }
}

void TestPasswords::childFriendlyVariesOver200Draws()
{
    QSet<QString> passwords;
    QSet<QString> firstWords;
    QSet<QString> secondWords;
    QSet<QString> numbers;
    for (int i = 0; i < 200; ++i) {
        const QString password = PasswordGenerator::childFriendly();
        passwords.insert(password);
        const QStringList parts = password.split(u'-');
        QCOMPARE(parts.size(), 3);
        firstWords.insert(parts.at(0));
        secondWords.insert(parts.at(1));
        numbers.insert(parts.at(2));
    }
    // With about a million combinations, 200 draws collide with probability ~2 %; allow a few.
    QVERIFY2(passwords.size() >= 195, qPrintable(QString::number(passwords.size())));
    // Each part varies on its own (100+ words and 90 numbers, so 200 draws show many of each).
    QVERIFY(firstWords.size() >= 50);
    QVERIFY(secondWords.size() >= 50);
    QVERIFY(numbers.size() >= 50);
}

void TestPasswords::childFriendlyBitsAtLeast20()
{
    QVERIFY2(PasswordGenerator::childFriendlyBits() >= 20.0,
             qPrintable(QString::number(PasswordGenerator::childFriendlyBits())));
}

void TestPasswords::strongPasswordIsLongAndVaried()
{
    QSet<QString> passwords;
    for (int i = 0; i < 50; ++i) {
        const QString password = PasswordGenerator::strong();
        QVERIFY(password.size() >= 16);
        passwords.insert(password);
    }
    QCOMPARE(passwords.size(), 50);
}

void TestPasswords::sessionTokenIs43Base64UrlCharsOf32Bytes()
{
    static const QRegularExpression base64url(u"^[A-Za-z0-9_-]{43}$"_s);
    for (int i = 0; i < 100; ++i) {
        const QString token = Tokens::newSessionToken();
        QVERIFY2(base64url.match(token).hasMatch(), qPrintable(token));
        const auto decoded = QByteArray::fromBase64Encoding(
            token.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), 32);
    }
}

void TestPasswords::sessionTokensAreDistinctOver1000Draws()
{
    QSet<QString> tokens;
    for (int i = 0; i < 1000; ++i)
        tokens.insert(Tokens::newSessionToken());
    QCOMPARE(tokens.size(), 1000);
}

void TestPasswords::hashTokenIsLowerCaseSha256Hex_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected");
    // Known vectors (FIPS 180-2) and a token-shaped input checked against Qt's SHA-256.
    QTest::newRow("empty") << QString()
                           << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    QTest::newRow("abc") << u"abc"_s
                         << u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
    const QString token = u"0123456789abcdefghijklmnopqrstuvwxyzABCDE-_"_s;
    QTest::newRow("token")
        << token
        << QString::fromLatin1(
               QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

void TestPasswords::hashTokenIsLowerCaseSha256Hex()
{
    QFETCH(QString, token);
    QFETCH(QString, expected);
    static const QRegularExpression lowerHex(u"^[0-9a-f]{64}$"_s);
    const QString hash = Tokens::hashToken(token);
    QVERIFY2(lowerHex.match(hash).hasMatch(), qPrintable(hash));
    QCOMPARE(hash, expected);
    QCOMPARE(Tokens::hashToken(token), hash); // stable: the stored form can be looked up
}

QTEST_GUILESS_MAIN(TestPasswords)
#include "tst_passwords.moc"
