// SPDX-License-Identifier: AGPL-3.0-or-later
// ThrowawayClass: a class with generated students made for a capacity check and removed after
// it, with everything the students made (`blockhaus --self-check` and the dashboard's "Check
// this computer…", issue #13). Administrators only: it makes and deletes accounts.
#pragma once

#include <QList>
#include <QString>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Auth {
class AuthService;
}

namespace Blockhaus::Service {

struct ThrowawayAccounts
{
    qint64 classId = 0;
    QString className;
    QList<Core::NewAccount> students; // with their generated passwords
};

class ThrowawayClass
{
public:
    static constexpr int maxStudents = 1000;

    explicit ThrowawayClass(Auth::AuthService &auth)
        : m_auth(auth)
    {
    }

    // A class named "Self-check <time>" with `students` generated student accounts; all or none.
    Result<ThrowawayAccounts> create(Work &work, const Core::Caller &caller, int students) const;
    // Removes the class and its students with all they made; nothing else changes.
    Result<Ok> remove(Work &work, const Core::Caller &caller,
                      const ThrowawayAccounts &accounts) const;

private:
    Auth::AuthService &m_auth;
};

} // namespace Blockhaus::Service
