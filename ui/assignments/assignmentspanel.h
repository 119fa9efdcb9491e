// SPDX-License-Identifier: AGPL-3.0-or-later
// AssignmentsPanel: the Assignments tab (#16). The assignments of the class chosen on the
// Students tab with how many of its students have handed in; assignments are made and marked
// on the teacher's web page, which "Open the teacher page" shows. Every call goes through
// ClassroomService and continues on the GUI thread; the window never waits.
#pragma once

#include <QFuture>
#include <QWidget>

#include "ui/classroomservice.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Blockhaus::Ui {

class AssignmentsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AssignmentsPanel(ClassroomService *service, QWidget *parent = nullptr);

    // Follows the Students tab; reloads the list.
    void setClass(qint64 classId, const QString &className);
    // Loads the list again; the future finishes when it is shown (or the error is).
    QFuture<void> reload();
    QTreeWidget *list() const { return m_list; }

private:
    void showOutcome(const Outcome<QList<AssignmentSummary>> &outcome);

    ClassroomService *m_service = nullptr;
    qint64 m_classId = 0;
    QString m_className;
    QLabel *m_heading = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_openPage = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace Blockhaus::Ui
