// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/handlerutil.h"

#include "server/http/jsonio.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

Error badRequest(const QString &message)
{
    return makeError(ErrorKind::BadRequest, message);
}

Result<int> parseIfMatch(const Request &request)
{
    const QByteArray value = request.header("if-match").trimmed();
    const auto required = [](const QString &why) {
        return makeError(ErrorKind::PreconditionRequired, why);
    };
    if (value.isEmpty())
        return required(u"Saving needs the version you started from (If-Match: \"N\")."_s);
    if (value.size() < 3 || !value.startsWith('"') || !value.endsWith('"'))
        return required(u"If-Match must name one version, like \"3\"."_s);
    const QByteArray number = value.mid(1, value.size() - 2);
    bool ok = !number.isEmpty() && number.size() <= 9;
    for (char c : number)
        ok = ok && c >= '0' && c <= '9';
    const int version = ok ? number.toInt() : 0;
    if (version <= 0)
        return required(u"If-Match must name one version, like \"3\"."_s);
    return version;
}

Result<Ok> requireMediaType(const Request &request, std::initializer_list<const char *> accepted)
{
    const QByteArray type = mediaType(request.header("content-type"));
    for (const char *candidate : accepted) {
        if (type == candidate)
            return Ok{};
    }
    QStringList names;
    for (const char *candidate : accepted)
        names << QString::fromLatin1(candidate);
    return makeError(ErrorKind::UnsupportedMediaType,
                     u"This needs a body of type %1."_s.arg(names.join(u" or "_s)));
}

Result<QJsonObject> jsonObjectBody(const Request &request)
{
    auto type = requireMediaType(request, {"application/json"});
    if (!type)
        return type.error();
    QJsonObject object;
    if (!parseObject(request.body, &object))
        return badRequest(u"The body must be a JSON object."_s);
    return object;
}

} // namespace Blockhaus::Http
