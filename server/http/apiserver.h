// SPDX-License-Identifier: AGPL-3.0-or-later
// ApiServer wires the route table (all handlers) to an HTTP server. Create it in the thread
// that should run the server; it never blocks that thread.
#pragma once

#include <memory>

#include <QObject>

#include "server/http/dispatcher.h"
#include "server/http/services.h"

namespace Blockhaus::Http {

class HttpServer;
class ProjectsHandler;
class AssetsHandler;
class LibraryHandler;
class BackpackHandler;
class SessionHandler;
class SchoolSignInHandler;
class AssignmentsHandler;
class ClassesHandler;
class FeedbackHandler;
class HelpHandler;
class ServiceHandler;
class LiveHandler;
class EventStreams;
class CloudHandler;
class StaticFiles;

class ApiServer : public QObject
{
    Q_OBJECT

public:
    explicit ApiServer(const Services &services, QObject *parent = nullptr);
    ~ApiServer() override;

    // Starts listening; returns the port (useful with port 0) or 0 with an error text.
    quint16 listen(QString *errorText);
    // Stops accepting and closes idle connections; in-flight requests still get their answers.
    void beginShutdown();
    bool hasActiveConnections() const;
    // The complete route table, read-only (for tests that must cover every route).
    const Router &router() const { return m_dispatcher.router(); }

private:
    Services m_services;
    std::unique_ptr<ProjectsHandler> m_projects;
    std::unique_ptr<AssetsHandler> m_assets;
    std::unique_ptr<LibraryHandler> m_library;
    std::unique_ptr<BackpackHandler> m_backpack;
    std::unique_ptr<SessionHandler> m_session;
    std::unique_ptr<SchoolSignInHandler> m_schoolSignIn;
    std::unique_ptr<ClassesHandler> m_classes;
    std::unique_ptr<HelpHandler> m_help; // issue #16 part 3
    std::unique_ptr<FeedbackHandler> m_feedback; // issue #16 part 4
    std::unique_ptr<AssignmentsHandler> m_assignments;
    std::unique_ptr<ServiceHandler> m_service;
    EventStreams *m_streams = nullptr; // a child: lives in this (the server) thread
    std::unique_ptr<LiveHandler> m_live;
    std::unique_ptr<CloudHandler> m_cloud;
    std::unique_ptr<StaticFiles> m_static;
    Dispatcher m_dispatcher;
    HttpServer *m_server = nullptr;
};

} // namespace Blockhaus::Http
