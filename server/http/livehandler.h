// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveHandler serves the live classroom controls (#16): the pages' event stream
// (/api/v1/events), pencils down, send my project to everyone, and collections of everyone's work.
#pragma once

#include <QPointer>

#include "server/http/eventstreams.h"
#include "server/http/router.h"
#include "server/http/services.h"
#include "server/service/livecontrols.h"

namespace Blockhaus::Http {

class LiveHandler
{
public:
    // streams: the server thread's open streams; it must outlive every reply this handler makes
    // or be gone (QPointer) when one arrives.
    LiveHandler(const Services &services, EventStreams *streams)
        : m_services(services)
        , m_streams(streams)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> events(const RequestContext &context, const Caller &caller,
                         Service::Work &db) const;
    Result<Reply> liveState(const RequestContext &context, const Caller &caller,
                            Service::Work &db) const;
    Result<Reply> setLiveState(const RequestContext &context, const Caller &caller,
                               Service::Work &db) const;
    Result<Reply> sendToEveryone(const RequestContext &context, const Caller &caller,
                                 Service::Work &db) const;
    Result<Reply> collect(const RequestContext &context, const Caller &caller,
                          Service::Work &db) const;
    Result<Reply> listCollections(const RequestContext &context, const Caller &caller,
                                  Service::Work &db) const;
    Result<Reply> collection(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> collectionZip(const RequestContext &context, const Caller &caller,
                                Service::Work &db) const;

    Service::LiveControls controls() const;

    const Services &m_services;
    QPointer<EventStreams> m_streams;
};

} // namespace Blockhaus::Http
