// SPDX-License-Identifier: AGPL-3.0-or-later
// Plain values of the library cache: its settings, the outcome of a lookup and fill progress.
// They know nothing of HTTP; server/http maps them to answers.
#pragma once

#include <QByteArray>
#include <QString>

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
};

} // namespace Blockhaus::Library
