// SPDX-License-Identifier: AGPL-3.0-or-later
// ImportMapStore: which items of another classroom server an import has already brought in
// (table import_map), so that an import runs item by item and can run again.
#pragma once

#include <functional>
#include <optional>

#include <QString>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/db/connection.h"

namespace Blockhaus::Store {

// The stores speak the core vocabulary (Caller, ProjectMeta, ...) unqualified.
using namespace Core;

// An item of an import, once its transaction is over.
struct ImportedItem
{
    QString targetId; // the Blockhaus id it has (a number as text, or a backpack item's id)
    bool alreadyThere = false; // an earlier run had imported it; nothing was written now
};

class ImportMapStore
{
public:
    // The Blockhaus id an earlier run gave this item, if any.
    static Result<std::optional<QString>> mapped(Db::Connection &db, const QString &source,
                                                 const QString &kind, const QString &sourceId);
    // Imports one item in one write transaction: when (source, kind, sourceId) is mapped already
    // nothing is written; otherwise create runs (its writes join this transaction) and the
    // mapping to the id it returns is recorded in the same transaction. So an item is either
    // there with its mapping or not there at all, even after a kill -9, and the primary key
    // makes a second import of it impossible. An error of create undoes all of the item.
    static Result<ImportedItem>
    importOnce(Db::Connection &db, const QString &source, const QString &kind,
               const QString &sourceId,
               const std::function<Result<QString>(Db::Connection &)> &create);
    // How many items of this kind are mapped.
    static Result<int> count(Db::Connection &db, const QString &source, const QString &kind);
};

} // namespace Blockhaus::Store
