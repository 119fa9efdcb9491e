// SPDX-License-Identifier: AGPL-3.0-or-later
// FeedbackHandler serves comments on projects (issue #16 part 4):
// /api/v1/projects/{id}/comments and /api/v1/me/feedback.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class FeedbackHandler
{
public:
    // A comment is 2000 characters; JSON may spell each as \uXXXX.
    static constexpr qint64 bodyLimit = 64 * 1024;

    explicit FeedbackHandler(
        const Services & /*like every handler; these routes need no more than the context*/)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> list(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> add(const RequestContext &context, const Caller &caller, Service::Work &db) const;
    Result<Reply> markRead(const RequestContext &context, const Caller &caller,
                           Service::Work &db) const;
    Result<Reply> mine(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
};

} // namespace Blockhaus::Http
