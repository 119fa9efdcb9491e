// SPDX-License-Identifier: AGPL-3.0-or-later
// HelpQueueService: what the dashboard's Help tab may ask of the server (issue #16 part 3): the
// open "I need help" requests and marking one done. Like ClassroomService, every answer is a
// QFuture finishing on a worker thread; app/ implements it over server/service/.
#pragma once

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>

#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

// One raised hand in the queue.
struct HelpRequestSummary
{
    qint64 id = 0;
    QString studentName;
    qint64 projectId = 0; // 0: about no project
    QString projectTitle;
    QString question; // may be empty
    QDateTime createdAt; // UTC
};

class HelpQueueService
{
public:
    virtual ~HelpQueueService() = default;

    // The open requests, oldest first.
    virtual QFuture<Outcome<QList<HelpRequestSummary>>> helpQueue() = 0;
    // Marks a request done (done twice is fine).
    virtual QFuture<Outcome<bool>> markHelpDone(qint64 requestId) = 0;
};

} // namespace Blockhaus::Ui
