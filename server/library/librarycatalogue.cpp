// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/library/librarycatalogue.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "server/sb3/assetname.h"

namespace Blockhaus::Library {

using namespace Qt::StringLiterals;

namespace {

void addName(const QJsonValue &value, QStringList *names)
{
    const QString name = value.toString();
    if (Sb3::parseAssetName(name, nullptr) == Sb3::AssetNameProblem::None)
        names->append(name);
}

void addEntry(const QJsonObject &entry, QStringList *names)
{
    addName(entry.value("md5ext"_L1), names);
    for (const auto key : {"costumes"_L1, "sounds"_L1}) {
        const QJsonArray parts = entry.value(key).toArray();
        for (const QJsonValue &part : parts)
            addName(part.toObject().value("md5ext"_L1), names);
    }
    // Older catalogues nested a sprite's costumes and sounds in "json".
    const QJsonValue nested = entry.value("json"_L1);
    if (nested.isObject())
        addEntry(nested.toObject(), names);
}

} // namespace

QStringList catalogueNames(const QByteArray &json)
{
    QStringList names;
    const QJsonArray entries = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &entry : entries)
        addEntry(entry.toObject(), &names);
    return names;
}

namespace {

const QStringList catalogueKinds{u"costumes"_s, u"sprites"_s, u"sounds"_s, u"backdrops"_s};

QString cataloguePath(const QString &webRoot, const QString &kind)
{
    return webRoot + u"/libraries/"_s + kind + u".json"_s;
}

} // namespace

QString catalogueSignature(const QString &webRoot)
{
    if (webRoot.isEmpty())
        return {};
    QString signature;
    for (const QString &kind : catalogueKinds) {
        const QFileInfo info(cataloguePath(webRoot, kind));
        signature += info.exists()
            ? u"%1:%2:%3;"_s.arg(kind).arg(info.lastModified().toMSecsSinceEpoch()).arg(info.size())
            : kind + u":-;"_s;
    }
    return signature;
}

QStringList readCatalogue(const QString &webRoot)
{
    if (webRoot.isEmpty())
        return {};
    QStringList names;
    QSet<QString> seen;
    for (const QString &kind : catalogueKinds) {
        QFile file(cataloguePath(webRoot, kind));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QStringList found = catalogueNames(file.readAll());
        for (const QString &name : found) {
            if (!seen.contains(name)) {
                seen.insert(name);
                names.append(name);
            }
        }
    }
    return names;
}

QList<CatalogueItem> readCatalogueItems(const QString &webRoot)
{
    if (webRoot.isEmpty())
        return {};
    QList<CatalogueItem> items;
    for (const QString &kind : catalogueKinds) {
        QFile file(cataloguePath(webRoot, kind));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).array();
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            CatalogueItem item{kind, entry.value("name"_L1).toString(), {}};
            addEntry(entry, &item.assets);
            item.assets.removeDuplicates();
            if (!item.name.isEmpty() && !item.assets.isEmpty())
                items.append(std::move(item));
        }
    }
    return items;
}

} // namespace Blockhaus::Library
