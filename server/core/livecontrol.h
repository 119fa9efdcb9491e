// SPDX-License-Identifier: AGPL-3.0-or-later
// The plain values of the live classroom controls (#16): pencils down, a project sent to every
// student of a class, a collection of everyone's work.
#pragma once

#include <QList>
#include <QString>

#include "server/core/types.h"

namespace Blockhaus::Core {

// A class a user belongs to, as the event stream tells their pages.
struct LiveMembership
{
    qint64 classId = 0;
    QString name;
    bool teaches = false; // a teacher's pages are never paused
    bool pencilsDown = false;
};

struct ClassLiveState
{
    qint64 classId = 0;
    bool pencilsDown = false;
    QString changedAt; // stored time text; empty when never changed
};

struct SentCopy
{
    qint64 studentId = 0;
    qint64 projectId = 0;
};

struct SendResult
{
    qint64 sendId = 0;
    bool repeated = false; // the press was already done: nothing new was copied
    qint64 classId = 0;
    qint64 sourceProjectId = 0;
    QString title;
    UserRef sentBy;
    QList<SentCopy> copies;
};

struct CollectionItem
{
    UserRef student;
    qint64 sourceProjectId = 0;
    qint64 projectId = 0; // the collecting teacher's copy
    QString title;
};

struct Collection
{
    qint64 id = 0;
    qint64 classId = 0;
    QString collectedAt; // stored time text
    QList<CollectionItem> items;
};

} // namespace Blockhaus::Core
