// SPDX-License-Identifier: AGPL-3.0-or-later
// Dispatcher: matches a request to its route and runs it — inline, or as one job on the database
// pool that authenticates, checks role and CSRF, records presence and calls the handler.
#pragma once

#include <QFuture>

#include "server/http/reply.h"
#include "server/http/request.h"
#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class Dispatcher
{
public:
    explicit Dispatcher(Services services);

    Router &router() { return m_router; }
    const Router &router() const { return m_router; }
    const Services &services() const { return m_services; }

    // Thread-safe; the returned future finishes on a worker thread or at once.
    QFuture<Reply> dispatch(Request request) const;

private:
    Result<Reply> runDbRoute(const Route &route, const RequestContext &context,
                             Db::Connection &db) const;

    Services m_services;
    Router m_router;
};

} // namespace Blockhaus::Http
