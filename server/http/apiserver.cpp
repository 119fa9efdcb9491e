// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/apiserver.h"

#include "server/http/assetshandler.h"
#include "server/http/assignmentshandler.h"
#include "server/http/backpackhandler.h"
#include "server/http/classeshandler.h"
#include "server/http/cloudhandler.h"
#include "server/http/eventstreams.h"
#include "server/http/feedbackhandler.h"
#include "server/http/helphandler.h"
#include "server/http/httpserver.h"
#include "server/http/libraryhandler.h"
#include "server/http/livehandler.h"
#include "server/http/projectshandler.h"
#include "server/http/schoolsigninhandler.h"
#include "server/http/servicehandler.h"
#include "server/http/sessionhandler.h"
#include "server/http/staticfiles.h"
#include "server/live/livehub.h"
#include "server/service/livecontrols.h"
#include "server/service/runner.h"

namespace Blockhaus::Http {

ApiServer::ApiServer(const Services &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_projects(std::make_unique<ProjectsHandler>(m_services))
    , m_assets(std::make_unique<AssetsHandler>(m_services))
    , m_library(std::make_unique<LibraryHandler>(m_services))
    , m_backpack(std::make_unique<BackpackHandler>(m_services))
    , m_session(std::make_unique<SessionHandler>(m_services))
    , m_schoolSignIn(std::make_unique<SchoolSignInHandler>(m_services))
    , m_classes(std::make_unique<ClassesHandler>(m_services))
    , m_help(std::make_unique<HelpHandler>(m_services))
    , m_feedback(std::make_unique<FeedbackHandler>(m_services))
    , m_assignments(std::make_unique<AssignmentsHandler>(m_services))
    , m_service(std::make_unique<ServiceHandler>(m_services))
    , m_streams(new EventStreams(m_services.live.classEvents(), m_services.config, this))
    , m_live(std::make_unique<LiveHandler>(m_services, m_streams))
    , m_cloud(std::make_unique<CloudHandler>(m_services))
    , m_static(std::make_unique<StaticFiles>(services.config.webRoot))
    , m_dispatcher(m_services)
{
    // API.md order: authentication, projects, assets (and the library behind them), backpack,
    // teachers, assignments (#16), service.
    Router &router = m_dispatcher.router();
    m_session->registerRoutes(router);
    m_schoolSignIn->registerRoutes(router);
    m_projects->registerRoutes(router);
    m_assets->registerRoutes(router);
    m_library->registerRoutes(router);
    m_backpack->registerRoutes(router);
    m_classes->registerRoutes(router);
    m_help->registerRoutes(router);
    m_feedback->registerRoutes(router);
    m_assignments->registerRoutes(router);
    m_service->registerRoutes(router);
    m_live->registerRoutes(router); // #16
    m_cloud->registerRoutes(router);
    router.setFallback([this](const RequestContext &context) {
        Reply reply = m_static->serve(context);
        StaticFiles::addPageSecurityHeaders(reply); // issue #12
        return reply;
    });
    m_server = new HttpServer(m_dispatcher, m_services.config, this);
    connect(m_server, &HttpServer::shuttingDown, m_streams, &EventStreams::closeAll);
    if (m_services.live.isShared()) {
        // Other processes on this database may press pencils down (#15 shared mode, #16).
        Service::Runner &runner = m_services.runner;
        m_streams->setSharedPoll([&runner]() {
            return runner.run<QList<Core::ClassLiveState>>(
                [](Service::Work &work) { return Service::LiveControls(nullptr).allStates(work); });
        });
    }
    // The cloud connections are the hub's, not the HTTP server's: it closes them (and writes
    // the last values) when the server shuts down.
    connect(m_server, &HttpServer::shuttingDown, m_cloud->hub(), &CloudHub::shutdown);
}

ApiServer::~ApiServer() = default;

quint16 ApiServer::listen(QString *errorText)
{
    m_server->setMaxPendingConnections(m_services.config.maxConnections);
    // The default backlog of 50 overflows when a whole class saves at once (dropped
    // connections, SYN cookies); the kernel caps this at net.core.somaxconn.
    m_server->setListenBacklogSize(1024);
    if (!m_server->listen(m_services.config.listenAddress, m_services.config.port)) {
        if (errorText)
            *errorText = m_server->errorString();
        return 0;
    }
    return m_server->serverPort();
}

void ApiServer::beginShutdown()
{
    m_server->beginShutdown();
}

bool ApiServer::hasActiveConnections() const
{
    return m_server->hasActiveConnections();
}

} // namespace Blockhaus::Http
