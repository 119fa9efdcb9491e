// SPDX-License-Identifier: AGPL-3.0-or-later
// Assets and Backpack: content-addressed costumes and sounds (G6) and each user's Scratch
// backpack (G7), with their bounds decided here, once.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "server/core/quotapolicy.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

// Any logged-in user may read and upload assets (API.md).
class Assets
{
public:
    explicit Assets(const Core::QuotaPolicy &quota)
        : m_quota(quota)
    {
    }

    // G6: stores data as md5.format (the name the client gave), once however many upload it.
    // data whose MD5 is not md5 is Unprocessable. A new asset counts against the caller's quota.
    Result<Core::AssetPutResult> put(Work &work, const Core::Caller &caller, const QString &md5,
                                     const QString &format, const QByteArray &data) const;
    Result<Core::AssetData> get(Work &work, const Core::Caller &caller, const QString &md5,
                                const QString &format) const;

private:
    Core::QuotaPolicy m_quota;
};

// A backpack item as the client sends it, decoded.
struct BackpackInput
{
    QString type; // costume, sound, sprite, script
    QString mime; // of the body: an asset format, or application/zip for a sprite
    QString name; // as typed; cleaned here (blank: the type)
    QByteArray body;
    QByteArray thumbnail; // PNG or JPEG
};

// The caller's own backpack: nobody else's, not even for teachers.
class Backpack
{
public:
    static constexpr int defaultPageSize = 20;
    static constexpr int maxPageSize = 100;

    // maxBodyBytes: the largest item body (the asset limit).
    Backpack(const Core::QuotaPolicy &quota, qint64 maxBodyBytes)
        : m_quota(quota)
        , m_maxBodyBytes(maxBodyBytes)
    {
    }

    // Newest first; limit above maxPageSize is cut to it; a negative limit or offset is
    // BadRequest.
    Result<QList<Core::BackpackItem>> list(Work &work, const Core::Caller &caller, int limit,
                                           int offset) const;
    // G7: the item, its body and its thumbnail commit together or not at all. An unknown mime is
    // UnsupportedMediaType, a body over the limit PayloadTooLarge (checked before the
    // thumbnail's type), a thumbnail that is not PNG or JPEG UnsupportedMediaType.
    Result<Core::BackpackItem> add(Work &work, const Core::Caller &caller,
                                   const BackpackInput &input) const;
    Result<Ok> remove(Work &work, const Core::Caller &caller, const QString &id) const;

private:
    Core::QuotaPolicy m_quota;
    qint64 m_maxBodyBytes = 0;
};

} // namespace Blockhaus::Service
