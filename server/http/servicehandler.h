// SPDX-License-Identifier: AGPL-3.0-or-later
// ServiceHandler serves /api/v1/status, /api/v1/health and /metrics.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class ServiceHandler
{
public:
    explicit ServiceHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    Reply status(const RequestContext &context) const;
    Result<Reply> health(const RequestContext &context, Service::Work &db) const;
    Result<Reply> metrics(const RequestContext &context, Service::Work &db) const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
