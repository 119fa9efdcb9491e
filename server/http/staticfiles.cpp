// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/staticfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QRegularExpression>

#include "server/http/contentencoding.h"
#include "server/http/errors.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxStaticFile = 64LL * 1024 * 1024;
// Enough for the editor's bundle and chunks in both encodings; beyond it files are read per
// request (the rarely used media of static/), so memory stays bounded.
constexpr qint64 maxCachedBytes = 96LL * 1024 * 1024;
constexpr qint64 maxCachedFile = 24LL * 1024 * 1024;

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
        {u"jpeg"_s, "image/jpeg"},
        {u"gif"_s, "image/gif"},
        {u"ico"_s, "image/x-icon"},
        {u"cur"_s, "image/x-icon"},
        {u"woff2"_s, "font/woff2"},
        {u"txt"_s, "text/plain; charset=utf-8"},
        {u"md"_s, "text/markdown; charset=utf-8"},
        {u"wasm"_s, "application/wasm"},
        {u"wav"_s, "audio/wav"},
        {u"mp3"_s, "audio/mpeg"},
        {u"ogg"_s, "audio/ogg"},
    };
    return types.value(suffix.toLower(), "application/octet-stream");
}

// Pretty addresses of the pages (API.md names none; docs/api-changelog.md lists them).
QString pageFor(const QString &path)
{
    static const QHash<QString, QString> pages{
        {u"/"_s, u"index.html"_s},
        {u"/join"_s, u"join.html"_s},
        {u"/projects"_s, u"projects.html"_s},
        {u"/gallery"_s, u"gallery.html"_s},
        {u"/teacher"_s, u"teacher.html"_s},
        {u"/about"_s, u"about.html"_s},
        {u"/editor"_s, u"editor.html"_s},
    };
    if (const auto it = pages.constFind(path); it != pages.constEnd())
        return *it;
    // The QR code on the join screen and the login cards link to /join/CODE.
    static const QRegularExpression joinCode(u"^/join/[A-Za-z0-9-]{1,32}/?$"_s);
    if (joinCode.match(path).hasMatch())
        return u"join.html"_s;
    return {};
}

QByteArray etagOf(const QString &relative, const QFileInfo &info, const QByteArray &coding)
{
    const QByteArray identity = relative.toUtf8() + '\n' + QByteArray::number(info.size()) + '\n'
        + QByteArray::number(info.lastModified().toMSecsSinceEpoch());
    QByteArray tag = QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(20);
    if (!coding.isEmpty())
        tag += '-' + coding; // each representation has its own validator (RFC 9110 8.8.3)
    return '"' + tag + '"';
}

bool matchesIfNoneMatch(const QByteArray &header, const QByteArray &etag)
{
    if (header.trimmed() == "*")
        return true;
    for (QByteArray candidate : header.split(',')) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2); // If-None-Match uses the weak comparison
        if (candidate == etag)
            return true;
    }
    return false;
}

} // namespace

StaticFiles::StaticFiles(QString webRoot)
{
    if (!webRoot.isEmpty())
        m_root = QFileInfo(webRoot).canonicalFilePath();
}

void StaticFiles::addPageSecurityHeaders(Reply &reply)
{
    // Found by running the pinned Scratch editor (third_party/scratch-gui.pin) in Chromium under
    // this policy and watching for violations (tests/e2e/csp.test.mjs fails on any); every
    // exception to "only from this server, no inline or eval'd script" is one the editor
    // demonstrably needs:
    // - script-src 'unsafe-eval': scratch-vm validates every loaded project with ajv, which
    //   compiles its JSON schemas with new Function(); without it no project opens.
    // - script-src 'sha256-AIzp...': the editor's sandbox iframe (srcdoc, sandbox="allow-
    //   scripts", an opaque origin) starts with this one inline script; a srcdoc document
    //   inherits this policy. The hash admits exactly that script; a new editor version with a
    //   different one shows up as a violation in the e2e suite.
    // - style-src 'unsafe-inline': the editor's stylesheets are injected as <style> elements
    //   and its components set style="" attributes. Styles cannot run script.
    // - img-src data:, font-src data:: the editor's icons and its fonts are data: URLs inside
    //   the bundle.
    // Not needed and so not allowed: blob: anywhere, workers from anywhere but this server,
    // inline script, plugins (object-src), other hosts, being framed by other sites.
    static const QByteArray policy =
        "default-src 'self'; "
        "script-src 'self' 'unsafe-eval' 'sha256-AIzpsAr2DJF6Z9BaBAxpkIJ+YqMmAt9+K0Pkb30/BGE='; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "font-src 'self' data:; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'self'";
    reply.addHeader("Content-Security-Policy", policy);
    reply.addHeader("X-Content-Type-Options", "nosniff");
    reply.addHeader("Referrer-Policy", "same-origin");
}

QByteArray StaticFiles::cacheControlFor(const QString &relativePath)
{
    // webpack chunk names ("fetch-worker.12a0667c4caaa6201bad.js") and the editor's media
    // ("static/assets/0fb9be3e8397c983338cb71dc84d0b25.svg", "30d0...7b.hex") carry their
    // content's hash: a changed file always gets a new name.
    static const QRegularExpression hashed(u"(^|[./-])[0-9a-f]{16,}\\.[A-Za-z0-9]+$"_s);
    const bool versioned = relativePath.startsWith(u"chunks/"_s)
        || relativePath.startsWith(u"static/"_s) || !relativePath.contains(u'/');
    if (versioned && hashed.match(relativePath).hasMatch())
        return "public, max-age=31536000, immutable";
    return "no-cache";
}

QString StaticFiles::resolve(const QString &requestPath) const
{
    if (requestPath.contains(u'\0') || requestPath.contains(u'\\'))
        return {};
    QString relative = pageFor(requestPath);
    if (relative.isEmpty())
        relative = requestPath.mid(1);
    if (relative.isEmpty() || relative.endsWith(u'/'))
        return {};
    // Resolve, then make sure the result is still inside the web root (no ../ escapes, no
    // symbolic link out of it).
    const QFileInfo info(QDir::cleanPath(m_root + u'/' + relative));
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty() || !canonical.startsWith(m_root + u'/') || !info.isFile())
        return {};
    return canonical.mid(m_root.size() + 1);
}

std::optional<QByteArray> StaticFiles::read(const QString &absolutePath, const QDateTime &modified,
                                            qint64 size) const
{
    {
        const QMutexLocker lock(&m_cacheMutex);
        const auto it = m_cache.constFind(absolutePath);
        if (it != m_cache.constEnd() && it->modified == modified && it->data.size() == size)
            return it->data;
        const qint64 stale = it != m_cache.constEnd() ? it->data.size() : 0;
        if (size > maxCachedFile || m_cachedBytes - stale + size > maxCachedBytes)
            return std::nullopt;
    }
    QFile file(absolutePath);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    const QByteArray data = file.readAll();
    if (data.size() != size)
        return data;
    const QMutexLocker lock(&m_cacheMutex);
    if (const auto old = m_cache.constFind(absolutePath); old != m_cache.constEnd()) {
        m_cachedBytes -= old->data.size();
        m_cache.erase(old);
    }
    if (m_cachedBytes + size <= maxCachedBytes) {
        m_cache.insert(absolutePath, {data, modified});
        m_cachedBytes += size;
    }
    return data;
}

Reply StaticFiles::serve(const RequestContext &context) const
{
    const Request &request = context.request;
    const Reply notFound =
        errorReply(ErrorKind::NotFound, u"There is nothing at this address."_s, request.requestId);
    if (m_root.isEmpty())
        return notFound;
    const QString relative = resolve(request.path);
    if (relative.isEmpty())
        return notFound;
    const QString absolute = m_root + u'/' + relative;

    // Pick the smallest representation the client accepts that exists on disk.
    const AcceptedEncodings accepted = parseAcceptEncoding(request.header("accept-encoding"));
    QByteArray coding;
    QFileInfo info;
    const auto variant = [&](const char *suffix, const QByteArray &name) {
        const QFileInfo candidate(absolute + QLatin1StringView(suffix));
        if (candidate.isFile()) {
            info = candidate;
            coding = name;
        }
        return candidate.isFile();
    };
    const bool hasVariant =
        QFileInfo::exists(absolute + u".gz"_s) || QFileInfo::exists(absolute + u".br"_s);
    if (!(accepted.brotli && variant(".br", "br")) && !(accepted.gzip && variant(".gz", "gzip")))
        info = QFileInfo(absolute);
    if (info.size() > maxStaticFile)
        return notFound;

    const QByteArray etag = etagOf(relative, info, coding);
    const QByteArray cacheControl = cacheControlFor(relative);
    Reply reply;
    if (matchesIfNoneMatch(request.header("if-none-match"), etag)) {
        reply.status = 304;
    } else {
        const QByteArray type = contentTypeOf(QFileInfo(relative).suffix());
        const std::optional<QByteArray> body =
            read(info.absoluteFilePath(), info.lastModified(), info.size());
        if (!body) {
            reply = Reply::fromFile(
                200, type,
                std::make_shared<ReplyFile>(info.absoluteFilePath(), info.size(), false));
        } else if (body->size() != info.size()) {
            return notFound; // replaced or removed while we looked at it
        } else {
            reply = Reply::bytes(200, type, *body);
        }
        if (!coding.isEmpty())
            reply.addHeader("Content-Encoding", coding);
    }
    reply.addHeader("ETag", etag).addHeader("Cache-Control", cacheControl);
    if (hasVariant)
        reply.addHeader("Vary", "Accept-Encoding");
    return reply;
}

} // namespace Blockhaus::Http
