// SPDX-License-Identifier: AGPL-3.0-or-later
// SchoolSignIn: the database side of signing in with the school's identity provider (OpenID
// Connect, #15): pending sign-ins that any process on the database can finish, and the account,
// classes and memberships a school account's claims describe, then a normal session.
#pragma once

#include <QString>
#include <QStringList>

#include "server/core/result.h"
#include "server/service/classroom.h"
#include "server/service/work.h"

namespace Blockhaus::Auth {
class AuthService;
}

namespace Blockhaus::Service {

struct PendingSignIn
{
    QString nonce;
    QString codeVerifier;
    QString redirectUri;
};

// A school account after the claim mapping (server/oidc's SchoolIdentity, as plain values).
struct SchoolAccount
{
    QString issuer;
    QString subject;
    QString username;
    QString displayName;
    bool teacher = false;
    QStringList classes;
};

class SchoolSignIn
{
public:
    explicit SchoolSignIn(Auth::AuthService &auth)
        : m_auth(auth)
    {
    }

    // Keeps the pending sign-in under the hash of its state for lifetimeSeconds.
    Result<Ok> begin(Work &work, const QString &stateHash, const PendingSignIn &pending,
                     int lifetimeSeconds) const;
    // Takes the pending sign-in out (one use): BadRequest when the state is unknown, used already
    // or expired.
    Result<PendingSignIn> resume(Work &work, const QString &stateHash) const;
    // Finds or makes the account and its classes (race-free, G8) and opens a session.
    Result<Login> finish(Work &work, const SchoolAccount &account) const;

private:
    Auth::AuthService &m_auth;
};

} // namespace Blockhaus::Service
