// SPDX-License-Identifier: AGPL-3.0-or-later
// server/oidc owns school sign-in through OpenID Connect (#15): the provider's configuration and
// claim mapping, PKCE, discovery and key fetching, the token exchange and the ID token check
// (signatures by cjose). It knows nothing of the database; service/ stores what it returns.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Blockhaus::Oidc {

// Which claims of the ID token say who someone is. IServ, for example, sends the account name as
// preferred_username, the full name as name and the user's groups as groups.
struct ClaimMapping
{
    QString usernameClaim = QStringLiteral("preferred_username");
    QString displayNameClaim = QStringLiteral("name");
    QString groupsClaim = QStringLiteral("groups");
    // Members of any of these groups sign in as teachers (they teach their other groups); the
    // groups themselves do not become classes. Compared without regard to case.
    QStringList teacherGroups;
};

struct OidcConfig
{
    QUrl issuer; // empty: school sign-in is off (the default)
    QString clientId;
    QString clientSecret; // from BLOCKHAUS_OIDC_CLIENT_SECRET; empty: a public client
    QString scopes = QStringLiteral("openid profile");
    ClaimMapping claims;
    int timeoutMs = 10'000; // each request to the provider
    int clockSkewSeconds = 120; // allowed for exp and iat
    int pendingLoginSeconds = 600; // how long a started sign-in may take

    bool enabled() const { return issuer.isValid() && !issuer.isEmpty(); }
};

} // namespace Blockhaus::Oidc
