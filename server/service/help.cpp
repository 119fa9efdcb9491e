// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/help.h"

#include <QCoreApplication>

#include "server/core/text.h"
#include "server/store/commentstore.h"
#include "server/store/helpstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Store::HelpStore;

namespace {

// One line: line breaks and tabs become spaces, control and format characters go.
Result<QString> cleanQuestion(const QString &typed)
{
    if (typed.size() > Help::maxQuestionLength) {
        return makeError(
            ErrorKind::Unprocessable,
            QT_TRANSLATE_NOOP("Sentence", "A question may be at most %1 characters long."),
            {QString::number(Help::maxQuestionLength)});
    }
    QString line = typed;
    for (QChar &c : line) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return Core::cleanTitle(line, QString());
}

Result<Ok> requireTeacher(const Caller &caller)
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only teachers see the help queue."));
    return Ok{};
}

} // namespace

Result<RaisedHelp> Help::raise(Work &work, const Caller &caller, qint64 projectId,
                               const QString &question) const
{
    if (caller.role != Core::Role::Student)
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only students ask for help here."));
    auto line = cleanQuestion(question);
    if (!line)
        return line.error();
    auto inClass = HelpStore::inAClass(work.connection(), caller.userId);
    if (!inClass)
        return inClass.error();
    if (!*inClass)
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "You are not in a class, so no teacher would see "
                                           "your request."));
    if (projectId != 0) {
        auto project = Store::CommentStore::audience(work.connection(), caller.userId, projectId);
        if (!project)
            return project.error();
        if (project->ownerId != caller.userId)
            return makeError(ErrorKind::Forbidden,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "You can only ask for help with your own "
                                               "projects."));
        if (project->deleted)
            return makeError(ErrorKind::NotFound,
                             QT_TRANSLATE_NOOP("Sentence", "This project is in the trash."));
    }
    auto opened = HelpStore::raise(work.connection(), caller.userId, projectId, *line);
    if (!opened)
        return opened.error();
    auto request = HelpStore::openRequest(work.connection(), caller.userId);
    if (!request)
        return request.error();
    if (!*request) // marked done in between: the next raise opens a new one
        return makeError(
            ErrorKind::PreconditionFailed,
            QT_TRANSLATE_NOOP("Sentence", "Your teacher has just marked your request done."));
    return RaisedHelp{**request, *opened};
}

Result<Ok> Help::withdraw(Work &work, const Caller &caller) const
{
    auto withdrawn = HelpStore::withdraw(work.connection(), caller.userId);
    if (!withdrawn)
        return withdrawn.error();
    return Ok{};
}

Result<std::optional<Core::HelpRequest>> Help::mine(Work &work, const Caller &caller) const
{
    return HelpStore::openRequest(work.connection(), caller.userId);
}

Result<QList<Core::HelpRequest>> Help::queue(Work &work, const Caller &caller) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return HelpStore::queue(work.connection(), caller.userId, caller.isAdmin(), maxQueue);
}

Result<Core::HelpRequest> Help::markDone(Work &work, const Caller &caller, qint64 id) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    auto facts = HelpStore::facts(work.connection(), caller.userId, id);
    if (!facts)
        return facts.error();
    if (!caller.isAdmin() && !facts->callerTeachesStudent)
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "This student is not in a class you teach."));
    return HelpStore::markDone(work.connection(), id, caller.userId);
}

} // namespace Blockhaus::Service
