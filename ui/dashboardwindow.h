// SPDX-License-Identifier: AGPL-3.0-or-later
// ui/ owns the teacher's dashboard. DashboardWindow: a status line that says in words whether all
// is well, and tabs for joining, who is online, save conflicts and server health. It renders the
// immutable snapshots the server publishes and never touches the database.
#pragma once

#include <functional>

#include <QMainWindow>

#include "server/live/livetypes.h"
#include "ui/health/healthsummary.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace Blockhaus::App {
class AppSettings;
}

namespace Blockhaus::Ui {

class AssignmentsPanel;
class ConflictModel;
class HealthPanel;
class ClassroomService;
class HelpPanel;
class HelpQueueService;
class MaintenanceService;
class ProjectsPanel;
class SettingsPanel;
class JoinPanel;
class LiveControlService;
class LivePanel;
class StudentsPanel;
class OnlineModel;

class DashboardWindow : public QMainWindow
{
    Q_OBJECT

public:
    DashboardWindow(const QStringList &joinUrls, quint16 port, QWidget *parent = nullptr);

    // For tests and assistive technology: what the window currently says.
    HealthSummary healthSummary() const { return m_summary; }
    QString statusText() const;
    QTabWidget *tabs() const { return m_tabs; }
    HealthPanel *healthPanel() const { return m_health; }
    JoinPanel *joinPanel() const { return m_join; }
    StudentsPanel *studentsPanel() const { return m_students; }

    // Adds the Students tab (classes, roster, accounts, login cards) over this service, which
    // must outlive the window. Without it the window only shows live figures.
    void setClassroomService(ClassroomService *service);
    // Adds the Help tab (the students' raised hands, #16) over this service, which must outlive
    // the window; its title says how many are waiting. After setClassroomService(), "Open
    // read-only" opens projects in the browser signed in.
    void setHelpQueueService(HelpQueueService *service);
    HelpPanel *helpPanel() const { return m_help; }
    // Adds the Settings tab (port, data folder, language, autostart, backup). Both must outlive
    // the window.
    void setMaintenanceService(MaintenanceService *service, App::AppSettings *settings);
    SettingsPanel *settingsPanel() const { return m_settings; }
    // Adds the "Live lesson" tab (#16: pencils down, send to everyone, collect) over this
    // service, which must outlive the window.
    void setLiveControlService(LiveControlService *service);
    LivePanel *livePanel() const { return m_livePanel; }
    ProjectsPanel *projectsPanel() const { return m_projects; }
    AssignmentsPanel *assignmentsPanel() const { return m_assignments; }
    QTableView *onlineView() const { return m_onlineView; }
    QTableView *conflictView() const { return m_conflictView; }
    QLineEdit *conflictFilter() const { return m_conflictFilter; }

    // What closing the window means. With a tray the teacher may keep the server running;
    // without one, closing stops it. The decider asks (a dialog by default; tests set one).
    enum class CloseChoice { KeepRunning, Stop, Cancel };
    void setCloseDecider(std::function<CloseChoice(bool trayAvailable)> decider);
    void setTrayAvailable(bool available) { m_trayAvailable = available; }
    // From now on a close stops without the question: the session is ending or a service
    // manager sent a signal, and nobody is there to answer (#12). The server is stopped by the
    // caller; stopRequested is not emitted.
    void closeWithoutAsking() { m_stopping = true; }

signals:
    // The teacher chose to stop the server (students lose their connection).
    void stopRequested();

public slots:
    // Renders an immutable snapshot; never touches the database.
    void showSnapshot(Blockhaus::Live::LiveSnapshotPtr snapshot);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    CloseChoice askAboutClosing(bool trayAvailable);
    QWidget *makeJoinTab(const QStringList &joinUrls, quint16 port);
    void showProjector();
    void offerWelcome();
    QWidget *makeOnlineTab();
    QWidget *makeConflictsTab();
    void showSummary(const HealthSummary &summary);
    void updateConflictTabTitle();
    void updateHelpTabTitle(int waiting);

    QLabel *m_status = nullptr;
    JoinPanel *m_join = nullptr;
    StudentsPanel *m_students = nullptr;
    ClassroomService *m_classroom = nullptr;
    SettingsPanel *m_settings = nullptr;
    ProjectsPanel *m_projects = nullptr;
    HelpPanel *m_help = nullptr;
    AssignmentsPanel *m_assignments = nullptr;
    LivePanel *m_livePanel = nullptr;
    QTabWidget *m_tabs = nullptr;
    int m_conflictsTab = -1;
    QWidget *m_conflictsPage = nullptr;
    OnlineModel *m_onlineModel = nullptr;
    QSortFilterProxyModel *m_onlineFilter = nullptr;
    QTableView *m_onlineView = nullptr;
    ConflictModel *m_conflictModel = nullptr;
    QSortFilterProxyModel *m_conflictProxy = nullptr;
    QTableView *m_conflictView = nullptr;
    QLineEdit *m_conflictFilter = nullptr;
    HealthPanel *m_health = nullptr;
    HealthSummary m_summary;
    Live::LiveSnapshotPtr m_previous;
    std::function<CloseChoice(bool)> m_closeDecider;
    bool m_trayAvailable = false;
    bool m_stopping = false;
    bool m_welcomeOffered = false;
};

} // namespace Blockhaus::Ui
