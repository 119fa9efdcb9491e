// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/assetshandler.h"

#include "server/http/handlerutil.h"
#include "server/sb3/assetname.h"
#include "server/store/assetstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// zipAllowed: sprite bodies from the backpack are zip assets that can be read, not uploaded here.
Result<Sb3::AssetName> assetNameParam(const RequestContext &context, bool zipAllowed)
{
    Sb3::AssetName name;
    switch (Sb3::parseAssetName(context.params.value(u"md5ext"_s), &name, zipAllowed)) {
    case Sb3::AssetNameProblem::None:
        return name;
    case Sb3::AssetNameProblem::UnknownFormat:
        return makeError(
            ErrorKind::UnsupportedMediaType,
            u"This file type is not accepted (svg, png, jpg, jpeg, gif, bmp, wav, mp3, "
            "ogg, json)."_s);
    case Sb3::AssetNameProblem::Malformed:
        break;
    }
    return badRequest(u"An asset name is the MD5 of its bytes and a file type, like "
                      "83a9787d4cb6f3b7632b4ddfebf74367.wav."_s);
}

} // namespace

void AssetsHandler::registerRoutes(Router &router) const
{
    const qint64 limit = m_services.config.assetLimit;
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Store::Caller *caller,
                              Db::Connection &db) { return (this->*member)(c, *caller, db); };
    };
    router.add("PUT", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, limit,
               bind(&AssetsHandler::put));
    router.add("POST", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, limit,
               bind(&AssetsHandler::put));
    router.add("GET", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, 0, bind(&AssetsHandler::get));
}

Result<Reply> AssetsHandler::put(const RequestContext &context, const Store::Caller &caller,
                                 Db::Connection &db) const
{
    // The format comes from the name; the request's Content-Type is ignored (API.md).
    auto name = assetNameParam(context, false);
    if (!name)
        return name.error();
    const QByteArray &body = context.request.body;
    if (Sb3::md5Hex(body) != name->md5) {
        return makeError(ErrorKind::Unprocessable,
                         u"The file's content does not match its name (MD5 differs)."_s);
    }
    auto stored = Store::AssetStore::put(db, caller.userId, {name->md5, name->format, body});
    if (!stored)
        return stored.error();
    return Reply::json(stored->created ? 201 : 200,
                       QJsonObject{{u"status"_s, u"ok"_s},
                                   {u"assetId"_s, stored->assetId},
                                   {u"md5ext"_s, name->md5ext()}});
}

Result<Reply> AssetsHandler::get(const RequestContext &context, const Store::Caller &,
                                 Db::Connection &db) const
{
    auto name = assetNameParam(context, true);
    if (!name)
        return name.error();
    const QByteArray etag = '"' + name->md5.toLatin1() + '"';
    const QByteArray cacheControl = "private, max-age=31536000, immutable";
    const QByteArray ifNoneMatch = context.request.header("if-none-match");
    auto asset = Store::AssetStore::get(db, name->md5, name->format);
    if (!asset)
        return asset.error();
    if (!ifNoneMatch.isEmpty() && (ifNoneMatch.contains(etag) || ifNoneMatch.trimmed() == "*")) {
        Reply reply;
        reply.status = 304;
        reply.addHeader("ETag", etag).addHeader("Cache-Control", cacheControl);
        return reply;
    }
    Reply reply = Reply::bytes(200, Sb3::contentTypeFor(name->format), asset->data);
    reply.addHeader("ETag", etag).addHeader("Cache-Control", cacheControl);
    return reply;
}

} // namespace Blockhaus::Http
