// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/sb3/projectjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "server/sb3/assetname.h"

namespace Blockhaus::Sb3 {

using namespace Qt::StringLiterals;

namespace {

Error invalid(const QString &why)
{
    return makeError(ErrorKind::Unprocessable, u"This is not a Scratch 3 project: "_s + why);
}

// The md5ext an asset entry names, or an empty string when it names none.
QString assetRefOf(const QJsonObject &asset)
{
    QString name = asset.value(u"md5ext"_s).toString();
    if (name.isEmpty()) {
        const QString id = asset.value(u"assetId"_s).toString();
        const QString format = asset.value(u"dataFormat"_s).toString();
        if (!id.isEmpty() && !format.isEmpty())
            name = id + u'.' + format;
    }
    return name;
}

} // namespace

Result<ProjectInfo> validateProject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(u"the JSON cannot be read (%1 at byte %2)."_s.arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!document.isObject())
        return invalid(u"it must be a JSON object."_s);
    const QJsonObject project = document.object();
    const QString semver = project.value(u"meta"_s).toObject().value(u"semver"_s).toString();
    if (!semver.startsWith(u"3."_s))
        return invalid(u"meta.semver must be 3.x."_s);
    const QJsonValue targetsValue = project.value(u"targets"_s);
    if (!targetsValue.isArray() || targetsValue.toArray().isEmpty())
        return invalid(u"it has no targets."_s);
    ProjectInfo info;
    int stages = 0;
    for (const QJsonValue &targetValue : targetsValue.toArray()) {
        if (!targetValue.isObject())
            return invalid(u"a target is not an object."_s);
        const QJsonObject target = targetValue.toObject();
        if (target.value(u"isStage"_s).toBool())
            ++stages;
        for (const QString &kind : {u"costumes"_s, u"sounds"_s}) {
            const QJsonValue list = target.value(kind);
            if (!list.isArray())
                return invalid(u"a target has no %1 list."_s.arg(kind));
            for (const QJsonValue &assetValue : list.toArray()) {
                const QString ref = assetRefOf(assetValue.toObject());
                AssetName name;
                if (parseAssetName(ref, &name) != AssetNameProblem::None)
                    return invalid(u"an entry in %1 names no valid asset (\u201c%2\u201d)."_s.arg(
                        kind, ref.left(80)));
                info.assetRefs << name.md5ext();
            }
        }
    }
    if (stages != 1)
        return invalid(u"it must have exactly one stage."_s);
    return info;
}

} // namespace Blockhaus::Sb3
