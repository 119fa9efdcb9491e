// SPDX-License-Identifier: AGPL-3.0-or-later
// ProjectsHandler serves /api/v1/projects: projects, versions, sharing, thumbnails and .sb3, and
// /api/v1/me/storage: the space the caller's projects, assets and backpack take.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"
#include "server/service/projects.h"

namespace Blockhaus::Http {

class ProjectsHandler
{
public:
    explicit ProjectsHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> list(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> listShared(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> create(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> import(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> content(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;
    Result<Reply> meta(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> save(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> rename(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> trash(const RequestContext &context, const Caller &caller,
                        Service::Work &db) const;
    Result<Reply> emptyTrash(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> restore(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;
    Result<Reply> copy(const RequestContext &context, const Caller &caller,
                       Service::Work &db) const;
    Result<Reply> share(const RequestContext &context, const Caller &caller,
                        Service::Work &db) const;
    Result<Reply> exportSb3(const RequestContext &context, const Caller &caller,
                            Service::Work &db) const;
    Result<Reply> putThumbnail(const RequestContext &context, const Caller &caller,
                               Service::Work &db) const;
    Result<Reply> thumbnail(const RequestContext &context, const Caller &caller,
                            Service::Work &db) const;
    Result<Reply> versions(const RequestContext &context, const Caller &caller,
                           Service::Work &db) const;
    Result<Reply> version(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;
    Result<Reply> restoreVersion(const RequestContext &context, const Caller &caller,
                                 Service::Work &db) const;

    Result<Reply> storage(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;

    // The service behind every route, with this server's limits (cheap: values only).
    Service::Projects projects() const;
    // Records a 412 in the conflict log (who, which project, stale and current version).
    void noteConflict(const Caller &caller, qint64 projectId, const Error &error) const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
