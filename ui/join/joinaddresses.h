// SPDX-License-Identifier: AGPL-3.0-or-later
// JoinAddresses: which of this computer's addresses students can reach, best first. Pure logic
// over a description of the network interfaces, so the rules are unit-tested without a network.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QString>
#include <QStringList>

namespace Blockhaus::Ui {

// The part of a QNetworkInterface the rules look at; tests build these by hand.
struct NetworkInterfaceInfo
{
    QString name; // "eth0", "wlp2s0", "docker0", "ethernet_32777" on Windows
    QString humanReadableName; // Windows: "Wi-Fi", "vEthernet (WSL)"; elsewhere as `name`
    QNetworkInterface::InterfaceType type = QNetworkInterface::Unknown;
    bool up = true;
    bool running = true;
    bool loopback = false;
    QList<QHostAddress> addresses;

    static NetworkInterfaceInfo from(const QNetworkInterface &interface);
};

class JoinAddresses
{
public:
    // Every IPv4 address students' devices may reach: on an interface that is up and running,
    // not loopback, not link-local (169.254/16: no DHCP answered, so nobody else has it either).
    // Ordered: physical Ethernet/Wi-Fi before virtual adapters (Docker, VMs, VPN tunnels), then
    // private ranges (10/8, 172.16/12, 192.168/16) before others, then the system's own order.
    static QList<QHostAddress> reachableAddresses(const QList<NetworkInterfaceInfo> &interfaces);

    // "http://ADDR:PORT" for each reachable address, in that order, without duplicates.
    static QStringList urls(const QList<NetworkInterfaceInfo> &interfaces, quint16 port);

    // The same for this computer's interfaces right now (QNetworkInterface::allInterfaces()).
    static QStringList systemUrls(quint16 port);

    // The page a student's browser (or the QR code) opens: "<address>/join/<code>", or
    // "<address>/join" when no class code is set. `address` is "http://ADDR:PORT"; a trailing
    // slash is tolerated and the code is percent-encoded.
    static QString joinUrl(const QString &address, const QString &joinCode);

    // Virtual adapters: bridges for containers and VMs, VPN tunnels. Students' tablets are never
    // on those networks, though such adapters often hold private addresses too.
    static bool isVirtual(const NetworkInterfaceInfo &interface);
    static bool isPrivate(const QHostAddress &address);
};

} // namespace Blockhaus::Ui
