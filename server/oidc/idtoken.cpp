// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/oidc/idtoken.h"

#include <memory>

#include <QJsonDocument>

#include <cjose/cjose.h>

namespace Blockhaus::Oidc {

using namespace Qt::StringLiterals;

namespace {

struct JwsRelease
{
    void operator()(cjose_jws_t *jws) const { cjose_jws_release(jws); }
};
struct JwkRelease
{
    void operator()(cjose_jwk_t *jwk) const { cjose_jwk_release(jwk); }
};
using JwsPtr = std::unique_ptr<cjose_jws_t, JwsRelease>;
using JwkPtr = std::unique_ptr<cjose_jwk_t, JwkRelease>;

Error refused(const QString &why)
{
    // The reason goes to the client as well: it names a fault of the provider's setup or an
    // attack, never a secret.
    return makeError(ErrorKind::Unauthorized,
                     QT_TRANSLATE_NOOP("Sentence",
                                       "The school sign-in could not be checked (%1). Please try "
                                       "again or ask IT."),
                     {why});
}

bool acceptedAlgorithm(const QString &alg)
{
    static const QStringList accepted{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s,
                                      u"PS512"_s, u"ES256"_s, u"ES384"_s, u"ES512"_s};
    return accepted.contains(alg);
}

QString headerText(cjose_jws_t *jws, const char *name)
{
    cjose_err err;
    cjose_header_t *header = cjose_jws_get_protected(jws);
    const char *value = header ? cjose_header_get(header, name, &err) : nullptr;
    return value ? QString::fromUtf8(value) : QString();
}

// The signing keys that may have signed a token with this kid (all of them when it has none).
QList<QJsonObject> candidateKeys(const QJsonArray &keys, const QString &kid)
{
    QList<QJsonObject> found;
    for (const QJsonValue &value : keys) {
        const QJsonObject key = value.toObject();
        if (key.value(u"use"_s).toString(u"sig"_s) != u"sig"_s)
            continue;
        if (kid.isEmpty() || key.value(u"kid"_s).toString() == kid)
            found.append(key);
    }
    return found;
}

bool verifiedBy(cjose_jws_t *jws, const QJsonObject &key)
{
    const QByteArray json = QJsonDocument(key).toJson(QJsonDocument::Compact);
    cjose_err err;
    JwkPtr jwk(cjose_jwk_import(json.constData(), static_cast<size_t>(json.size()), &err));
    if (!jwk)
        return false;
    return cjose_jws_verify(jws, jwk.get(), &err);
}

bool audienceNames(const QJsonValue &aud, const QString &clientId, int *count)
{
    if (aud.isString()) {
        *count = 1;
        return aud.toString() == clientId;
    }
    const QJsonArray list = aud.toArray();
    *count = static_cast<int>(list.size());
    return list.contains(QJsonValue(clientId));
}

Result<QJsonObject> checkClaims(const QJsonObject &claims, const TokenExpectations &expected)
{
    if (claims.value(u"iss"_s).toString() != expected.issuer)
        return refused(u"wrong issuer"_s);
    int audiences = 0;
    if (!audienceNames(claims.value(u"aud"_s), expected.clientId, &audiences))
        return refused(u"issued for another application"_s);
    // OpenID Connect Core 3.1.3.7: with several audiences, azp must be this client.
    if ((audiences > 1 || claims.contains(u"azp"_s))
        && claims.value(u"azp"_s).toString() != expected.clientId)
        return refused(u"issued for another application"_s);
    const qint64 now = expected.now.toSecsSinceEpoch();
    const QJsonValue exp = claims.value(u"exp"_s);
    if (!exp.isDouble() || static_cast<qint64>(exp.toDouble()) + expected.clockSkewSeconds < now)
        return refused(u"expired"_s);
    const QJsonValue iat = claims.value(u"iat"_s);
    if (!iat.isDouble() || static_cast<qint64>(iat.toDouble()) - expected.clockSkewSeconds > now)
        return refused(u"issued in the future"_s);
    if (expected.nonce.isEmpty() || claims.value(u"nonce"_s).toString() != expected.nonce)
        return refused(u"wrong nonce"_s);
    return claims;
}

} // namespace

TokenCheck checkIdToken(const QByteArray &idToken, const QJsonArray &keys,
                        const TokenExpectations &expected)
{
    TokenCheck check;
    cjose_err err;
    JwsPtr jws(cjose_jws_import(idToken.constData(), static_cast<size_t>(idToken.size()), &err));
    if (!jws) {
        check.claims = refused(u"not a signed token"_s);
        return check;
    }
    const QString alg = headerText(jws.get(), CJOSE_HDR_ALG);
    if (!acceptedAlgorithm(alg)) {
        check.claims = refused(u"signature algorithm %1 not accepted"_s.arg(alg));
        return check;
    }
    const QList<QJsonObject> candidates = candidateKeys(keys, headerText(jws.get(), CJOSE_HDR_KID));
    if (candidates.isEmpty()) {
        check.unknownKey = true;
        check.claims = refused(u"unknown signing key"_s);
        return check;
    }
    bool verified = false;
    for (const QJsonObject &key : candidates) {
        if ((verified = verifiedBy(jws.get(), key)))
            break;
    }
    if (!verified) {
        check.claims = refused(u"bad signature"_s);
        return check;
    }
    uint8_t *plaintext = nullptr; // owned by the JWS
    size_t length = 0;
    if (!cjose_jws_get_plaintext(jws.get(), &plaintext, &length, &err)) {
        check.claims = refused(u"no claims"_s);
        return check;
    }
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char *>(plaintext), static_cast<qsizetype>(length)));
    if (!document.isObject()) {
        check.claims = refused(u"no claims"_s);
        return check;
    }
    check.claims = checkClaims(document.object(), expected);
    return check;
}

Result<SchoolIdentity> mapClaims(const QJsonObject &claims, const ClaimMapping &mapping)
{
    SchoolIdentity identity;
    identity.issuer = claims.value(u"iss"_s).toString();
    identity.subject = claims.value(u"sub"_s).toString();
    identity.username = claims.value(mapping.usernameClaim).toString().trimmed().left(64);
    if (identity.subject.isEmpty() || identity.username.isEmpty()) {
        return makeError(ErrorKind::Unauthorized,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The school account sent no user name (claim %1). "
                                           "Please ask IT to check the sign-in settings."),
                         {mapping.usernameClaim});
    }
    identity.displayName = claims.value(mapping.displayNameClaim).toString().trimmed().left(100);
    if (identity.displayName.isEmpty())
        identity.displayName = identity.username;
    // IServ sends a list of names; a single name is taken as a list of one. Anything but text
    // (numbers, objects) names no group.
    const QJsonValue groups = claims.value(mapping.groupsClaim);
    const QJsonArray names = groups.isString() ? QJsonArray{groups} : groups.toArray();
    for (const QJsonValue &raw : names) {
        const QString name = raw.toString().trimmed().left(100);
        if (name.isEmpty())
            continue;
        if (mapping.teacherGroups.contains(name, Qt::CaseInsensitive))
            identity.teacher = true;
        else if (!identity.classes.contains(name))
            identity.classes.append(name);
    }
    identity.classes.sort();
    return identity;
}

} // namespace Blockhaus::Oidc
