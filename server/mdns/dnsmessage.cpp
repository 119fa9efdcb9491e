// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/mdns/dnsmessage.h"

#include <QtEndian>

namespace Blockhaus::Mdns {

namespace {

constexpr int maxNameLength = 255; // RFC 1035 section 3.1
constexpr int maxLabelLength = 63;
constexpr int maxPointerJumps = 32; // more is a loop or an attack
constexpr int maxRecordsPerSection = 256;

class Reader
{
public:
    explicit Reader(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    qsizetype pos() const { return m_pos; }

    std::optional<quint16> u16()
    {
        if (m_bytes.size() - m_pos < 2)
            return std::nullopt;
        const quint16 value = qFromBigEndian<quint16>(m_bytes.data() + m_pos);
        m_pos += 2;
        return value;
    }

    std::optional<quint32> u32()
    {
        if (m_bytes.size() - m_pos < 4)
            return std::nullopt;
        const quint32 value = qFromBigEndian<quint32>(m_bytes.data() + m_pos);
        m_pos += 4;
        return value;
    }

    // A possibly compressed name starting at the reader's position; the position moves past
    // the name's bytes here (not past the bytes a pointer leads to).
    std::optional<QString> name()
    {
        auto [text, end] = nameAt(m_pos);
        if (!text)
            return std::nullopt;
        m_pos = end;
        return text;
    }

    // A name that starts at `at`, for data fields that hold one (PTR, SRV).
    std::pair<std::optional<QString>, qsizetype> nameAt(qsizetype at) const
    {
        QByteArray out;
        qsizetype wireLength = 1; // the closing zero
        qsizetype pos = at;
        qsizetype end = -1; // where the name ends in the record, set at the first pointer
        int jumps = 0;
        while (true) {
            if (pos >= m_bytes.size())
                return {std::nullopt, 0};
            const quint8 length = static_cast<quint8>(m_bytes[pos]);
            if (length == 0) {
                if (end < 0)
                    end = pos + 1;
                break;
            }
            if ((length & 0xc0) == 0xc0) {
                if (pos + 1 >= m_bytes.size() || ++jumps > maxPointerJumps)
                    return {std::nullopt, 0};
                const qsizetype target =
                    ((length & 0x3f) << 8) | static_cast<quint8>(m_bytes[pos + 1]);
                // Pointers go backwards only: a forward pointer cannot be a real earlier name.
                if (target >= pos)
                    return {std::nullopt, 0};
                if (end < 0)
                    end = pos + 2;
                pos = target;
                continue;
            }
            if ((length & 0xc0) != 0 || length > maxLabelLength
                || pos + 1 + length > m_bytes.size())
                return {std::nullopt, 0};
            if (!out.isEmpty())
                out += '.';
            out += QByteArrayView(m_bytes.data() + pos + 1, length).toByteArray().toLower();
            wireLength += 1 + length;
            if (wireLength > maxNameLength)
                return {std::nullopt, 0};
            pos += 1 + length;
        }
        return {QString::fromUtf8(out), end};
    }

    std::optional<QByteArrayView> take(qsizetype length)
    {
        if (length < 0 || m_bytes.size() - m_pos < length)
            return std::nullopt;
        const QByteArrayView view(m_bytes.data() + m_pos, length);
        m_pos += length;
        return view;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

std::optional<DnsRecord> readRecord(Reader &reader)
{
    DnsRecord record;
    const auto name = reader.name();
    const auto type = reader.u16();
    const auto dnsClass = reader.u16();
    const auto ttl = reader.u32();
    const auto length = reader.u16();
    if (!name || !type || !dnsClass || !ttl || !length)
        return std::nullopt;
    record.name = *name;
    record.type = *type;
    record.cacheFlush = (*dnsClass & 0x8000) != 0;
    record.dnsClass = *dnsClass & 0x7fff;
    record.ttl = *ttl;
    const qsizetype dataStart = reader.pos();
    const auto data = reader.take(*length);
    if (!data)
        return std::nullopt;
    switch (static_cast<RecordType>(record.type)) {
    case RecordType::A:
        if (data->size() != 4)
            return std::nullopt;
        record.ipv4 = qFromBigEndian<quint32>(data->data());
        break;
    case RecordType::Ptr: {
        const auto [target, end] = reader.nameAt(dataStart);
        if (!target || end > dataStart + *length)
            return std::nullopt;
        record.target = *target;
        break;
    }
    case RecordType::Srv: {
        if (data->size() < 7)
            return std::nullopt;
        record.port = qFromBigEndian<quint16>(data->data() + 4);
        const auto [target, end] = reader.nameAt(dataStart + 6);
        if (!target || end > dataStart + *length)
            return std::nullopt;
        record.target = *target;
        break;
    }
    case RecordType::Txt: {
        qsizetype pos = 0;
        while (pos < data->size()) {
            const quint8 textLength = static_cast<quint8>((*data)[pos]);
            if (pos + 1 + textLength > data->size())
                return std::nullopt;
            record.texts.append(data->sliced(pos + 1, textLength).toByteArray());
            pos += 1 + textLength;
        }
        break;
    }
    default:
        record.raw = data->toByteArray();
        break;
    }
    return record;
}

bool readRecords(Reader &reader, quint16 count, QList<DnsRecord> &into)
{
    if (count > maxRecordsPerSection)
        return false;
    for (quint16 i = 0; i < count; ++i) {
        auto record = readRecord(reader);
        if (!record)
            return false;
        into.append(std::move(*record));
    }
    return true;
}

void putU16(QByteArray &out, quint16 value)
{
    out += char(value >> 8);
    out += char(value & 0xff);
}

void putU32(QByteArray &out, quint32 value)
{
    putU16(out, quint16(value >> 16));
    putU16(out, quint16(value & 0xffff));
}

bool putName(QByteArray &out, const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    if (utf8.size() + 2 > maxNameLength) // the wire form: a length byte more, and the zero
        return false;
    for (const QByteArray &label : utf8.split('.')) {
        if (label.isEmpty())
            continue;
        if (label.size() > maxLabelLength)
            return false;
        out += char(label.size());
        out += label;
    }
    out += char(0);
    return true;
}

bool putRecord(QByteArray &out, const DnsRecord &record)
{
    if (!putName(out, record.name))
        return false;
    putU16(out, record.type);
    putU16(out, quint16(record.dnsClass | (record.cacheFlush ? 0x8000 : 0)));
    putU32(out, record.ttl);
    QByteArray data;
    switch (static_cast<RecordType>(record.type)) {
    case RecordType::A:
        putU32(data, record.ipv4);
        break;
    case RecordType::Ptr:
        if (!putName(data, record.target))
            return false;
        break;
    case RecordType::Srv:
        putU16(data, 0); // priority
        putU16(data, 0); // weight
        putU16(data, record.port);
        if (!putName(data, record.target))
            return false;
        break;
    case RecordType::Txt:
        for (const QByteArray &text : record.texts) {
            if (text.size() > 255)
                return false;
            data += char(text.size());
            data += text;
        }
        if (record.texts.isEmpty())
            data += char(0); // RFC 6763 section 6.1: never empty
        break;
    default:
        data = record.raw;
        break;
    }
    if (data.size() > 0xffff)
        return false;
    putU16(out, quint16(data.size()));
    out += data;
    return true;
}

} // namespace

std::optional<DnsMessage> parseDnsMessage(QByteArrayView bytes)
{
    Reader reader(bytes);
    const auto id = reader.u16();
    const auto flags = reader.u16();
    const auto questions = reader.u16();
    const auto answers = reader.u16();
    const auto authorities = reader.u16();
    const auto additionals = reader.u16();
    if (!id || !flags || !questions || !answers || !authorities || !additionals)
        return std::nullopt;
    DnsMessage message;
    message.id = *id;
    message.response = (*flags & 0x8000) != 0;
    message.authoritative = (*flags & 0x0400) != 0;
    // RFC 6762 section 18.3: messages with a non-zero opcode or rcode are silently ignored.
    if ((*flags & 0x7800) != 0 || (*flags & 0x000f) != 0)
        return std::nullopt;
    if (*questions > maxRecordsPerSection)
        return std::nullopt;
    for (quint16 i = 0; i < *questions; ++i) {
        DnsQuestion question;
        const auto name = reader.name();
        const auto type = reader.u16();
        const auto dnsClass = reader.u16();
        if (!name || !type || !dnsClass)
            return std::nullopt;
        question.name = *name;
        question.type = *type;
        question.unicastResponse = (*dnsClass & 0x8000) != 0;
        question.dnsClass = *dnsClass & 0x7fff;
        message.questions.append(std::move(question));
    }
    if (!readRecords(reader, *answers, message.answers)
        || !readRecords(reader, *authorities, message.authorities)
        || !readRecords(reader, *additionals, message.additionals))
        return std::nullopt;
    return message;
}

QByteArray encodeDnsMessage(const DnsMessage &message)
{
    QByteArray out;
    putU16(out, message.id);
    putU16(out, quint16((message.response ? 0x8000 : 0) | (message.authoritative ? 0x0400 : 0)));
    putU16(out, quint16(message.questions.size()));
    putU16(out, quint16(message.answers.size()));
    putU16(out, quint16(message.authorities.size()));
    putU16(out, quint16(message.additionals.size()));
    for (const DnsQuestion &question : message.questions) {
        if (!putName(out, question.name))
            return {};
        putU16(out, question.type);
        putU16(out, quint16(question.dnsClass | (question.unicastResponse ? 0x8000 : 0)));
    }
    for (const auto *section : {&message.answers, &message.authorities, &message.additionals}) {
        for (const DnsRecord &record : *section) {
            if (!putRecord(out, record))
                return {};
        }
    }
    return out;
}

DnsRecord addressRecord(const QString &host, quint32 ipv4)
{
    DnsRecord record;
    record.name = host;
    record.type = quint16(RecordType::A);
    record.cacheFlush = true;
    record.ttl = 120;
    record.ipv4 = ipv4;
    return record;
}

DnsRecord pointerRecord(const QString &name, const QString &target)
{
    DnsRecord record;
    record.name = name;
    record.type = quint16(RecordType::Ptr);
    record.ttl = 4500;
    record.target = target;
    return record;
}

DnsRecord serviceRecord(const QString &instance, const QString &host, quint16 port)
{
    DnsRecord record;
    record.name = instance;
    record.type = quint16(RecordType::Srv);
    record.cacheFlush = true;
    record.ttl = 120;
    record.port = port;
    record.target = host;
    return record;
}

DnsRecord textRecord(const QString &instance, const QList<QByteArray> &texts)
{
    DnsRecord record;
    record.name = instance;
    record.type = quint16(RecordType::Txt);
    record.cacheFlush = true;
    record.ttl = 4500;
    record.texts = texts;
    return record;
}

} // namespace Blockhaus::Mdns
