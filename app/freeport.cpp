// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/freeport.h"

#include <QTcpServer>

namespace Blockhaus::App {

bool isPortInUse(const QHostAddress &address, quint16 port)
{
    if (port == 0)
        return false;
    QTcpServer probe;
    if (probe.listen(address, port)) {
        probe.close();
        return false;
    }
    return probe.serverError() == QAbstractSocket::AddressInUseError;
}

quint16 suggestFreePort(const QHostAddress &address, quint16 taken, int attempts)
{
    for (int candidate = taken + 1; candidate <= 65535 && candidate <= taken + attempts;
         ++candidate) {
        QTcpServer probe;
        if (probe.listen(address, static_cast<quint16>(candidate))) {
            probe.close();
            return static_cast<quint16>(candidate);
        }
    }
    return 0;
}

} // namespace Blockhaus::App
