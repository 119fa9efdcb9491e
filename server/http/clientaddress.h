// SPDX-License-Identifier: AGPL-3.0-or-later
// ClientAddress: which machine a request comes from when Blockhaus runs behind a reverse proxy
// (#15): the TCP peer, unless that peer is a proxy IT named (--trusted-proxy).
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>

namespace Blockhaus::Http {

// Whether address is one of the trusted proxies (an IPv4 peer on a dual-stack socket arrives as
// ::ffff:a.b.c.d and still matches a.b.c.d).
bool isTrustedProxy(const QHostAddress &address, const QList<QHostAddress> &trustedProxies);

// The client address of a request from peer carrying these X-Forwarded-For header values (in
// the order received). Only when peer is a trusted proxy does the header count; then the hops
// are read from the right, skipping trusted proxies, and the first other one is the client (the
// left part is whatever the client claimed, never believed). A malformed hop stops the walk at
// the address believed so far; a header of trusted proxies only gives the left-most of them.
QHostAddress clientAddress(const QHostAddress &peer, const QList<QByteArray> &forwardedFor,
                           const QList<QHostAddress> &trustedProxies);

} // namespace Blockhaus::Http
