// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/throwawaystore.h"

#include <QCoreApplication>

#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

Result<Ok> run(Db::Connection &db, const QString &text, qint64 id)
{
    Sql q(db, text);
    q.bind(id);
    if (!q.exec())
        return q.error();
    return Ok{};
}

// A student whose only class is classId.
Result<bool> isThrowawayStudent(Db::Connection &db, qint64 classId, qint64 userId)
{
    Sql q(db,
          u"SELECT u.role, (SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id), "
          "(SELECT COUNT(*) FROM memberships m WHERE m.user_id = u.id AND m.group_id = ?) "
          "FROM users u WHERE u.id = ?"_s);
    q.bind(classId).bind(userId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return false;
    return q.value(0).toString() == u"student"_s && q.value(1).toInt() == 1
        && q.value(2).toInt() == 1;
}

} // namespace

Result<Ok> ThrowawayStore::removeClassWithStudents(Db::Connection &db, qint64 classId,
                                                   const QList<qint64> &studentIds)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        for (const qint64 id : studentIds) {
            auto throwaway = isThrowawayStudent(db, classId, id);
            if (!throwaway)
                return throwaway.error();
            if (!*throwaway)
                return makeError(ErrorKind::Unprocessable,
                                 QT_TRANSLATE_NOOP("Sentence",
                                                   "An account of the check's class also belongs "
                                                   "elsewhere, so nothing was removed."));
        }
        for (const qint64 id : studentIds) {
            // Projects first: their versions, thumbnails and shares cascade (the storage
            // triggers take their bytes off before). Assets are shared by content and stay; they
            // only forget who stored them first.
            const QString statements[] = {
                u"DELETE FROM projects WHERE owner_id = ?"_s,
                u"UPDATE assets SET created_by = NULL WHERE created_by = ?"_s,
                u"DELETE FROM users WHERE id = ?"_s, // sessions, memberships, backpack cascade
            };
            for (const QString &statement : statements) {
                if (auto done = run(db, statement, id); !done)
                    return done.error();
            }
        }
        return run(db, u"DELETE FROM groups WHERE id = ?"_s, classId);
    });
}

} // namespace Blockhaus::Store
