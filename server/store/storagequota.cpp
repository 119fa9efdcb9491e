// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/storagequota.h"

#include <QJsonObject>

#include "server/db/sql.h"

namespace Blockhaus::Store {

using namespace Qt::StringLiterals;
using Db::Sql;

Error quotaExceeded(qint64 usedBytes, qint64 limitBytes)
{
    Error error =
        makeError(ErrorKind::QuotaExceeded,
                  QT_TRANSLATE_NOOP("Sentence",
                                    "Your storage space is full (%1 of %2 MB used). Delete "
                                    "projects for good (trash) to make room. Nothing was "
                                    "changed."),
                  {QString::number(static_cast<double>(usedBytes) / 1e6, 'f', 1),
                   QString::number(static_cast<double>(limitBytes) / 1e6, 'f', 1)});
    error.extra = QJsonObject{{u"used_bytes"_s, usedBytes}, {u"quota_bytes"_s, limitBytes}};
    return error;
}

Result<qint64> StorageStore::usedBytes(Db::Connection &db, qint64 userId)
{
    Sql q(db, u"SELECT used_bytes FROM storage_usage WHERE user_id = ?"_s);
    q.bind(userId);
    if (!q.exec())
        return q.error();
    // No row yet: the user has never stored anything.
    return q.next() ? std::max<qint64>(0, q.value(0).toLongLong()) : 0;
}

Result<StorageUsage> StorageStore::usage(Db::Connection &db, qint64 userId, qint64 limitBytes)
{
    auto used = usedBytes(db, userId);
    if (!used)
        return used.error();
    return StorageUsage{*used, limitBytes};
}

QuotaGuard::QuotaGuard(Db::Connection &db, qint64 userId, qint64 limitBytes)
    : m_db(db)
    , m_userId(userId)
    , m_limit(limitBytes)
{
}

Result<Ok> QuotaGuard::begin()
{
    if (m_limit <= 0)
        return Ok{};
    if (const QString lock = m_db.dialect().forUpdate(); !lock.isEmpty()) {
        // PostgreSQL (#15): the user's writes take turns from here to the commit, so the usage
        // read now is still the usage when check() compares (storage_usage may have no row yet,
        // the user's row always exists).
        Sql q(m_db, u"SELECT 1 FROM users WHERE id = ?"_s + lock);
        q.bind(m_userId);
        if (!q.exec())
            return q.error();
    }
    auto used = StorageStore::usedBytes(m_db, m_userId);
    if (!used)
        return used.error();
    m_before = *used;
    return Ok{};
}

Result<Ok> QuotaGuard::check()
{
    if (m_limit <= 0)
        return Ok{};
    auto after = StorageStore::usedBytes(m_db, m_userId);
    if (!after)
        return after.error();
    if (*after > m_limit && *after > m_before)
        return quotaExceeded(m_before, m_limit);
    return Ok{};
}

} // namespace Blockhaus::Store
