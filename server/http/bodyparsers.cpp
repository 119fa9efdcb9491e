// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/bodyparsers.h"

#include <QHash>
#include <QJsonArray>

#include "server/core/text.h"
#include "server/http/handlerutil.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// The id a JSON number names, or 0 when it is not a positive whole number. The range check
// comes before the cast: converting a double beyond qint64's range (1e300) is undefined
// behaviour. 2^53 bounds the integers a double holds exactly, far above any row id.
qint64 positiveWholeNumber(const QJsonValue &value)
{
    constexpr double maxExact = 9007199254740992.0; // 2^53
    if (!value.isDouble())
        return 0;
    const double number = value.toDouble();
    if (!(number >= 1 && number <= maxExact))
        return 0;
    const auto whole = static_cast<qint64>(number);
    return static_cast<double>(whole) == number ? whole : 0;
}

// The asset format of a backpack body's mime type; zip only here (sprites).
Result<QByteArray> decodeBase64(const QJsonValue &value, const QString &field)
{
    if (!value.isString() || value.toString().isEmpty())
        return badRequest(u"The field \u201c%1\u201d must hold base64 data."_s.arg(field));
    QByteArray text = value.toString().toLatin1();
    // Data URLs ("data:image/png;base64,...") are accepted as well.
    if (text.startsWith("data:")) {
        const qsizetype comma = text.indexOf(',');
        text = comma < 0 ? QByteArray() : text.mid(comma + 1);
    }
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return badRequest(u"The field \u201c%1\u201d is not valid base64."_s.arg(field));
    return decoded.decoded;
}

} // namespace

Result<LoginBody> parseLoginBody(const QJsonObject &body)
{
    const QJsonValue username = body.value(u"username"_s);
    const QJsonValue password = body.value(u"password"_s);
    if (!username.isString() || !password.isString())
        return badRequest(u"Please send a username and a password."_s);
    return LoginBody{username.toString(), password.toString()};
}

Result<QString> parseClassName(const QJsonValue &value)
{
    if (!value.isString())
        return badRequest(u"A class needs a name: {\"name\": \"...\"}."_s);
    return value.toString();
}

Result<Service::ClassPatch> parseClassPatch(const QJsonObject &body)
{
    Service::ClassPatch patch;
    if (body.contains(u"name"_s)) {
        auto name = parseClassName(body.value(u"name"_s));
        if (!name)
            return name.error();
        patch.name = *name;
    }
    if (body.contains(u"join_open"_s)) {
        if (!body.value(u"join_open"_s).isBool())
            return badRequest(u"join_open must be true or false."_s);
        patch.joinOpen = body.value(u"join_open"_s).toBool();
    }
    if (body.contains(u"new_join_code"_s)) {
        if (!body.value(u"new_join_code"_s).isBool())
            return badRequest(u"new_join_code must be true or false."_s);
        patch.newJoinCode = body.value(u"new_join_code"_s).toBool();
    }
    return patch;
}

Result<QList<qint64>> parseIdList(const QJsonValue &value, const QString &field)
{
    if (!value.isArray())
        return badRequest(u"The body needs a list \u201c%1\u201d."_s.arg(field));
    QList<qint64> ids;
    for (const QJsonValue &item : value.toArray()) {
        const qint64 id = positiveWholeNumber(item);
        if (!id)
            return badRequest(
                u"Numbers in \u201c%1\u201d must be positive whole numbers."_s.arg(field));
        ids.append(id);
    }
    return ids;
}

Result<QStringList> parseStudentNames(const QJsonObject &body)
{
    const QJsonValue names = body.value(u"names"_s);
    if (!names.isArray())
        return badRequest(u"The body needs a list of names: {\"names\": [\"...\"]}."_s);
    QStringList result;
    for (const QJsonValue &value : names.toArray()) {
        if (!value.isString())
            return badRequest(u"Every name must be text."_s);
        result.append(value.toString());
    }
    return result;
}

Result<Service::NewUser> parseNewUserBody(const QJsonObject &body)
{
    Service::NewUser user;
    if (!body.value(u"username"_s).isString())
        return badRequest(u"A new account needs a username: {\"username\": \"...\"}."_s);
    user.username = body.value(u"username"_s).toString();
    user.displayName = body.value(u"display_name"_s).toString();
    bool roleOk = false;
    user.role = Core::roleFromString(body.value(u"role"_s).toString(), &roleOk);
    if (!roleOk)
        return badRequest(u"role must be student, teacher or admin."_s);
    if (body.contains(u"password"_s)) {
        if (!body.value(u"password"_s).isString())
            return badRequest(u"A chosen password must be text."_s);
        user.password = body.value(u"password"_s).toString();
    }
    return user;
}

Result<QString> parseRenameBody(const QJsonObject &body)
{
    const QJsonValue title = body.value(u"title"_s);
    if (!title.isString())
        return badRequest(u"A new title is needed: {\"title\": \"...\"}."_s);
    return title.toString(); // cleaned, and refused when blank, by the service
}

Result<QList<qint64>> parseShareBody(const QJsonObject &body)
{
    const QJsonValue groups = body.value(u"group_ids"_s);
    if (!groups.isArray())
        return badRequest(u"The body needs a list of class numbers: {\"group_ids\": [...]}."_s);
    QList<qint64> groupIds;
    for (const QJsonValue &value : groups.toArray()) {
        const qint64 id = positiveWholeNumber(value);
        if (!id)
            return badRequest(u"Class numbers must be positive whole numbers."_s);
        if (!groupIds.contains(id))
            groupIds.append(id);
    }
    return groupIds;
}

Result<BackpackBody> parseBackpackBody(const QJsonObject &body)
{
    // Only the shape: which type, mime and name are accepted, and the size and type of the
    // decoded bytes, are the service's rules.
    BackpackBody item;
    item.type = body.value(u"type"_s).toString();
    item.mime = body.value(u"mime"_s).toString();
    item.name = body.value(u"name"_s).toString();
    auto data = decodeBase64(body.value(u"body"_s), u"body"_s);
    if (!data)
        return data.error();
    auto thumbnail = decodeBase64(body.value(u"thumbnail"_s), u"thumbnail"_s);
    if (!thumbnail)
        return thumbnail.error();
    item.data = *data;
    item.thumbnail = *thumbnail;
    return item;
}

namespace {

Error fieldError(const QString &field, const QString &message)
{
    Error error = badRequest(message);
    error.extra = {{u"field"_s, field}};
    return error;
}

// An optional text field: absent and null are empty.
Result<QString> optionalText(const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return fieldError(field, u"\u201c%1\u201d must be text."_s.arg(field));
    return value.toString();
}

Result<std::optional<bool>> optionalFlag(const QJsonObject &body, const QString &field)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return std::optional<bool>();
    if (!value.isBool())
        return fieldError(field, u"\u201c%1\u201d must be true or false."_s.arg(field));
    return std::optional<bool>(value.toBool());
}

} // namespace

Result<Service::AssignmentRequest> parseAssignmentBody(const QJsonObject &body)
{
    Service::AssignmentRequest request;
    const QJsonValue title = body.value(u"title"_s);
    if (!title.isString())
        return fieldError(u"title"_s, u"The body needs a title: {\"title\": \"...\"}."_s);
    request.title = title.toString();
    auto instructions = optionalText(body, u"instructions"_s);
    if (!instructions)
        return instructions.error();
    request.instructions = *instructions;
    auto due = optionalText(body, u"due_at"_s);
    if (!due)
        return due.error();
    if (!due->isEmpty()) {
        // A time without "Z" or an offset would be read in the server's zone: refused.
        const QDateTime dueAt = QDateTime::fromString(*due, Qt::ISODateWithMs);
        if (!dueAt.isValid() || dueAt.timeSpec() == Qt::LocalTime)
            return fieldError(u"due_at"_s,
                              u"\u201cdue_at\u201d must be an ISO-8601 time with \u201cZ\u201d "
                              "or an offset, e.g. 2026-12-07T14:00:00Z."_s);
        request.dueAt = dueAt.toUTC();
    }
    auto allow = optionalFlag(body, u"allow_continue"_s);
    if (!allow)
        return allow.error();
    request.allowContinue = allow->value_or(false);
    const QJsonValue starter = body.value(u"starter_project_id"_s);
    if (!starter.isUndefined() && !starter.isNull()) {
        request.starterProjectId = positiveWholeNumber(starter);
        if (!request.starterProjectId)
            return fieldError(u"starter_project_id"_s,
                              u"\u201cstarter_project_id\u201d must be a project number or "
                              "null."_s);
    }
    return request;
}

Result<ReturnBody> parseReturnBody(const QJsonObject &body)
{
    ReturnBody result;
    auto feedback = optionalText(body, u"feedback"_s);
    if (!feedback)
        return feedback.error();
    result.feedback = *feedback;
    auto allow = optionalFlag(body, u"allow_continue"_s);
    if (!allow)
        return allow.error();
    result.allowContinue = *allow;
    return result;
}

} // namespace Blockhaus::Http
