// SPDX-License-Identifier: AGPL-3.0-or-later
// Plain values of the classroom help queue and of feedback on projects (issue #16 parts 3, 4).
#pragma once

#include <QList>
#include <QString>

#include "server/core/types.h"

namespace Blockhaus::Core {

// A student's raised hand.
struct HelpRequest
{
    qint64 id = 0;
    UserRef student;
    qint64 projectId = 0; // 0: about no project (or the project is gone)
    QString projectTitle;
    QString question; // one line, may be empty
    QString createdAt; // stored time text (timetext.h)
    QString doneAt; // empty while open
    // 1 for the next in line among the open requests of the student's classes; 0 when done.
    int position = 0;
};

// One comment on a project.
struct ProjectComment
{
    qint64 id = 0;
    qint64 projectId = 0;
    UserRef author;
    QString text;
    QString createdAt; // stored time text
};

// The comments of one project as one reader sees them.
struct CommentThread
{
    QList<ProjectComment> comments; // oldest first
    qint64 lastReadId = 0; // the newest comment id this reader marked read
    int unread = 0; // comments by others after lastReadId
};

// A project of the reader's with comments on it: how many, and how many are unread.
struct ProjectFeedback
{
    qint64 projectId = 0;
    QString title;
    int comments = 0;
    int unread = 0;
    qint64 newestId = 0;
};

// Who a project belongs to and how the reader stands to its owner: what the feedback rules read.
struct ProjectAudience
{
    qint64 ownerId = 0;
    bool deleted = false;
    bool readerTeachesOwner = false; // a class the reader teaches has the owner as a member
};

} // namespace Blockhaus::Core
