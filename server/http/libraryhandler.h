// SPDX-License-Identifier: AGPL-3.0-or-later
// LibraryHandler serves the Scratch library cache: the pickers' pictures and sounds under
// /library/{md5ext}, and for teachers its state and the "download everything" fill.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class LibraryHandler
{
public:
    explicit LibraryHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    QFuture<Reply> asset(const RequestContext &context, const Core::Caller &caller,
                         Service::Work &db) const;
    QFuture<Reply> available(const RequestContext &context, const Core::Caller &caller,
                             Service::Work &db) const;
    Result<Reply> status(const RequestContext &context, const Core::Caller &caller,
                         Service::Work &db) const;
    Result<Reply> fill(const RequestContext &context, const Core::Caller &caller,
                       Service::Work &db) const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
