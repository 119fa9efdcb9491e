// SPDX-License-Identifier: AGPL-3.0-or-later
// What the asset routes share: the {md5ext} parameter and the answer of a content-addressed GET,
// from the database or from the library cache.
#pragma once

#include <QFuture>

#include "server/core/result.h"
#include "server/http/reply.h"
#include "server/http/request.h"
#include "server/sb3/assetname.h"

namespace Blockhaus::Library {
class LibraryCache;
}

namespace Blockhaus::Http {

// The {md5ext} route parameter: 400 when malformed, 415 for an unknown format. zipAllowed:
// sprite bodies from the backpack are zip assets that can be read, not uploaded.
Result<Sb3::AssetName> assetNameParam(const RequestContext &context, bool zipAllowed);
// Headers for bytes that users uploaded or that come from outside (assets, library files,
// thumbnails): a CSP that forbids every script, plugin, frame and fetch and sandboxes the
// document, and nosniff, so that an SVG with <script> opened at its own URL runs nothing in the
// Blockhaus origin (issue #12). The editor still shows them: it fetches the bytes (and draws
// them as <img> from blob: URLs), which a response's own CSP does not affect.
void addUserContentHeaders(Reply &reply);
// 200 with the bytes, or 304 when If-None-Match names them; ETag is the MD5 (content-addressed).
Reply assetReply(const Sb3::AssetName &name, const QByteArray &data, const Request &request,
                 const QByteArray &cacheControl);
// The same from the library cache (disk, else one download); 404 when neither has it, 503 with
// Retry-After when the upstream could not be reached. Never writes the assets table.
QFuture<Reply> libraryAssetReply(Library::LibraryCache *library, const Sb3::AssetName &name,
                                 const Request &request, const QByteArray &cacheControl);

} // namespace Blockhaus::Http
