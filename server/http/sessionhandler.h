// SPDX-License-Identifier: AGPL-3.0-or-later
// SessionHandler serves login and logout (/api/v1/session), /api/v1/me, the class join picker and
// the one-time sign-in links of the dashboard (/login/once, #13).
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"
#include "server/service/classroom.h"

namespace Blockhaus::Http {

class SessionHandler
{
public:
    explicit SessionHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    Result<Reply> login(const RequestContext &context, Service::Work &db) const;
    Result<Reply> session(const RequestContext &context, const Core::Caller &caller,
                          Service::Work &db) const;
    Result<Reply> logout(const RequestContext &context, const Core::Caller &caller,
                         Service::Work &db) const;
    Result<Reply> me(const RequestContext &context, const Core::Caller &caller,
                     Service::Work &db) const;
    Result<Reply> join(const RequestContext &context, Service::Work &db) const;
    Result<Reply> loginOnce(const RequestContext &context, Service::Work &db) const;

    Service::Classroom classroom() const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
