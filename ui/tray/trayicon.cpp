// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/tray/trayicon.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

TrayIcon::TrayIcon(QObject *parent)
    : QSystemTrayIcon(iconFor(HealthSummary::Level::Good), parent)
{
    auto *menu = new QMenu;
    m_status = menu->addAction(tr("Blockhaus is starting"));
    m_status->setEnabled(false);
    menu->addSeparator();
    connect(menu->addAction(tr("Show the dashboard")), &QAction::triggered, this,
            &TrayIcon::showDashboardRequested);
    connect(menu->addAction(tr("Stop Blockhaus")), &QAction::triggered, this,
            &TrayIcon::stopRequested);
    setContextMenu(menu);
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            emit showDashboardRequested();
    });
    setToolTip(tr("Blockhaus"));
}

void TrayIcon::showSummary(const HealthSummary &summary)
{
    const QString text = tr("Blockhaus: %1 \u2013 %2").arg(summary.headline, summary.detail);
    setToolTip(text);
    m_status->setText(text);
    if (summary.level != m_level) {
        m_level = summary.level;
        setIcon(iconFor(m_level));
    }
}

QIcon TrayIcon::iconFor(HealthSummary::Level level)
{
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        // The house: purple walls, orange roof (the web pages' logo, simplified).
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0x5a, 0x32, 0xa3));
        painter.drawRoundedRect(QRectF(s * 0.18, s * 0.45, s * 0.64, s * 0.5), s * 0.06, s * 0.06);
        QPainterPath roof;
        roof.moveTo(s * 0.06, s * 0.5);
        roof.lineTo(s * 0.5, s * 0.08);
        roof.lineTo(s * 0.94, s * 0.5);
        roof.closeSubpath();
        painter.setBrush(QColor(0xf5, 0x8a, 0x1f));
        painter.drawPath(roof);
        // The state's shape in the wall: none when all is good, a triangle, a square.
        painter.setBrush(Qt::white);
        const QRectF mark(s * 0.36, s * 0.56, s * 0.28, s * 0.28);
        if (level == HealthSummary::Level::Warning) {
            QPainterPath triangle;
            triangle.moveTo(mark.center().x(), mark.top());
            triangle.lineTo(mark.right(), mark.bottom());
            triangle.lineTo(mark.left(), mark.bottom());
            triangle.closeSubpath();
            painter.drawPath(triangle);
        } else if (level == HealthSummary::Level::Problem) {
            painter.drawRect(mark);
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace Blockhaus::Ui
