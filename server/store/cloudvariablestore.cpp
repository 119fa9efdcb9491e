// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/cloudvariablestore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<bool> CloudVariableStore::sharesClassWithOwner(Db::Connection &db, qint64 projectId,
                                                      qint64 userId)
{
    Sql q(db,
          u"SELECT 1 FROM projects p "
          "JOIN memberships owner_m ON owner_m.user_id = p.owner_id "
          "JOIN memberships user_m ON user_m.group_id = owner_m.group_id AND user_m.user_id = ? "
          "WHERE p.id = ? AND p.deleted_at IS NULL LIMIT 1"_s);
    q.bind(userId).bind(projectId);
    if (!q.exec())
        return q.error();
    return q.next();
}

Result<QList<CloudValue>> CloudVariableStore::values(Db::Connection &db, qint64 projectId)
{
    Sql q(db, u"SELECT name, value FROM cloud_variables WHERE project_id = ? ORDER BY name"_s);
    q.bind(projectId);
    if (!q.exec())
        return q.error();
    QList<CloudValue> values;
    while (q.next())
        values.append({q.value(0).toString(), q.value(1).toString()});
    return values;
}

Result<Ok> CloudVariableStore::apply(Db::Connection &db, const QList<CloudChange> &changes)
{
    const QString now = Core::nowText();
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        for (const CloudChange &change : changes) {
            switch (change.kind) {
            case CloudChange::Kind::Set: {
                // INSERT ... SELECT skips a project that is gone instead of failing the batch.
                Sql q(db,
                      u"INSERT INTO cloud_variables (project_id, name, value, updated_at) "
                      "SELECT id, ?, ?, ? FROM projects WHERE id = ? "
                      "ON CONFLICT (project_id, name) DO UPDATE SET value = excluded.value, "
                      "updated_at = excluded.updated_at"_s);
                q.bind(change.name).bind(change.value).bind(now).bind(change.projectId);
                if (!q.exec())
                    return q.error();
                break;
            }
            case CloudChange::Kind::Delete: {
                Sql q(db, u"DELETE FROM cloud_variables WHERE project_id = ? AND name = ?"_s);
                q.bind(change.projectId).bind(change.name);
                if (!q.exec())
                    return q.error();
                break;
            }
            case CloudChange::Kind::Rename: {
                // The new name replaces a variable of that name, as in the editor.
                Sql drop(db, u"DELETE FROM cloud_variables WHERE project_id = ? AND name = ?"_s);
                drop.bind(change.projectId).bind(change.newName);
                if (!drop.exec())
                    return drop.error();
                Sql q(db,
                      u"UPDATE cloud_variables SET name = ?, updated_at = ? "
                      "WHERE project_id = ? AND name = ?"_s);
                q.bind(change.newName).bind(now).bind(change.projectId).bind(change.name);
                if (!q.exec())
                    return q.error();
                break;
            }
            }
        }
        return Ok{};
    });
}

} // namespace Blockhaus::Store
