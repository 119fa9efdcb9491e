// SPDX-License-Identifier: AGPL-3.0-or-later
// ui/ owns the teacher's dashboard. DashboardWindow: a status line that says in words whether all
// is well, and tabs for joining, who is online, save conflicts and server health. It renders the
// immutable snapshots the server publishes and never touches the database.
#pragma once

#include <QMainWindow>

#include "server/live/livetypes.h"
#include "ui/health/healthsummary.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace Blockhaus::Ui {

class ConflictModel;
class HealthPanel;
class JoinPanel;
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
    QTableView *onlineView() const { return m_onlineView; }
    QTableView *conflictView() const { return m_conflictView; }
    QLineEdit *conflictFilter() const { return m_conflictFilter; }

public slots:
    // Renders an immutable snapshot; never touches the database.
    void showSnapshot(Blockhaus::Live::LiveSnapshotPtr snapshot);

private:
    QWidget *makeJoinTab(const QStringList &joinUrls, quint16 port);
    void showProjector();
    QWidget *makeOnlineTab();
    QWidget *makeConflictsTab();
    void showSummary(const HealthSummary &summary);
    void updateConflictTabTitle();

    QLabel *m_status = nullptr;
    JoinPanel *m_join = nullptr;
    QTabWidget *m_tabs = nullptr;
    int m_conflictsTab = -1;
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
};

} // namespace Blockhaus::Ui
