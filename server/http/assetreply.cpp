// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/assetreply.h"

#include "server/http/errors.h"
#include "server/http/handlerutil.h"
#include "server/library/librarycache.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

Reply notInLibrary(const QByteArray &requestId)
{
    return errorReply(ErrorKind::NotFound,
                      u"This picture or sound is not on this server or in the Scratch library."_s,
                      requestId);
}

} // namespace

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

void addUserContentHeaders(Reply &reply)
{
    // style-src 'unsafe-inline': SVG costumes style themselves with <style> and style="";
    // without it a costume opened on its own would look wrong. Styles cannot run script.
    reply.addHeader("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    reply.addHeader("X-Content-Type-Options", "nosniff");
}

Reply assetReply(const Sb3::AssetName &name, const QByteArray &data, const Request &request,
                 const QByteArray &cacheControl)
{
    const QByteArray etag = '"' + name.md5.toLatin1() + '"';
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (!ifNoneMatch.isEmpty() && (ifNoneMatch.contains(etag) || ifNoneMatch.trimmed() == "*")) {
        Reply reply;
        reply.status = 304;
        reply.addHeader("ETag", etag).addHeader("Cache-Control", cacheControl);
        return reply;
    }
    Reply reply = Reply::bytes(200, Sb3::contentTypeFor(name.format), data);
    reply.addHeader("ETag", etag).addHeader("Cache-Control", cacheControl);
    addUserContentHeaders(reply);
    return reply;
}

QFuture<Reply> libraryAssetReply(Library::LibraryCache *library, const Sb3::AssetName &name,
                                 const Request &request, const QByteArray &cacheControl)
{
    const QByteArray requestId = request.requestId;
    if (!library)
        return QtFuture::makeReadyFuture(notInLibrary(requestId));
    // Only what the answer needs is captured: the request itself is gone by then.
    Request headers;
    headers.headers = {{"if-none-match", request.header("if-none-match")}};
    return library->get(name.md5ext())
        .then([name, headers, cacheControl, requestId](const Library::LibraryAsset &asset) {
            switch (asset.availability) {
            case Library::Availability::Found:
                return assetReply(name, asset.data, headers, cacheControl);
            case Library::Availability::NotFound:
                break;
            case Library::Availability::Unavailable: {
                Error error = makeError(ErrorKind::Unavailable,
                                        u"The Scratch library cannot be reached right now. "
                                        "Please try again in a moment."_s);
                error.retryAfterSeconds = asset.retryAfterSeconds;
                return errorReply(error, requestId);
            }
            }
            return notInLibrary(requestId);
        });
}

} // namespace Blockhaus::Http
