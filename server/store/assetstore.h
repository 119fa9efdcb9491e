// SPDX-License-Identifier: AGPL-3.0-or-later
// AssetStore: content-addressed costumes, sounds and backpack bodies (the Scratch model).
#pragma once

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

class AssetStore
{
public:
    // G6: UNIQUE(md5, data_format) plus insert-or-ignore: every uploader of the same bytes gets
    // success and the same id; created tells whether this call stored it.
    // A new asset counts against its first uploader's quota (quotaBytes, 0: none); an existing
    // one costs nothing.
    static Result<AssetPutResult> put(Db::Connection &db, qint64 userId, const AssetData &asset,
                                      qint64 quotaBytes = 0);
    // The same, inside a transaction the caller already holds (imports, backpack).
    static Result<AssetPutResult> insertInTransaction(Db::Connection &db, qint64 userId,
                                                      const AssetData &asset);
    static Result<AssetData> get(Db::Connection &db, const QString &md5, const QString &format);
    // Several assets by md5ext, from one snapshot; missing ones are left out.
    static Result<QList<AssetData>> getMany(Db::Connection &db, const QStringList &md5exts);
};

} // namespace Blockhaus::Store
