// SPDX-License-Identifier: AGPL-3.0-or-later
// JoinAddresses: which of the teacher computer's addresses students are shown, in which order,
// and the join page URL built from an address and a class code.
#include <QTest>

#include "ui/join/joinaddresses.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using Ui::NetworkInterfaceInfo;

Q_DECLARE_METATYPE(QList<Blockhaus::Ui::NetworkInterfaceInfo>)

namespace {

enum class State { UpAndRunning, Down, NotRunning, Loopback };

NetworkInterfaceInfo iface(const QString &name, QNetworkInterface::InterfaceType type,
                           const QStringList &addresses, State state = State::UpAndRunning,
                           const QString &humanReadableName = {})
{
    NetworkInterfaceInfo info;
    info.name = name;
    info.humanReadableName = humanReadableName.isEmpty() ? name : humanReadableName;
    info.type = type;
    info.up = state != State::Down;
    info.running = state != State::Down && state != State::NotRunning;
    info.loopback = state == State::Loopback;
    for (const QString &address : addresses)
        info.addresses.append(QHostAddress(address));
    return info;
}

constexpr auto ethernet = QNetworkInterface::Ethernet;
constexpr auto wifi = QNetworkInterface::Wifi;

} // namespace

class TestJoinAddresses : public QObject
{
    Q_OBJECT

private slots:
    void choosesReachableAddressesInOrder_data();
    void choosesReachableAddressesInOrder();
    void recognisesVirtualAdapters_data();
    void recognisesVirtualAdapters();
    void joinUrl_data();
    void joinUrl();
    void systemUrlsAreUsable();
};

void TestJoinAddresses::choosesReachableAddressesInOrder_data()
{
    QTest::addColumn<QList<NetworkInterfaceInfo>>("interfaces");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QStringList>("expected");

    const auto lan = iface(u"eth0"_s, ethernet, {u"192.168.1.23"_s});
    QTest::newRow("one ethernet") << QList{lan} << quint16(8601)
                                  << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("port kept, even 80")
        << QList{lan} << quint16(80) << QStringList{u"http://192.168.1.23:80"_s};
    QTest::newRow("nothing") << QList<NetworkInterfaceInfo>{} << quint16(8601) << QStringList{};
    QTest::newRow("loopback interface skipped")
        << QList{iface(u"lo"_s, QNetworkInterface::Loopback, {u"127.0.0.1"_s}, State::Loopback),
                 lan}
        << quint16(8601) << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("loopback address on a normal interface skipped")
        << QList{iface(u"eth0"_s, ethernet, {u"127.0.0.5"_s, u"192.168.1.23"_s})} << quint16(8601)
        << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("down interface skipped")
        << QList{iface(u"eth1"_s, ethernet, {u"10.1.1.1"_s}, State::Down), lan} << quint16(8601)
        << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("unplugged (not running) skipped")
        << QList{iface(u"eth1"_s, ethernet, {u"10.1.1.1"_s}, State::NotRunning), lan}
        << quint16(8601) << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("link-local skipped") << QList{iface(u"eth0"_s, ethernet, {u"169.254.10.20"_s})}
                                        << quint16(8601) << QStringList{};
    QTest::newRow("IPv6 skipped") << QList{iface(
        u"eth0"_s, ethernet, {u"fe80::1"_s, u"2001:db8::5"_s, u"fd00::7"_s, u"192.168.1.23"_s})}
                                  << quint16(8601) << QStringList{u"http://192.168.1.23:8601"_s};
    QTest::newRow("system order kept among equals")
        << QList{iface(u"eth0"_s, ethernet, {u"10.0.0.2"_s}),
                 iface(u"wlan0"_s, wifi, {u"192.168.1.5"_s})}
        << quint16(8601) << QStringList{u"http://10.0.0.2:8601"_s, u"http://192.168.1.5:8601"_s};
    QTest::newRow("docker listed first still goes after wifi")
        << QList{iface(u"docker0"_s, ethernet, {u"172.17.0.1"_s}),
                 iface(u"wlp2s0"_s, wifi, {u"10.20.30.40"_s})}
        << quint16(8601) << QStringList{u"http://10.20.30.40:8601"_s, u"http://172.17.0.1:8601"_s};
    QTest::newRow("all virtual kinds after the physical one")
        << QList{iface(u"veth1a2b"_s, ethernet, {u"172.18.0.1"_s}),
                 iface(u"virbr0"_s, ethernet, {u"192.168.122.1"_s}),
                 iface(u"vmnet8"_s, ethernet, {u"192.168.200.1"_s}),
                 iface(u"br-5f3e"_s, ethernet, {u"172.19.0.1"_s}),
                 iface(u"tun0"_s, QNetworkInterface::Unknown, {u"10.8.0.2"_s}),
                 iface(u"tap0"_s, ethernet, {u"10.9.0.2"_s}),
                 iface(u"vpn0"_s, QNetworkInterface::Virtual, {u"10.10.0.2"_s}),
                 iface(u"enp3s0"_s, ethernet, {u"192.168.1.23"_s})}
        << quint16(8601)
        << QStringList{u"http://192.168.1.23:8601"_s,  u"http://172.18.0.1:8601"_s,
                       u"http://192.168.122.1:8601"_s, u"http://192.168.200.1:8601"_s,
                       u"http://172.19.0.1:8601"_s,    u"http://10.8.0.2:8601"_s,
                       u"http://10.9.0.2:8601"_s,      u"http://10.10.0.2:8601"_s};
    QTest::newRow("windows Hyper-V adapter after wi-fi")
        << QList{iface(u"ethernet_32777"_s, ethernet, {u"172.29.64.1"_s}, State::UpAndRunning,
                       u"vEthernet (WSL)"_s),
                 iface(u"wireless_32768"_s, wifi, {u"192.168.178.20"_s}, State::UpAndRunning,
                       u"Wi-Fi"_s)}
        << quint16(8601)
        << QStringList{u"http://192.168.178.20:8601"_s, u"http://172.29.64.1:8601"_s};
    QTest::newRow("private before public")
        << QList{iface(u"eth0"_s, ethernet, {u"203.0.113.5"_s}),
                 iface(u"wlan0"_s, wifi, {u"192.168.0.10"_s})}
        << quint16(8601)
        << QStringList{u"http://192.168.0.10:8601"_s, u"http://203.0.113.5:8601"_s};
    QTest::newRow("public physical before private virtual")
        << QList{iface(u"docker0"_s, ethernet, {u"172.17.0.1"_s}),
                 iface(u"eth0"_s, ethernet, {u"203.0.113.5"_s})}
        << quint16(8601) << QStringList{u"http://203.0.113.5:8601"_s, u"http://172.17.0.1:8601"_s};
    QTest::newRow("172.16/12 bounds")
        << QList{iface(u"eth0"_s, ethernet,
                       {u"172.15.0.1"_s, u"172.32.0.1"_s, u"172.31.9.9"_s, u"172.16.0.9"_s})}
        << quint16(8601)
        << QStringList{u"http://172.31.9.9:8601"_s, u"http://172.16.0.9:8601"_s,
                       u"http://172.15.0.1:8601"_s, u"http://172.32.0.1:8601"_s};
    QTest::newRow("same address twice listed once")
        << QList{lan, iface(u"eth0:1"_s, ethernet, {u"192.168.1.23"_s})} << quint16(8601)
        << QStringList{u"http://192.168.1.23:8601"_s};
}

void TestJoinAddresses::choosesReachableAddressesInOrder()
{
    QFETCH(QList<NetworkInterfaceInfo>, interfaces);
    QFETCH(quint16, port);
    QFETCH(QStringList, expected);
    QCOMPARE(Ui::JoinAddresses::urls(interfaces, port), expected);
}

void TestJoinAddresses::recognisesVirtualAdapters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("humanReadableName");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("isVirtual");

    QTest::newRow("eth0") << u"eth0"_s << QString() << int(ethernet) << false;
    QTest::newRow("enp3s0") << u"enp3s0"_s << QString() << int(ethernet) << false;
    QTest::newRow("wlan0") << u"wlan0"_s << QString() << int(wifi) << false;
    QTest::newRow("macOS en0") << u"en0"_s << QString() << int(ethernet) << false;
    QTest::newRow("windows Wi-Fi") << u"wireless_32768"_s << u"Wi-Fi"_s << int(wifi) << false;
    QTest::newRow("docker0") << u"docker0"_s << QString() << int(ethernet) << true;
    QTest::newRow("veth") << u"vethd3adb33f"_s << QString() << int(ethernet) << true;
    QTest::newRow("virbr0") << u"virbr0"_s << QString() << int(ethernet) << true;
    QTest::newRow("vmnet1") << u"vmnet1"_s << QString() << int(ethernet) << true;
    QTest::newRow("vboxnet0") << u"vboxnet0"_s << QString() << int(ethernet) << true;
    QTest::newRow("br-") << u"br-0a1b2c"_s << QString() << int(ethernet) << true;
    QTest::newRow("tun0") << u"tun0"_s << QString() << int(QNetworkInterface::Unknown) << true;
    QTest::newRow("tap1") << u"tap1"_s << QString() << int(ethernet) << true;
    QTest::newRow("macOS utun3") << u"utun3"_s << QString() << int(QNetworkInterface::Unknown)
                                 << true;
    QTest::newRow("wireguard") << u"wg0"_s << QString() << int(QNetworkInterface::Unknown) << true;
    QTest::newRow("Virtual type") << u"something0"_s << QString() << int(QNetworkInterface::Virtual)
                                  << true;
    QTest::newRow("windows VirtualBox")
        << u"ethernet_32770"_s << u"VirtualBox Host-Only Network"_s << int(ethernet) << true;
}

void TestJoinAddresses::recognisesVirtualAdapters()
{
    QFETCH(QString, name);
    QFETCH(QString, humanReadableName);
    QFETCH(int, type);
    QFETCH(bool, isVirtual);
    NetworkInterfaceInfo info;
    info.name = name;
    info.humanReadableName = humanReadableName.isEmpty() ? name : humanReadableName;
    info.type = static_cast<QNetworkInterface::InterfaceType>(type);
    QCOMPARE(Ui::JoinAddresses::isVirtual(info), isVirtual);
}

void TestJoinAddresses::joinUrl_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("expected");

    QTest::newRow("with code") << u"http://192.168.1.23:8601"_s << u"K7Q2MX"_s
                               << u"http://192.168.1.23:8601/join/K7Q2MX"_s;
    QTest::newRow("no code") << u"http://192.168.1.23:8601"_s << QString()
                             << u"http://192.168.1.23:8601/join"_s;
    QTest::newRow("blank code") << u"http://192.168.1.23:8601"_s << u"  "_s
                                << u"http://192.168.1.23:8601/join"_s;
    QTest::newRow("trailing slash")
        << u"http://10.0.0.2:8601/"_s << u"AB12"_s << u"http://10.0.0.2:8601/join/AB12"_s;
    QTest::newRow("code is encoded")
        << u"http://10.0.0.2:8601"_s << u"A B/C"_s << u"http://10.0.0.2:8601/join/A%20B%2FC"_s;
    QTest::newRow("no address") << QString() << u"K7Q2MX"_s << QString();
}

void TestJoinAddresses::joinUrl()
{
    QFETCH(QString, address);
    QFETCH(QString, code);
    QFETCH(QString, expected);
    QCOMPARE(Ui::JoinAddresses::joinUrl(address, code), expected);
}

void TestJoinAddresses::systemUrlsAreUsable()
{
    // Whatever this machine has: never loopback or link-local, always with the port.
    const QStringList urls = Ui::JoinAddresses::systemUrls(8601);
    for (const QString &url : urls) {
        QVERIFY2(url.startsWith(u"http://"_s) && url.endsWith(u":8601"_s), qPrintable(url));
        QVERIFY2(!url.startsWith(u"http://127."_s), qPrintable(url));
        QVERIFY2(!url.startsWith(u"http://169.254."_s), qPrintable(url));
    }
}

QTEST_GUILESS_MAIN(TestJoinAddresses)
#include "tst_joinaddresses.moc"
