// SPDX-License-Identifier: AGPL-3.0-or-later
// HelpPanel: the dashboard's "Help" tab (issue #16 part 3). The students' raised hands, oldest
// first (name, project, waiting time in words, question), a sentence with the count, "Done" and
// "Open read-only" (the project in this computer's browser, signed in, like the Projects tab).
// It asks the server again every few seconds; every call continues on the GUI thread, so the
// window never waits.
#pragma once

#include <QFuture>
#include <QWidget>

#include "ui/helpqueueservice.h"

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace Blockhaus::Ui {

class ClassroomService;
class HelpModel;

class HelpPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int refreshMs = 5000;

    // service must outlive the panel; classroom (for the signed-in browser link) may be null,
    // then "Open read-only" is not offered.
    explicit HelpPanel(HelpQueueService *service, ClassroomService *classroom = nullptr,
                       QWidget *parent = nullptr);

    // The steps behind the timer and the buttons, callable without clicks (tests).
    QFuture<void> refresh();
    QFuture<void> markDone(qint64 requestId);
    QFuture<void> openReadOnly(qint64 projectId);

    int waitingCount() const { return m_count; }
    qint64 selectedRequestId() const;
    HelpModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *doneButton() const { return m_done; }
    QPushButton *openButton() const { return m_open; }
    QString message() const; // the last status sentence shown

signals:
    // The number of students waiting changed (the window's tab title shows it).
    void waitingCountChanged(int count);

private:
    void show(const QList<HelpRequestSummary> &requests);
    void showMessage(const QString &text, bool problem = false);
    void updateButtons();

    HelpQueueService *m_service = nullptr;
    ClassroomService *m_classroom = nullptr;
    HelpModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_done = nullptr;
    QPushButton *m_open = nullptr;
    QTimer *m_timer = nullptr;
    int m_count = -1;
    bool m_loading = false;
};

} // namespace Blockhaus::Ui
