// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/importmapstore.h"

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<std::optional<QString>> ImportMapStore::mapped(Db::Connection &db, const QString &source,
                                                      const QString &kind, const QString &sourceId)
{
    Sql q(db,
          u"SELECT target_id FROM import_map WHERE source = ? AND kind = ? AND source_id = ?"_s);
    q.bind(source).bind(kind).bind(sourceId);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

Result<ImportedItem>
ImportMapStore::importOnce(Db::Connection &db, const QString &source, const QString &kind,
                           const QString &sourceId,
                           const std::function<Result<QString>(Db::Connection &)> &create)
{
    return Db::writeTransaction<ImportedItem>(db, [&](Db::Connection &db) -> Result<ImportedItem> {
        // Inside the write transaction: no other import can map the item in between (SQLite
        // holds the write lock; on PostgreSQL a concurrent insert of the same key fails the
        // serializable transaction, which is then run again and finds the row).
        auto existing = mapped(db, source, kind, sourceId);
        if (!existing)
            return existing.error();
        if (*existing)
            return ImportedItem{**existing, true};
        auto created = create(db);
        if (!created)
            return created.error();
        Sql insert(db,
                   u"INSERT INTO import_map (source, kind, source_id, target_id, imported_at) "
                   "VALUES (?, ?, ?, ?, ?)"_s);
        insert.bind(source).bind(kind).bind(sourceId).bind(*created).bind(nowText());
        if (!insert.exec())
            return insert.error();
        return ImportedItem{*created, false};
    });
}

Result<int> ImportMapStore::count(Db::Connection &db, const QString &source, const QString &kind)
{
    Sql q(db, u"SELECT COUNT(*) FROM import_map WHERE source = ? AND kind = ?"_s);
    q.bind(source).bind(kind);
    if (!q.exec())
        return q.error();
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace Blockhaus::Store
