// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/mdns/responder.h"

#include <QLoggingCategory>
#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QVariant>

namespace Blockhaus::Mdns {

Q_LOGGING_CATEGORY(lcMdns, "blockhaus.mdns")

using namespace Qt::StringLiterals;

namespace {

const QHostAddress mdnsGroup(u"224.0.0.251"_s);
constexpr quint16 mdnsPort = 5353;
constexpr int probeCount = 3;
constexpr int announceCount = 2; // RFC 6762 section 8.3: at least two, one second apart
constexpr int announceIntervalMs = 1000;
constexpr int networkCheckMs = 30'000;
constexpr int maxAttempts = 50;
constexpr quint32 hostTtl = 120;
constexpr quint32 legacyTtl = 10; // RFC 6762 section 6.7

const QString serviceType = u"_http._tcp.local"_s;
const QString serviceEnumeration = u"_services._dns-sd._udp.local"_s;

bool asks(const DnsQuestion &question, const QString &name, RecordType type)
{
    return question.name == name.toLower()
        && (question.type == quint16(type) || question.type == quint16(RecordType::Any));
}

} // namespace

Responder::Responder(ResponderConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_socket(this)
{
    m_probeTimer.setInterval(m_config.probeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &Responder::probe);
    m_announceTimer.setInterval(announceIntervalMs);
    connect(&m_announceTimer, &QTimer::timeout, this, [this] {
        announce(hostTtl);
        if (++m_announcements >= announceCount)
            m_announceTimer.stop();
    });
    m_networkTimer.setInterval(networkCheckMs);
    connect(&m_networkTimer, &QTimer::timeout, this, &Responder::refreshNetworks);
    connect(&m_socket, &QUdpSocket::readyRead, this, &Responder::onReadyRead);
}

Responder::~Responder()
{
    stop();
}

bool Responder::start(QString *error)
{
    // ShareAddress/ReuseAddressHint: the system's responder may hold 5353 too; multicast reaches
    // every socket bound to it.
    if (!m_socket.bind(QHostAddress::AnyIPv4, mdnsPort,
                       QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        if (error)
            *error = m_socket.errorString();
        return false;
    }
    m_socket.setSocketOption(QAbstractSocket::MulticastTtlOption, QVariant(255));
    m_socket.setSocketOption(QAbstractSocket::MulticastLoopbackOption, QVariant(1));
    refreshNetworks();
    m_networkTimer.start();
    chooseName(1);
    return true;
}

void Responder::stop()
{
    if (m_socket.state() != QAbstractSocket::BoundState)
        return;
    m_probeTimer.stop();
    m_announceTimer.stop();
    m_networkTimer.stop();
    if (m_claimed)
        announce(0); // goodbye: caches drop the name now, not in two minutes
    m_claimed = false;
    m_socket.close();
}

void Responder::chooseName(int attempt)
{
    m_attempt = attempt;
    const QString suffix = attempt == 1 ? QString() : u"-%1"_s.arg(attempt);
    m_host = m_config.hostLabel + suffix + u".local"_s;
    m_instance = (attempt == 1 ? m_config.instanceLabel
                               : u"%1 %2"_s.arg(m_config.instanceLabel).arg(attempt))
        + u"."_s + serviceType;
    m_claimed = false;
    m_probesSent = 0;
    probe();
    m_probeTimer.start();
}

void Responder::probe()
{
    if (m_probesSent >= probeCount) {
        // Nobody objected during the probes: the name is ours.
        m_probeTimer.stop();
        m_claimed = true;
        qCInfo(lcMdns) << "advertising" << m_host << "port" << m_config.port;
        announce(hostTtl);
        m_announcements = 1;
        m_announceTimer.start();
        emit claimed(m_host);
        return;
    }
    ++m_probesSent;
    for (const Network &network : std::as_const(m_networks)) {
        DnsMessage message;
        for (const QString &name : {m_host, m_instance}) {
            DnsQuestion question;
            question.name = name;
            question.type = quint16(RecordType::Any);
            question.unicastResponse = true;
            message.questions.append(question);
        }
        // The proposed records, for simultaneous probes' tie-breaking (RFC 6762 section 8.2).
        message.authorities = allRecords(network, hostTtl);
        sendMulticast(network, message);
    }
}

void Responder::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram(9000);
        const auto message = parseDnsMessage(datagram.data());
        if (message)
            handle(datagram, *message);
    }
}

void Responder::handle(const QNetworkDatagram &datagram, const DnsMessage &message)
{
    if (message.response) {
        // Another computer answers for a name we probe or hold: a second Blockhaus, or a device
        // that really is called so. While probing we move on; once claimed, RFC 6762 section 9
        // would have us probe again, which we do as well.
        if (conflicts(message)) {
            if (m_attempt >= maxAttempts) {
                m_probeTimer.stop();
                qCWarning(lcMdns) << "no free name on this network; not advertising";
                return;
            }
            qCInfo(lcMdns) << m_host << "is taken on this network; trying the next name";
            chooseName(m_attempt + 1);
        }
        return;
    }
    if (m_claimed)
        answer(datagram, message);
}

bool Responder::conflicts(const DnsMessage &message) const
{
    QSet<quint32> ours;
    for (const Network &network : m_networks) {
        for (quint32 address : network.ipv4)
            ours.insert(address);
    }
    const QString host = m_host.toLower();
    const QString instance = m_instance.toLower();
    for (const auto *section : {&message.answers, &message.additionals}) {
        for (const DnsRecord &record : *section) {
            if (record.ttl == 0)
                continue; // a goodbye is not a claim
            // Our own announcements come back through multicast loopback.
            if (record.name == host && record.type == quint16(RecordType::A)
                && !ours.contains(record.ipv4))
                return true;
            if (record.name == instance && record.type == quint16(RecordType::Srv)
                && record.target != host)
                return true;
        }
    }
    return false;
}

const Responder::Network *Responder::networkFor(int interfaceIndex) const
{
    for (const Network &network : m_networks) {
        if (network.index == interfaceIndex)
            return &network;
    }
    return nullptr;
}

QList<DnsRecord> Responder::allRecords(const Network &network, quint32 ttl) const
{
    QList<DnsRecord> records;
    for (quint32 address : network.ipv4)
        records.append(addressRecord(m_host, address));
    records.append(pointerRecord(serviceType, m_instance));
    records.append(serviceRecord(m_instance, m_host, m_config.port));
    records.append(textRecord(m_instance, {"path=/"}));
    for (DnsRecord &record : records)
        record.ttl = ttl == 0 ? 0 : (record.type == quint16(RecordType::A) ? ttl : record.ttl);
    return records;
}

QList<DnsRecord> Responder::recordsFor(const DnsQuestion &question, const Network &network,
                                       QList<DnsRecord> &additionals) const
{
    QList<DnsRecord> answers;
    if (asks(question, m_host, RecordType::A)) {
        for (quint32 address : network.ipv4)
            answers.append(addressRecord(m_host, address));
    }
    if (asks(question, serviceEnumeration, RecordType::Ptr))
        answers.append(pointerRecord(serviceEnumeration, serviceType));
    if (asks(question, serviceType, RecordType::Ptr)) {
        answers.append(pointerRecord(serviceType, m_instance));
        additionals.append(serviceRecord(m_instance, m_host, m_config.port));
        additionals.append(textRecord(m_instance, {"path=/"}));
        for (quint32 address : network.ipv4)
            additionals.append(addressRecord(m_host, address));
    }
    if (asks(question, m_instance, RecordType::Srv)) {
        answers.append(serviceRecord(m_instance, m_host, m_config.port));
        for (quint32 address : network.ipv4)
            additionals.append(addressRecord(m_host, address));
    }
    if (asks(question, m_instance, RecordType::Txt))
        answers.append(textRecord(m_instance, {"path=/"}));
    return answers;
}

void Responder::answer(const QNetworkDatagram &datagram, const DnsMessage &query)
{
    const Network *network = networkFor(datagram.interfaceIndex());
    if (!network && m_networks.size() == 1)
        network = &m_networks.front(); // the platform did not say; there is only one anyway
    if (!network)
        return;
    DnsMessage reply;
    reply.response = true;
    reply.authoritative = true;
    bool unicast = false;
    for (const DnsQuestion &question : query.questions) {
        const QList<DnsRecord> records = recordsFor(question, *network, reply.additionals);
        if (records.isEmpty())
            continue;
        reply.answers += records;
        unicast = unicast || question.unicastResponse;
    }
    if (reply.answers.isEmpty())
        return;
    // A resolver that is not an mDNS responder asks from another port (RFC 6762 section 6.7):
    // it gets a unicast answer with its id, its questions and short TTLs.
    const bool legacy = datagram.senderPort() != mdnsPort;
    if (legacy) {
        reply.id = query.id;
        reply.questions = query.questions;
        for (auto *section : {&reply.answers, &reply.additionals}) {
            for (DnsRecord &record : *section)
                record.ttl = std::min(record.ttl, legacyTtl);
        }
    }
    const QByteArray bytes = encodeDnsMessage(reply);
    if (bytes.isEmpty())
        return;
    if (legacy || unicast)
        m_socket.writeDatagram(bytes, datagram.senderAddress(), quint16(datagram.senderPort()));
    else
        sendMulticast(*network, reply);
}

void Responder::announce(quint32 ttl)
{
    for (const Network &network : std::as_const(m_networks)) {
        DnsMessage message;
        message.response = true;
        message.authoritative = true;
        message.answers = allRecords(network, ttl);
        sendMulticast(network, message);
    }
}

void Responder::sendMulticast(const Network &network, const DnsMessage &message)
{
    const QByteArray bytes = encodeDnsMessage(message);
    if (bytes.isEmpty())
        return;
    m_socket.setMulticastInterface(QNetworkInterface::interfaceFromIndex(network.index));
    m_socket.writeDatagram(bytes, mdnsGroup, mdnsPort);
}

void Responder::refreshNetworks()
{
    QList<Network> networks;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || !flags.testFlag(QNetworkInterface::CanMulticast)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        Network network;
        network.index = interface.index();
        network.name = interface.name();
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol)
                network.ipv4.append(entry.ip().toIPv4Address());
        }
        if (network.ipv4.isEmpty())
            continue;
        if (!m_joined.contains(network.index)) {
            if (!m_socket.joinMulticastGroup(mdnsGroup, interface)) {
                qCDebug(lcMdns) << "cannot listen for mDNS on" << interface.name()
                                << m_socket.errorString();
                continue;
            }
            m_joined.insert(network.index);
        }
        networks.append(network);
    }
    const bool changed = [&] {
        if (networks.size() != m_networks.size())
            return true;
        for (qsizetype i = 0; i < networks.size(); ++i) {
            if (networks[i].index != m_networks[i].index || networks[i].ipv4 != m_networks[i].ipv4)
                return true;
        }
        return false;
    }();
    m_networks = networks;
    if (changed && m_claimed)
        announce(hostTtl);
}

} // namespace Blockhaus::Mdns
