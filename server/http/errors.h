// SPDX-License-Identifier: AGPL-3.0-or-later
// The one table from error kind to status, JSON "error" code and a sentence a teacher can read.
#pragma once

#include "server/core/result.h"
#include "server/http/reply.h"

namespace Blockhaus::Http {

// The JSON error response for an error. A 500 carries the request id, which is also logged.
Reply errorReply(const Error &error, const QByteArray &requestId);
// Shortcuts for errors found while parsing, before any store call.
Reply errorReply(ErrorKind kind, const QString &message, const QByteArray &requestId);
int statusFor(ErrorKind kind);

// Errors that are decided by the transport itself (no ErrorKind): 405, 408, 411, 426, 431.
Reply methodNotAllowed(const QByteArrayList &allowed);
// A WebSocket address asked without an upgrade, or with a version other than 13.
Reply upgradeRequired();
Reply requestTimeout(); // a head or body too slow to arrive; closes the connection
Reply lengthRequired();
Reply headersTooLarge();

} // namespace Blockhaus::Http
