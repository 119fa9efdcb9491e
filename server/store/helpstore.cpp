// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/helpstore.h"

#include <QCoreApplication>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

namespace {

// The columns of a request, then its place: open requests of students who share a class with
// its student, created before it or at the same time with a smaller id (itself included).
const QString requestColumns =
    u"SELECT h.id, h.student_id, u.username, u.display_name, COALESCE(h.project_id, 0), "
    "COALESCE(p.title, ''), h.question, h.created_at, COALESCE(h.done_at, ''), "
    "CASE WHEN h.done_at IS NULL THEN (SELECT COUNT(*) FROM help_requests o "
    "  WHERE o.done_at IS NULL "
    "  AND (o.created_at < h.created_at OR (o.created_at = h.created_at AND o.id <= h.id)) "
    "  AND EXISTS (SELECT 1 FROM memberships a JOIN memberships b ON b.group_id = a.group_id "
    "              WHERE a.user_id = h.student_id AND b.user_id = o.student_id)) "
    "ELSE 0 END "
    "FROM help_requests h JOIN users u ON u.id = h.student_id "
    "LEFT JOIN projects p ON p.id = h.project_id AND p.deleted_at IS NULL "_s;

Core::HelpRequest requestFromRow(const Sql &q)
{
    Core::HelpRequest request;
    request.id = q.value(0).toLongLong();
    request.student = {q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString()};
    request.projectId = q.value(5).toString().isEmpty() ? 0 : q.value(4).toLongLong();
    request.projectTitle = q.value(5).toString();
    request.question = q.value(6).toString();
    request.createdAt = q.value(7).toString();
    request.doneAt = q.value(8).toString();
    request.position = q.value(9).toInt();
    return request;
}

} // namespace

Result<bool> HelpStore::inAClass(Db::Connection &db, qint64 userId)
{
    Sql q(db, u"SELECT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?)"_s);
    q.bind(userId);
    if (!q.exec())
        return q.error();
    return q.next() && q.value(0).toBool();
}

Result<bool> HelpStore::raise(Db::Connection &db, qint64 studentId, qint64 projectId,
                              const QString &question)
{
    // A null QString would be bound as SQL NULL; "no question" is the empty text.
    const QString text = question.isNull() ? u""_s : question;
    return Db::writeTransaction<bool>(db, [&](Db::Connection &db) -> Result<bool> {
        // The unique partial index decides between concurrent raises: one inserts, the others
        // do nothing (PostgreSQL: wait for it, or fail serialization and run again).
        Sql insert(db,
                   u"INSERT INTO help_requests (student_id, project_id, question, created_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (student_id) WHERE done_at IS NULL "
                   "DO NOTHING"_s);
        insert.bind(studentId)
            .bind(projectId > 0 ? QVariant(projectId) : QVariant(QMetaType(QMetaType::LongLong)))
            .bind(text)
            .bind(Core::nowText());
        if (!insert.exec())
            return insert.error();
        if (insert.rowsAffected() > 0)
            return true;
        // Already open: the place stays; a new question or project replaces the old one.
        Sql update(
            db,
            u"UPDATE help_requests SET "
            "question = CASE WHEN CAST(? AS TEXT) <> '' THEN CAST(? AS TEXT) ELSE question END, "
            "project_id = CASE WHEN CAST(? AS BIGINT) > 0 THEN CAST(? AS BIGINT) ELSE project_id "
            "END "
            "WHERE student_id = ? AND done_at IS NULL"_s);
        update.bind(text).bind(text).bind(projectId).bind(projectId).bind(studentId);
        if (!update.exec())
            return update.error();
        return false;
    });
}

Result<bool> HelpStore::withdraw(Db::Connection &db, qint64 studentId)
{
    return Db::writeTransaction<bool>(db, [&](Db::Connection &db) -> Result<bool> {
        Sql q(db,
              u"UPDATE help_requests SET done_at = ?, done_by = ? "
              "WHERE student_id = ? AND done_at IS NULL"_s);
        q.bind(Core::nowText()).bind(studentId).bind(studentId);
        if (!q.exec())
            return q.error();
        return q.rowsAffected() > 0;
    });
}

Result<std::optional<Core::HelpRequest>> HelpStore::openRequest(Db::Connection &db,
                                                                qint64 studentId)
{
    Sql q(db, requestColumns + u"WHERE h.student_id = ? AND h.done_at IS NULL"_s);
    q.bind(studentId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<Core::HelpRequest>();
    return std::optional<Core::HelpRequest>(requestFromRow(q));
}

Result<QList<Core::HelpRequest>> HelpStore::queue(Db::Connection &db, qint64 callerId, bool all,
                                                  int limit)
{
    const QString scope = all
        ? u"WHERE h.done_at IS NULL AND CAST(? AS BIGINT) > 0 "_s
        : u"WHERE h.done_at IS NULL AND EXISTS (SELECT 1 FROM memberships t "
          "JOIN memberships s ON s.group_id = t.group_id "
          "WHERE t.user_id = ? AND t.teaches = 1 AND s.user_id = h.student_id) "_s;
    Sql q(db,
          requestColumns + scope + u"ORDER BY h.created_at, h.id LIMIT "_s
              + QString::number(limit));
    q.bind(callerId);
    if (!q.exec())
        return q.error();
    QList<Core::HelpRequest> requests;
    while (q.next())
        requests.append(requestFromRow(q));
    return requests;
}

Result<HelpRequestFacts> HelpStore::facts(Db::Connection &db, qint64 callerId, qint64 requestId)
{
    Sql q(db,
          u"SELECT h.student_id, h.done_at IS NOT NULL, "
          "EXISTS (SELECT 1 FROM memberships t JOIN memberships s ON s.group_id = t.group_id "
          "        WHERE t.user_id = ? AND t.teaches = 1 AND s.user_id = h.student_id) "
          "FROM help_requests h WHERE h.id = ?"_s);
    q.bind(callerId).bind(requestId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such help request."));
    return HelpRequestFacts{q.value(0).toLongLong(), q.value(1).toBool(), q.value(2).toBool()};
}

Result<Core::HelpRequest> HelpStore::markDone(Db::Connection &db, qint64 requestId, qint64 doneBy)
{
    return Db::writeTransaction<Core::HelpRequest>(
        db, [&](Db::Connection &db) -> Result<Core::HelpRequest> {
            Sql update(db,
                       u"UPDATE help_requests SET done_at = ?, done_by = ? "
                       "WHERE id = ? AND done_at IS NULL"_s);
            update.bind(Core::nowText()).bind(doneBy).bind(requestId);
            if (!update.exec())
                return update.error();
            Sql q(db, requestColumns + u"WHERE h.id = ?"_s);
            q.bind(requestId);
            if (!q.exec())
                return q.error();
            if (!q.next())
                return makeError(ErrorKind::NotFound,
                                 QT_TRANSLATE_NOOP("Sentence", "There is no such help request."));
            return requestFromRow(q);
        });
}

} // namespace Blockhaus::Store
