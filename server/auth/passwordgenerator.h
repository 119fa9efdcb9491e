// SPDX-License-Identifier: AGPL-3.0-or-later
// Generated passwords: easy for children to type, still not guessable behind login throttling.
#pragma once

#include <QString>

namespace Blockhaus::Auth {

class PasswordGenerator
{
public:
    // "sunny-tiger-42": two short words and a number, about 20 bits; with per-account
    // throttling (5 tries, then waits doubling to 15 minutes) guessing takes years.
    static QString childFriendly();
    static double childFriendlyBits();
    // A long random password for the first admin account.
    static QString strong();
};

} // namespace Blockhaus::Auth
