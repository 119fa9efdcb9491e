// SPDX-License-Identifier: AGPL-3.0-or-later
// Plain values of the library cache: its settings, the outcome of a lookup and fill progress.
// They know nothing of HTTP; server/http maps them to answers.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Blockhaus::Library {

struct LibraryConfig
{
    QString directory; // <data-dir>/library
    // Upstream URL with the placeholder {md5ext}; empty: offline, nothing is ever downloaded.
    QString upstreamTemplate;
    QString catalogueRoot; // the web root holding libraries/*.json (the editor's catalogue)
    int timeoutMs = 15'000; // whole download, connect to last byte
    qint64 maxBytes = 10LL * 1024 * 1024; // the asset limit of API.md
    int maxConcurrentFetches = 6;
    // After the upstream was unreachable (network error, timeout), misses answer Unavailable at
    // once for this long instead of each waiting for its own timeout: a picker asks for ~340
    // thumbnails at once and must not show a spinner for minutes when the school is offline.
    int backoffMs = 30'000;
    // The most bytes the cache keeps on disk (0: no limit). When the next download would pass
    // it, the cache stops storing new items (it still serves them once, and everything already
    // on disk) and says so in the log and in its summary.
    qint64 maxCacheBytes = 1'000'000'000; // 1 GB
};

enum class Availability {
    Found,
    NotFound, // the upstream said 404, or there is no upstream
    Unavailable, // the upstream could not be reached or sent something unusable
};

struct LibraryAsset
{
    Availability availability = Availability::NotFound;
    QString md5;
    QString format;
    QByteArray data; // with Found
    int retryAfterSeconds = 0; // with Unavailable
};

struct FillProgress
{
    bool running = false;
    int done = 0; // items finished, including failed ones and those already cached at the start
    int total = 0; // distinct valid names of the fill
    int failed = 0;
};

struct LibrarySummary
{
    int cached = 0; // catalogue items present on disk
    int total = 0; // catalogue items
    bool upstream = false;
    FillProgress fill;
    qint64 cacheBytes = 0; // on disk now
    qint64 maxCacheBytes = 0; // 0: no limit
    bool full = false; // a download was not stored because of maxCacheBytes
};

// What the editor's pickers can offer right now (#13): an item is available when every asset it
// loads is on disk, or the upstream answers. Offline, the editor hides the missing items instead
// of showing broken pictures and adding broken costumes.
struct MissingItem
{
    QString kind; // costumes, sprites, sounds, backdrops
    QString name;
};
struct LibraryAvailability
{
    bool upstream = false; // an upstream is configured
    bool reachable = false; // it answered just now (false without one)
    int total = 0; // catalogue items
    QList<MissingItem> missingItems; // empty when reachable
    QStringList missingAssets; // md5ext of catalogue assets that cannot be served now
};

} // namespace Blockhaus::Library
