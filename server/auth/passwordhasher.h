// SPDX-License-Identifier: AGPL-3.0-or-later
// server/auth owns password hashing, session tokens, generated passwords and login throttling.
#pragma once

#include <QString>

namespace Blockhaus::Auth {

// argon2id through libsodium with OWASP's recommended minimum (19 MiB, 2 passes), so thirty
// children logging in at once cost at most cores x 19 MiB, not gigabytes.
class PasswordHasher
{
public:
    static bool initialise(); // sodium_init; call once at start-up
    static QString hash(const QString &password);
    static bool verify(const QString &hash, const QString &password);
    // A hash that never verifies, so unknown usernames cost the same time as known ones.
    static const QString &dummyHash();
};

} // namespace Blockhaus::Auth
