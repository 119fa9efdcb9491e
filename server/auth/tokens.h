// SPDX-License-Identifier: AGPL-3.0-or-later
// Session tokens (random 256-bit) and the hash under which they are stored (G9).
#pragma once

#include <QByteArray>
#include <QString>

namespace Blockhaus::Auth {

class Tokens
{
public:
    // 32 random bytes from libsodium, base64url without padding (43 characters).
    static QString newSessionToken();
    // Lower-case hex SHA-256: the only form in which a token is stored.
    static QString hashToken(const QString &token);
};

} // namespace Blockhaus::Auth
