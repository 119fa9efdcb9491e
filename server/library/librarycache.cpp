// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/library/librarycache.h"

#include <algorithm>
#include <memory>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QSet>

#include "server/library/librarycatalogue.h"
#include "server/library/librarylog.h"
#include "server/library/upstreamfetch.h"

namespace Blockhaus::Library {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLibrary, "blockhaus.library")

namespace {

LibraryAsset found(const Sb3::AssetName &name, QByteArray data)
{
    return {Availability::Found, name.md5, name.format, std::move(data), 0};
}

LibraryAsset notFound(const Sb3::AssetName &name)
{
    return {Availability::NotFound, name.md5, name.format, {}, 0};
}

std::optional<Sb3::AssetName> parse(const QString &md5ext)
{
    Sb3::AssetName name;
    if (Sb3::parseAssetName(md5ext, &name) != Sb3::AssetNameProblem::None)
        return std::nullopt;
    return name;
}

} // namespace

LibraryCache::LibraryCache(LibraryConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_files(m_config.directory)
{
    m_files.removeLeftovers();
    m_cacheBytes = m_files.totalBytes();
    if (m_config.maxCacheBytes > 0 && m_cacheBytes >= m_config.maxCacheBytes) {
        m_full = true;
        qCWarning(lcLibrary) << "library cache is full:" << m_cacheBytes.load() << "of"
                             << m_config.maxCacheBytes
                             << "bytes used; new library items are served but not stored";
    }
}

LibraryCache::~LibraryCache()
{
    m_shuttingDown = true;
    ++m_fill.generation; // a running fill's callbacks no longer count
    // Everyone still waiting gets an answer; the network client and its replies go with us.
    const QHash<QString, Flight> flights = std::exchange(m_flights, {});
    for (const Flight &flight : flights) {
        if (flight.reply)
            flight.reply->disconnect();
        for (const Waiter &waiter : flight.waiters)
            waiter(unavailable(flight.name));
    }
    delete m_network;
}

QFuture<LibraryAsset> LibraryCache::get(const QString &md5ext)
{
    const std::optional<Sb3::AssetName> name = parse(md5ext);
    if (!name)
        return QtFuture::makeReadyFuture(LibraryAsset{});
    // A hit never waits for the cache's thread.
    qint64 removed = 0;
    std::optional<QByteArray> data = m_files.read(*name, &removed);
    forget(removed);
    if (data)
        return QtFuture::makeReadyFuture(found(*name, std::move(*data)));
    if (!hasUpstream() || !inCatalogue(md5ext))
        return QtFuture::makeReadyFuture(notFound(*name));
    // Shared: the waiter is copied into the flight. If this object is gone before the posted call
    // runs, the promise is destroyed unfinished and the future reports cancellation.
    auto promise = std::make_shared<QPromise<LibraryAsset>>();
    promise->start();
    QFuture<LibraryAsset> future = promise->future();
    QMetaObject::invokeMethod(
        this,
        [this, name = *name, promise]() {
            request(name, [promise](const LibraryAsset &asset) {
                promise->addResult(asset);
                promise->finish();
            });
        },
        Qt::QueuedConnection);
    return future;
}

void LibraryCache::request(const Sb3::AssetName &name, Waiter waiter)
{
    const QString md5ext = name.md5ext();
    if (auto flight = m_flights.find(md5ext); flight != m_flights.end()) {
        flight->waiters.append(std::move(waiter));
        return;
    }
    // Checked again here: a download may have finished since the caller looked.
    qint64 removed = 0;
    std::optional<QByteArray> data = m_files.read(name, &removed);
    forget(removed);
    if (data) {
        waiter(found(name, std::move(*data)));
        return;
    }
    // Only what the editor's pickers can ask for is fetched (fills included).
    if (!hasUpstream() || !inCatalogue(md5ext)) {
        waiter(notFound(name));
        return;
    }
    if (m_shuttingDown || !m_backoff.hasExpired()) {
        waiter(unavailable(name));
        return;
    }
    Flight &flight = m_flights[md5ext];
    flight.name = name;
    flight.waiters.append(std::move(waiter));
    m_queue.enqueue(md5ext);
    startQueued();
}

void LibraryCache::startQueued()
{
    while (m_active < m_config.maxConcurrentFetches && !m_queue.isEmpty())
        startFetch(m_queue.dequeue());
}

void LibraryCache::startFetch(const QString &md5ext)
{
    auto flight = m_flights.find(md5ext);
    if (flight == m_flights.end())
        return;
    ++m_active;
    QString url = m_config.upstreamTemplate;
    url.replace(u"{md5ext}"_s, md5ext);
    flight->reply = fetchUpstream(network(), QUrl(url), flight->name.md5,
                                  {m_config.timeoutMs, m_config.maxBytes},
                                  [this, md5ext](const FetchOutcome &outcome) {
                                      --m_active;
                                      onFetched(md5ext, outcome);
                                      startQueued();
                                  });
}

void LibraryCache::onFetched(const QString &md5ext, const FetchOutcome &outcome)
{
    const auto flight = m_flights.constFind(md5ext);
    if (flight == m_flights.cend())
        return;
    const Sb3::AssetName name = flight->name;
    switch (outcome.kind) {
    case FetchOutcome::Kind::Ok:
        // Served even when it cannot be stored (disk full, cache full): the bytes are verified.
        store(name, outcome.data);
        complete(md5ext, found(name, outcome.data));
        return;
    case FetchOutcome::Kind::NotFound:
        complete(md5ext, notFound(name));
        return;
    case FetchOutcome::Kind::BadResponse:
        qCWarning(lcLibrary) << "upstream answer for" << md5ext << "refused:" << outcome.detail;
        complete(md5ext, unavailable(name));
        return;
    case FetchOutcome::Kind::Unreachable:
        qCWarning(lcLibrary) << "upstream unreachable for" << md5ext << ":" << outcome.detail;
        tripBackoff();
        complete(md5ext, unavailable(name));
        return;
    }
}

void LibraryCache::complete(const QString &md5ext, const LibraryAsset &asset)
{
    // Taken out first: a waiter may ask for more (the fill does) while we call the others.
    const Flight flight = m_flights.take(md5ext);
    for (const Waiter &waiter : flight.waiters)
        waiter(asset);
}

void LibraryCache::tripBackoff()
{
    m_backoff.setRemainingTime(m_config.backoffMs);
    // The queued ones would only wait for the same unreachable host: answer them now.
    const QQueue<QString> queued = std::exchange(m_queue, {});
    for (const QString &md5ext : queued) {
        if (auto flight = m_flights.constFind(md5ext); flight != m_flights.cend())
            complete(md5ext, unavailable(flight->name));
    }
}

LibraryAsset LibraryCache::unavailable(const Sb3::AssetName &name) const
{
    const qint64 remainingMs = m_backoff.hasExpired() ? 0 : m_backoff.remainingTime();
    const int retryAfter = static_cast<int>(std::max<qint64>(1, (remainingMs + 999) / 1000));
    return {Availability::Unavailable, name.md5, name.format, {}, retryAfter};
}

bool LibraryCache::fillAll(const QStringList &md5exts)
{
    {
        // Decided here, not in the cache's thread, so a status read right after sees the fill.
        QMutexLocker locker(&m_mutex);
        if (m_progress.running)
            return false;
        m_progress = FillProgress{true, 0, 0, 0};
    }
    QMetaObject::invokeMethod(
        this, [this, md5exts]() { startFill(md5exts); }, Qt::QueuedConnection);
    return true;
}

void LibraryCache::cancelFill()
{
    QMetaObject::invokeMethod(
        this,
        [this]() {
            bool running = false;
            {
                QMutexLocker locker(&m_mutex);
                running = m_progress.running;
            }
            if (running)
                finishFill(true);
        },
        Qt::QueuedConnection);
}

void LibraryCache::startFill(const QStringList &md5exts)
{
    m_fill = Fill{m_fill.generation + 1, {}, 0, false};
    QSet<QString> seen;
    int total = 0;
    int cached = 0;
    for (const QString &md5ext : md5exts) {
        const std::optional<Sb3::AssetName> name = parse(md5ext);
        if (!name || seen.contains(md5ext))
            continue;
        seen.insert(md5ext);
        ++total;
        if (m_files.contains(*name))
            ++cached;
        else
            m_fill.pending.append(*name);
    }
    {
        QMutexLocker locker(&m_mutex);
        m_progress = FillProgress{true, cached, total, 0};
    }
    qCInfo(lcLibrary) << "fill started:" << m_fill.pending.size() << "of" << total << "missing";
    emit fillProgressed(cached, total, 0);
    pumpFill();
}

void LibraryCache::pumpFill()
{
    // Re-entrant calls (a request answered at once calls back into here) only mark more work;
    // the outer call loops, so a long list of instant answers never deepens the stack.
    if (m_fill.pumping)
        return;
    m_fill.pumping = true;
    if (m_full.load() && !m_fill.pending.isEmpty()) {
        // The cache is full: what is still missing would only be downloaded and thrown away.
        const int skipped = static_cast<int>(m_fill.pending.size());
        m_fill.pending.clear();
        {
            QMutexLocker locker(&m_mutex);
            m_progress.done += skipped;
            m_progress.failed += skipped;
        }
        qCWarning(lcLibrary) << "fill skips" << skipped << "items: the library cache is full";
        publish();
    }
    // The fill leaves two download slots to the students' own requests.
    const int window = std::max(1, m_config.maxConcurrentFetches - 2);
    const quint64 generation = m_fill.generation;
    while (generation == m_fill.generation && m_fill.inFlight < window
           && !m_fill.pending.isEmpty()) {
        const Sb3::AssetName name = m_fill.pending.takeFirst();
        ++m_fill.inFlight;
        request(name, [this, generation](const LibraryAsset &asset) {
            onFillItemDone(generation, asset.availability);
        });
    }
    if (generation == m_fill.generation)
        m_fill.pumping = false;
    if (generation == m_fill.generation && m_fill.pending.isEmpty() && m_fill.inFlight == 0)
        finishFill(false);
}

void LibraryCache::onFillItemDone(quint64 generation, Availability availability)
{
    if (generation != m_fill.generation)
        return; // a cancelled fill
    --m_fill.inFlight;
    {
        QMutexLocker locker(&m_mutex);
        ++m_progress.done;
        if (availability != Availability::Found)
            ++m_progress.failed;
    }
    publish();
    if (!m_fill.pumping)
        pumpFill();
}

void LibraryCache::finishFill(bool cancelled)
{
    ++m_fill.generation; // answers still under way no longer count
    m_fill.pending.clear();
    m_fill.inFlight = 0;
    m_fill.pumping = false;
    FillProgress progress;
    {
        QMutexLocker locker(&m_mutex);
        m_progress.running = false;
        progress = m_progress;
    }
    qCInfo(lcLibrary) << "fill" << (cancelled ? "cancelled:" : "finished:") << progress.done << "of"
                      << progress.total << "done," << progress.failed << "failed";
    emit fillFinished(progress.done, progress.total, progress.failed, cancelled);
}

void LibraryCache::publish()
{
    FillProgress progress;
    {
        QMutexLocker locker(&m_mutex);
        progress = m_progress;
    }
    emit fillProgressed(progress.done, progress.total, progress.failed);
}

void LibraryCache::store(const Sb3::AssetName &name, const QByteArray &data)
{
    const qint64 max = m_config.maxCacheBytes;
    if (max > 0 && m_cacheBytes.load() + data.size() > max) {
        // Logged once per time the cache fills up, not once per refused item.
        if (!m_full.exchange(true)) {
            qCWarning(lcLibrary) << "library cache is full:" << m_cacheBytes.load() << "of" << max
                                 << "bytes used; new library items are served but not stored";
        }
        return;
    }
    if (!m_files.write(name, data)) {
        qCWarning(lcLibrary) << "cannot store" << m_files.pathFor(name);
        return;
    }
    m_cacheBytes += data.size();
}

void LibraryCache::forget(qint64 removedBytes)
{
    if (removedBytes <= 0)
        return;
    m_cacheBytes -= removedBytes;
    if (m_config.maxCacheBytes > 0 && m_cacheBytes.load() < m_config.maxCacheBytes)
        m_full = false;
}

const LibraryCache::Catalogue &LibraryCache::currentCatalogue() const
{
    const QString signature = catalogueSignature(m_config.catalogueRoot);
    if (!m_catalogue || m_catalogue->signature != signature) {
        Catalogue fresh;
        fresh.signature = signature;
        fresh.names = readCatalogue(m_config.catalogueRoot);
        fresh.set = QSet<QString>(fresh.names.cbegin(), fresh.names.cend());
        fresh.items = readCatalogueItems(m_config.catalogueRoot);
        m_catalogue = std::move(fresh);
    }
    return *m_catalogue;
}

QStringList LibraryCache::catalogue() const
{
    QMutexLocker locker(&m_mutex);
    return currentCatalogue().names;
}

bool LibraryCache::inCatalogue(const QString &md5ext) const
{
    QMutexLocker locker(&m_mutex);
    return currentCatalogue().set.contains(md5ext);
}

LibrarySummary LibraryCache::summary() const
{
    LibrarySummary summary;
    const QStringList names = catalogue();
    summary.total = static_cast<int>(names.size());
    for (const QString &md5ext : names) {
        if (const std::optional<Sb3::AssetName> name = parse(md5ext);
            name && m_files.contains(*name))
            ++summary.cached;
    }
    summary.upstream = hasUpstream();
    summary.cacheBytes = m_cacheBytes.load();
    summary.maxCacheBytes = m_config.maxCacheBytes;
    summary.full = m_full.load();
    QMutexLocker locker(&m_mutex);
    summary.fill = m_progress;
    return summary;
}

QFuture<LibraryAvailability> LibraryCache::availability()
{
    QList<CatalogueItem> items;
    {
        QMutexLocker locker(&m_mutex);
        items = currentCatalogue().items;
    }
    LibraryAvailability result;
    result.upstream = hasUpstream();
    result.total = static_cast<int>(items.size());
    QSet<QString> missing; // assets not on disk
    for (const CatalogueItem &item : std::as_const(items)) {
        bool complete = true;
        for (const QString &md5ext : item.assets) {
            const std::optional<Sb3::AssetName> name = parse(md5ext);
            if (name && m_files.contains(*name))
                continue;
            complete = false;
            if (!missing.contains(md5ext)) {
                missing.insert(md5ext);
                result.missingAssets.append(md5ext);
            }
        }
        if (!complete)
            result.missingItems.append({item.kind, item.name});
    }
    if (result.missingAssets.isEmpty() || !hasUpstream())
        return QtFuture::makeReadyFuture(result);
    // Something is missing: whether it can be fetched decides. The probe is a real download of
    // one missing asset (it is stored, so a probe is never wasted); an upstream that answers 404
    // for it still answers, so the rest is fetched on demand as before.
    return get(result.missingAssets.constFirst()).then([result](const LibraryAsset &asset) mutable {
        if (asset.availability != Availability::Unavailable) {
            result.reachable = true;
            result.missingItems.clear();
            result.missingAssets.clear();
        }
        return result;
    });
}

Result<int> LibraryCache::exportArchive(const QString &path) const
{
    return exportLibrary(m_config.directory, path);
}

Result<LibraryImport> LibraryCache::importArchive(const QString &path)
{
    const qint64 room = m_config.maxCacheBytes > 0
        ? std::max<qint64>(0, m_config.maxCacheBytes - m_cacheBytes.load())
        : -1;
    Result<LibraryImport> report = importLibrary(m_files, path, m_config.maxBytes, room);
    if (report)
        m_cacheBytes += report->addedBytes;
    return report;
}

QNetworkAccessManager &LibraryCache::network()
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return *m_network;
}

} // namespace Blockhaus::Library
