// SPDX-License-Identifier: AGPL-3.0-or-later
// The random values of one sign-in: state, nonce and the PKCE verifier with its S256 challenge.
#pragma once

#include <QString>

namespace Blockhaus::Oidc {

struct SignInSecrets
{
    QString state; // binds the callback to the browser that started (also its cookie)
    QString nonce; // binds the ID token to this sign-in
    QString codeVerifier; // RFC 7636: sent only with the token exchange
    QString codeChallenge() const; // BASE64URL(SHA-256(verifier)), method S256

    // 32 bytes from the system's secure generator for each, base64url without padding.
    static SignInSecrets generate();
};

// Lower-case hex SHA-256, the form in which a state is stored.
QString hashState(const QString &state);

} // namespace Blockhaus::Oidc
