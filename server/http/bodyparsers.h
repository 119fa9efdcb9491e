// SPDX-License-Identifier: AGPL-3.0-or-later
// The JSON request bodies of the handlers (login, classes, students, members, users, rename,
// share, backpack) as pure functions: body object in, checked values or the 400/415 out. No
// database, no config; fuzzed by tests/fuzz/fuzz_jsonbody.cpp.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/store/classstore.h"

namespace Blockhaus::Http {

struct LoginBody
{
    QString username; // trimmed
    QString password;
};
// POST /api/v1/session: {"username","password"}.
Result<LoginBody> parseLoginBody(const QJsonObject &body);

// A class name: text, cleaned (cleanTitle), 1 to 100 characters.
Result<QString> parseClassName(const QJsonValue &value);
// PATCH /api/v1/classes/{id}: {"name"?, "join_open"?, "new_join_code"?}.
Result<Store::ClassPatch> parseClassPatch(const QJsonObject &body);
// A list of positive whole numbers (ids) in the field `field`, e.g. "user_ids".
Result<QList<qint64>> parseIdList(const QJsonValue &value, const QString &field);
// POST /api/v1/classes/{id}/students: {"names":[...]}, each cleaned, 1 to 60 characters.
Result<QStringList> parseStudentNames(const QJsonObject &body);

struct NewUserBody
{
    QString username;
    QString displayName;
    Core::Role role = Core::Role::Student;
    QString password; // empty: the server generates one
};
// POST /api/v1/users: {"username","display_name"?,"role","password"?}.
Result<NewUserBody> parseNewUserBody(const QJsonObject &body);

// PATCH /api/v1/projects/{id}: {"title"} as a string, as sent (the service cleans it).
Result<QString> parseRenameBody(const QJsonObject &body);
// PUT /api/v1/projects/{id}/share: {"group_ids":[...]}, duplicates removed, order kept.
Result<QList<qint64>> parseShareBody(const QJsonObject &body);

struct BackpackBody
{
    QString type; // as sent; the service checks it (costume, sound, sprite, script)
    QString mime;
    QString name;
    QByteArray data;
    QByteArray thumbnail;
};
// POST /api/v1/backpack: {"type","mime","name","body":BASE64,"thumbnail":BASE64}; body and
// thumbnail must be base64 (or data URLs). Their size and types are checked by the service.
Result<BackpackBody> parseBackpackBody(const QJsonObject &body);

} // namespace Blockhaus::Http
