// SPDX-License-Identifier: AGPL-3.0-or-later
// LibraryCache in-process against a fake upstream on 127.0.0.1: fillAll's progress, failures
// (404, wrong bytes) and result on disk; a second fill that finds everything cached; cancelFill
// while downloads are slow or hang; readCatalogue over hand-written libraries/*.json (nested
// sprite parts, duplicates, missing and malformed files); a file damaged on disk fetched again.
// Issue #12: only names in the editor's catalogue are downloaded (others are NotFound without
// asking the upstream, also when the catalogue changes while running), and the size cap: when
// full, downloads are served but not stored, a fill stops downloading, and both say so.

#include <memory>
#include <utility>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFuture>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "server/library/librarycache.h"
#include "server/library/librarycatalogue.h"
#include "tests/support/fakeupstream.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Library;
using namespace Blockhaus::Test;

namespace {

constexpr int waitMs = 5000; // for anything that takes a few round trips on 127.0.0.1

struct Asset
{
    QString name;
    QByteArray bytes;
};

Asset asset(int seed)
{
    const QByteArray bytes = svgAsset(seed);
    return {md5ext(bytes, u"svg"_s), bytes};
}

QStringList namesOf(const QList<Asset> &assets)
{
    QStringList names;
    for (const Asset &item : assets)
        names << item.name;
    return names;
}

// A name made of one repeated hex digit, for hand-written catalogues.
QString fakeName(char digit, const QString &format)
{
    return QString(32, QLatin1Char(digit)) + u'.' + format;
}

QString cachedPath(const QString &directory, const QString &name)
{
    return directory + u'/' + name.left(2) + u'/' + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Every file under directory, relative to it (hidden ones too: QSaveFile's temporaries).
QStringList filesUnder(const QString &directory)
{
    QStringList files;
    const QDir root(directory);
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    files.sort();
    return files;
}

// The files a cache holding exactly these names has, in filesUnder()'s form.
QStringList expectedFiles(const QStringList &names)
{
    QStringList files;
    for (const QString &name : names)
        files << name.left(2) + u'/' + name;
    files.sort();
    return files;
}

} // namespace

class TestLibraryCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void fillAllStoresGoodAssetsAndCountsFailures_data();
    void fillAllStoresGoodAssetsAndCountsFailures();
    void secondFillDownloadsNothingNew_data();
    void secondFillDownloadsNothingNew();
    void cancelFillStopsDownloadsAndLeavesNoPartialFiles_data();
    void cancelFillStopsDownloadsAndLeavesNoPartialFiles();
    void readCatalogueListsDistinctNames_data();
    void readCatalogueListsDistinctNames();
    void fillCatalogueFillsWhatTheCatalogueNames();
    void damagedFileIsFetchedAgainOnRead_data();
    void damagedFileIsFetchedAgainOnRead();
    void namesOutsideTheCatalogueAreNotDownloaded_data();
    void namesOutsideTheCatalogueAreNotDownloaded();
    void catalogueIsReadAgainWhenItChanges();
    void fullCacheServesButStoresNothingNew();
    void cacheOverTheCapAtStartIsFull();
    void fillStopsDownloadingWhenTheCacheIsFull();

private:
    LibraryConfig config(int maxConcurrentFetches = 6) const;
    QString cacheDir() const { return m_dir->path() + u"/library"_s; }
    // Serves `good` good assets, and names one the upstream does not know (404) and one it
    // answers with bytes that do not match the name.
    void serveMixed(int good);
    QStringList mixedNames() const { return namesOf(m_good) << m_missing << m_wrong; }
    // The cache logs each refusal of m_wrong's bytes; expected, and checked, once per download.
    void expectWrongBytesRefused(int times) const;
    // Writes the editor's catalogue (costumes.json) naming exactly these assets: only they may be
    // downloaded.
    void publishCatalogue(const QStringList &names) const;
    QString webRoot() const { return m_dir->path() + u"/web"_s; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeUpstream> m_upstream;
    QList<Asset> m_good;
    QString m_missing;
    QString m_wrong;
};

void TestLibraryCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_upstream = std::make_unique<FakeUpstream>();
    QVERIFY(m_upstream->listen());
    m_good.clear();
    m_missing.clear();
    m_wrong.clear();
}

void TestLibraryCache::cleanup()
{
    m_upstream.reset();
    m_dir.reset();
}

LibraryConfig TestLibraryCache::config(int maxConcurrentFetches) const
{
    LibraryConfig config;
    config.directory = cacheDir();
    config.upstreamTemplate = m_upstream->urlTemplate();
    config.catalogueRoot = m_dir->path() + u"/web"_s;
    config.timeoutMs = waitMs;
    config.maxConcurrentFetches = maxConcurrentFetches;
    return config;
}

void TestLibraryCache::serveMixed(int good)
{
    for (int i = 0; i < good; ++i) {
        m_good << asset(i);
        m_upstream->serve(m_good.last().name, m_good.last().bytes);
    }
    m_missing = asset(1000).name;
    m_wrong = asset(1001).name;
    m_upstream->serve(m_wrong, asset(1002).bytes);
}

void TestLibraryCache::publishCatalogue(const QStringList &names) const
{
    QVERIFY(QDir().mkpath(webRoot() + u"/libraries"_s));
    QByteArray json = "[";
    for (const QString &name : names)
        json += (json.size() > 1 ? ", " : "") + u"{\"md5ext\": \"%1\"}"_s.arg(name).toUtf8();
    json += "]";
    QVERIFY(writeFile(webRoot() + u"/libraries/costumes.json"_s, json));
}

void TestLibraryCache::expectWrongBytesRefused(int times) const
{
    const QRegularExpression message(QRegularExpression::escape(m_wrong)
                                     + u".*refused.*does not match its MD5"_s);
    for (int i = 0; i < times; ++i)
        QTest::ignoreMessage(QtWarningMsg, message);
}

void TestLibraryCache::fillAllStoresGoodAssetsAndCountsFailures_data()
{
    QTest::addColumn<int>("maxConcurrentFetches");
    QTest::addColumn<int>("good");

    // The fill keeps two download slots free for students, but always uses at least one.
    QTest::newRow("one download slot") << 1 << 5;
    QTest::newRow("fill window of one") << 3 << 5;
    QTest::newRow("default slots") << 6 << 8;
    QTest::newRow("more slots than items") << 20 << 4;
}

void TestLibraryCache::fillAllStoresGoodAssetsAndCountsFailures()
{
    QFETCH(int, maxConcurrentFetches);
    QFETCH(int, good);
    serveMixed(good);
    const int total = good + 2;
    expectWrongBytesRefused(1);
    publishCatalogue(mixedNames());

    LibraryCache cache(config(maxConcurrentFetches));
    QSignalSpy progressed(&cache, &LibraryCache::fillProgressed);
    QSignalSpy finished(&cache, &LibraryCache::fillFinished);
    // A duplicate and an invalid name are not items of the fill.
    const QStringList list = mixedNames() << m_good.first().name << u"not-an-asset.svg"_s;
    QVERIFY(cache.fillAll(list));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);

    QCOMPARE(finished.first(), (QVariantList{total, total, 2, false}));
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(progressed.first(), (QVariantList{0, total, 0}));
    QCOMPARE(progressed.last(), (QVariantList{total, total, 2}));
    for (qsizetype i = 1; i < progressed.count(); ++i) {
        QVERIFY2(progressed.at(i).at(0).toInt() >= progressed.at(i - 1).at(0).toInt(),
                 "done went backwards");
        QCOMPARE(progressed.at(i).at(1).toInt(), total);
    }
    QVERIFY(!cache.summary().fill.running);

    for (const Asset &item : std::as_const(m_good)) {
        QCOMPARE(readFile(cachedPath(cacheDir(), item.name)), item.bytes);
        QCOMPARE(m_upstream->requestCount(item.name), 1);
    }
    QCOMPARE(m_upstream->requestCount(m_missing), 1);
    QCOMPARE(m_upstream->requestCount(m_wrong), 1);
    QCOMPARE(m_upstream->requestCount(), total);
    // Only the good files, complete: nothing for the failures, no temporary files.
    QCOMPARE(filesUnder(cacheDir()), expectedFiles(namesOf(m_good)));
    QCOMPARE(finished.count(), 1);
}

void TestLibraryCache::secondFillDownloadsNothingNew_data()
{
    QTest::addColumn<bool>("withFailures");

    // Failures are not remembered: a second fill of the same list asks for them again.
    QTest::newRow("the same list") << true;
    QTest::newRow("only the cached names") << false;
}

void TestLibraryCache::secondFillDownloadsNothingNew()
{
    QFETCH(bool, withFailures);
    serveMixed(5);
    const int good = static_cast<int>(m_good.size());
    expectWrongBytesRefused(withFailures ? 2 : 1);
    publishCatalogue(mixedNames());

    LibraryCache cache(config());
    QSignalSpy progressed(&cache, &LibraryCache::fillProgressed);
    QSignalSpy finished(&cache, &LibraryCache::fillFinished);
    QVERIFY(cache.fillAll(mixedNames()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);
    QCOMPARE(finished.first(), (QVariantList{good + 2, good + 2, 2, false}));
    const int requestsBefore = m_upstream->requestCount();
    QCOMPARE(requestsBefore, good + 2);

    progressed.clear();
    const QStringList second = withFailures ? mixedNames() : namesOf(m_good);
    const int total = static_cast<int>(second.size());
    const int failed = withFailures ? 2 : 0;
    QVERIFY(cache.fillAll(second));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, waitMs);

    QCOMPARE(finished.last(), (QVariantList{total, total, failed, false}));
    // The cached items count as done at once.
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(progressed.first(), (QVariantList{good, total, 0}));
    QCOMPARE(progressed.last(), (QVariantList{total, total, failed}));
    for (const Asset &item : std::as_const(m_good))
        QCOMPARE(m_upstream->requestCount(item.name), 1);
    QCOMPARE(m_upstream->requestCount(), requestsBefore + failed);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles(namesOf(m_good)));
    QCOMPARE(finished.count(), 2);
}

void TestLibraryCache::cancelFillStopsDownloadsAndLeavesNoPartialFiles_data()
{
    QTest::addColumn<bool>("stalled");

    QTest::newRow("slow upstream") << false;
    // The download under way never ends: the cancellation must not wait for it.
    QTest::newRow("upstream that never answers") << true;
}

void TestLibraryCache::cancelFillStopsDownloadsAndLeavesNoPartialFiles()
{
    QFETCH(bool, stalled);
    constexpr int delayMs = 200;
    constexpr int count = 8;
    QList<Asset> assets;
    for (int i = 0; i < count; ++i) {
        assets << asset(i);
        m_upstream->serve(assets.last().name, assets.last().bytes);
    }
    const QStringList names = namesOf(assets);
    publishCatalogue(QStringList(names) << asset(100).name);
    m_upstream->setDelayMs(delayMs);
    m_upstream->setStalled(stalled);

    // Three slots leave the fill one: a whole fill would take count * delayMs.
    LibraryCache cache(config(3));
    QSignalSpy progressed(&cache, &LibraryCache::fillProgressed);
    QSignalSpy finished(&cache, &LibraryCache::fillFinished);
    QVERIFY(cache.fillAll(names));
    QVERIFY2(!cache.fillAll(names), "a second fill was accepted while one is running");
    QTRY_VERIFY_WITH_TIMEOUT(m_upstream->requestCount() >= 1, waitMs);
    cache.cancelFill();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);

    const QVariantList result = finished.first();
    QCOMPARE(result.at(1).toInt(), count);
    QVERIFY2(result.at(0).toInt() < count, "the fill ran to the end");
    QCOMPARE(result.at(3).toBool(), true);
    QVERIFY(!cache.summary().fill.running);
    QCOMPARE(progressed.last().mid(0, 3), result.mid(0, 3));
    const qsizetype progressedAtCancel = progressed.count();

    QStringList requested;
    for (const QString &name : names) {
        if (m_upstream->requestCount(name) > 0)
            requested << name;
    }
    if (stalled) {
        // Nothing arrived, so nothing may be on disk, not even in part.
        QCOMPARE(requested.size(), 1);
        QCOMPARE(filesUnder(cacheDir()), QStringList());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(progressed.count(), progressedAtCancel);
        return;
    }

    // Downloads already under way still finish (and are stored) ...
    for (const QString &name : std::as_const(requested)) {
        QFuture<LibraryAsset> future = cache.get(name);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), waitMs);
        QCOMPARE(future.result().availability, Availability::Found);
    }
    // ... but no new one starts. A request of our own is answered only after delayMs, by which
    // time the upstream has seen any request the cancelled fill still made.
    const Asset barrier = asset(100);
    m_upstream->serve(barrier.name, barrier.bytes);
    QFuture<LibraryAsset> barrierFuture = cache.get(barrier.name);
    QTRY_VERIFY_WITH_TIMEOUT(barrierFuture.isFinished(), waitMs);
    QCOMPARE(barrierFuture.result().availability, Availability::Found);

    const int fillRequests = m_upstream->requestCount() - 1;
    QCOMPARE(fillRequests, requested.size());
    QVERIFY2(fillRequests < count, qPrintable(u"%1 downloads"_s.arg(fillRequests)));
    QCOMPARE(filesUnder(cacheDir()), expectedFiles(QStringList(requested) << barrier.name));
    for (const QString &name : std::as_const(requested))
        QCOMPARE(readFile(cachedPath(cacheDir(), name)), assets.at(names.indexOf(name)).bytes);
    // The cancelled fill reports nothing more, though its last download finished after it.
    QCOMPARE(finished.count(), 1);
    QCOMPARE(progressed.count(), progressedAtCancel);

    // A new fill after the cancellation downloads only what is still missing.
    m_upstream->setDelayMs(0);
    QVERIFY(cache.fillAll(names));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, waitMs);
    QCOMPARE(finished.last(), (QVariantList{count, count, 0, false}));
    for (const QString &name : names)
        QCOMPARE(m_upstream->requestCount(name), 1);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles(QStringList(names) << barrier.name));
}

void TestLibraryCache::readCatalogueListsDistinctNames_data()
{
    QTest::addColumn<QByteArray>("costumes");
    QTest::addColumn<QByteArray>("sprites");
    QTest::addColumn<QByteArray>("sounds");
    QTest::addColumn<QByteArray>("backdrops"); // a null QByteArray: the file does not exist
    QTest::addColumn<QStringList>("expected");

    const QString a = fakeName('a', u"svg"_s);
    const QString b = fakeName('b', u"png"_s);
    const QString c = fakeName('c', u"svg"_s);
    const QString d = fakeName('d', u"wav"_s);
    const QString e = fakeName('e', u"svg"_s);
    const QString f = fakeName('f', u"mp3"_s);
    const QString g = fakeName('1', u"png"_s);

    // Costumes: a, b, a again, and entries that name nothing usable.
    const QByteArray costumes = uR"([
        {"name": "A", "assetId": "aaa", "md5ext": "%1", "dataFormat": "svg"},
        {"name": "B", "md5ext": "%2"},
        {"name": "A again", "md5ext": "%1"},
        {"name": "bad name", "md5ext": "not-an-asset.svg"},
        {"name": "unknown format", "md5ext": "%3"},
        {"name": "upper case", "md5ext": "%4"},
        {"name": "number", "md5ext": 42},
        {"name": "no md5ext"},
        "just a string"
    ])"_s.arg(a, b, fakeName('2', u"exe"_s), fakeName('A', u"svg"_s))
                                    .toUtf8();
    // Sprites name their parts: one in today's form (b is also a costume), one in the older
    // form nested in "json" (d also in the first sprite).
    const QByteArray sprites = uR"([
        {"name": "Cat", "tags": ["animals"], "isStage": false,
         "costumes": [{"name": "b", "md5ext": "%1"}, {"name": "c", "md5ext": "%2"}],
         "sounds": [{"name": "d", "md5ext": "%3"}], "blocks": {}},
        {"name": "Old", "json": {"objName": "Old",
         "costumes": [{"md5ext": "%4"}], "sounds": [{"md5ext": "%3"}]}}
    ])"_s.arg(b, c, d, e)
                                   .toUtf8();
    const QByteArray sounds = uR"([{"md5ext": "%1"}, {"md5ext": "%2"}])"_s.arg(d, f).toUtf8();
    const QByteArray backdrops = uR"([{"md5ext": "%1"}, {"md5ext": "%2"}])"_s.arg(g, a).toUtf8();
    const QByteArray truncated = sounds.left(sounds.size() / 2);
    const QByteArray object = uR"({"costumes": [{"md5ext": "%1"}]})"_s.arg(a).toUtf8();
    const QByteArray garbage("\x00\xff{[\"", 5);

    QTest::newRow("all four files")
        << costumes << sprites << sounds << backdrops << QStringList{a, b, c, d, e, f, g};
    QTest::newRow("backdrops missing, sounds malformed")
        << costumes << sprites << truncated << QByteArray() << QStringList{a, b, c, d, e};
    // a is named first by the backdrops now: the order is that of first appearance.
    QTest::newRow("costumes an object, not a list")
        << object << sprites << sounds << backdrops << QStringList{b, c, d, e, f, g, a};
    QTest::newRow("sprites binary garbage")
        << costumes << garbage << sounds << backdrops << QStringList{a, b, d, f, g};
    QTest::newRow("empty files") << QByteArray("") << QByteArray("") << QByteArray("")
                                 << QByteArray("") << QStringList();
    QTest::newRow("no catalogue at all")
        << QByteArray() << QByteArray() << QByteArray() << QByteArray() << QStringList();
}

void TestLibraryCache::readCatalogueListsDistinctNames()
{
    QFETCH(QByteArray, costumes);
    QFETCH(QByteArray, sprites);
    QFETCH(QByteArray, sounds);
    QFETCH(QByteArray, backdrops);
    QFETCH(QStringList, expected);

    const QString webRoot = m_dir->path() + u"/web"_s;
    QVERIFY(QDir().mkpath(webRoot + u"/libraries"_s));
    const QList<std::pair<QString, QByteArray>> files{{u"costumes"_s, costumes},
                                                      {u"sprites"_s, sprites},
                                                      {u"sounds"_s, sounds},
                                                      {u"backdrops"_s, backdrops}};
    for (const auto &[kind, content] : files) {
        if (!content.isNull())
            QVERIFY(writeFile(webRoot + u"/libraries/"_s + kind + u".json"_s, content));
    }

    QCOMPARE(readCatalogue(webRoot), expected);
    QCOMPARE(readCatalogue(QString()), QStringList());
    LibraryConfig offline = config();
    offline.upstreamTemplate.clear();
    QCOMPARE(LibraryCache(offline).catalogue(), expected);
}

void TestLibraryCache::fillCatalogueFillsWhatTheCatalogueNames()
{
    serveMixed(3);
    const QString webRoot = m_dir->path() + u"/web"_s;
    QVERIFY(QDir().mkpath(webRoot + u"/libraries"_s));
    // Costumes name two good assets, the sprite the third and the first again; no other files.
    const QByteArray costumes =
        uR"([{"md5ext": "%1"}, {"md5ext": "%2"}])"_s.arg(m_good.at(0).name, m_good.at(1).name)
            .toUtf8();
    const QByteArray sprites = uR"([{"costumes": [{"md5ext": "%1"}, {"md5ext": "%2"}]}])"_s
                                   .arg(m_good.at(2).name, m_good.at(0).name)
                                   .toUtf8();
    QVERIFY(writeFile(webRoot + u"/libraries/costumes.json"_s, costumes));
    QVERIFY(writeFile(webRoot + u"/libraries/sprites.json"_s, sprites));

    LibraryCache cache(config());
    QCOMPARE(cache.catalogue(), namesOf(m_good));
    QCOMPARE(cache.summary().cached, 0);
    QCOMPARE(cache.summary().total, 3);
    QSignalSpy finished(&cache, &LibraryCache::fillFinished);
    QVERIFY(cache.fillCatalogue());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);

    QCOMPARE(finished.first(), (QVariantList{3, 3, 0, false}));
    QCOMPARE(cache.summary().cached, 3);
    QCOMPARE(m_upstream->requestCount(), 3);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles(namesOf(m_good)));
}

void TestLibraryCache::damagedFileIsFetchedAgainOnRead_data()
{
    QTest::addColumn<QString>("damage");

    QTest::newRow("one byte changed") << u"flip"_s;
    QTest::newRow("truncated") << u"truncate"_s;
    QTest::newRow("emptied") << u"empty"_s;
    QTest::newRow("another asset's bytes") << u"swap"_s;
}

void TestLibraryCache::damagedFileIsFetchedAgainOnRead()
{
    QFETCH(QString, damage);
    const Asset item = asset(7);
    m_upstream->serve(item.name, item.bytes);
    publishCatalogue({item.name});
    const QString path = cachedPath(cacheDir(), item.name);

    LibraryCache cache(config());
    QFuture<LibraryAsset> first = cache.get(item.name);
    QTRY_VERIFY_WITH_TIMEOUT(first.isFinished(), waitMs);
    QCOMPARE(first.result().availability, Availability::Found);
    QCOMPARE(readFile(path), item.bytes);
    QCOMPARE(m_upstream->requestCount(item.name), 1);

    QByteArray damaged = item.bytes;
    if (damage == u"flip")
        damaged[damaged.size() / 2] = static_cast<char>(damaged.at(damaged.size() / 2) ^ 0x20);
    else if (damage == u"truncate")
        damaged.chop(10);
    else if (damage == u"empty")
        damaged.clear();
    else
        damaged = asset(8).bytes;
    QVERIFY(damaged != item.bytes);
    QVERIFY(writeFile(path, damaged));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"removing damaged library file.*"_s
                                            + QRegularExpression::escape(item.name)));
    QFuture<LibraryAsset> second = cache.get(item.name);
    QTRY_VERIFY_WITH_TIMEOUT(second.isFinished(), waitMs);
    const LibraryAsset again = second.result();
    QCOMPARE(again.availability, Availability::Found);
    QCOMPARE(again.data, item.bytes);
    QCOMPARE(m_upstream->requestCount(item.name), 2);
    QCOMPARE(readFile(path), item.bytes);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles({item.name}));

    // Repaired: the next read is a hit, answered at once without the upstream.
    QFuture<LibraryAsset> third = cache.get(item.name);
    QVERIFY(third.isFinished());
    QCOMPARE(third.result().data, item.bytes);
    QCOMPARE(m_upstream->requestCount(item.name), 2);
}

void TestLibraryCache::namesOutsideTheCatalogueAreNotDownloaded_data()
{
    QTest::addColumn<bool>("fill");
    QTest::newRow("get") << false;
    QTest::newRow("fillAll") << true;
}

void TestLibraryCache::namesOutsideTheCatalogueAreNotDownloaded()
{
    QFETCH(bool, fill);
    // The upstream has all three, but only the first is in the editor's catalogue: the server
    // must not fetch anything else for anyone who asks (no open proxy, no unbounded cache).
    const QList<Asset> assets{asset(1), asset(2), asset(3)};
    for (const Asset &item : assets)
        m_upstream->serve(item.name, item.bytes);
    publishCatalogue({assets.first().name});

    LibraryCache cache(config());
    QVERIFY(cache.inCatalogue(assets.first().name));
    QVERIFY(!cache.inCatalogue(assets.last().name));
    if (fill) {
        QSignalSpy finished(&cache, &LibraryCache::fillFinished);
        QVERIFY(cache.fillAll(namesOf(assets)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);
        QCOMPARE(finished.first(), (QVariantList{3, 3, 2, false}));
    } else {
        for (const Asset &item : assets) {
            QFuture<LibraryAsset> future = cache.get(item.name);
            QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), waitMs);
            QCOMPARE(future.result().availability,
                     &item == &assets.first() ? Availability::Found : Availability::NotFound);
        }
    }
    QCOMPARE(m_upstream->requestCount(assets.first().name), 1);
    QCOMPARE(m_upstream->requestCount(), 1);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles({assets.first().name}));
}

void TestLibraryCache::catalogueIsReadAgainWhenItChanges()
{
    const Asset item = asset(5);
    m_upstream->serve(item.name, item.bytes);
    publishCatalogue({asset(6).name});
    LibraryCache cache(config());
    QFuture<LibraryAsset> refused = cache.get(item.name);
    QVERIFY(refused.isFinished());
    QCOMPARE(refused.result().availability, Availability::NotFound);
    QCOMPARE(m_upstream->requestCount(), 0);

    // The editor is staged anew with a catalogue that names the item.
    publishCatalogue({asset(6).name, item.name});
    QFuture<LibraryAsset> fetched = cache.get(item.name);
    QTRY_VERIFY_WITH_TIMEOUT(fetched.isFinished(), waitMs);
    QCOMPARE(fetched.result().availability, Availability::Found);
    QCOMPARE(cache.catalogue(), (QStringList{asset(6).name, item.name}));
    QCOMPARE(m_upstream->requestCount(item.name), 1);
}

void TestLibraryCache::fullCacheServesButStoresNothingNew()
{
    const QList<Asset> assets{asset(11), asset(12), asset(13), asset(14)};
    for (const Asset &item : assets)
        m_upstream->serve(item.name, item.bytes);
    publishCatalogue(namesOf(assets));
    LibraryConfig capped = config();
    capped.maxCacheBytes = assets.at(0).bytes.size() + assets.at(1).bytes.size();

    LibraryCache cache(capped);
    QVERIFY(!cache.summary().full);
    // Said once when the cap is reached, not once per item turned away.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"library cache is full"_s));
    for (const Asset &item : assets) {
        QFuture<LibraryAsset> future = cache.get(item.name);
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), waitMs);
        QCOMPARE(future.result().availability, Availability::Found);
        QCOMPARE(future.result().data, item.bytes);
    }
    QCOMPARE(filesUnder(cacheDir()), expectedFiles({assets.at(0).name, assets.at(1).name}));
    const LibrarySummary summary = cache.summary();
    QVERIFY(summary.full);
    QCOMPARE(summary.cacheBytes, capped.maxCacheBytes);
    QCOMPARE(summary.maxCacheBytes, capped.maxCacheBytes);

    // What is on disk is still served from there; the rest is fetched again each time.
    QFuture<LibraryAsset> hit = cache.get(assets.at(0).name);
    QVERIFY(hit.isFinished());
    QCOMPARE(hit.result().data, assets.at(0).bytes);
    QCOMPARE(m_upstream->requestCount(assets.at(0).name), 1);
    QFuture<LibraryAsset> again = cache.get(assets.at(3).name);
    QTRY_VERIFY_WITH_TIMEOUT(again.isFinished(), waitMs);
    QCOMPARE(again.result().availability, Availability::Found);
    QCOMPARE(m_upstream->requestCount(assets.at(3).name), 2);
}

void TestLibraryCache::cacheOverTheCapAtStartIsFull()
{
    // A cache filled by an earlier run with no (or a higher) cap.
    const Asset item = asset(21);
    QVERIFY(QDir().mkpath(cacheDir() + u'/' + item.name.left(2)));
    QVERIFY(writeFile(cachedPath(cacheDir(), item.name), item.bytes));
    const Asset other = asset(22);
    m_upstream->serve(other.name, other.bytes);
    publishCatalogue({item.name, other.name});
    LibraryConfig capped = config();
    capped.maxCacheBytes = item.bytes.size();

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"library cache is full"_s));
    LibraryCache cache(capped);
    QVERIFY(cache.summary().full);
    QCOMPARE(cache.summary().cacheBytes, static_cast<qint64>(item.bytes.size()));
    QFuture<LibraryAsset> future = cache.get(other.name);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), waitMs);
    QCOMPARE(future.result().availability, Availability::Found);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles({item.name}));
}

void TestLibraryCache::fillStopsDownloadingWhenTheCacheIsFull()
{
    QList<Asset> assets;
    for (int i = 0; i < 5; ++i) {
        assets << asset(30 + i);
        m_upstream->serve(assets.last().name, assets.last().bytes);
    }
    publishCatalogue(namesOf(assets));
    LibraryConfig capped = config(1); // one download at a time: the order is fixed
    capped.maxCacheBytes = assets.at(0).bytes.size() + assets.at(1).bytes.size();

    LibraryCache cache(capped);
    QSignalSpy finished(&cache, &LibraryCache::fillFinished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"library cache is full"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"fill skips 2 items"_s));
    QVERIFY(cache.fillAll(namesOf(assets)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, waitMs);

    // Two stored, the third downloaded and found not to fit, the last two never asked for.
    QCOMPARE(finished.first(), (QVariantList{5, 5, 2, false}));
    QCOMPARE(m_upstream->requestCount(), 3);
    QCOMPARE(filesUnder(cacheDir()), expectedFiles({assets.at(0).name, assets.at(1).name}));
    QVERIFY(cache.summary().full);
}

QTEST_GUILESS_MAIN(TestLibraryCache)
#include "tst_librarycache.moc"
