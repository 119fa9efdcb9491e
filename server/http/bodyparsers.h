// SPDX-License-Identifier: AGPL-3.0-or-later
// The JSON request bodies of the handlers (login, classes, students, members, users, rename,
// share, backpack) as pure functions: body object in, values of the right JSON type or the
// 400/415 out. The bounds of names and accounts are the service's (Service::Classroom). No
// database, no config; fuzzed by tests/fuzz/fuzz_jsonbody.cpp.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/assignments.h"
#include "server/service/classroom.h"

namespace Blockhaus::Http {

struct LoginBody
{
    QString username; // as sent; the service trims and bounds it
    QString password;
};
// POST /api/v1/session: {"username","password"}, both text.
Result<LoginBody> parseLoginBody(const QJsonObject &body);

// A class name: text, as typed (Service::Classroom cleans and bounds it).
Result<QString> parseClassName(const QJsonValue &value);
// PATCH /api/v1/classes/{id}: {"name"?: text, "join_open"?: bool, "new_join_code"?: bool}.
Result<Service::ClassPatch> parseClassPatch(const QJsonObject &body);
// A list of positive whole numbers (ids) in the field `field`, e.g. "user_ids".
Result<QList<qint64>> parseIdList(const QJsonValue &value, const QString &field);
// POST /api/v1/classes/{id}/students: {"names":[text, ...]}, as typed (the service cleans them
// and decides how many and how long).
Result<QStringList> parseStudentNames(const QJsonObject &body);

// POST /api/v1/users: {"username": text, "display_name"?, "role": student|teacher|admin,
// "password"?: text}; a display name that is not text counts as none.
Result<Service::NewUser> parseNewUserBody(const QJsonObject &body);

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

// POST /api/v1/classes/{id}/assignments: {"title", "instructions"?, "due_at"?: ISO-8601 with
// "Z" or an offset, or null, "allow_continue"?: bool, "starter_project_id"?: id or null}.
Result<Service::AssignmentRequest> parseAssignmentBody(const QJsonObject &body);

struct ReturnBody
{
    QString feedback;
    std::optional<bool> allowContinue; // not sent: the assignment's default
};
// POST /api/v1/assignments/{id}/copies/{student_id}/return: {"feedback"?, "allow_continue"?}.
Result<ReturnBody> parseReturnBody(const QJsonObject &body);

} // namespace Blockhaus::Http
