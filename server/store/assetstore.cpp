// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/assetstore.h"

#include <QSet>

#include "server/core/timetext.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"
#include "server/store/storagequota.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<AssetPutResult> AssetStore::insertInTransaction(Db::Connection &db, qint64 userId,
                                                       const AssetData &asset)
{
    Sql insert(db,
               u"INSERT INTO assets (md5, data_format, data, size, created_at, created_by) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (md5, data_format) DO NOTHING"_s);
    insert.bind(asset.md5)
        .bind(asset.format)
        .bind(asset.data)
        .bind(asset.data.size())
        .bind(nowText())
        .bind(userId > 0 ? QVariant(userId) : QVariant(QMetaType(QMetaType::LongLong)));
    if (!insert.exec())
        return insert.error();
    const bool created = insert.rowsAffected() == 1;
    Sql select(db, u"SELECT id FROM assets WHERE md5 = ? AND data_format = ?"_s);
    select.bind(asset.md5).bind(asset.format);
    if (!select.exec())
        return select.error();
    if (!select.next())
        return makeError(ErrorKind::Internal, u"The stored asset vanished."_s);
    return AssetPutResult{select.value(0).toLongLong(), created};
}

Result<AssetPutResult> AssetStore::put(Db::Connection &db, qint64 userId, const AssetData &asset,
                                       qint64 quotaBytes)
{
    // Most uploads are of assets the server already has (the library, classmates' costumes):
    // answer those from a read without taking the write lock.
    {
        Sql existing(db, u"SELECT id FROM assets WHERE md5 = ? AND data_format = ?"_s);
        existing.bind(asset.md5).bind(asset.format);
        if (!existing.exec())
            return existing.error();
        if (existing.next())
            return AssetPutResult{existing.value(0).toLongLong(), false};
    }
    // Only a first upload costs the uploader anything; it is checked in the same transaction,
    // so parallel uploads cannot all pass one stale reading of the usage.
    return Db::writeTransaction<AssetPutResult>(db, [&](Db::Connection &db) {
        return withinQuota<AssetPutResult>(db, userId, quotaBytes,
                                           [&] { return insertInTransaction(db, userId, asset); });
    });
}

Result<AssetData> AssetStore::get(Db::Connection &db, const QString &md5, const QString &format)
{
    Sql q(db, u"SELECT data FROM assets WHERE md5 = ? AND data_format = ?"_s);
    q.bind(md5).bind(format);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "There is no such costume or sound here."));
    return AssetData{md5, format, q.value(0).toByteArray()};
}

Result<QList<AssetData>> AssetStore::getMany(Db::Connection &db, const QStringList &md5exts)
{
    return Db::readTransaction<QList<AssetData>>(db, [&]() -> Result<QList<AssetData>> {
        QList<AssetData> list;
        QSet<QString> seen;
        for (const QString &name : md5exts) {
            if (seen.contains(name))
                continue;
            seen.insert(name);
            const qsizetype dot = name.lastIndexOf(u'.');
            auto asset = get(db, name.left(dot), name.mid(dot + 1));
            if (asset)
                list.append(*asset);
            else if (asset.error().kind != ErrorKind::NotFound)
                return asset.error();
        }
        return list;
    });
}

} // namespace Blockhaus::Store
