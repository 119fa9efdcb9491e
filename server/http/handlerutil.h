// SPDX-License-Identifier: AGPL-3.0-or-later
// Small parsing helpers shared by the handlers: If-Match, media types, titles, JSON fields.
#pragma once

#include <QJsonObject>

#include "server/core/result.h"
#include "server/http/request.h"

namespace Blockhaus::Http {

// If-Match must name exactly one version as "N"; anything else (missing, *, W/, lists) is 428.
Result<int> parseIfMatch(const Request &request);
// 415 unless the request's media type is one of the given ones.
Result<Ok> requireMediaType(const Request &request, std::initializer_list<const char *> accepted);
// The body as a JSON object (400 otherwise), after checking the media type (415).
Result<QJsonObject> jsonObjectBody(const Request &request);
Error badRequest(const QString &message);

} // namespace Blockhaus::Http
