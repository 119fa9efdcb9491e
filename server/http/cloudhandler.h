// SPDX-License-Identifier: AGPL-3.0-or-later
// CloudHandler serves /api/v1/cloud, the WebSocket of the classroom cloud variables (issue #16
// part 5): it checks the upgrade request of a signed-in user and hands the socket to its
// CloudHub, which lives in the server thread.
#pragma once

#include <QPointer>

#include "server/http/cloudhub.h"
#include "server/http/router.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class CloudHandler
{
public:
    // Create in the server thread: the hub lives there.
    explicit CloudHandler(const Services &services);
    ~CloudHandler();
    void registerRoutes(Router &router) const;
    CloudHub *hub() const { return m_hub; }

private:
    Result<Reply> upgrade(const RequestContext &context, const Core::Caller &caller) const;

    const Services &m_services;
    QPointer<CloudHub> m_hub;
};

} // namespace Blockhaus::Http
