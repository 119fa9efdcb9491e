// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreClassroomService: the dashboard's class and account management, carried out by the
// service layer (Service::Classroom, ...) on the database pool as the server's first
// administrator account.
#pragma once

// Header-only interface: app/ includes it by path and builds without blockhaus_ui as well.
#include "ui/classroomservice.h"
#include "ui/helpqueueservice.h"

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

// The teacher sitting at the machine that runs Blockhaus is trusted: every call acts as the
// admin account that ServerController creates at first start, through the same service calls
// (and so the same rules and bounds) as the HTTP API; this adapter only converts. Each call runs
// one job on the pool; SQL and password hashing never run on the calling (GUI) thread. Every future
// finishes, also when the pool refuses the job (busy), then with an error sentence.
class StoreClassroomService final : public Ui::ClassroomService, public Ui::HelpQueueService
{
public:
    // runner and auth (and live, when given) must outlive every job this service started; the
    // controller shuts the pool down, which waits for running jobs, before it destroys them.
    // live, if not null, adds the in-memory last-seen times (G10) to students().
    StoreClassroomService(Service::Runner &runner, Auth::AuthService &auth,
                          Live::LiveHub *live = nullptr);

    QFuture<Ui::Outcome<QList<Ui::ClassSummary>>> classes() override;
    QFuture<Ui::Outcome<QList<Ui::AssignmentSummary>>> assignments(qint64 classId) override;
    QFuture<Ui::Outcome<Ui::ClassSummary>> createClass(const QString &name) override;
    QFuture<Ui::Outcome<QList<Ui::StudentSummary>>> students(qint64 classId) override;
    QFuture<Ui::Outcome<QList<Ui::NewStudentAccount>>>
    addStudents(qint64 classId, const QStringList &names) override;
    QFuture<Ui::Outcome<QString>> resetPassword(qint64 userId) override;
    QFuture<Ui::Outcome<bool>> removeStudent(qint64 classId, qint64 userId) override;
    QFuture<Ui::Outcome<QList<Ui::ProjectSummary>>> studentProjects(qint64 userId,
                                                                    bool trash) override;
    QFuture<Ui::Outcome<QList<Ui::VersionSummary>>> versions(qint64 projectId) override;
    QFuture<Ui::Outcome<Ui::ProjectSummary>> restoreFromTrash(qint64 projectId) override;
    QFuture<Ui::Outcome<Ui::ProjectSummary>> restoreVersion(qint64 projectId, int version) override;
    // One job on the pool for the whole export (a worker is busy for its duration; the other
    // workers keep serving the students). Cancelling the future stops it between two projects
    // and removes what it wrote.
    QFuture<Ui::Outcome<int>> exportClass(qint64 classId, const QString &target,
                                          bool asZip) override;
    QFuture<Ui::Outcome<QUrl>> loginLink(const QString &nextPath) override;
    QFuture<Ui::Outcome<QList<Ui::TeacherSummary>>> teachers() override;
    QFuture<Ui::Outcome<Ui::OwnAccount>> createTeacher(const QString &displayName,
                                                       const QString &username) override;
    QFuture<Ui::Outcome<Ui::OwnAccount>>
    setOwnAccount(const QString &displayName, const std::optional<QString> &password) override;

    // The help queue (#16): every open request, as an admin sees it.
    QFuture<Ui::Outcome<QList<Ui::HelpRequestSummary>>> helpQueue() override;
    QFuture<Ui::Outcome<bool>> markHelpDone(qint64 requestId) override;

    // Where the browser on this computer reaches the server ("http://127.0.0.1:8601"), set once
    // the server listens; empty (the default) when it cannot, then loginLink() says so.
    void setLocalOrigin(const QString &origin) { m_localOrigin = origin; }

private:
    Service::Runner &m_runner;
    Auth::AuthService &m_auth;
    Live::LiveHub *m_live = nullptr;
    QString m_localOrigin;
};

} // namespace Blockhaus::App
