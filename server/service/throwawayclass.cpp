// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/throwawayclass.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include "server/service/classroom.h"
#include "server/store/throwawaystore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;

namespace {

Result<Ok> requireAdmin(const Core::Caller &caller)
{
    if (!caller.isAdmin()) {
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "Only an administrator may run the capacity check."));
    }
    return Ok{};
}

QList<qint64> idsOf(const ThrowawayAccounts &accounts)
{
    QList<qint64> ids;
    ids.reserve(accounts.students.size());
    for (const Core::NewAccount &student : accounts.students)
        ids.append(student.id);
    return ids;
}

} // namespace

Result<ThrowawayAccounts> ThrowawayClass::create(Work &work, const Core::Caller &caller,
                                                 int students) const
{
    if (auto allowed = requireAdmin(caller); !allowed)
        return allowed.error();
    if (students < 1 || students > maxStudents) {
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "The check runs with 1 to %1 students."),
                         {QString::number(maxStudents)});
    }
    const Classroom classroom(m_auth);
    // Seconds and milliseconds keep two checks (and a teacher's own classes) apart.
    const QString name = u"Self-check %1"_s.arg(
        QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
    auto created = classroom.createClass(work, caller, name);
    if (!created)
        return created.error();
    ThrowawayAccounts accounts{created->id, created->name, {}};
    for (int first = 0; first < students; first += Classroom::maxNamesPerCall) {
        QStringList names;
        for (int i = first; i < std::min(students, first + Classroom::maxNamesPerCall); ++i)
            names.append(u"Self-check student %1"_s.arg(i + 1));
        auto added = classroom.addStudents(work, caller, accounts.classId, names);
        if (!added) {
            // All or none: what was made so far goes again.
            auto removed = remove(work, caller, accounts);
            Q_UNUSED(removed);
            return added.error();
        }
        accounts.students.append(*added);
    }
    return accounts;
}

Result<Ok> ThrowawayClass::remove(Work &work, const Core::Caller &caller,
                                  const ThrowawayAccounts &accounts) const
{
    if (auto allowed = requireAdmin(caller); !allowed)
        return allowed.error();
    return Store::ThrowawayStore::removeClassWithStudents(work.connection(), accounts.classId,
                                                          idsOf(accounts));
}

} // namespace Blockhaus::Service
