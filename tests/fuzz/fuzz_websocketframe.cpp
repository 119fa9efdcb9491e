// SPDX-License-Identifier: AGPL-3.0-or-later
// libFuzzer target over Http::WebSocketFrameParser: the input is split into pieces by its own
// first byte (so the fuzzer also explores how frames are cut up by the network) and fed the way
// WebSocketSession feeds it. Nothing may crash or hang; a message never exceeds the limit, a
// text message is always valid UTF-8, a control payload is at most 125 bytes, the buffer stays
// bounded and an error always carries a close code a peer may receive.
// Seeds: tests/fuzz/corpus/websocketframe/.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <QByteArrayView>

#include "server/http/websocketframe.h"

using Blockhaus::Http::WebSocketFrameParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr qint64 maxMessage = 64 * 1024;
    if (size == 0)
        return 0;
    const qsizetype piece = static_cast<qsizetype>(data[0]) + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1),
                               static_cast<qsizetype>(size - 1));
    WebSocketFrameParser parser(maxMessage);
    for (qsizetype offset = 0; offset < input.size(); offset += piece) {
        parser.feed(input.sliced(offset, std::min(piece, input.size() - offset)));
        // Every event consumes a frame; the bound only guards a parser loop.
        for (qsizetype round = 0; round <= input.size(); ++round) {
            const auto event = parser.next();
            if (!event)
                break;
            using Kind = WebSocketFrameParser::Event::Kind;
            switch (event->kind) {
            case Kind::Message:
                if (event->payload.size() > maxMessage)
                    __builtin_trap();
                if (event->text && !Blockhaus::Http::isValidUtf8(event->payload))
                    __builtin_trap();
                break;
            case Kind::Ping:
            case Kind::Pong:
                if (event->payload.size() > 125)
                    __builtin_trap();
                break;
            case Kind::Close:
            case Kind::Error:
                if (!Blockhaus::Http::isValidWebSocketCloseCode(event->closeCode)
                    && event->closeCode != 1005)
                    __builtin_trap();
                if (!parser.finished())
                    __builtin_trap();
                break;
            }
        }
        if (parser.buffered() > maxMessage + 14 + piece)
            __builtin_trap();
    }
    return 0;
}
