// SPDX-License-Identifier: AGPL-3.0-or-later
// LiveControlService: what the dashboard's "Live lesson" tab may ask of the server (#16) —
// pencils down and continue, send my project to everyone, collect everyone's work and export a
// collection. Like ClassroomService, app/ implements it over server/service/ on the database
// pool; every answer is a QFuture that finishes on a worker thread.
#pragma once

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>

#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

struct CollectionSummary
{
    qint64 id = 0;
    qint64 classId = 0;
    QDateTime collectedAt;
    int projectCount = 0;
};

class LiveControlService
{
public:
    virtual ~LiveControlService() = default;

    // The classes the dashboard may run a lesson in.
    virtual QFuture<Outcome<QList<ClassSummary>>> classes() = 0;
    // True while pencils down is on for the class.
    virtual QFuture<Outcome<bool>> pencilsDown(qint64 classId) = 0;
    virtual QFuture<Outcome<bool>> setPencilsDown(qint64 classId, bool down) = 0;
    // The dashboard account's own projects, to choose one to send.
    virtual QFuture<Outcome<QList<ProjectSummary>>> ownProjects() = 0;
    // Copies the project to every student of the class, once per pressId; the number of copies.
    virtual QFuture<Outcome<int>> sendToEveryone(qint64 classId, qint64 projectId,
                                                 const QString &pressId) = 0;
    virtual QFuture<Outcome<CollectionSummary>> collect(qint64 classId) = 0;
    // Writes the collection as one zip of .sb3 files to zipPath; the number of projects.
    virtual QFuture<Outcome<int>> exportCollection(qint64 collectionId, const QString &zipPath) = 0;
};

} // namespace Blockhaus::Ui
