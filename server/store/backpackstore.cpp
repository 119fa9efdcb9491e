// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/backpackstore.h"

#include <QUuid>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/assetstore.h"
#include "server/store/storagequota.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<QList<BackpackItem>> BackpackStore::list(Db::Connection &db, qint64 userId, int limit,
                                                int offset)
{
    Sql q(db,
          u"SELECT b.id, b.type, b.name, b.mime, a.md5 || '.' || a.data_format, "
          "t.md5 || '.' || t.data_format FROM backpack_items b "
          "JOIN assets a ON a.id = b.body_asset_id JOIN assets t ON t.id = b.thumbnail_asset_id "
          "WHERE b.user_id = ? ORDER BY b.seq DESC LIMIT ? OFFSET ?"_s);
    q.bind(userId).bind(limit).bind(offset);
    if (!q.exec())
        return q.error();
    QList<BackpackItem> items;
    while (q.next()) {
        items.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    }
    return items;
}

Result<BackpackItem> BackpackStore::add(Db::Connection &db, qint64 userId, const QString &type,
                                        const QString &name, const QString &mime,
                                        const AssetData &body, const AssetData &thumbnail,
                                        qint64 quotaBytes)
{
    return Db::writeTransaction<BackpackItem>(db, [&](Db::Connection &db) {
        return withinQuota<BackpackItem>(db, userId, quotaBytes, [&]() -> Result<BackpackItem> {
            auto bodyAsset = AssetStore::insertInTransaction(db, userId, body);
            if (!bodyAsset)
                return bodyAsset.error();
            auto thumbAsset = AssetStore::insertInTransaction(db, userId, thumbnail);
            if (!thumbAsset)
                return thumbAsset.error();
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            Sql insert(
                db,
                u"INSERT INTO backpack_items (id, user_id, type, name, mime, body_asset_id, "
                "thumbnail_asset_id, created_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "(SELECT COALESCE(MAX(seq), 0) + 1 FROM backpack_items WHERE user_id = ?))"_s);
            insert.bind(id)
                .bind(userId)
                .bind(type)
                .bind(name)
                .bind(mime)
                .bind(bodyAsset->assetId)
                .bind(thumbAsset->assetId)
                .bind(nowText())
                .bind(userId);
            if (!insert.exec())
                return insert.error();
            return BackpackItem{id,
                                type,
                                name,
                                mime,
                                body.md5 + u'.' + body.format,
                                thumbnail.md5 + u'.' + thumbnail.format};
        });
    });
}

Result<Ok> BackpackStore::remove(Db::Connection &db, qint64 userId, const QString &id)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        Sql q(db, u"DELETE FROM backpack_items WHERE id = ? AND user_id = ?"_s);
        q.bind(id).bind(userId);
        if (!q.exec())
            return q.error();
        if (q.rowsAffected() != 1)
            return makeError(
                ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("Sentence", "There is no such item in your backpack."));
        return Ok{};
    });
}

} // namespace Blockhaus::Store
