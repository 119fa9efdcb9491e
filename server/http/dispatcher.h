// SPDX-License-Identifier: AGPL-3.0-or-later
// Dispatcher: matches a request to its route and runs it — inline, or as one job on the database
// pool that authenticates, checks role and CSRF, records presence and calls the handler (whose
// answer may also arrive later, for asynchronous routes).
#pragma once

#include <optional>

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
    // Before a request's body is read (API.md "Order of checks"): for a route that needs a
    // login, the answer when the head's credentials do not pass — 401 at once when there are
    // none, else decided on the pool exactly as dispatch() will (session, CSRF, role). Empty when
    // the body may be read. A refusal always closes the connection: its body stays unread.
    QFuture<std::optional<Reply>> authoriseHead(const Request &request) const;

private:
    QFuture<Reply> dispatchAsync(const Route &route, RequestContext context) const;
    // The caller of a route that passed authentication, role and CSRF checks (nullopt for public
    // routes and loopback health requests), or the error to answer.
    Result<std::optional<Core::Caller>> authorise(const Route &route, const RequestContext &context,
                                                  Service::Work &db) const;
    Result<Reply> runDbRoute(const Route &route, const RequestContext &context,
                             Service::Work &db) const;
    QFuture<Reply> runAsyncRoute(const Route &route, const RequestContext &context,
                                 Service::Work &db) const;

    Services m_services;
    Router m_router;
};

} // namespace Blockhaus::Http
