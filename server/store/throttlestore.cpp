// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/throttlestore.h"

#include <algorithm>

#include "server/db/dialect.h"
#include "server/db/sql.h"
#include "server/db/transaction.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Result<QStringList> ThrottleStore::read(Db::Connection &db, const QStringList &keys)
{
    QStringList states;
    for (const QString &key : keys) {
        Sql q(db, u"SELECT state FROM throttle_state WHERE state_key = ?"_s);
        q.bind(key);
        if (!q.exec())
            return q.error();
        states.append(q.next() ? q.value(0).toString() : QString());
    }
    return states;
}

Result<Ok> ThrottleStore::update(Db::Connection &db, const QStringList &keys, qint64 nowMs,
                                 const std::function<void(QStringList &states)> &change)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        // Rows are locked in key order, the same in every process: two attempts that share an
        // address never wait for each other in a circle.
        QStringList ordered = keys;
        std::sort(ordered.begin(), ordered.end());
        for (const QString &key : std::as_const(ordered)) {
            Sql create(
                db,
                u"INSERT INTO throttle_state (state_key, state, updated_ms) VALUES (?, '', ?) "
                "ON CONFLICT (state_key) DO NOTHING"_s);
            create.bind(key).bind(nowMs);
            if (!create.exec())
                return create.error();
            Sql lock(db,
                     u"SELECT state FROM throttle_state WHERE state_key = ?"_s
                         + db.dialect().forUpdate());
            lock.bind(key);
            if (!lock.exec())
                return lock.error();
        }
        auto current = read(db, keys);
        if (!current)
            return current.error();
        QStringList states = *current;
        change(states);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString state = states.value(i);
            if (state.isEmpty()) {
                Sql remove(db, u"DELETE FROM throttle_state WHERE state_key = ?"_s);
                remove.bind(keys.at(i));
                if (!remove.exec())
                    return remove.error();
                continue;
            }
            Sql write(db,
                      u"UPDATE throttle_state SET state = ?, updated_ms = ? WHERE state_key = ?"_s);
            write.bind(state).bind(nowMs).bind(keys.at(i));
            if (!write.exec())
                return write.error();
        }
        Sql prune(db, u"DELETE FROM throttle_state WHERE updated_ms < ?"_s);
        prune.bind(nowMs - staleAfterMs);
        if (!prune.exec())
            return prune.error();
        return Ok{};
    });
}

Result<Ok> ThrottleStore::forget(Db::Connection &db, const QStringList &keys, const QString &prefix)
{
    return Db::writeTransaction<Ok>(db, [&](Db::Connection &db) -> Result<Ok> {
        for (const QString &key : keys) {
            Sql remove(db, u"DELETE FROM throttle_state WHERE state_key = ?"_s);
            remove.bind(key);
            if (!remove.exec())
                return remove.error();
        }
        if (!prefix.isEmpty()) {
            // substr, not LIKE: a username may hold % or _.
            Sql remove(db, u"DELETE FROM throttle_state WHERE substr(state_key, 1, ?) = ?"_s);
            remove.bind(prefix.size()).bind(prefix);
            if (!remove.exec())
                return remove.error();
        }
        return Ok{};
    });
}

} // namespace Blockhaus::Store
