// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/help/helppanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPromise>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/help/helpmodel.h"
#include "ui/signedinbrowser.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

// QPromise rather than makeReadyFuture, whose overloads changed between Qt 6.4 and 6.8.
QFuture<void> finished()
{
    QPromise<void> done;
    done.start();
    done.finish();
    return done.future();
}

} // namespace

HelpPanel::HelpPanel(HelpQueueService *service, ClassroomService *classroom, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_classroom(classroom)
    , m_model(new HelpModel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(u"helpSummary"_s);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    m_view = new QTableView;
    m_view->setObjectName(u"helpQueue"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Students waiting for help"));
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    m_done = new QPushButton(tr("&Done"));
    m_done->setToolTip(tr("Take the chosen student out of the queue"));
    m_open = new QPushButton(tr("&Open read-only"));
    m_open->setToolTip(tr("Open the chosen student's project in the browser, read-only"));
    m_open->setVisible(m_classroom != nullptr);
    buttons->addWidget(m_done);
    buttons->addWidget(m_open);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HelpPanel::updateButtons);
    connect(m_done, &QPushButton::clicked, this, [this] { markDone(selectedRequestId()); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const int row = m_model->rowOf(selectedRequestId());
        if (row >= 0)
            openReadOnly(m_model->requests().at(row).projectId);
    });
    connect(m_view, &QTableView::activated, this, [this] { m_open->click(); });

    m_timer = new QTimer(this);
    m_timer->setInterval(refreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] { refresh(); });
    m_timer->start();
    show({});
    refresh();
}

qint64 HelpPanel::selectedRequestId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(HelpModel::IdRole).toLongLong();
}

QString HelpPanel::message() const
{
    return m_message->text();
}

QFuture<void> HelpPanel::refresh()
{
    if (m_loading) // the previous answer is still on its way: no pile-up behind a slow pool
        return finished();
    m_loading = true;
    return m_service->helpQueue().then(this,
                                       [this](const Outcome<QList<HelpRequestSummary>> &outcome) {
                                           m_loading = false;
                                           if (!outcome.ok()) {
                                               showMessage(outcome.error, true);
                                               return;
                                           }
                                           show(*outcome.value);
                                       });
}

void HelpPanel::show(const QList<HelpRequestSummary> &requests)
{
    const qint64 selected = selectedRequestId();
    m_model->setRequests(requests, QDateTime::currentDateTimeUtc());
    const int row = m_model->rowOf(selected);
    if (row >= 0)
        m_view->selectRow(row);
    const int count = int(requests.size());
    m_summary->setText(count == 0 ? tr("Nobody is waiting for help.")
                                  : tr("%n student(s) waiting for help.", "", count));
    if (count != m_count) {
        m_count = count;
        emit waitingCountChanged(count);
    }
    updateButtons();
}

QFuture<void> HelpPanel::markDone(qint64 requestId)
{
    const int row = m_model->rowOf(requestId);
    if (row < 0)
        return finished();
    const QString name = m_model->requests().at(row).studentName;
    m_done->setEnabled(false);
    return m_service->markHelpDone(requestId).then(
        this, [this, name](const Outcome<bool> &outcome) {
            if (!outcome.ok())
                showMessage(outcome.error, true);
            else
                showMessage(tr("%1 was helped.").arg(name));
            refresh();
            updateButtons();
        });
}

QFuture<void> HelpPanel::openReadOnly(qint64 projectId)
{
    if (!m_classroom || projectId <= 0)
        return finished();
    return openSignedIn(m_classroom, this, u"/editor?project="_s + QString::number(projectId),
                        [this](const QString &problem) { showMessage(problem, true); });
}

void HelpPanel::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setProperty("problem", problem);
}

void HelpPanel::updateButtons()
{
    const int row = m_model->rowOf(selectedRequestId());
    m_done->setEnabled(row >= 0);
    m_open->setEnabled(row >= 0 && m_model->requests().at(row).projectId > 0);
}

} // namespace Blockhaus::Ui
