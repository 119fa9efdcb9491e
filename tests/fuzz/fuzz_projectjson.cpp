// SPDX-License-Identifier: AGPL-3.0-or-later
// Fuzzes project.json validation (Sb3::validateProject) on arbitrary bytes: it must never
// crash, and what it accepts must name only well-formed assets, because the store and the .sb3
// export rely on that without checking again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>

#include "server/sb3/assetname.h"
#include "server/sb3/projectjson.h"

using namespace Blockhaus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A real (null-terminated) copy, as the server's bodies are; ASan still sees overreads.
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto info = Sb3::validateProject(body);
    if (!info) {
        // Every refusal is a 422 with a sentence for the teacher.
        if (info.error().kind != ErrorKind::Unprocessable || info.error().message.isEmpty())
            std::abort();
        return 0;
    }
    for (const QString &ref : info->assetRefs) {
        Sb3::AssetName name;
        if (Sb3::parseAssetName(ref, &name) != Sb3::AssetNameProblem::None || name.md5ext() != ref)
            std::abort();
    }
    return 0;
}
