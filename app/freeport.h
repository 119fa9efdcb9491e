// SPDX-License-Identifier: AGPL-3.0-or-later
// Port probes for a start whose port is taken: is the port really held by another program, and
// which port close to it is free, so the teacher can be offered one that works.
#pragma once

#include <QHostAddress>

namespace Blockhaus::App {

// True when another program listens on `port` at `address` (binding there fails with "address in
// use"). Port 0 is never in use: it asks the system for any free port.
bool isPortInUse(const QHostAddress &address, quint16 port);

// The first of the `attempts` ports after `taken` (taken + 1, taken + 2, …, never beyond 65535)
// that a server can listen on at `address`; 0 when none of them is free. Each probe binds a
// QTcpServer and closes it again, so the port is free at the moment of the answer (another
// program may still take it before Blockhaus does).
quint16 suggestFreePort(const QHostAddress &address, quint16 taken, int attempts = 20);

} // namespace Blockhaus::App
