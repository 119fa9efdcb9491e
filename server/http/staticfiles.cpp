// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/staticfiles.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "server/http/errors.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxStaticFile = 64LL * 1024 * 1024;

QByteArray contentTypeOf(const QString &suffix)
{
    static const QHash<QString, QByteArray> types{
        {u"html"_s, "text/html; charset=utf-8"},
        {u"css"_s, "text/css; charset=utf-8"},
        {u"js"_s, "text/javascript; charset=utf-8"},
        {u"mjs"_s, "text/javascript; charset=utf-8"},
        {u"json"_s, "application/json"},
        {u"svg"_s, "image/svg+xml"},
        {u"png"_s, "image/png"},
        {u"jpg"_s, "image/jpeg"},
        {u"ico"_s, "image/x-icon"},
        {u"woff2"_s, "font/woff2"},
        {u"txt"_s, "text/plain; charset=utf-8"},
        {u"wasm"_s, "application/wasm"},
    };
    return types.value(suffix.toLower(), "application/octet-stream");
}

} // namespace

StaticFiles::StaticFiles(QString webRoot)
{
    if (!webRoot.isEmpty())
        m_root = QFileInfo(webRoot).canonicalFilePath();
}

Reply StaticFiles::serve(const RequestContext &context) const
{
    const Request &request = context.request;
    const Reply notFound =
        errorReply(ErrorKind::NotFound, u"There is nothing at this address."_s, request.requestId);
    if (m_root.isEmpty())
        return notFound;
    QString relative = request.path;
    if (relative.contains(u'\0') || relative.contains(u'\\'))
        return notFound;
    if (relative.endsWith(u'/'))
        relative += u"index.html"_s;
    // Resolve, then make sure the result is still inside the web root (no ../ escapes).
    const QString candidate = QDir::cleanPath(m_root + u'/' + relative);
    const QFileInfo info(candidate);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty() || !canonical.startsWith(m_root + u'/') || !info.isFile()
        || info.size() > maxStaticFile)
        return notFound;
    const QByteArray etag = '"'
        + QCryptographicHash::hash(
              QByteArray(canonical.toUtf8() + QByteArray::number(info.size())
                         + QByteArray::number(info.lastModified().toMSecsSinceEpoch())),
              QCryptographicHash::Sha1)
              .toHex()
              .left(20)
        + '"';
    if (request.header("if-none-match") == etag) {
        Reply reply;
        reply.status = 304;
        reply.addHeader("ETag", etag).addHeader("Cache-Control", "no-cache");
        return reply;
    }
    QFile file(canonical);
    if (!file.open(QIODevice::ReadOnly))
        return notFound;
    Reply reply = Reply::bytes(200, contentTypeOf(info.suffix()), file.readAll());
    reply.addHeader("ETag", etag).addHeader("Cache-Control", "no-cache");
    return reply;
}

} // namespace Blockhaus::Http
