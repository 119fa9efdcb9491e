// SPDX-License-Identifier: AGPL-3.0-or-later
// JSON forms of the API's objects (API.md): User, ProjectMeta, Class, BackpackItem, ...
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "server/store/types.h"

namespace Blockhaus::Http {

QJsonObject toJson(const Store::UserRef &user);
QJsonObject toJson(const Store::User &user);
QJsonArray toJson(const QList<Store::GroupRef> &groups);
QJsonObject toJson(const Store::ProjectMeta &meta);
QJsonArray toJson(const QList<Store::ProjectMeta> &projects);
QJsonObject toJson(const Store::ClassInfo &info);
QJsonObject toJson(const Store::VersionInfo &version);
QJsonObject toJson(const Store::BackpackItem &item);

// Parses a JSON object body; false when it is not one.
bool parseObject(const QByteArray &body, QJsonObject *out);
// The media type of a Content-Type header, lower-cased, without parameters.
QByteArray mediaType(const QByteArray &contentType);

} // namespace Blockhaus::Http
