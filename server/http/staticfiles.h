// SPDX-License-Identifier: AGPL-3.0-or-later
// StaticFiles serves the web root (GET outside /api/): the students' pages under their pretty
// names (/join/CODE, /editor, ...) and the Scratch editor at the site root, as its bundle expects.
// Precompressed .br/.gz variants written at build time are chosen by Accept-Encoding, every
// file carries a validator (ETag, 304), and content-hashed files are cached for a year.
#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>

#include "server/http/reply.h"
#include "server/http/request.h"

namespace Blockhaus::Http {

class StaticFiles
{
public:
    explicit StaticFiles(QString webRoot);
    Reply serve(const RequestContext &context) const;

    // Security headers of everything served from the web root (issue #12): a strict CSP that
    // the Scratch editor tolerates, framing only by our own pages, nosniff. Also added to the
    // 404 answers of the web root, where they cost nothing.
    static void addPageSecurityHeaders(Reply &reply);

    // "Cache-Control" for a path below the web root: a year and immutable for file names that
    // carry a content hash (a new editor version brings new names), revalidation otherwise.
    static QByteArray cacheControlFor(const QString &relativePath);

private:
    // The file a request path names, relative to the web root, or empty when there is none.
    QString resolve(const QString &requestPath) const;
    // Whole files kept in memory: thirty students load the same 4 MB bundle at once, and
    // implicitly shared QByteArrays let every reply point at one copy. nullopt: too large for
    // the cache (or it is full), so the connection streams the file from disk in chunks instead
    // of this thread reading it whole.
    std::optional<QByteArray> read(const QString &absolutePath, const QDateTime &modified,
                                   qint64 size) const;

    QString m_root; // canonical path, empty when there is no web root

    struct CachedFile
    {
        QByteArray data;
        QDateTime modified;
    };
    mutable QMutex m_cacheMutex;
    mutable QHash<QString, CachedFile> m_cache;
    mutable qint64 m_cachedBytes = 0;
};

} // namespace Blockhaus::Http
