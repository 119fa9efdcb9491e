// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/dashboardwindow.h"

#include <QFormLayout>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {
QLabel *valueLabel(const QString &accessibleName)
{
    auto *label = new QLabel(u"\u2013"_s);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

DashboardWindow::DashboardWindow(const QStringList &joinUrls, quint16 port, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Blockhaus \u2013 port %1").arg(port));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *heading = new QLabel(tr("Students open this address in their browser:"));
    layout->addWidget(heading);
    auto *address = new QLabel(joinUrls.value(0));
    address->setAccessibleName(tr("Join address"));
    QFont big = address->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    address->setFont(big);
    address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(address);
    if (joinUrls.size() > 1) {
        auto *others = new QLabel(tr("Other addresses: %1").arg(joinUrls.mid(1).join(u", "_s)));
        others->setWordWrap(true);
        layout->addWidget(others);
    }
    auto *form = new QFormLayout;
    m_status = valueLabel(tr("Server status"));
    m_online = valueLabel(tr("Students online"));
    m_pool = valueLabel(tr("Database pool"));
    m_requests = valueLabel(tr("Requests"));
    m_conflicts = valueLabel(tr("Save conflicts"));
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Students online:"), m_online);
    form->addRow(tr("Database:"), m_pool);
    form->addRow(tr("Requests:"), m_requests);
    form->addRow(tr("Save conflicts:"), m_conflicts);
    layout->addLayout(form);
    layout->addStretch();
    setCentralWidget(central);
    resize(720, 400);
}

void DashboardWindow::showSnapshot(Live::LiveSnapshotPtr snapshot)
{
    if (!snapshot)
        return;
    const Db::PoolStats &pool = snapshot->pool;
    const bool healthy = pool.timeouts == 0 && snapshot->requests.errors5xx == 0;
    // Words, not colour alone, carry the state.
    m_status->setText(healthy ? tr("Running \u2013 all good")
                              : tr("Running \u2013 some requests failed"));
    m_online->setText(QString::number(snapshot->studentsOnline));
    m_pool->setText(
        tr("%1 of %2 connections busy, %3 waiting, wait p50 %4 ms / p99 %5 ms, %6 timeouts")
            .arg(pool.inUse)
            .arg(pool.size)
            .arg(pool.waiting)
            .arg(pool.acquireP50Ms, 0, 'f', 1)
            .arg(pool.acquireP99Ms, 0, 'f', 1)
            .arg(pool.timeouts));
    m_requests->setText(tr("%1 per second, %2 in total, %3 server errors")
                            .arg(snapshot->requests.requestsPerSecond, 0, 'f', 1)
                            .arg(snapshot->requests.total)
                            .arg(snapshot->requests.errors5xx));
    m_conflicts->setText(QString::number(snapshot->requests.conflicts));
}

} // namespace Blockhaus::Ui
