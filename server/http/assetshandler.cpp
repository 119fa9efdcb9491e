// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/assetshandler.h"

#include "server/http/assetreply.h"
#include "server/http/errors.h"
#include "server/service/assets.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

void AssetsHandler::registerRoutes(Router &router) const
{
    const qint64 limit = m_services.config.assetLimit;
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Core::Caller *caller,
                              Service::Work &db) { return (this->*member)(c, *caller, db); };
    };
    router.add("PUT", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, limit,
               bind(&AssetsHandler::put));
    router.add("POST", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn, limit,
               bind(&AssetsHandler::put));
    router.addAsync("GET", u"/api/v1/assets/{md5ext}"_s, Access::LoggedIn,
                    [this](const RequestContext &c, const Core::Caller *caller, Service::Work &db) {
                        return get(c, *caller, db);
                    });
}

Result<Reply> AssetsHandler::put(const RequestContext &context, const Core::Caller &caller,
                                 Service::Work &db) const
{
    // The format comes from the name; the request's Content-Type is ignored (API.md).
    auto name = assetNameParam(context, false);
    if (!name)
        return name.error();
    auto stored = Service::Assets(m_services.config.quota)
                      .put(db, caller, name->md5, name->format, context.request.body);
    if (!stored)
        return stored.error();
    return Reply::json(stored->created ? 201 : 200,
                       QJsonObject{{u"status"_s, u"ok"_s},
                                   {u"assetId"_s, stored->assetId},
                                   {u"md5ext"_s, name->md5ext()}});
}

QFuture<Reply> AssetsHandler::get(const RequestContext &context, const Core::Caller &caller,
                                  Service::Work &db) const
{
    const QByteArray &requestId = context.request.requestId;
    auto name = assetNameParam(context, true);
    if (!name)
        return QtFuture::makeReadyFuture(errorReply(name.error(), requestId));
    const QByteArray cacheControl = "private, max-age=31536000, immutable";
    auto asset = Service::Assets(m_services.config.quota).get(db, caller, name->md5, name->format);
    if (asset)
        return QtFuture::makeReadyFuture(
            assetReply(*name, asset->data, context.request, cacheControl));
    if (asset.error().kind != ErrorKind::NotFound || name->format == u"zip"_s)
        return QtFuture::makeReadyFuture(errorReply(asset.error(), requestId));
    // Not uploaded by anyone: a library item the editor's picker just chose, served from the
    // library cache (downloaded once when needed). Read-only towards the database: the assets
    // table and its guarantees (G6, G7) are untouched.
    return libraryAssetReply(m_services.library, *name, context.request, cacheControl);
}

} // namespace Blockhaus::Http
