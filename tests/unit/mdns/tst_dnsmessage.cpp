// SPDX-License-Identifier: AGPL-3.0-or-later
// The mDNS wire codec (#16): what a stranger on the LAN may send — compression, pointer loops,
// truncation, oversized labels — and the records the responder writes, read back.
#include <QTest>

#include "server/mdns/dnsmessage.h"

using namespace Blockhaus::Mdns;
using namespace Qt::StringLiterals;

namespace {

// A query header: id, flags, one question, no records.
QByteArray header(quint16 flags, quint16 questions, quint16 answers = 0)
{
    QByteArray bytes;
    for (quint16 value : {quint16(0x1234), flags, questions, answers, quint16(0), quint16(0)}) {
        bytes += char(value >> 8);
        bytes += char(value & 0xff);
    }
    return bytes;
}

QByteArray name(std::initializer_list<const char *> labels)
{
    QByteArray bytes;
    for (const char *label : labels) {
        bytes += char(qstrlen(label));
        bytes += label;
    }
    bytes += char(0);
    return bytes;
}

const QByteArray typeAClassIn = QByteArray::fromHex("00010001");

} // namespace

class TestDnsMessage : public QObject
{
    Q_OBJECT

private slots:
    void readsAQuestion()
    {
        const QByteArray bytes =
            header(0, 1) + name({"Blockhaus", "local"}) + QByteArray::fromHex("00018001");
        const auto message = parseDnsMessage(bytes);
        QVERIFY(message);
        QCOMPARE(message->id, 0x1234);
        QVERIFY(!message->response);
        QCOMPARE(message->questions.size(), 1);
        QCOMPARE(message->questions[0].name, u"blockhaus.local"_s); // compared lower-case
        QCOMPARE(message->questions[0].type, quint16(RecordType::A));
        QVERIFY(message->questions[0].unicastResponse);
    }

    void followsBackwardPointers()
    {
        // Second question: "_http" + pointer to "_tcp.local" inside the first name.
        QByteArray bytes = header(0, 2) + name({"x", "_tcp", "local"}) + typeAClassIn;
        const int tcpOffset = 12 + 2; // after the header and the label "x"
        bytes += char(5);
        bytes += "_http";
        bytes += char(0xc0);
        bytes += char(tcpOffset);
        bytes += QByteArray::fromHex("000c0001");
        const auto message = parseDnsMessage(bytes);
        QVERIFY(message);
        QCOMPARE(message->questions[1].name, u"_http._tcp.local"_s);
    }

    void refusesHostileBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("short header") << QByteArray::fromHex("12340000");
        QTest::newRow("question missing") << header(0, 1);
        QTest::newRow("truncated name") << header(0, 1) + QByteArray::fromHex("09626c6f636b");
        QTest::newRow("type missing") << header(0, 1) + name({"a"});
        QByteArray self = header(0, 1);
        self += char(0xc0);
        self += char(12); // points at itself
        QTest::newRow("pointer to itself") << self + typeAClassIn;
        QByteArray forward = header(0, 1);
        forward += char(0xc0);
        forward += char(40);
        QTest::newRow("forward pointer") << forward + QByteArray(40, 'a');
        QTest::newRow("label over 63")
            << header(0, 1) + char(64) + QByteArray(64, 'a') + char(0) + typeAClassIn;
        QTest::newRow("reserved label bits") << header(0, 1) + char(0x80) + typeAClassIn;
        QTest::newRow("opcode not zero") << header(0x2800, 1) + name({"a"}) + typeAClassIn;
        QTest::newRow("too many questions") << header(0, 1000) + name({"a"}) + typeAClassIn;
        QByteArray shortA = header(0x8400, 0, 1) + name({"a", "local"}) + typeAClassIn;
        shortA += QByteArray::fromHex("00000078"
                                      "0003"
                                      "0a0000");
        QTest::newRow("A record of 3 bytes") << shortA;
        QByteArray longData = header(0x8400, 0, 1) + name({"a", "local"}) + typeAClassIn;
        longData += QByteArray::fromHex("00000078"
                                        "0010"
                                        "0a000001");
        QTest::newRow("data past the end") << longData;
        QByteArray badText = header(0x8400, 0, 1) + name({"a"}) + QByteArray::fromHex("00100001");
        badText += QByteArray::fromHex("00000078"
                                       "0002"
                                       "0561");
        QTest::newRow("text longer than its record") << badText;
        // 128 labels of 2 bytes: over the 255-byte name limit.
        QByteArray longName = header(0, 1);
        for (int i = 0; i < 128; ++i)
            longName += QByteArray::fromHex("0161");
        QTest::newRow("name over 255") << longName + char(0) + typeAClassIn;
    }

    void refusesHostileBytes()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!parseDnsMessage(bytes));
    }

    void recordsSurviveTheRoundTrip()
    {
        DnsMessage message;
        message.response = true;
        message.authoritative = true;
        message.answers = {
            addressRecord(u"blockhaus.local"_s, 0x0a000001),
            pointerRecord(u"_http._tcp.local"_s, u"Blockhaus._http._tcp.local"_s),
            serviceRecord(u"Blockhaus._http._tcp.local"_s, u"blockhaus.local"_s, 8601),
            textRecord(u"Blockhaus._http._tcp.local"_s, {"path=/"})};
        const auto read = parseDnsMessage(encodeDnsMessage(message));
        QVERIFY(read);
        QVERIFY(read->response && read->authoritative);
        QCOMPARE(read->answers.size(), 4);
        QCOMPARE(read->answers[0].ipv4, 0x0a000001u);
        QVERIFY(read->answers[0].cacheFlush);
        QCOMPARE(read->answers[0].ttl, 120u);
        QCOMPARE(read->answers[1].target, u"blockhaus._http._tcp.local"_s);
        QVERIFY(!read->answers[1].cacheFlush); // shared: many services answer the same PTR
        QCOMPARE(read->answers[2].port, 8601);
        QCOMPARE(read->answers[2].target, u"blockhaus.local"_s);
        QCOMPARE(read->answers[3].texts, QList<QByteArray>{"path=/"});
    }

    void refusesToWriteTooLongNames()
    {
        DnsMessage message;
        message.answers = {addressRecord(QString(64, u'a') + u".local"_s, 1)};
        QVERIFY(encodeDnsMessage(message).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDnsMessage)
#include "tst_dnsmessage.moc"
