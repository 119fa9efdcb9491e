// SPDX-License-Identifier: AGPL-3.0-or-later
// Which precompressed variant of a static file a client accepts (RFC 9110 section 12.5.3).
#pragma once

#include <QByteArray>

namespace Blockhaus::Http {

struct AcceptedEncodings
{
    bool brotli = false;
    bool gzip = false;
};

// Parses an Accept-Encoding value. "identity" is always acceptable to us because the
// uncompressed file is always there; q=0 refuses a coding, "*" accepts the ones not named.
AcceptedEncodings parseAcceptEncoding(const QByteArray &value);

} // namespace Blockhaus::Http
