// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/backpackhandler.h"

#include <QJsonArray>

#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/sb3/assetname.h"
#include "server/store/backpackstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// The asset format of a backpack body's mime type; zip only here (sprites).
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

Result<QByteArray> decodeBase64(const QJsonValue &value, const QString &field)
{
    if (!value.isString() || value.toString().isEmpty())
        return badRequest(u"The field \u201c%1\u201d must hold base64 data."_s.arg(field));
    QByteArray text = value.toString().toLatin1();
    // Data URLs ("data:image/png;base64,...") are accepted as well.
    if (text.startsWith("data:")) {
        const qsizetype comma = text.indexOf(',');
        text = comma < 0 ? QByteArray() : text.mid(comma + 1);
    }
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return badRequest(u"The field \u201c%1\u201d is not valid base64."_s.arg(field));
    return decoded.decoded;
}

} // namespace

void BackpackHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Store::Caller *caller,
                              Db::Connection &db) { return (this->*member)(c, *caller, db); };
    };
    router.add("GET", u"/api/v1/backpack"_s, Access::LoggedIn, 0, bind(&BackpackHandler::list));
    router.add("POST", u"/api/v1/backpack"_s, Access::LoggedIn, m_services.config.backpackLimit,
               bind(&BackpackHandler::add));
    router.add("DELETE", u"/api/v1/backpack/{id}"_s, Access::LoggedIn, 0,
               bind(&BackpackHandler::remove));
}

Result<Reply> BackpackHandler::list(const RequestContext &context, const Store::Caller &caller,
                                    Db::Connection &db) const
{
    bool limitOk = true;
    bool offsetOk = true;
    const QUrlQuery &query = context.request.query;
    int limit =
        query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : 20;
    const int offset =
        query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&offsetOk) : 0;
    if (!limitOk || !offsetOk || limit < 0 || offset < 0)
        return badRequest(u"limit and offset must be whole numbers of zero or more."_s);
    limit = std::min(limit, 100);
    auto items = Store::BackpackStore::list(db, caller.userId, limit, offset);
    if (!items)
        return items.error();
    QJsonArray array;
    for (const Store::BackpackItem &item : std::as_const(*items))
        array.append(toJson(item));
    return Reply::json(200, array);
}

Result<Reply> BackpackHandler::add(const RequestContext &context, const Store::Caller &caller,
                                   Db::Connection &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    const QString type = body->value(u"type"_s).toString();
    static const QStringList types{u"costume"_s, u"sound"_s, u"sprite"_s, u"script"_s};
    if (!types.contains(type))
        return badRequest(u"type must be costume, sound, sprite or script."_s);
    const QString mime = body->value(u"mime"_s).toString();
    const QString format = formatForMime(mime);
    if (format.isEmpty())
        return makeError(
            ErrorKind::UnsupportedMediaType,
            u"The backpack does not accept items of type \u201c%1\u201d."_s.arg(mime.left(60)));
    const QString name = cleanTitle(body->value(u"name"_s).toString(), type);
    auto data = decodeBase64(body->value(u"body"_s), u"body"_s);
    if (!data)
        return data.error();
    auto thumbnail = decodeBase64(body->value(u"thumbnail"_s), u"thumbnail"_s);
    if (!thumbnail)
        return thumbnail.error();
    if (data->size() > m_services.config.assetLimit)
        return makeError(ErrorKind::PayloadTooLarge);
    const QString thumbnailMime = Sb3::sniffThumbnail(*thumbnail);
    if (thumbnailMime.isEmpty())
        return makeError(ErrorKind::UnsupportedMediaType,
                         u"A backpack thumbnail must be a PNG or JPEG picture."_s);
    auto item = Store::BackpackStore::add(
        db, caller.userId, type, name, mime, {Sb3::md5Hex(*data), format, *data},
        {Sb3::md5Hex(*thumbnail), Sb3::formatForThumbnail(thumbnailMime), *thumbnail},
        m_services.config.quota.limitFor(caller.role));
    if (!item)
        return item.error();
    return Reply::json(201, toJson(*item));
}

Result<Reply> BackpackHandler::remove(const RequestContext &context, const Store::Caller &caller,
                                      Db::Connection &db) const
{
    auto done = Store::BackpackStore::remove(db, caller.userId, context.params.value(u"id"_s));
    if (!done)
        return done.error();
    return Reply::noContent();
}

} // namespace Blockhaus::Http
