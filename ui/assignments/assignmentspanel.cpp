// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/assignments/assignmentspanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPromise>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/signedinbrowser.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

AssignmentsPanel::AssignmentsPanel(ClassroomService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    auto *layout = new QVBoxLayout(this);
    m_heading = new QLabel(tr("Choose a class on the Students tab."), this);
    m_heading->setWordWrap(true);
    layout->addWidget(m_heading);

    m_list = new QTreeWidget(this);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Assignment"), tr("Due"), tr("Handed in")});
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Assignments"));
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setAccessibleName(tr("Columns"));
    layout->addWidget(m_list, 1);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_openPage = new QPushButton(tr("Make and mark assignments in the &browser"), this);
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(m_openPage);
    layout->addLayout(buttons);
    m_refresh->setAccessibleName(tr("Refresh the assignments"));
    m_openPage->setAccessibleName(tr("Make and mark assignments on the teacher page"));
    m_refresh->setEnabled(false);

    connect(m_refresh, &QPushButton::clicked, this, [this] { reload(); });
    connect(m_openPage, &QPushButton::clicked, this, [this] {
        openSignedIn(m_service, this, u"/teacher"_s, [this](const QString &problem) {
            m_message->setText(problem);
            m_message->show();
        });
    });
}

void AssignmentsPanel::setClass(qint64 classId, const QString &className)
{
    m_classId = classId;
    m_className = className;
    m_refresh->setEnabled(classId > 0);
    reload();
}

QFuture<void> AssignmentsPanel::reload()
{
    if (m_classId <= 0) {
        m_list->clear();
        m_heading->setText(tr("Choose a class on the Students tab."));
        QPromise<void> done; // QPromise: makeReadyFuture's overloads differ in Qt 6.4 and 6.8
        done.start();
        done.finish();
        return done.future();
    }
    m_heading->setText(tr("Assignments of class %1").arg(m_className));
    return m_service->assignments(m_classId).then(
        this, [this](const Outcome<QList<AssignmentSummary>> &outcome) { showOutcome(outcome); });
}

void AssignmentsPanel::showOutcome(const Outcome<QList<AssignmentSummary>> &outcome)
{
    m_list->clear();
    if (!outcome.ok()) {
        m_message->setText(outcome.error);
        m_message->show();
        return;
    }
    m_message->hide();
    const QLocale locale;
    for (const AssignmentSummary &assignment : *outcome.value) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, assignment.title);
        item->setData(0, Qt::UserRole, assignment.id);
        item->setText(1,
                      assignment.dueAt.isValid()
                          ? locale.toString(assignment.dueAt.toLocalTime(), QLocale::ShortFormat)
                          : tr("no due time"));
        item->setText(2,
                      assignment.handedOut
                          ? tr("%1 of %2").arg(assignment.handedIn).arg(assignment.students)
                          : tr("not handed out yet"));
    }
    if (outcome.value->isEmpty()) {
        m_message->setText(tr("No assignments in this class yet."));
        m_message->show();
    }
}

} // namespace Blockhaus::Ui
