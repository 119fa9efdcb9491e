// SPDX-License-Identifier: AGPL-3.0-or-later
// libFuzzer target over Http::RequestParser: the input is split into pieces by its own bytes (so
// the fuzzer also explores how a request is cut up by the network), fed the way HttpConnection
// feeds it, bodies decided from their heads. Nothing may crash, hang or grow without bound.
// Seeds: tests/fuzz/corpus/httprequest/.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <QByteArrayView>

#include "server/http/requestparser.h"

using Blockhaus::Http::RequestParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    constexpr qint64 headerLimit = 16 * 1024;
    constexpr qint64 bodyLimit = 1024 * 1024;
    // The first byte chooses the piece size (1..256), the rest is the stream.
    if (size == 0)
        return 0;
    const qsizetype piece = static_cast<qsizetype>(data[0]) + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1),
                               static_cast<qsizetype>(size - 1));
    RequestParser parser(headerLimit);
    qsizetype offset = 0;
    // Every round either consumes input or completes a step; the bound only guards a bug.
    for (qsizetype round = 0; round < 4 * (input.size() + 16); ++round) {
        switch (parser.parse()) {
        case RequestParser::Status::Error:
            if (parser.error().status < 400 || !parser.error().closeConnection)
                __builtin_trap();
            return 0;
        case RequestParser::Status::HeadComplete: {
            const auto decision = RequestParser::decideBody(parser.request(), bodyLimit,
                                                            parser.request().method != "GET");
            if (decision.refusedStatus)
                return 0; // the connection answers 411/413 and closes
            if (decision.length > bodyLimit)
                __builtin_trap();
            parser.expectBody(decision.length);
            continue;
        }
        case RequestParser::Status::BodyComplete:
            if (parser.request().body.size() > bodyLimit)
                __builtin_trap();
            parser.finishRequest();
            continue;
        case RequestParser::Status::NeedMore:
            break;
        }
        const qint64 wanted = parser.wanted();
        if (wanted > headerLimit + 4 && parser.bodyRemaining() == 0)
            __builtin_trap(); // outside a body it never asks for more than the head limit
        if (offset >= input.size() || wanted == 0)
            return 0;
        const qsizetype take =
            std::min<qsizetype>({piece, input.size() - offset, static_cast<qsizetype>(wanted)});
        parser.feed(input.sliced(offset, take));
        offset += take;
        if (parser.buffered() > headerLimit + 4 + piece)
            __builtin_trap();
    }
    __builtin_trap(); // no progress: a parser loop
}
