// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/libraryhandler.h"

#include <QJsonArray>

#include "server/http/assetreply.h"
#include "server/http/errors.h"
#include "server/library/librarycache.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

QJsonObject summaryJson(const Library::LibrarySummary &summary)
{
    return QJsonObject{{u"cached"_s, summary.cached},
                       {u"total"_s, summary.total},
                       {u"filling"_s, summary.fill.running},
                       {u"done"_s, summary.fill.done},
                       {u"failed"_s, summary.fill.failed},
                       {u"upstream"_s, summary.upstream},
                       // The size cap (#12): bytes on disk, the limit (0: none), and whether
                       // new items are no longer stored.
                       {u"cache_bytes"_s, summary.cacheBytes},
                       {u"cache_max_bytes"_s, summary.maxCacheBytes},
                       {u"cache_full"_s, summary.full}};
}

QJsonObject availabilityJson(const Library::LibraryAvailability &availability)
{
    // Names by kind, so the editor hides exactly the tiles of the picker that is open.
    QJsonObject missing{{u"costumes"_s, QJsonArray()},
                        {u"sprites"_s, QJsonArray()},
                        {u"sounds"_s, QJsonArray()},
                        {u"backdrops"_s, QJsonArray()}};
    for (const Library::MissingItem &item : availability.missingItems) {
        QJsonArray names = missing.value(item.kind).toArray();
        names.append(item.name);
        missing.insert(item.kind, names);
    }
    return QJsonObject{
        {u"upstream"_s, availability.upstream},
        {u"reachable"_s, availability.reachable},
        {u"total"_s, availability.total},
        {u"available"_s, availability.total - static_cast<int>(availability.missingItems.size())},
        {u"missing"_s, missing},
        {u"missing_assets"_s, QJsonArray::fromStringList(availability.missingAssets)}};
}

} // namespace

void LibraryHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Core::Caller *caller,
                              Service::Work &db) { return (this->*member)(c, *caller, db); };
    };
    // The pickers' thumbnails are <img> requests: they carry the session cookie.
    router.addAsync("GET", u"/library/{md5ext}"_s, Access::LoggedIn, bind(&LibraryHandler::asset));
    router.add("GET", u"/api/v1/library"_s, Access::Teacher, 0, bind(&LibraryHandler::status));
    // The editor asks what its pickers may show (#13); may probe the upstream once.
    router.addAsync("GET", u"/api/v1/library/available"_s, Access::LoggedIn,
                    bind(&LibraryHandler::available));
    router.add("POST", u"/api/v1/library/fill"_s, Access::Teacher, 0, bind(&LibraryHandler::fill));
}

QFuture<Reply> LibraryHandler::asset(const RequestContext &context, const Core::Caller &,
                                     Service::Work &) const
{
    auto name = assetNameParam(context, false);
    if (!name)
        return QtFuture::makeReadyFuture(errorReply(name.error(), context.request.requestId));
    // The same bytes for everyone (unlike uploaded assets), so shared caches may keep them.
    return libraryAssetReply(m_services.library, *name, context.request,
                             "public, max-age=31536000, immutable");
}

QFuture<Reply> LibraryHandler::available(const RequestContext &context, const Core::Caller &,
                                         Service::Work &) const
{
    if (!m_services.library) {
        const Error error =
            makeError(ErrorKind::NotFound, u"This server has no Scratch library cache."_s);
        return QtFuture::makeReadyFuture(errorReply(error, context.request.requestId));
    }
    return m_services.library->availability().then(
        [](const Library::LibraryAvailability &availability) {
            // It changes as the cache fills: never kept by a browser.
            return Reply::json(200, availabilityJson(availability))
                .addHeader("Cache-Control", "no-store");
        });
}

Result<Reply> LibraryHandler::status(const RequestContext &, const Core::Caller &,
                                     Service::Work &) const
{
    if (!m_services.library)
        return makeError(ErrorKind::NotFound, u"This server has no Scratch library cache."_s);
    return Reply::json(200, summaryJson(m_services.library->summary()));
}

Result<Reply> LibraryHandler::fill(const RequestContext &, const Core::Caller &,
                                   Service::Work &) const
{
    if (!m_services.library)
        return makeError(ErrorKind::NotFound, u"This server has no Scratch library cache."_s);
    // Idempotent: while a fill runs, this only reports it.
    m_services.library->fillCatalogue();
    return Reply::json(202, summaryJson(m_services.library->summary()));
}

} // namespace Blockhaus::Http
