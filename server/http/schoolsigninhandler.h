// SPDX-License-Identifier: AGPL-3.0-or-later
// SchoolSignInHandler serves the school sign-in through OpenID Connect (#15): /login/school
// sends the browser to the school's identity provider, /login/school/callback finishes the
// sign-in with the same session cookie a password login gives.
#pragma once

#include <QFuture>

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class SchoolSignInHandler
{
public:
    explicit SchoolSignInHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    QFuture<Reply> start(const RequestContext &context, Service::Work &db) const;
    QFuture<Reply> callback(const RequestContext &context, Service::Work &db) const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
