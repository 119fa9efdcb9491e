// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/schoolsignin.h"

#include <QDateTime>

#include "server/auth/authservice.h"
#include "server/core/timetext.h"
#include "server/store/oidcstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;

Result<Ok> SchoolSignIn::begin(Work &work, const QString &stateHash, const PendingSignIn &pending,
                               int lifetimeSeconds) const
{
    const QString expiresAt =
        Core::toText(QDateTime::currentDateTimeUtc().addSecs(lifetimeSeconds));
    return Store::OidcStore::addPending(
        work.connection(), stateHash,
        Store::PendingLogin{pending.nonce, pending.codeVerifier, pending.redirectUri}, expiresAt);
}

Result<PendingSignIn> SchoolSignIn::resume(Work &work, const QString &stateHash) const
{
    auto pending = Store::OidcStore::takePending(work.connection(), stateHash);
    if (!pending) {
        if (pending.error().kind != ErrorKind::NotFound)
            return pending.error();
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "This sign-in was used already, took too long or was "
                                           "not started here. Please start the school sign-in "
                                           "again."));
    }
    return PendingSignIn{pending->nonce, pending->codeVerifier, pending->redirectUri};
}

Result<Login> SchoolSignIn::finish(Work &work, const SchoolAccount &account) const
{
    Store::ExternalAccount external{account.issuer,
                                    account.subject,
                                    account.username,
                                    account.displayName,
                                    account.teacher ? Core::Role::Teacher : Core::Role::Student,
                                    account.classes};
    external.classes.removeDuplicates();
    external.classes.sort(); // one order for every transaction (see OidcStore::upsertAccount)
    auto userId = Store::OidcStore::upsertAccount(work.connection(), external);
    if (!userId)
        return userId.error();
    auto session = m_auth.startSession(work.connection(), *userId);
    if (!session)
        return session.error();
    return Login{session->token, session->expiresAt, session->user,
                 Auth::AuthService::sessionLifetimeSeconds};
}

} // namespace Blockhaus::Service
