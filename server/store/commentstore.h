// SPDX-License-Identifier: AGPL-3.0-or-later
// CommentStore: comments on projects and how far each reader has read them (tables
// project_comments and comment_reads, issue #16 part 4).
#pragma once

#include "server/core/result.h"
#include "server/core/teachingtypes.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

class CommentStore
{
public:
    // A thread holds at most this many comments (the newest); older ones are not listed.
    static constexpr int maxListed = 500;

    // Who owns the project, whether it is in the trash and whether the reader teaches its owner;
    // NotFound when there is no such project.
    static Result<Core::ProjectAudience> audience(Db::Connection &db, qint64 readerId,
                                                  qint64 projectId);
    // Adds a comment by authorId, in one statement that finds the project not in the trash
    // (NotFound otherwise, nothing written).
    static Result<Core::ProjectComment> add(Db::Connection &db, qint64 projectId,
                                            const Core::UserRef &author, const QString &text);
    // The project's comments (oldest first) with the reader's read marker and unread count.
    static Result<Core::CommentThread> thread(Db::Connection &db, qint64 projectId,
                                              qint64 readerId);
    // Moves the reader's marker forward to upTo (never past the newest comment, never back);
    // upTo 0: to the newest comment.
    static Result<Ok> markRead(Db::Connection &db, qint64 projectId, qint64 readerId, qint64 upTo);
    // The owner's projects (not in the trash) that have comments, newest comment first.
    static Result<QList<Core::ProjectFeedback>> feedback(Db::Connection &db, qint64 ownerId);
};

} // namespace Blockhaus::Store
