// SPDX-License-Identifier: AGPL-3.0-or-later
// The ID token check: the signature with a key of the provider's JWKS (cjose, no signature code
// of ours), then iss, aud, azp, exp, iat and nonce; and the claim mapping to a school identity.
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include "server/core/result.h"
#include "server/oidc/oidcconfig.h"

namespace Blockhaus::Oidc {

struct TokenExpectations
{
    QString issuer; // exactly as the discovery document names it
    QString clientId;
    QString nonce;
    QDateTime now;
    int clockSkewSeconds = 120;
};

struct TokenCheck
{
    // The verified claims; an error (Unauthorized) names what was wrong, for the log and reply.
    Result<QJsonObject> claims = makeError(ErrorKind::Unauthorized);
    // The token names a key the JWKS does not hold: fetch the JWKS again (key rotation) and
    // check once more.
    bool unknownKey = false;
};

// Checks the signature of a compact JWS against the keys (a JWKS "keys" array) and then the
// claims. Only asymmetric algorithms (RS*, PS*, ES*) are accepted: never "none", never an HMAC
// whose key would be the public client id.
TokenCheck checkIdToken(const QByteArray &idToken, const QJsonArray &keys,
                        const TokenExpectations &expected);

// Who signed in, after the claim mapping.
struct SchoolIdentity
{
    QString issuer;
    QString subject;
    QString username;
    QString displayName;
    bool teacher = false;
    QStringList classes; // sorted, unique; teacher groups left out
};

// Unauthorized when a required claim (sub, the user name) is missing or not text.
Result<SchoolIdentity> mapClaims(const QJsonObject &claims, const ClaimMapping &mapping);

} // namespace Blockhaus::Oidc
