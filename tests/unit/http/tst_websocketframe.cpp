// SPDX-License-Identifier: AGPL-3.0-or-later
// Http::WebSocketFrameParser, the frame encoders and the upgrade check without a socket: the
// RFC 6455 examples, unmasked and reserved-bit frames, length encodings, oversized messages,
// fragmented and oversized control frames, continuation errors, bad UTF-8 and close codes. Every
// input is fed whole and one byte at a time; both must give the same events.
#include <QTest>

#include "server/http/websocketframe.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Http;

namespace {

constexpr qint64 maxMessage = 64 * 1024;
constexpr quint32 mask = 0x37fa213d; // the RFC's example key

// The events as one line each: "text:Hello", "binary:<size>", "ping:x", "pong:x",
// "close:1000:bye", "error:1002".
QStringList run(const QByteArray &input, qsizetype chunk)
{
    QStringList events;
    WebSocketFrameParser parser(maxMessage);
    auto drain = [&] {
        while (auto event = parser.next()) {
            switch (event->kind) {
            case WebSocketFrameParser::Event::Kind::Message:
                events << (event->text ? u"text:"_s + QString::fromUtf8(event->payload)
                                       : u"binary:"_s + QString::number(event->payload.size()));
                break;
            case WebSocketFrameParser::Event::Kind::Ping:
                events << u"ping:"_s + QString::fromUtf8(event->payload);
                break;
            case WebSocketFrameParser::Event::Kind::Pong:
                events << u"pong:"_s + QString::fromUtf8(event->payload);
                break;
            case WebSocketFrameParser::Event::Kind::Close:
                events << u"close:%1:%2"_s.arg(event->closeCode)
                              .arg(QString::fromUtf8(event->payload));
                break;
            case WebSocketFrameParser::Event::Kind::Error:
                events << u"error:%1"_s.arg(event->closeCode);
                break;
            }
        }
    };
    for (qsizetype offset = 0; offset < input.size(); offset += chunk) {
        parser.feed(QByteArrayView(input).sliced(offset, std::min(chunk, input.size() - offset)));
        drain();
        // Never more than one frame's head and payload plus the last piece stays buffered.
        if (parser.buffered() > maxMessage + 14 + chunk)
            return {u"unbounded buffer"_s};
    }
    return events;
}

QByteArray frame(WebSocketOpcode opcode, const QByteArray &payload, bool fin = true)
{
    return encodeWebSocketFrame(opcode, payload, fin, mask);
}

// A masked frame head with an explicit length field (for encodings the encoder never writes).
QByteArray rawHead(quint8 first, quint8 lengthByte, const QByteArray &extended)
{
    QByteArray head;
    head.append(static_cast<char>(first));
    head.append(static_cast<char>(0x80 | lengthByte));
    head.append(extended);
    head.append("\x37\xfa\x21\x3d", 4);
    return head;
}

} // namespace

class TestWebSocketFrame : public QObject
{
    Q_OBJECT

private slots:
    void parsesFrames_data();
    void parsesFrames();
    void serverFramesAreUnmasked();
    void closeReasonIsCutOnCharacterBoundary();
    void acceptKeyMatchesRfc();
    void upgradeCheck_data();
    void upgradeCheck();
};

void TestWebSocketFrame::parsesFrames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    // RFC 6455 section 5.7: a single-frame masked text message.
    QTest::newRow("rfc masked Hello")
        << QByteArray::fromHex("818537fa213d7f9f4d5158") << QStringList{u"text:Hello"_s};
    // ... and the same unmasked: a client must mask.
    QTest::newRow("rfc unmasked Hello is refused")
        << QByteArray::fromHex("810548656c6c6f") << QStringList{u"error:1002"_s};
    // RFC: a fragmented unmasked text message ("Hel", "lo"), masked here.
    QTest::newRow("rfc fragmented Hello")
        << frame(WebSocketOpcode::Text, "Hel", false) + frame(WebSocketOpcode::Continuation, "lo")
        << QStringList{u"text:Hello"_s};
    QTest::newRow("rfc masked ping")
        << QByteArray::fromHex("898537fa213d7f9f4d5158") << QStringList{u"ping:Hello"_s};
    QTest::newRow("rfc masked pong")
        << QByteArray::fromHex("8a8537fa213d7f9f4d5158") << QStringList{u"pong:Hello"_s};
    QTest::newRow("16-bit length 256")
        << frame(WebSocketOpcode::Binary, QByteArray(256, 'x')) << QStringList{u"binary:256"_s};
    QTest::newRow("64-bit length at the limit")
        << frame(WebSocketOpcode::Binary, QByteArray(maxMessage, 'x'))
        << QStringList{u"binary:65536"_s};
    QTest::newRow("64-bit length over the limit")
        << frame(WebSocketOpcode::Binary, QByteArray(maxMessage + 1, 'x'))
        << QStringList{u"error:1009"_s};
    // Refused from the head alone: the 2^40 bytes announced are never waited for.
    QTest::newRow("huge announced length")
        << rawHead(0x82, 127, QByteArray::fromHex("0000010000000000"))
        << QStringList{u"error:1009"_s};
    QTest::newRow("64-bit length with the top bit")
        << rawHead(0x82, 127, QByteArray::fromHex("8000000000000001"))
        << QStringList{u"error:1002"_s};
    QTest::newRow("16-bit length not minimal") << rawHead(0x82, 126, QByteArray::fromHex("0005"))
            + QByteArray(5, 'x') << QStringList{u"error:1002"_s};
    QTest::newRow("64-bit length not minimal")
        << rawHead(0x82, 127, QByteArray::fromHex("0000000000000005")) + QByteArray(5, 'x')
        << QStringList{u"error:1002"_s};
    QTest::newRow("fragments over the limit together")
        << frame(WebSocketOpcode::Binary, QByteArray(40000, 'x'), false)
            + frame(WebSocketOpcode::Continuation, QByteArray(40000, 'x'))
        << QStringList{u"error:1009"_s};
    QTest::newRow("ping between fragments") << frame(WebSocketOpcode::Text, "Hel", false)
            + frame(WebSocketOpcode::Ping, "p") + frame(WebSocketOpcode::Continuation, "lo")
                                            << QStringList{u"ping:p"_s, u"text:Hello"_s};
    QTest::newRow("fragmented ping")
        << frame(WebSocketOpcode::Ping, "a", false) << QStringList{u"error:1002"_s};
    QTest::newRow("ping over 125 bytes")
        << frame(WebSocketOpcode::Ping, QByteArray(126, 'a')) << QStringList{u"error:1002"_s};
    QTest::newRow("continuation without a start")
        << frame(WebSocketOpcode::Continuation, "lo") << QStringList{u"error:1002"_s};
    QTest::newRow("new message inside a fragmented one") << frame(WebSocketOpcode::Text, "a", false)
            + frame(WebSocketOpcode::Text, "b") << QStringList{u"error:1002"_s};
    QTest::newRow("reserved bit") << rawHead(0xC1, 1, {}) + "x" << QStringList{u"error:1002"_s};
    QTest::newRow("unknown opcode") << rawHead(0x83, 0, {}) << QStringList{u"error:1002"_s};
    QTest::newRow("bad utf-8") << frame(WebSocketOpcode::Text, "\xc3\x28")
                               << QStringList{u"error:1007"_s};
    QTest::newRow("overlong utf-8")
        << frame(WebSocketOpcode::Text, "\xc0\xaf") << QStringList{u"error:1007"_s};
    QTest::newRow("utf-16 surrogate in utf-8")
        << frame(WebSocketOpcode::Text, "\xed\xa0\x80") << QStringList{u"error:1007"_s};
    QTest::newRow("character split across fragments")
        << frame(WebSocketOpcode::Text, "\xe2\x98", false)
            + frame(WebSocketOpcode::Continuation, "\x81 x")
        << QStringList{u"text:☁ x"_s};
    QTest::newRow("binary is not checked as utf-8")
        << frame(WebSocketOpcode::Binary, "\xff") << QStringList{u"binary:1"_s};
    QTest::newRow("close with code and reason")
        << encodeWebSocketClose(1000, u"bye"_s, mask) << QStringList{u"close:1000:bye"_s};
    QTest::newRow("close without code")
        << frame(WebSocketOpcode::Close, {}) << QStringList{u"close:1005:"_s};
    QTest::newRow("close with one byte")
        << frame(WebSocketOpcode::Close, "\x03") << QStringList{u"error:1002"_s};
    QTest::newRow("close with reserved code 1005")
        << encodeWebSocketClose(1005, {}, mask) << QStringList{u"error:1002"_s};
    QTest::newRow("close with code 999")
        << encodeWebSocketClose(999, {}, mask) << QStringList{u"error:1002"_s};
    QTest::newRow("close with application code 4000")
        << encodeWebSocketClose(4000, {}, mask) << QStringList{u"close:4000:"_s};
    QTest::newRow("close with bad utf-8 reason")
        << frame(WebSocketOpcode::Close, QByteArray("\x03\xe8\xff", 3))
        << QStringList{u"error:1007"_s};
    QTest::newRow("nothing after close")
        << encodeWebSocketClose(1000, {}, mask) + frame(WebSocketOpcode::Text, "late")
        << QStringList{u"close:1000:"_s};
    QTest::newRow("nothing after an error")
        << QByteArray::fromHex("810548656c6c6f") + frame(WebSocketOpcode::Text, "late")
        << QStringList{u"error:1002"_s};
    QTest::newRow("two messages in one read")
        << frame(WebSocketOpcode::Text, "a") + frame(WebSocketOpcode::Text, "b")
        << QStringList{u"text:a"_s, u"text:b"_s};
    QTest::newRow("empty text") << frame(WebSocketOpcode::Text, {}) << QStringList{u"text:"_s};
}

void TestWebSocketFrame::parsesFrames()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QCOMPARE(run(input, std::max<qsizetype>(input.size(), 1)), expected);
    QCOMPARE(run(input, 1), expected);
    QCOMPARE(run(input, 7), expected);
}

void TestWebSocketFrame::serverFramesAreUnmasked()
{
    QCOMPARE(encodeWebSocketFrame(WebSocketOpcode::Text, "Hello"),
             QByteArray::fromHex("810548656c6c6f"));
    const QByteArray big = encodeWebSocketFrame(WebSocketOpcode::Binary, QByteArray(65536, 'x'));
    QCOMPARE(big.left(10), QByteArray::fromHex("827f0000000000010000"));
    QCOMPARE(big.size(), 65536 + 10);
    QCOMPARE(encodeWebSocketFrame(WebSocketOpcode::Text, "Hello", true, mask),
             QByteArray::fromHex("818537fa213d7f9f4d5158"));
}

void TestWebSocketFrame::closeReasonIsCutOnCharacterBoundary()
{
    const QByteArray close = encodeWebSocketClose(1008, QString(100, u'☁'));
    QVERIFY(close.size() <= 2 + 125);
    QCOMPARE(static_cast<unsigned char>(close[0]), 0x88);
    QVERIFY(isValidUtf8(close.mid(4)));
    QCOMPARE((close.size() - 4) % 3, 0);
}

void TestWebSocketFrame::acceptKeyMatchesRfc()
{
    // RFC 6455 section 1.3.
    QCOMPARE(webSocketAcceptKey("dGhlIHNhbXBsZSBub25jZQ=="),
             QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketFrame::upgradeCheck_data()
{
    using Problem = WebSocketUpgradeCheck::Problem;
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("publicOrigin");
    QTest::addColumn<int>("problem");

    const Headers good{{"host", "10.0.0.2:8601"},
                       {"upgrade", "websocket"},
                       {"connection", "keep-alive, Upgrade"},
                       {"sec-websocket-version", "13"},
                       {"sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="},
                       {"origin", "http://10.0.0.2:8601"}};
    auto with = [&](const QByteArray &name, const QByteArray &value) {
        Headers headers;
        for (const auto &header : good) {
            if (header.first != name)
                headers.append(header);
        }
        if (!value.isNull())
            headers.append({name, value});
        return headers;
    };
    QTest::newRow("good") << QByteArray("GET") << good << QString() << int(Problem::None);
    QTest::newRow("POST") << QByteArray("POST") << good << QString() << int(Problem::NotUpgrade);
    QTest::newRow("plain GET") << QByteArray("GET") << with("upgrade", {}) << QString()
                               << int(Problem::NotUpgrade);
    QTest::newRow("no connection upgrade") << QByteArray("GET") << with("connection", "keep-alive")
                                           << QString() << int(Problem::NotUpgrade);
    QTest::newRow("version 8") << QByteArray("GET") << with("sec-websocket-version", "8")
                               << QString() << int(Problem::BadVersion);
    QTest::newRow("short key") << QByteArray("GET") << with("sec-websocket-key", "abcd")
                               << QString() << int(Problem::BadKey);
    QTest::newRow("key not base64")
        << QByteArray("GET") << with("sec-websocket-key", "!!!!!!!!!!!!!!!!!!!!!!==") << QString()
        << int(Problem::BadKey);
    QTest::newRow("no origin") << QByteArray("GET") << with("origin", {}) << QString()
                               << int(Problem::BadOrigin);
    QTest::newRow("foreign origin") << QByteArray("GET") << with("origin", "http://evil.example")
                                    << QString() << int(Problem::BadOrigin);
    QTest::newRow("https origin for http host")
        << QByteArray("GET") << with("origin", "https://10.0.0.2:8601") << QString()
        << int(Problem::BadOrigin);
    QTest::newRow("public origin behind a proxy")
        << QByteArray("GET") << with("origin", "https://scratch.school.example")
        << u"https://scratch.school.example"_s << int(Problem::None);
}

void TestWebSocketFrame::upgradeCheck()
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    QFETCH(QByteArray, method);
    QFETCH(Headers, headers);
    QFETCH(QString, publicOrigin);
    QFETCH(int, problem);
    const WebSocketUpgradeCheck check = checkWebSocketUpgrade(method, headers, publicOrigin);
    QCOMPARE(int(check.problem), problem);
    if (check.problem == WebSocketUpgradeCheck::Problem::None)
        QCOMPARE(check.acceptKey, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

QTEST_GUILESS_MAIN(TestWebSocketFrame)
#include "tst_websocketframe.moc"
