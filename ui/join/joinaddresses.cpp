// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/join/joinaddresses.h"

#include <algorithm>

#include <QUrl>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

bool inSubnet(const QHostAddress &address, const char16_t *network, int prefix)
{
    return address.isInSubnet(QHostAddress(QString::fromUtf16(network)), prefix);
}

} // namespace

NetworkInterfaceInfo NetworkInterfaceInfo::from(const QNetworkInterface &interface)
{
    NetworkInterfaceInfo info;
    info.name = interface.name();
    info.humanReadableName = interface.humanReadableName();
    info.type = interface.type();
    const auto flags = interface.flags();
    info.up = flags.testFlag(QNetworkInterface::IsUp);
    info.running = flags.testFlag(QNetworkInterface::IsRunning);
    info.loopback = flags.testFlag(QNetworkInterface::IsLoopBack);
    for (const QNetworkAddressEntry &entry : interface.addressEntries())
        info.addresses.append(entry.ip());
    return info;
}

bool JoinAddresses::isPrivate(const QHostAddress &address)
{
    return inSubnet(address, u"10.0.0.0", 8) || inSubnet(address, u"172.16.0.0", 12)
        || inSubnet(address, u"192.168.0.0", 16);
}

bool JoinAddresses::isVirtual(const NetworkInterfaceInfo &interface)
{
    if (interface.type == QNetworkInterface::Virtual)
        return true;
    // Linux and macOS name their virtual adapters by convention; Docker bridges, for one,
    // report themselves as Ethernet.
    static const QStringList namePrefixes = {
        u"docker"_s, u"veth"_s,  u"virbr"_s,  u"vmnet"_s, u"vboxnet"_s,   u"br-"_s,
        u"tun"_s,    u"tap"_s,   u"utun"_s,   u"wg"_s,    u"tailscale"_s, u"zt"_s,
        u"lxcbr"_s,  u"lxdbr"_s, u"podman"_s, u"cni"_s,   u"flannel"_s,
    };
    for (const QString &prefix : namePrefixes) {
        if (interface.name.startsWith(prefix, Qt::CaseInsensitive))
            return true;
    }
    // Windows names adapters by index; only the readable name says what they are.
    static const QStringList windowsMarkers = {
        u"vEthernet"_s, u"VirtualBox"_s, u"VMware"_s, u"Hyper-V"_s, u"TAP-"_s, u"WireGuard"_s,
    };
    for (const QString &marker : windowsMarkers) {
        if (interface.humanReadableName.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QList<QHostAddress> JoinAddresses::reachableAddresses(const QList<NetworkInterfaceInfo> &interfaces)
{
    struct Candidate
    {
        QHostAddress address;
        bool isVirtual;
        bool isPrivate;
    };
    QList<Candidate> candidates;
    for (const NetworkInterfaceInfo &interface : interfaces) {
        if (!interface.up || !interface.running || interface.loopback)
            continue;
        const bool isVirtualInterface = isVirtual(interface);
        for (const QHostAddress &address : interface.addresses) {
            if (address.protocol() != QAbstractSocket::IPv4Protocol || address.isLoopback()
                || address.isLinkLocal() || address.isNull() || address.isMulticast()
                || address.isBroadcast())
                continue;
            candidates.append({address, isVirtualInterface, isPrivate(address)});
        }
    }
    // Stable: among equals the system's order (usually the primary adapter first) is kept.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) {
                         if (a.isVirtual != b.isVirtual)
                             return !a.isVirtual;
                         return a.isPrivate && !b.isPrivate;
                     });
    QList<QHostAddress> result;
    for (const Candidate &candidate : candidates) {
        if (!result.contains(candidate.address))
            result.append(candidate.address);
    }
    return result;
}

QStringList JoinAddresses::urls(const QList<NetworkInterfaceInfo> &interfaces, quint16 port)
{
    QStringList result;
    for (const QHostAddress &address : reachableAddresses(interfaces))
        result.append(u"http://%1:%2"_s.arg(address.toString()).arg(port));
    return result;
}

QString JoinAddresses::joinUrl(const QString &address, const QString &joinCode)
{
    if (address.isEmpty())
        return {};
    QString base = address;
    while (base.endsWith(u'/'))
        base.chop(1);
    const QString code = joinCode.trimmed();
    if (code.isEmpty())
        return base + u"/join"_s;
    return base + u"/join/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code));
}

QStringList JoinAddresses::systemUrls(quint16 port)
{
    QList<NetworkInterfaceInfo> interfaces;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces())
        interfaces.append(NetworkInterfaceInfo::from(interface));
    return urls(interfaces, port);
}

} // namespace Blockhaus::Ui
