// SPDX-License-Identifier: AGPL-3.0-or-later
// OidcStore: school sign-in (OpenID Connect, #15): pending sign-ins shared by every process on the
// database, and the accounts and classes made from a school account's claims.
#pragma once

#include <QStringList>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

using namespace Core;

// What the callback needs to finish a sign-in that the start route began.
struct PendingLogin
{
    QString nonce;
    QString codeVerifier;
    QString redirectUri;
};

// A school account as its ID token describes it, after the claim mapping.
struct ExternalAccount
{
    QString issuer;
    QString subject; // the provider's stable id of the person (sub)
    QString username; // wanted user name; a taken one gets a suffix (-2, -3, ...)
    QString displayName;
    Role role = Role::Student;
    QStringList classes; // provider groups that become classes (teacher groups excluded)
};

class OidcStore
{
public:
    // Stores a pending sign-in under the SHA-256 of its state; removes expired ones meanwhile.
    static Result<Ok> addPending(Db::Connection &db, const QString &stateHash,
                                 const PendingLogin &pending, const QString &expiresAt);
    // Deletes the pending sign-in and returns it, in one write transaction, so a state is used
    // at most once however many processes receive it; NotFound when unknown, used or expired.
    static Result<PendingLogin> takePending(Db::Connection &db, const QString &stateHash);
    // G8 for school accounts: finds or creates the account of (issuer, subject) and the classes
    // of its groups, and sets its memberships, in one write transaction. Each mapping row is
    // inserted-or-ignored and then read, so concurrent first sign-ins of one person or of one
    // class's members never make a second account or class. Returns the user id.
    static Result<qint64> upsertAccount(Db::Connection &db, const ExternalAccount &account);
};

} // namespace Blockhaus::Store
