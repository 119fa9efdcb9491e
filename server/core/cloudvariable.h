// SPDX-License-Identifier: AGPL-3.0-or-later
// The vocabulary of classroom cloud variables (issue #16 part 5) shared by the store, the
// service and the cloud hub in http/: a variable's value and one change to it.
#pragma once

#include <QString>

namespace Blockhaus::Core {

struct CloudValue
{
    QString name; // "☁ score"
    QString value; // a number as text, at most CloudVariables::maxValueLength characters
};

// One change to a project's variables, as the cloud hub batches them for the database.
struct CloudChange
{
    enum class Kind { Set, Delete, Rename };
    Kind kind = Kind::Set;
    qint64 projectId = 0;
    QString name;
    QString value; // Set
    QString newName; // Rename
};

} // namespace Blockhaus::Core
