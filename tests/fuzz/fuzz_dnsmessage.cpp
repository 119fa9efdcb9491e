// SPDX-License-Identifier: AGPL-3.0-or-later
// Multicast DNS messages as anyone on the school network may send them (#16): the parser must
// never read outside the datagram, loop on pointers or crash; what it accepts must encode.
#include <cstddef>
#include <cstdint>

#include "server/mdns/dnsmessage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    if (const auto message = Blockhaus::Mdns::parseDnsMessage(bytes))
        (void)Blockhaus::Mdns::encodeDnsMessage(*message);
    return 0;
}
