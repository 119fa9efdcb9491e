// SPDX-License-Identifier: AGPL-3.0-or-later
// Where credentials come from and the CSRF rule for cookie-authenticated writes (one place).
#pragma once

#include <QString>

#include "server/http/request.h"

namespace Blockhaus::Http {

struct Credentials
{
    QString token;
    bool fromCookie = false;
};

// A bearer token decides when present; otherwise the bh_session cookie.
Credentials credentialsOf(const Request &request);
// A state-changing request authenticated by the cookie must carry an Origin equal to the
// server's own origin: http:// + Host, or the configured public origin behind a TLS proxy.
bool passesCsrfCheck(const Request &request, const Credentials &credentials,
                     const QString &publicOrigin);
QByteArray sessionCookie(const QString &token, qint64 maxAgeSeconds);

} // namespace Blockhaus::Http
