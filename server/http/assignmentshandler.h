// SPDX-License-Identifier: AGPL-3.0-or-later
// AssignmentsHandler serves assignments (#16): /api/v1/classes/{id}/assignments,
// /api/v1/assignments/..., /api/v1/me/assignments and /api/v1/projects/{id}/assignment.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class AssignmentsHandler
{
public:
    explicit AssignmentsHandler(
        const Services & /*like every handler; these routes need no more than the context*/)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> listForClass(const RequestContext &context, const Caller &caller,
                               Service::Work &db) const;
    Result<Reply> create(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> get(const RequestContext &context, const Caller &caller, Service::Work &db) const;
    Result<Reply> handOut(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;
    Result<Reply> grid(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> returnCopy(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> mine(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> open(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> handIn(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> ofProject(const RequestContext &context, const Caller &caller,
                            Service::Work &db) const;
};

} // namespace Blockhaus::Http
