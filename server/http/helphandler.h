// SPDX-License-Identifier: AGPL-3.0-or-later
// HelpHandler serves the "I need help" queue (issue #16 part 3): /api/v1/help/mine for a
// student, /api/v1/teacher/help for their teachers.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class HelpHandler
{
public:
    // The body of a raise: {"project_id"?, "question"?}; a question is 200 characters.
    static constexpr qint64 bodyLimit = 16 * 1024;

    explicit HelpHandler(
        const Services & /*like every handler; these routes need no more than the context*/)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> mine(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> raise(const RequestContext &context, const Caller &caller,
                        Service::Work &db) const;
    Result<Reply> withdraw(const RequestContext &context, const Caller &caller,
                           Service::Work &db) const;
    Result<Reply> queue(const RequestContext &context, const Caller &caller,
                        Service::Work &db) const;
    Result<Reply> markDone(const RequestContext &context, const Caller &caller,
                           Service::Work &db) const;
};

} // namespace Blockhaus::Http
