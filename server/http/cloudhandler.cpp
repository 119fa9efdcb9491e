// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/cloudhandler.h"

#include <QTcpSocket>

#include "server/http/errors.h"
#include "server/http/originguard.h"
#include "server/http/websocketframe.h"
#include "server/service/classroom.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// How often accepted changes are written, and how often open connections' sessions are checked
// again. BLOCKHAUS_CLOUD_FLUSH_MS and BLOCKHAUS_CLOUD_SESSION_CHECK_MS change them for the tests
// that prove the shutdown writes what the timer has not and that a password reset ends a
// connection (integration.cloudapi).
int intervalMs(const char *variable, int byDefault)
{
    const int fromEnvironment = qEnvironmentVariableIntValue(variable);
    return fromEnvironment > 0 ? fromEnvironment : byDefault;
}

} // namespace

CloudHandler::CloudHandler(const Services &services)
    : m_services(services)
    , m_hub(new CloudHub(
          services.runner,
          [&auth = services.auth, &live = services.live](Service::Work &work,
                                                         const QString &token) {
              return Service::Classroom(auth, &live).authenticate(work, token);
          },
          WebSocketSession::Limits{}, intervalMs("BLOCKHAUS_CLOUD_FLUSH_MS", 500),
          intervalMs("BLOCKHAUS_CLOUD_SESSION_CHECK_MS", 30'000)))
{
}

CloudHandler::~CloudHandler()
{
    delete m_hub.data(); // writes what is not yet written
}

void CloudHandler::registerRoutes(Router &router) const
{
    router.add("GET", u"/api/v1/cloud"_s, Access::LoggedIn, 0,
               [this](const RequestContext &c, const Core::Caller *caller, Service::Work &) {
                   return upgrade(c, *caller);
               });
}

Result<Reply> CloudHandler::upgrade(const RequestContext &context, const Core::Caller &caller) const
{
    const Request &request = context.request;
    const WebSocketUpgradeCheck check =
        checkWebSocketUpgrade(request.method, request.headers, m_services.config.publicOrigin);
    using Problem = WebSocketUpgradeCheck::Problem;
    switch (check.problem) {
    case Problem::NotUpgrade:
    case Problem::BadVersion:
        return upgradeRequired();
    case Problem::BadKey:
        return makeError(ErrorKind::BadRequest, u"The WebSocket key is not valid."_s);
    case Problem::BadOrigin:
        // Another site's page must not ride on a student's cookie (cross-site WebSocket
        // hijacking): only the Blockhaus origin may open the cloud connection.
        return makeError(ErrorKind::Forbidden,
                         u"Cloud variables can only be used from the Blockhaus editor."_s);
    case Problem::None:
        break;
    }
    Reply reply;
    reply.status = 101;
    reply.addHeader("Upgrade", "websocket");
    reply.addHeader("Connection", "Upgrade");
    reply.addHeader("Sec-WebSocket-Accept", check.acceptKey);
    // Runs in the server thread once the head is written; the hub may be gone at shutdown.
    reply.takeover = [hub = m_hub, caller, token = credentialsOf(request).token](
                         QTcpSocket *socket, QByteArray alreadyRead) {
        if (hub)
            hub->accept(socket, std::move(alreadyRead), caller, token);
        else
            delete socket;
    };
    return reply;
}

} // namespace Blockhaus::Http
