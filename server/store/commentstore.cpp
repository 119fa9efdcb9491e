// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/commentstore.h"

#include <QCoreApplication>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<Core::ProjectAudience> CommentStore::audience(Db::Connection &db, qint64 callerId,
                                                     qint64 projectId)
{
    Sql q(db,
          u"SELECT p.owner_id, p.deleted_at IS NOT NULL, "
          "EXISTS (SELECT 1 FROM memberships t JOIN memberships o ON o.group_id = t.group_id "
          "        WHERE t.user_id = ? AND t.teaches = 1 AND o.user_id = p.owner_id) "
          "FROM projects p WHERE p.id = ?"_s);
    q.bind(callerId).bind(projectId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no project with this number."));
    return Core::ProjectAudience{q.value(0).toLongLong(), q.value(1).toBool(), q.value(2).toBool()};
}

Result<Core::ProjectComment> CommentStore::add(Db::Connection &db, qint64 projectId,
                                               const Core::UserRef &author, const QString &text)
{
    return Db::writeTransaction<Core::ProjectComment>(
        db, [&](Db::Connection &db) -> Result<Core::ProjectComment> {
            const QString now = Core::nowText();
            // From the projects row: a project trashed or purged meanwhile gets no comment.
            Sql insert(db,
                       u"INSERT INTO project_comments (project_id, author_id, body, created_at) "
                       "SELECT id, CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT) "
                       "FROM projects WHERE id = ? AND deleted_at IS NULL"_s
                           + db.dialect().returningId());
            insert.bind(author.id).bind(text).bind(now).bind(projectId);
            if (!insert.exec())
                return insert.error();
            const qint64 id = insert.insertedId();
            if (id == 0)
                return makeError(ErrorKind::NotFound,
                                 QT_TRANSLATE_NOOP("Sentence", "This project is in the trash."));
            // The author has read what they wrote.
            Sql read(db,
                     u"INSERT INTO comment_reads (user_id, project_id, last_read_id) "
                     "VALUES (?, ?, ?) ON CONFLICT (user_id, project_id) "
                     "DO UPDATE SET last_read_id = excluded.last_read_id"_s);
            read.bind(author.id).bind(projectId).bind(id);
            if (!read.exec())
                return read.error();
            return Core::ProjectComment{id, projectId, author, text, now};
        });
}

Result<Core::CommentThread> CommentStore::thread(Db::Connection &db, qint64 projectId,
                                                 qint64 readerId)
{
    return Db::readTransaction<Core::CommentThread>(db, [&]() -> Result<Core::CommentThread> {
        Core::CommentThread thread;
        Sql marker(
            db, u"SELECT last_read_id FROM comment_reads WHERE user_id = ? AND project_id = ?"_s);
        marker.bind(readerId).bind(projectId);
        if (!marker.exec())
            return marker.error();
        if (marker.next())
            thread.lastReadId = marker.value(0).toLongLong();
        Sql q(db,
              u"SELECT c.id, c.author_id, u.username, u.display_name, c.body, c.created_at "
              "FROM project_comments c JOIN users u ON u.id = c.author_id "
              "WHERE c.project_id = ? ORDER BY c.id DESC LIMIT "_s
                  + QString::number(maxListed));
        q.bind(projectId);
        if (!q.exec())
            return q.error();
        while (q.next()) {
            Core::ProjectComment comment{
                q.value(0).toLongLong(),
                projectId,
                {q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString()},
                q.value(4).toString(),
                q.value(5).toString()};
            if (comment.id > thread.lastReadId && comment.author.id != readerId)
                ++thread.unread;
            thread.comments.prepend(comment);
        }
        return thread;
    });
}

Result<Ok> CommentStore::markRead(Db::Connection &db, qint64 projectId, qint64 readerId,
                                  qint64 upTo)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        const QString limit = upTo > 0 ? u" AND id <= ?"_s : QString();
        Sql q(db,
              u"INSERT INTO comment_reads (user_id, project_id, last_read_id) "
              "SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), newest FROM "
              "(SELECT MAX(id) AS newest FROM project_comments WHERE project_id = ?"_s
                  + limit
                  + u") m WHERE newest IS NOT NULL "
                    "ON CONFLICT (user_id, project_id) DO UPDATE SET last_read_id = "_s
                  + db.dialect().greatest(u"comment_reads.last_read_id"_s,
                                          u"excluded.last_read_id"_s));
        q.bind(readerId).bind(projectId).bind(projectId);
        if (upTo > 0)
            q.bind(upTo);
        if (!q.exec())
            return q.error();
        return Ok{};
    });
}

Result<QList<Core::ProjectFeedback>> CommentStore::feedback(Db::Connection &db, qint64 ownerId)
{
    Sql q(db,
          u"SELECT p.id, p.title, COUNT(c.id), "
          "SUM(CASE WHEN c.id > COALESCE(r.last_read_id, 0) AND c.author_id <> ? THEN 1 ELSE 0 "
          "END), MAX(c.id) "
          "FROM projects p JOIN project_comments c ON c.project_id = p.id "
          "LEFT JOIN comment_reads r ON r.project_id = p.id AND r.user_id = ? "
          "WHERE p.owner_id = ? AND p.deleted_at IS NULL "
          "GROUP BY p.id, p.title ORDER BY MAX(c.id) DESC"_s);
    q.bind(ownerId).bind(ownerId).bind(ownerId);
    if (!q.exec())
        return q.error();
    QList<Core::ProjectFeedback> list;
    while (q.next())
        list.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                     q.value(3).toInt(), q.value(4).toLongLong()});
    return list;
}

} // namespace Blockhaus::Store
