// SPDX-License-Identifier: AGPL-3.0-or-later
// Help: the "I need help" queue of both doors (issue #16 part 3). A student raises a hand (at
// most one open request, however often they click), sees their place among the open requests of
// their classes and may withdraw; a teacher sees the queue of the classes they teach (an admin:
// everyone's) and marks a request done.
#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "server/core/result.h"
#include "server/core/teachingtypes.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

// The student's request after a raise, and whether this raise opened it.
struct RaisedHelp
{
    Core::HelpRequest request;
    bool opened = false;
};

class Help
{
public:
    // A question is one line of at most this many characters.
    static constexpr int maxQuestionLength = 200;
    // A teacher's queue lists at most this many requests.
    static constexpr int maxQueue = 500;

    // Students in a class only. projectId 0: about no project; else one of the caller's own
    // projects not in the trash. question: one line (line breaks become spaces), may be empty.
    Result<RaisedHelp> raise(Work &work, const Core::Caller &caller, qint64 projectId,
                             const QString &question) const;
    // Withdraws the caller's open request; nothing to withdraw is fine too.
    Result<Ok> withdraw(Work &work, const Core::Caller &caller) const;
    // The caller's open request with its place, if any.
    Result<std::optional<Core::HelpRequest>> mine(Work &work, const Core::Caller &caller) const;
    // Teachers and admins: the open requests they can act on, oldest first.
    Result<QList<Core::HelpRequest>> queue(Work &work, const Core::Caller &caller) const;
    // A teacher of the student (or an admin) marks the request done; done twice is fine.
    Result<Core::HelpRequest> markDone(Work &work, const Core::Caller &caller, qint64 id) const;
};

} // namespace Blockhaus::Service
