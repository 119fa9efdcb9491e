// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/assets.h"

#include <algorithm>

#include <QHash>

#include "server/core/text.h"
#include "server/sb3/assetname.h"
#include "server/store/assetstore.h"
#include "server/store/backpackstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;

namespace {

// The asset format of a backpack body by its mime type; empty when the backpack refuses it.
QString formatForMime(const QString &mime)
{
    static const QHash<QString, QString> formats{
        {u"image/svg+xml"_s, u"svg"_s},   {u"image/png"_s, u"png"_s},
        {u"image/jpeg"_s, u"jpg"_s},      {u"image/gif"_s, u"gif"_s},
        {u"image/bmp"_s, u"bmp"_s},       {u"audio/wav"_s, u"wav"_s},
        {u"audio/x-wav"_s, u"wav"_s},     {u"audio/wave"_s, u"wav"_s},
        {u"audio/mpeg"_s, u"mp3"_s},      {u"audio/mp3"_s, u"mp3"_s},
        {u"audio/ogg"_s, u"ogg"_s},       {u"application/json"_s, u"json"_s},
        {u"application/zip"_s, u"zip"_s},
    };
    return formats.value(mime.toLower());
}

} // namespace

Result<Core::AssetPutResult> Assets::put(Work &work, const Core::Caller &caller, const QString &md5,
                                         const QString &format, const QByteArray &data) const
{
    if (Sb3::md5Hex(data) != md5) {
        return makeError(ErrorKind::Unprocessable,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The file's content does not match its name (MD5 "
                                           "differs)."));
    }
    return Store::AssetStore::put(work.connection(), caller.userId, {md5, format, data},
                                  m_quota.limitFor(caller.role));
}

Result<Core::AssetData> Assets::get(Work &work, const Core::Caller &, const QString &md5,
                                    const QString &format) const
{
    return Store::AssetStore::get(work.connection(), md5, format);
}

Result<QList<Core::BackpackItem>> Backpack::list(Work &work, const Core::Caller &caller, int limit,
                                                 int offset) const
{
    if (limit < 0 || offset < 0)
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "limit and offset must be whole numbers of zero or "
                                           "more."));
    return Store::BackpackStore::list(work.connection(), caller.userId,
                                      std::min(limit, maxPageSize), offset);
}

Result<Core::BackpackItem> Backpack::add(Work &work, const Core::Caller &caller,
                                         const BackpackInput &input) const
{
    static const QStringList types{u"costume"_s, u"sound"_s, u"sprite"_s, u"script"_s};
    if (!types.contains(input.type))
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "type must be costume, sound, sprite or script."));
    const QString format = formatForMime(input.mime);
    if (format.isEmpty())
        return makeError(ErrorKind::UnsupportedMediaType,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "The backpack does not accept items of type "
                                           "\u201c%1\u201d."),
                         {input.mime.left(60)});
    if (input.body.size() > m_maxBodyBytes)
        return makeError(ErrorKind::PayloadTooLarge);
    const QString thumbnailMime = Sb3::sniffThumbnail(input.thumbnail);
    if (thumbnailMime.isEmpty())
        return makeError(
            ErrorKind::UnsupportedMediaType,
            QT_TRANSLATE_NOOP("Sentence", "A backpack thumbnail must be a PNG or JPEG picture."));
    const QString name = Core::cleanTitle(input.name, input.type);
    return Store::BackpackStore::add(
        work.connection(), caller.userId, input.type, name, input.mime,
        {Sb3::md5Hex(input.body), format, input.body},
        {Sb3::md5Hex(input.thumbnail), Sb3::formatForThumbnail(thumbnailMime), input.thumbnail},
        m_quota.limitFor(caller.role));
}

Result<Ok> Backpack::remove(Work &work, const Core::Caller &caller, const QString &id) const
{
    return Store::BackpackStore::remove(work.connection(), caller.userId, id);
}

} // namespace Blockhaus::Service
