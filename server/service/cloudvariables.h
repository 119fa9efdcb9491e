// SPDX-License-Identifier: AGPL-3.0-or-later
// CloudVariables: the rules of classroom cloud variables (issue #16 part 5) — who may use a
// project's variables, what a name and a value may be, how many a project may have and how fast
// a connection may change them — and their storage. The cloud hub in http/ (the WebSocket door)
// asks here; it decides nothing itself.
#pragma once

#include <optional>

#include <QJsonValue>
#include <QList>
#include <QString>

#include "server/core/cloudvariable.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

class CloudVariables
{
public:
    // The limits of Scratch's own cloud server.
    static constexpr int maxVariables = 10; // per project
    static constexpr int maxValueLength = 256; // characters of a value (Scratch: 256 digits)
    static constexpr int maxNameLength = 128; // characters of a name, "☁ " included
    // Sustained updates per connection and second, with a burst of as many; beyond it a set is
    // dropped (the connection stays: the editor itself sends at most this many).
    static constexpr int maxUpdatesPerSecond = 10;

    // A cloud variable's name: "☁ " and at least one more character, at most maxNameLength,
    // no control characters.
    static bool isValidName(const QString &name);
    // A value as the client sent it, a JSON number or a string holding a decimal number (Scratch
    // accepts only numbers), as the text to store and send; nullopt when it is not one or is
    // longer than maxValueLength.
    static std::optional<QString> valueText(const QJsonValue &value);

    // True when the caller may read the project and shares a class with its owner (the
    // students of the owner's class and its teachers): the editor enables cloud variables then.
    Result<bool> available(Work &work, const Core::Caller &caller, qint64 projectId) const;
    // A connection joins a project's variables: NotFound when the caller cannot read the
    // project, Forbidden when they share no class with its owner; else the current values.
    Result<QList<Core::CloudValue>> join(Work &work, const Core::Caller &caller,
                                         qint64 projectId) const;
    // A batch of changes the hub accepted, in one transaction (G10: one write per flush).
    Result<Ok> apply(Work &work, const QList<Core::CloudChange> &changes) const;
};

} // namespace Blockhaus::Service
