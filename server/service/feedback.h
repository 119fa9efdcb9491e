// SPDX-License-Identifier: AGPL-3.0-or-later
// Feedback: teachers' comments on any project of the students of the classes they teach (issue
// #16 part 4). The owner and those teachers (and admins) read them; each reader has a read
// marker, so a student sees how many comments are new, per project and in all.
#pragma once

#include <QList>
#include <QString>

#include "server/core/result.h"
#include "server/core/teachingtypes.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

class Feedback
{
public:
    // A comment is at most this many characters (after cleaning), and not blank.
    static constexpr int maxCommentLength = 2000;

    // A teacher of the owner (or an admin) comments; the owner's own project is not commented
    // by its owner. Line breaks stay, other control and format characters go.
    Result<Core::ProjectComment> comment(Work &work, const Core::Caller &caller, qint64 projectId,
                                         const QString &text) const;
    // The owner, a teacher of the owner or an admin: the comments and the caller's unread count.
    Result<Core::CommentThread> comments(Work &work, const Core::Caller &caller,
                                         qint64 projectId) const;
    // Marks the comments up to upTo (0: all) read for the caller; the same readers as comments().
    Result<Ok> markRead(Work &work, const Core::Caller &caller, qint64 projectId,
                        qint64 upTo) const;
    // The caller's own projects with comments, with unread counts.
    Result<QList<Core::ProjectFeedback>> mine(Work &work, const Core::Caller &caller) const;
};

} // namespace Blockhaus::Service
