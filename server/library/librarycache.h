// SPDX-License-Identifier: AGPL-3.0-or-later
// server/library owns the local copy of the Scratch library (the costume, sprite, sound and
// backdrop pickers' pictures and sounds): files on disk, downloads from the upstream CDN with one
// download per asset however many ask, and the "download the whole library" fill.
#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include <QDeadlineTimer>
#include <QFuture>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include "server/core/result.h"
#include "server/library/libraryarchive.h"
#include "server/library/librarycatalogue.h"
#include "server/library/libraryfiles.h"
#include "server/library/librarytypes.h"
#include "server/sb3/assetname.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Blockhaus::Library {

struct FetchOutcome;

// Thread affinity: the object lives in a thread with an event loop (the server thread); its
// network client and all download bookkeeping stay there. The public methods below are
// thread-safe: they read the disk on the calling thread and post everything else.
class LibraryCache : public QObject
{
    Q_OBJECT

public:
    explicit LibraryCache(LibraryConfig config, QObject *parent = nullptr);
    ~LibraryCache() override; // waiters still pending get Unavailable

    const LibraryConfig &config() const { return m_config; }
    bool hasUpstream() const { return !m_config.upstreamTemplate.isEmpty(); }

    // The asset by md5ext: from disk, else downloaded (single-flight), verified and stored.
    // Only names in the editor's catalogue are ever downloaded: any other miss is NotFound
    // without asking the upstream (the server is no open proxy to the CDN). Nothing is stored
    // once the cache holds maxCacheBytes. The future finishes on the cache's thread, or at once
    // for hits, misses without an upstream, names outside the catalogue and invalid names
    // (NotFound).
    QFuture<LibraryAsset> get(const QString &md5ext);

    // Downloads every missing asset of the list with bounded concurrency; progress by
    // fillProgressed/fillFinished. False (and nothing changes) while a fill is running.
    bool fillAll(const QStringList &md5exts);
    // fillAll() over the editor's catalogue.
    bool fillCatalogue() { return fillAll(catalogue()); }
    void cancelFill();

    // The editor's catalogue from the web root; read again when its files change.
    QStringList catalogue() const;
    bool inCatalogue(const QString &md5ext) const;
    LibrarySummary summary() const;
    // Which catalogue items the pickers can offer now. When something is missing and an
    // upstream is configured, one missing asset is fetched as a probe (single-flight, bounded by
    // the download timeout; answered at once while the upstream is known to be unreachable), so
    // the future may finish later, on the cache's thread.
    QFuture<LibraryAvailability> availability();

    // The cache as one zip file and back (#13); disk work on the calling thread (a worker),
    // thread-safe. An import counts the added bytes towards the size cap's total.
    Result<int> exportArchive(const QString &path) const;
    Result<LibraryImport> importArchive(const QString &path);

signals:
    void fillProgressed(int done, int total, int failed);
    void fillFinished(int done, int total, int failed, bool cancelled);

private:
    using Waiter = std::function<void(const LibraryAsset &)>;
    struct Flight
    {
        Sb3::AssetName name;
        QList<Waiter> waiters;
        QNetworkReply *reply = nullptr; // null while queued
    };
    struct Catalogue
    {
        QString signature;
        QStringList names;
        QSet<QString> set;
        QList<CatalogueItem> items;
    };
    struct Fill
    {
        quint64 generation = 0;
        QList<Sb3::AssetName> pending;
        int inFlight = 0;
        bool pumping = false;
    };

    // Cache thread only.
    void request(const Sb3::AssetName &name, Waiter waiter);
    void startQueued();
    void startFetch(const QString &md5ext);
    void onFetched(const QString &md5ext, const FetchOutcome &outcome);
    void complete(const QString &md5ext, const LibraryAsset &asset);
    void tripBackoff();
    LibraryAsset unavailable(const Sb3::AssetName &name) const;
    void startFill(const QStringList &md5exts);
    void pumpFill();
    void onFillItemDone(quint64 generation, Availability availability);
    void finishFill(bool cancelled);
    void publish(); // copies fill progress to m_progress and emits fillProgressed
    QNetworkAccessManager &network();
    void store(const Sb3::AssetName &name, const QByteArray &data);
    const Catalogue &currentCatalogue() const; // with m_mutex held
    void forget(qint64 removedBytes); // a damaged file was removed

    const LibraryConfig m_config;
    const LibraryFiles m_files;

    QNetworkAccessManager *m_network = nullptr; // created on first use, in the cache's thread
    QHash<QString, Flight> m_flights; // by md5ext: one download per asset (single-flight)
    QQueue<QString> m_queue; // flights waiting for a download slot
    int m_active = 0;
    QDeadlineTimer m_backoff; // expired unless the upstream was just unreachable
    Fill m_fill;
    bool m_shuttingDown = false;
    // Bytes on disk (counted at start, then kept up to date) and whether a download was turned
    // away by the size cap; read from any thread.
    std::atomic<qint64> m_cacheBytes{0};
    std::atomic<bool> m_full{false};

    mutable QMutex m_mutex; // guards the members below
    FillProgress m_progress;
    mutable std::optional<Catalogue> m_catalogue;
};

} // namespace Blockhaus::Library
