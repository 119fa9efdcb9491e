// SPDX-License-Identifier: AGPL-3.0-or-later
// AssetsHandler serves /api/v1/assets: content-addressed costumes and sounds, and library items
// nobody has uploaded yet.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class AssetsHandler
{
public:
    explicit AssetsHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    Result<Reply> put(const RequestContext &context, const Core::Caller &caller,
                      Service::Work &db) const;
    // Falls back to the library cache for assets no one has uploaded (the editor's pickers).
    QFuture<Reply> get(const RequestContext &context, const Core::Caller &caller,
                       Service::Work &db) const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
