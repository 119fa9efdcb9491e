// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreLiveControlService: the dashboard's "Live lesson" tab (#16), carried out by
// Service::LiveControls on the database pool as the server's first administrator account, the
// same operations and rules as the HTTP routes.
#pragma once

// Header-only interface: app/ includes it by path and builds without blockhaus_ui as well.
#include "ui/livecontrolservice.h"

namespace Blockhaus::Service {
class Runner;
}
namespace Blockhaus::Auth {
class AuthService;
}
namespace Blockhaus::Live {
class LiveHub;
}

namespace Blockhaus::App {

class StoreLiveControlService final : public Ui::LiveControlService
{
public:
    // runner, auth and live must outlive every job this service started (see
    // StoreClassroomService).
    StoreLiveControlService(Service::Runner &runner, Auth::AuthService &auth, Live::LiveHub *live);

    QFuture<Ui::Outcome<QList<Ui::ClassSummary>>> classes() override;
    QFuture<Ui::Outcome<bool>> pencilsDown(qint64 classId) override;
    QFuture<Ui::Outcome<bool>> setPencilsDown(qint64 classId, bool down) override;
    QFuture<Ui::Outcome<QList<Ui::ProjectSummary>>> ownProjects() override;
    QFuture<Ui::Outcome<int>> sendToEveryone(qint64 classId, qint64 projectId,
                                             const QString &pressId) override;
    QFuture<Ui::Outcome<Ui::CollectionSummary>> collect(qint64 classId) override;
    QFuture<Ui::Outcome<int>> exportCollection(qint64 collectionId,
                                               const QString &zipPath) override;

private:
    Service::Runner &m_runner;
    Auth::AuthService &m_auth;
    Live::LiveHub *m_live;
};

} // namespace Blockhaus::App
