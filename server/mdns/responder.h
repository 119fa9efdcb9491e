// SPDX-License-Identifier: AGPL-3.0-or-later
// Responder: makes Blockhaus findable on the school LAN by name (#16). It answers multicast DNS
// (RFC 6762) for "blockhaus.local" with this computer's address on the network the question came
// from, and advertises the web server by DNS-SD (RFC 6763) as an _http._tcp service, so
// "http://blockhaus.local:8601" works on every system with an mDNS resolver (Windows 10+,
// macOS, iOS, ChromeOS, Android 12+, Linux with nss-mdns). Before it answers it probes the name
// three times; when another computer already answers for it (a second classroom), it takes
// "blockhaus-2", "blockhaus-3" and so on. It shares port 5353 with the system's own responder
// (Avahi, Bonjour, Windows' DNS client) and answers only for its own names. Lives in the server
// thread; stopping it sends the goodbye (TTL 0) so caches forget the name at once.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUdpSocket>

#include "server/mdns/dnsmessage.h"

class QNetworkDatagram;

namespace Blockhaus::Mdns {

struct ResponderConfig
{
    QString hostLabel = QStringLiteral("blockhaus"); // the name before ".local"
    QString instanceLabel = QStringLiteral("Blockhaus"); // the service's name in a browser list
    quint16 port = 8601;
    int probeIntervalMs = 250; // RFC 6762 section 8.1
};

class Responder : public QObject
{
    Q_OBJECT

public:
    explicit Responder(ResponderConfig config, QObject *parent = nullptr);
    ~Responder() override;

    // Binds port 5353 and starts probing; false (with a reason) when no socket could be opened.
    bool start(QString *error);
    // Says goodbye on every network and closes the socket.
    void stop();
    // "blockhaus.local" (or "blockhaus-2.local", …) once claimed; empty while probing.
    QString hostName() const { return m_claimed ? m_host : QString(); }

signals:
    void claimed(const QString &hostName);

private:
    struct Network
    {
        int index = 0;
        QString name;
        QList<quint32> ipv4;
    };

    void chooseName(int attempt);
    void probe();
    void onReadyRead();
    void handle(const QNetworkDatagram &datagram, const DnsMessage &message);
    bool conflicts(const DnsMessage &message) const;
    void answer(const QNetworkDatagram &datagram, const DnsMessage &query);
    QList<DnsRecord> recordsFor(const DnsQuestion &question, const Network &network,
                                QList<DnsRecord> &additionals) const;
    QList<DnsRecord> allRecords(const Network &network, quint32 ttl) const;
    void announce(quint32 ttl);
    void refreshNetworks();
    const Network *networkFor(int interfaceIndex) const;
    void sendMulticast(const Network &network, const DnsMessage &message);

    ResponderConfig m_config;
    QUdpSocket m_socket;
    QList<Network> m_networks;
    QSet<int> m_joined; // interface indexes whose multicast group this socket joined
    QString m_host; // "<label>.local"
    QString m_instance; // "<instance>._http._tcp.local" as sent (case kept)
    int m_attempt = 0;
    int m_probesSent = 0;
    bool m_claimed = false;
    int m_announcements = 0;
    QTimer m_probeTimer;
    QTimer m_announceTimer;
    QTimer m_networkTimer; // a laptop moves between networks: rejoin and announce there
};

} // namespace Blockhaus::Mdns
