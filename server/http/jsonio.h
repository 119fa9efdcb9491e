// SPDX-License-Identifier: AGPL-3.0-or-later
// JSON forms of the API's objects (API.md): User, ProjectMeta, Class, BackpackItem, ...
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "server/core/types.h"

namespace Blockhaus::Http {

QJsonObject toJson(const Core::UserRef &user);
QJsonObject toJson(const Core::User &user);
QJsonArray toJson(const QList<Core::GroupRef> &groups);
QJsonObject toJson(const Core::ProjectMeta &meta);
QJsonArray toJson(const QList<Core::ProjectMeta> &projects);
QJsonObject toJson(const Core::ClassInfo &info);
QJsonObject toJson(const Core::VersionInfo &version);
QJsonObject toJson(const Core::BackpackItem &item);

// Parses a JSON object body; false when it is not one.
bool parseObject(const QByteArray &body, QJsonObject *out);
// The media type of a Content-Type header, lower-cased, without parameters.
QByteArray mediaType(const QByteArray &contentType);

} // namespace Blockhaus::Http
