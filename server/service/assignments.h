// SPDX-License-Identifier: AGPL-3.0-or-later
// Assignments (#16): a teacher hands out a starter project (or an empty one) to a class; each
// student gets their own copy exactly once, hands it in, and gets it back with feedback. The
// bounds of what people type and who may do what are decided here, for both doors.
#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

// An assignment as typed by the teacher; cleaned and checked by the service.
struct AssignmentRequest
{
    QString title;
    QString instructions;
    QDateTime dueAt; // invalid: no due time
    bool allowContinue = false;
    qint64 starterProjectId = 0; // one of the teacher's own projects; 0: an empty project
};

class Assignments
{
public:
    static constexpr int maxTitleLength = 100;
    static constexpr int maxInstructionsLength = 5000;
    static constexpr int maxFeedbackLength = 5000;

    // Teachers (of the class; admin: any).
    Result<Core::Assignment> create(Work &work, const Core::Caller &caller, qint64 classId,
                                    const AssignmentRequest &request) const;
    Result<QList<Core::Assignment>> listForClass(Work &work, const Core::Caller &caller,
                                                 qint64 classId) const;
    Result<Core::Assignment> get(Work &work, const Core::Caller &caller, qint64 id) const;
    // Each student of the class gets their copy (once, however often it is handed out); how many
    // copies were made by this call.
    Result<int> handOut(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<QList<Core::AssignmentCopy>> grid(Work &work, const Core::Caller &caller,
                                             qint64 id) const;
    Result<Core::AssignmentCopy> returnCopy(Work &work, const Core::Caller &caller, qint64 id,
                                            qint64 studentId, const QString &feedback,
                                            std::optional<bool> allowContinue) const;

    // Students (of the class).
    Result<QList<Core::MyAssignment>> mine(Work &work, const Core::Caller &caller) const;
    Result<Core::MyAssignment> open(Work &work, const Core::Caller &caller, qint64 id) const;
    Result<Core::MyAssignment> handIn(Work &work, const Core::Caller &caller, qint64 id) const;

    // The assignment a project is a copy of, for whoever may read the project (the editor's
    // banner); nullopt when it is none.
    Result<std::optional<Core::MyAssignment>> ofProject(Work &work, const Core::Caller &caller,
                                                        qint64 projectId) const;

    // The empty project handed out when there is no starter: a stage with a plain backdrop.
    static QByteArray emptyProject();
    static Core::AssetData emptyBackdrop();
};

} // namespace Blockhaus::Service
