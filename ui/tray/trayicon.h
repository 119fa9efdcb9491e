// SPDX-License-Identifier: AGPL-3.0-or-later
// TrayIcon: Blockhaus in the system tray while the window is closed. Its tooltip and menu title
// repeat the status line in words; the menu reopens the dashboard or stops the server.
#pragma once

#include <QSystemTrayIcon>

class QAction;

#include "ui/health/healthsummary.h"

namespace Blockhaus::Ui {

class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject *parent = nullptr);

    void showSummary(const HealthSummary &summary);
    // The icon: a small house whose roof carries the state's shape, drawn so no image file or
    // SVG module is needed.
    static QIcon iconFor(HealthSummary::Level level);

signals:
    void showDashboardRequested();
    void stopRequested();

private:
    HealthSummary::Level m_level = HealthSummary::Level::Good;
    QAction *m_status = nullptr;
};

} // namespace Blockhaus::Ui
