// SPDX-License-Identifier: AGPL-3.0-or-later
// BackpackHandler serves /api/v1/backpack: the Scratch backpack of the logged-in user.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"
#include "server/service/assets.h"

namespace Blockhaus::Http {

class BackpackHandler
{
public:
    explicit BackpackHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    Result<Reply> list(const RequestContext &context, const Core::Caller &caller,
                       Service::Work &db) const;
    Result<Reply> add(const RequestContext &context, const Core::Caller &caller,
                      Service::Work &db) const;
    Result<Reply> remove(const RequestContext &context, const Core::Caller &caller,
                         Service::Work &db) const;
    // The service behind every route, with this server's limits (cheap: values only).
    Service::Backpack backpack() const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
