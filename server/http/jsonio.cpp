// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/jsonio.h"

#include <QJsonDocument>

#include "server/core/timetext.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

QJsonObject toJson(const Core::UserRef &user)
{
    return {
        {u"id"_s, user.id}, {u"username"_s, user.username}, {u"display_name"_s, user.displayName}};
}

QJsonArray toJson(const QList<Core::GroupRef> &groups)
{
    QJsonArray array;
    for (const Core::GroupRef &group : groups)
        array.append(QJsonObject{{u"id"_s, group.id}, {u"name"_s, group.name}});
    return array;
}

QJsonObject toJson(const Core::User &user)
{
    return {{u"id"_s, user.id},
            {u"username"_s, user.username},
            {u"display_name"_s, user.displayName},
            {u"role"_s, Core::roleToString(user.role)},
            {u"groups"_s, toJson(user.groups)}};
}

QJsonObject toJson(const Core::ProjectMeta &meta)
{
    QJsonObject object{
        {u"id"_s, meta.id},
        {u"title"_s, meta.title},
        {u"owner"_s, toJson(meta.owner)},
        {u"version"_s, meta.version},
        {u"created_at"_s, Core::toApiTime(meta.createdAt)},
        {u"updated_at"_s, Core::toApiTime(meta.updatedAt)},
        {u"thumbnail_url"_s,
         meta.hasThumbnail ? QJsonValue(u"/api/v1/projects/%1/thumbnail"_s.arg(meta.id))
                           : QJsonValue(QJsonValue::Null)},
        {u"shared_with"_s, toJson(meta.sharedWith)},
    };
    if (!meta.deletedAt.isEmpty())
        object.insert(u"deleted_at"_s, Core::toApiTime(meta.deletedAt));
    return object;
}

QJsonArray toJson(const QList<Core::ProjectMeta> &projects)
{
    QJsonArray array;
    for (const Core::ProjectMeta &meta : projects)
        array.append(toJson(meta));
    return array;
}

QJsonObject toJson(const Core::ClassInfo &info)
{
    return {{u"id"_s, info.id},
            {u"name"_s, info.name},
            {u"join_code"_s, info.joinCode},
            {u"join_open"_s, info.joinOpen},
            {u"student_count"_s, info.studentCount}};
}

QJsonObject toJson(const Core::VersionInfo &version)
{
    return {{u"version"_s, version.version},
            {u"saved_at"_s, Core::toApiTime(version.savedAt)},
            {u"saved_by"_s, toJson(version.savedBy)},
            {u"size"_s, version.size}};
}

QJsonObject toJson(const Core::BackpackItem &item)
{
    return {{u"id"_s, item.id},
            {u"type"_s, item.type},
            {u"name"_s, item.name},
            {u"mime"_s, item.mime},
            {u"body"_s, item.bodyMd5ext},
            {u"thumbnail"_s, item.thumbnailMd5ext},
            {u"bodyUrl"_s, QString(u"/api/v1/assets/"_s + item.bodyMd5ext)},
            {u"thumbnailUrl"_s, QString(u"/api/v1/assets/"_s + item.thumbnailMd5ext)}};
}

bool parseObject(const QByteArray &body, QJsonObject *out)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *out = document.object();
    return true;
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

} // namespace Blockhaus::Http
