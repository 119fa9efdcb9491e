// SPDX-License-Identifier: AGPL-3.0-or-later
// Fuzzes the .sb3 import path on arbitrary bytes: Sb3::readSb3 (libzip, entry names, the
// inflate caps), then project.json validation and the check that each asset file's content
// matches its name, as POST /api/v1/projects/import does before its one store call. An archive
// that reads must also survive a round trip through Sb3::writeSb3 (the export path) unchanged.
// Inputs whose first byte is 0x80 or more are not zip bytes but a recipe (entry names and
// contents) for a well-formed zip, so that entry-name checks and project validation behind the
// zip layer get reached too: random bytes rarely pass libzip's consistency and CRC checks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <QByteArray>
#include <QHash>
#include <QString>

#include <fuzzer/FuzzedDataProvider.h>

#include "server/sb3/assetname.h"
#include "server/sb3/projectjson.h"
#include "server/sb3/sb3archive.h"

using namespace Blockhaus;

namespace {

// Smaller caps than the server's (same code paths): a zip bomb in the corpus then costs
// milliseconds and a few MiB instead of 200 MiB per run.
Sb3::ArchiveLimits fuzzLimits()
{
    Sb3::ArchiveLimits limits;
    limits.maxEntries = 64;
    limits.maxEntrySize = 256 * 1024;
    limits.maxTotalUncompressed = 1024 * 1024;
    return limits;
}

void checkRefusal(const Error &error)
{
    // A broken archive or project is a 422 with a sentence for the teacher, never a 500.
    if (error.kind != ErrorKind::Unprocessable || error.message.isEmpty())
        std::abort();
}

bool sameContent(const Sb3::Sb3Content &a, const Sb3::Sb3Content &b)
{
    if (a.projectJson != b.projectJson || a.files.size() != b.files.size())
        return false;
    for (qsizetype i = 0; i < a.files.size(); ++i) {
        if (a.files.at(i).name != b.files.at(i).name || a.files.at(i).data != b.files.at(i).data)
            return false;
    }
    return true;
}

QByteArray fromString(const std::string &text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

// A zip written from the recipe: project.json, then up to 8 entries with arbitrary names (raw
// bytes: "../x", control characters, invalid UTF-8, duplicates) and contents. Empty when
// writeSb3 refuses the recipe (duplicate names).
QByteArray zipFromRecipe(const std::uint8_t *data, std::size_t size)
{
    FuzzedDataProvider recipe(data, size);
    const QByteArray projectJson = fromString(recipe.ConsumeRandomLengthString(4096));
    QList<Sb3::ArchiveFile> files;
    const int count = recipe.ConsumeIntegralInRange(0, 8);
    for (int i = 0; i < count; ++i) {
        Sb3::ArchiveFile file;
        file.name = QString::fromUtf8(fromString(recipe.ConsumeRandomLengthString(80)));
        file.data = fromString(recipe.ConsumeRandomLengthString(1024));
        files.append(file);
    }
    const auto zip = Sb3::writeSb3(projectJson, files);
    return zip ? *zip : QByteArray();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray bytes = data[0] >= 0x80
        ? zipFromRecipe(data + 1, size - 1)
        : QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Sb3::ArchiveLimits limits = fuzzLimits();
    const auto archive = Sb3::readSb3(bytes, limits);
    if (!archive) {
        checkRefusal(archive.error());
        return 0;
    }
    qint64 total = archive->projectJson.size();
    QHash<QString, const Sb3::ArchiveFile *> files;
    for (const Sb3::ArchiveFile &file : archive->files) {
        // readSb3 promises flat, non-empty names and entries within the caps.
        if (file.name.isEmpty() || file.name.contains(u'/') || file.name.contains(u'\\')
            || file.data.size() > limits.maxEntrySize)
            std::abort();
        total += file.data.size();
        files.insert(file.name, &file);
    }
    if (total > limits.maxTotalUncompressed)
        std::abort();

    // Export of what was read must read back the same (only when names are unique: a zip
    // may repeat a name, which writeSb3 refuses).
    if (files.size() == archive->files.size()) {
        const auto written = Sb3::writeSb3(archive->projectJson, archive->files);
        if (!written)
            std::abort();
        const auto reread = Sb3::readSb3(*written, limits);
        if (!reread || !sameContent(*archive, *reread))
            std::abort();
    }

    const auto info = Sb3::validateProject(archive->projectJson);
    if (!info) {
        checkRefusal(info.error());
        return 0;
    }
    for (const QString &ref : info->assetRefs) {
        const Sb3::ArchiveFile *file = files.value(ref);
        if (!file)
            continue; // must already be on the server; the store checks that
        Sb3::AssetName name;
        if (Sb3::parseAssetName(ref, &name) != Sb3::AssetNameProblem::None)
            std::abort();
        (void)(Sb3::md5Hex(file->data) == name.md5);
    }
    return 0;
}
