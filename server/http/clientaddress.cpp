// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/clientaddress.h"

namespace Blockhaus::Http {

bool isTrustedProxy(const QHostAddress &address, const QList<QHostAddress> &trustedProxies)
{
    for (const QHostAddress &proxy : trustedProxies) {
        if (proxy.isEqual(address, QHostAddress::TolerantConversion))
            return true;
    }
    return false;
}

QHostAddress clientAddress(const QHostAddress &peer, const QList<QByteArray> &forwardedFor,
                           const QList<QHostAddress> &trustedProxies)
{
    if (!isTrustedProxy(peer, trustedProxies))
        return peer;
    QList<QByteArray> hops;
    for (const QByteArray &value : forwardedFor)
        hops += value.split(',');
    QHostAddress client = peer;
    for (qsizetype i = hops.size() - 1; i >= 0; --i) {
        QByteArray hop = hops.at(i).trimmed();
        // "[v6]:port" and "v4:port" as some proxies write them.
        if (hop.startsWith('[') && hop.contains(']'))
            hop = hop.mid(1, hop.indexOf(']') - 1);
        else if (hop.count(':') == 1)
            hop = hop.left(hop.indexOf(':'));
        QHostAddress address;
        if (!address.setAddress(QString::fromLatin1(hop)))
            return client;
        client = address;
        if (!isTrustedProxy(address, trustedProxies))
            return client;
    }
    return client;
}

} // namespace Blockhaus::Http
