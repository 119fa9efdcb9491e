// SPDX-License-Identifier: AGPL-3.0-or-later
// DnsMessage: the DNS wire format as multicast DNS uses it (RFC 1035, RFC 6762), as values. A pure
// codec: bytes from the network in, a message or nothing out; a message in, bytes out. It reads
// whatever a stranger on the LAN sends (compressed names, loops, truncated records), so every
// length is checked and a fuzz target (tests/fuzz/fuzz_dnsmessage.cpp) feeds it garbage.
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace Blockhaus::Mdns {

enum class RecordType : quint16 {
    A = 1,
    Ptr = 12,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Nsec = 47,
    Any = 255,
};

struct DnsQuestion
{
    QString name; // lower case, dot-separated, no trailing dot ("blockhaus.local")
    quint16 type = 0;
    quint16 dnsClass = 1;
    bool unicastResponse = false; // the QU bit (RFC 6762 section 5.4)
};

struct DnsRecord
{
    QString name;
    quint16 type = 0;
    quint16 dnsClass = 1;
    bool cacheFlush = false; // a unique record (RFC 6762 section 10.2)
    quint32 ttl = 120;
    // The record's data, decoded for the types a responder needs; others keep only raw.
    quint32 ipv4 = 0; // A
    QString target; // PTR, SRV
    quint16 port = 0; // SRV
    QList<QByteArray> texts; // TXT
    QByteArray raw; // the undecoded data of other types (kept on parse; written as is)
};

struct DnsMessage
{
    quint16 id = 0;
    bool response = false;
    bool authoritative = false;
    QList<DnsQuestion> questions;
    QList<DnsRecord> answers;
    QList<DnsRecord> authorities; // a probe's proposed records (RFC 6762 section 8.2)
    QList<DnsRecord> additionals;
};

// Nothing when the bytes are not a well-formed message; never reads outside them.
std::optional<DnsMessage> parseDnsMessage(QByteArrayView bytes);
// Names are written uncompressed (the messages are small); empty when a name or text is too long.
QByteArray encodeDnsMessage(const DnsMessage &message);

// Record helpers with the classes and TTLs RFC 6762 recommends (host records 120 s, others 75 min).
DnsRecord addressRecord(const QString &host, quint32 ipv4);
DnsRecord pointerRecord(const QString &name, const QString &target);
DnsRecord serviceRecord(const QString &instance, const QString &host, quint16 port);
DnsRecord textRecord(const QString &instance, const QList<QByteArray> &texts);

} // namespace Blockhaus::Mdns
