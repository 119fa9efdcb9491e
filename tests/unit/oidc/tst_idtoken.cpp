// SPDX-License-Identifier: AGPL-3.0-or-later
// The ID token check of the school sign-in (#15): signature (by cjose) and claims, and the claim
// mapping. Tokens are signed here with cjose and a key made at start.
#include <QJsonDocument>
#include <QTest>

#include <cjose/cjose.h>

#include "server/oidc/idtoken.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Oidc;

namespace {

constexpr auto issuer = "https://idp.school.example";
constexpr auto clientId = "blockhaus";
constexpr auto nonce = "n-0S6_WzA2Mj";

QByteArray base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QJsonObject goodClaims(qint64 now)
{
    return QJsonObject{{u"iss"_s, QString::fromLatin1(issuer)},
                       {u"sub"_s, u"248289761001"_s},
                       {u"aud"_s, QString::fromLatin1(clientId)},
                       {u"iat"_s, now},
                       {u"exp"_s, now + 300},
                       {u"nonce"_s, QString::fromLatin1(nonce)},
                       {u"preferred_username"_s, u"jane.doe"_s},
                       {u"name"_s, u"Jane Doe"_s},
                       {u"groups"_s, QJsonArray{u"5a"_s, u"Lehrer"_s}}};
}

} // namespace

class TestIdToken : public QObject
{
    Q_OBJECT

private:
    QByteArray sign(const QJsonObject &claims, const char *alg = "RS256",
                    const char *kid = "k1") const;
    TokenExpectations expected() const
    {
        return {QString::fromLatin1(issuer), QString::fromLatin1(clientId),
                QString::fromLatin1(nonce), QDateTime::currentDateTimeUtc(), 120};
    }

    cjose_jwk_t *m_key = nullptr;
    cjose_jwk_t *m_otherKey = nullptr; // same kid, another key: a forged signature
    QJsonArray m_keys; // the published JWKS of m_key

private slots:
    void initTestCase();
    void cleanupTestCase();
    void acceptsAGoodToken();
    void refuses_data();
    void refuses();
    void unknownKidAsksForFreshKeys();
    void refusesUnsignedAndSymmetricTokens();
    void mapsClaims();
    void mappingNeedsAUserName();
};

void TestIdToken::initTestCase()
{
    cjose_err err;
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    m_key = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    m_otherKey = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    QVERIFY(m_key && m_otherKey);
    QVERIFY(cjose_jwk_set_kid(m_key, "k1", 2, &err));
    QVERIFY(cjose_jwk_set_kid(m_otherKey, "k1", 2, &err));
    char *json = cjose_jwk_to_json(m_key, false, &err);
    QVERIFY(json);
    QJsonObject jwk = QJsonDocument::fromJson(QByteArray(json)).object();
    cjose_get_dealloc()(json);
    jwk.insert(u"use"_s, u"sig"_s);
    m_keys = QJsonArray{jwk};
    QVERIFY(!jwk.contains(u"d"_s)); // public part only
}

void TestIdToken::cleanupTestCase()
{
    cjose_jwk_release(m_key);
    cjose_jwk_release(m_otherKey);
}

QByteArray TestIdToken::sign(const QJsonObject &claims, const char *alg, const char *kid) const
{
    cjose_err err;
    cjose_header_t *header = cjose_header_new(&err);
    cjose_header_set(header, CJOSE_HDR_ALG, alg, &err);
    cjose_header_set(header, CJOSE_HDR_KID, kid, &err);
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    cjose_jws_t *jws =
        cjose_jws_sign(m_key, header, reinterpret_cast<const uint8_t *>(payload.constData()),
                       static_cast<size_t>(payload.size()), &err);
    cjose_header_release(header);
    if (!jws)
        return {};
    const char *compact = nullptr;
    cjose_jws_export(jws, &compact, &err);
    const QByteArray token(compact);
    cjose_jws_release(jws);
    return token;
}

void TestIdToken::acceptsAGoodToken()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const TokenCheck check = checkIdToken(sign(goodClaims(now)), m_keys, expected());
    if (!check.claims.ok())
        QFAIL(qPrintable(check.claims.error().message));
    QCOMPARE(check.claims->value(u"sub"_s).toString(), u"248289761001"_s);
    QVERIFY(!check.unknownKey);
    // aud as a list with this client and azp naming it is fine too.
    QJsonObject listed = goodClaims(now);
    listed.insert(u"aud"_s, QJsonArray{QString::fromLatin1(clientId), u"other"_s});
    listed.insert(u"azp"_s, QString::fromLatin1(clientId));
    QVERIFY(checkIdToken(sign(listed), m_keys, expected()).claims.ok());
}

void TestIdToken::refuses_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("reason");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QTest::newRow("other issuer") << u"iss"_s << QJsonValue(u"https://evil.example"_s)
                                  << u"wrong issuer"_s;
    QTest::newRow("other audience")
        << u"aud"_s << QJsonValue(u"someone-else"_s) << u"another application"_s;
    QTest::newRow("several audiences, no azp")
        << u"aud"_s << QJsonValue(QJsonArray{QString::fromLatin1(clientId), u"x"_s})
        << u"another application"_s;
    QTest::newRow("azp of another client")
        << u"azp"_s << QJsonValue(u"someone-else"_s) << u"another application"_s;
    QTest::newRow("expired beyond the skew") << u"exp"_s << QJsonValue(now - 121) << u"expired"_s;
    QTest::newRow("no exp") << u"exp"_s << QJsonValue() << u"expired"_s;
    QTest::newRow("issued in the future")
        << u"iat"_s << QJsonValue(now + 600) << u"in the future"_s;
    QTest::newRow("other nonce") << u"nonce"_s << QJsonValue(u"replayed"_s) << u"nonce"_s;
    QTest::newRow("no nonce") << u"nonce"_s << QJsonValue() << u"nonce"_s;
}

void TestIdToken::refuses()
{
    QFETCH(QString, claim);
    QFETCH(QJsonValue, value);
    QFETCH(QString, reason);
    QJsonObject claims = goodClaims(QDateTime::currentSecsSinceEpoch());
    if (value.isNull())
        claims.remove(claim);
    else
        claims.insert(claim, value);
    const TokenCheck check = checkIdToken(sign(claims), m_keys, expected());
    QVERIFY(!check.claims.ok());
    QCOMPARE(check.claims.error().kind, ErrorKind::Unauthorized);
    QVERIFY2(check.claims.error().message.contains(reason),
             qPrintable(check.claims.error().message));
}

void TestIdToken::unknownKidAsksForFreshKeys()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const TokenCheck check = checkIdToken(sign(goodClaims(now), "RS256", "k2"), m_keys, expected());
    QVERIFY(!check.claims.ok());
    QVERIFY(check.unknownKey);
}

void TestIdToken::refusesUnsignedAndSymmetricTokens()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray payload =
        base64url(QJsonDocument(goodClaims(now)).toJson(QJsonDocument::Compact));
    // alg "none": no signature at all.
    const QByteArray unsigned_ = base64url(R"({"alg":"none","kid":"k1"})") + '.' + payload + '.';
    QVERIFY(!checkIdToken(unsigned_, m_keys, expected()).claims.ok());
    // A good token whose signature part is another key's (same kid): refused.
    cjose_err err;
    cjose_header_t *header = cjose_header_new(&err);
    cjose_header_set(header, CJOSE_HDR_ALG, "RS256", &err);
    cjose_header_set(header, CJOSE_HDR_KID, "k1", &err);
    const QByteArray json = QJsonDocument(goodClaims(now)).toJson(QJsonDocument::Compact);
    cjose_jws_t *forged =
        cjose_jws_sign(m_otherKey, header, reinterpret_cast<const uint8_t *>(json.constData()),
                       static_cast<size_t>(json.size()), &err);
    cjose_header_release(header);
    QVERIFY(forged);
    const char *compact = nullptr;
    QVERIFY(cjose_jws_export(forged, &compact, &err));
    const TokenCheck check = checkIdToken(QByteArray(compact), m_keys, expected());
    cjose_jws_release(forged);
    QVERIFY(!check.claims.ok());
    QVERIFY(check.claims.error().message.contains(u"bad signature"_s));
    // HS256 with the public key's text as the secret (algorithm confusion): refused by name.
    const QByteArray hmacHeader = base64url(R"({"alg":"HS256","kid":"k1"})");
    QVERIFY(!checkIdToken(hmacHeader + '.' + payload + ".c2lnbmF0dXJl", m_keys, expected())
                 .claims.ok());
    // Not a token at all.
    QVERIFY(!checkIdToken("garbage", m_keys, expected()).claims.ok());
}

void TestIdToken::mapsClaims()
{
    ClaimMapping mapping;
    mapping.teacherGroups = {u"lehrer"_s};
    QJsonObject claims = goodClaims(0);
    claims.insert(u"groups"_s, QJsonArray{u"7b"_s, u" 5a "_s, u"LEHRER"_s, u"5a"_s, 3, u""_s});
    auto identity = mapClaims(claims, mapping);
    QVERIFY(identity.ok());
    QCOMPARE(identity->subject, u"248289761001"_s);
    QCOMPARE(identity->username, u"jane.doe"_s);
    QCOMPARE(identity->displayName, u"Jane Doe"_s);
    QVERIFY(identity->teacher);
    QCOMPARE(identity->classes, (QStringList{u"5a"_s, u"7b"_s}));
    // Keycloak-style single group as text, other claim names.
    mapping = ClaimMapping{u"email"_s, u"given_name"_s, u"roles"_s, {}};
    claims = QJsonObject{
        {u"sub"_s, u"x"_s}, {u"email"_s, u"j@school.example"_s}, {u"roles"_s, u"AG Theater"_s}};
    identity = mapClaims(claims, mapping);
    QVERIFY(identity.ok());
    QCOMPARE(identity->username, u"j@school.example"_s);
    QCOMPARE(identity->displayName, u"j@school.example"_s); // no name: the user name
    QVERIFY(!identity->teacher);
    QCOMPARE(identity->classes, QStringList{u"AG Theater"_s});
}

void TestIdToken::mappingNeedsAUserName()
{
    QJsonObject claims = goodClaims(0);
    claims.remove(u"preferred_username"_s);
    QVERIFY(!mapClaims(claims, ClaimMapping{}).ok());
    claims = goodClaims(0);
    claims.remove(u"sub"_s);
    QVERIFY(!mapClaims(claims, ClaimMapping{}).ok());
}

QTEST_GUILESS_MAIN(TestIdToken)
#include "tst_idtoken.moc"
