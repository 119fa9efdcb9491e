// SPDX-License-Identifier: AGPL-3.0-or-later
// ui/ owns the teacher's dashboard. DashboardWindow: a first, minimal window that shows the join
// address and live figures from snapshots (the full dashboard is issue #5).
#pragma once

#include <QLabel>
#include <QMainWindow>

#include "server/live/livetypes.h"

namespace Blockhaus::Ui {

class DashboardWindow : public QMainWindow
{
    Q_OBJECT

public:
    DashboardWindow(const QStringList &joinUrls, quint16 port, QWidget *parent = nullptr);

public slots:
    // Renders an immutable snapshot; never touches the database.
    void showSnapshot(Blockhaus::Live::LiveSnapshotPtr snapshot);

private:
    QLabel *m_status = nullptr;
    QLabel *m_online = nullptr;
    QLabel *m_pool = nullptr;
    QLabel *m_requests = nullptr;
    QLabel *m_conflicts = nullptr;
};

} // namespace Blockhaus::Ui
