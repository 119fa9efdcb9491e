// SPDX-License-Identifier: AGPL-3.0-or-later
// The options of a server run inside a test process (App::ServerController next to the widgets
// or services under test): loopback only, a free port, the given data folder, no library
// downloads, and the first admin's password set through the environment as the real app reads it.
// Header-only so that only suites linking blockhaus_app use it.
#pragma once

#include <memory>

#include <QString>
#include <QTemporaryDir>

#include "app/options.h"
#include "app/servercontroller.h"

namespace Blockhaus::Test {

inline App::Options inProcessServerOptions(const QString &dataDir, const QString &adminPassword)
{
    qputenv("BLOCKHAUS_ADMIN_PASSWORD", adminPassword.toUtf8());
    App::Options options;
    options.listen = QHostAddress::LocalHost;
    options.port = 0;
    options.dataDir = dataDir;
    options.libraryUpstream = QStringLiteral("none");
    return options;
}

// A server with the dashboard's services in the test process, in a data folder of its own:
// start() in initTestCase, stop() in cleanupTestCase, `->` for the controller in between.
class InProcessServer
{
public:
    bool start(const QString &adminPassword)
    {
        if (!m_dataDir.isValid()) {
            m_error = QStringLiteral("no temporary data folder");
            return false;
        }
        App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
        options.headless = false;
        m_server = std::make_unique<App::ServerController>(options);
        return m_server->start(&m_error);
    }
    void stop()
    {
        if (m_server)
            m_server->stop();
    }
    QString error() const { return m_error; }
    QString dataDir() const { return m_dataDir.path(); }
    App::ServerController *operator->() const { return m_server.get(); }
    App::ServerController &operator*() const { return *m_server; }
    App::ServerController *get() const { return m_server.get(); }

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<App::ServerController> m_server;
    QString m_error;
};

} // namespace Blockhaus::Test
