// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/feedback.h"

#include <QCoreApplication>

#include "server/store/commentstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Store::CommentStore;

namespace {

// Line breaks (as \n) stay; other control and format characters (bidi tricks) go; trimmed.
QString cleanComment(const QString &typed)
{
    QString clean;
    clean.reserve(typed.size());
    const QString text = QString(typed).replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    for (const QChar c : text) {
        if (c == u'\n' || c == u'\t'
            || (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format))
            clean += c;
    }
    return clean.trimmed();
}

Error noSuchProject()
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence", "There is no project with this number."));
}

// Who reads a project's comments: its owner, a teacher of the owner, an admin.
Result<Core::ProjectAudience> readableThread(Work &work, const Caller &caller, qint64 projectId)
{
    auto audience = CommentStore::audience(work.connection(), caller.userId, projectId);
    if (!audience)
        return audience.error();
    if (audience->deleted)
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "This project is in the trash."));
    const bool teacherSees =
        caller.isAdmin() || (caller.role == Core::Role::Teacher && audience->readerTeachesOwner);
    if (audience->ownerId != caller.userId && !teacherSees)
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "Only the owner and their teachers read the comments "
                                           "on this project."));
    return audience;
}

} // namespace

Result<Core::ProjectComment> Feedback::comment(Work &work, const Caller &caller, qint64 projectId,
                                               const QString &text) const
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only teachers comment on projects."));
    if (projectId <= 0)
        return noSuchProject();
    const QString clean = cleanComment(text);
    if (clean.isEmpty())
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence", "The comment is empty."));
    if (clean.size() > maxCommentLength)
        return makeError(
            ErrorKind::Unprocessable,
            QT_TRANSLATE_NOOP("Sentence", "A comment may be at most %1 characters long."),
            {QString::number(maxCommentLength)});
    auto audience = readableThread(work, caller, projectId);
    if (!audience)
        return audience.error();
    if (audience->ownerId == caller.userId && !caller.isAdmin())
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "Comments are for the projects of your students."));
    return CommentStore::add(work.connection(), projectId, caller.ref(), clean);
}

Result<Core::CommentThread> Feedback::comments(Work &work, const Caller &caller,
                                               qint64 projectId) const
{
    if (projectId <= 0)
        return noSuchProject();
    if (auto allowed = readableThread(work, caller, projectId); !allowed)
        return allowed.error();
    return CommentStore::thread(work.connection(), projectId, caller.userId);
}

Result<Ok> Feedback::markRead(Work &work, const Caller &caller, qint64 projectId, qint64 upTo) const
{
    if (projectId <= 0)
        return noSuchProject();
    if (upTo < 0)
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "up_to must be a comment number."));
    if (auto allowed = readableThread(work, caller, projectId); !allowed)
        return allowed.error();
    return CommentStore::markRead(work.connection(), projectId, caller.userId, upTo);
}

Result<QList<Core::ProjectFeedback>> Feedback::mine(Work &work, const Caller &caller) const
{
    return CommentStore::feedback(work.connection(), caller.userId);
}

} // namespace Blockhaus::Service
