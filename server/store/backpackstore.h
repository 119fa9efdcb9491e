// SPDX-License-Identifier: AGPL-3.0-or-later
// BackpackStore: a student's backpack items, whose bodies and thumbnails are shared assets.
#pragma once

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

class BackpackStore
{
public:
    static Result<QList<BackpackItem>> list(Db::Connection &db, qint64 userId, int limit,
                                            int offset);
    // G7: the item, its body asset and its thumbnail asset commit together or not at all.
    // Within the user's quota (quotaBytes, 0: none): new assets and the item's text count.
    static Result<BackpackItem> add(Db::Connection &db, qint64 userId, const QString &type,
                                    const QString &name, const QString &mime, const AssetData &body,
                                    const AssetData &thumbnail, qint64 quotaBytes = 0);
    static Result<Ok> remove(Db::Connection &db, qint64 userId, const QString &id);
};

} // namespace Blockhaus::Store
