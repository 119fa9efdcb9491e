// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/sb3/sb3archive.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>

#include <QFile>
#include <QSet>
#include <QStringDecoder>

#include <zip.h>

#include "server/sb3/projectjson.h"

namespace Blockhaus::Sb3 {

using namespace Qt::StringLiterals;

namespace {

Error broken(const QString &why)
{
    return makeError(ErrorKind::Unprocessable, u"This .sb3 file cannot be used: "_s + why);
}

struct ZipCloser
{
    void operator()(zip_t *archive) const { zip_discard(archive); }
};
struct ZipFileCloser
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};

// A flat file name: no directories, no parent references, no absolute paths, no control
// characters, valid UTF-8. Checked on the raw bytes: libzip's encoding guess would turn control
// bytes into printable CP437 symbols.
bool safeEntryName(const char *raw, QString *name)
{
    const QByteArray bytes(raw);
    if (bytes.isEmpty() || bytes.size() > 255 || bytes == "." || bytes == "..")
        return false;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '/' || c == '\\' || c == ':' || u < 0x20 || u == 0x7f)
            return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    *name = decoder(bytes);
    return !decoder.hasError();
}

// The state of one lazy entry while libzip writes it (zip_source_function's user data).
struct LazySource
{
    const LazyArchiveFile *file = nullptr;
    QByteArray data;
    qsizetype offset = 0;
    bool loaded = false;
    qint64 size = -1; // known once loaded
    zip_error_t error;
    std::optional<Error> *firstError = nullptr;
};

bool load(LazySource *source)
{
    auto loaded = source->file->load();
    if (!loaded) {
        if (!*source->firstError)
            *source->firstError = loaded.error();
        zip_error_set(&source->error, ZIP_ER_READ, 0);
        return false;
    }
    source->data = *loaded;
    source->size = source->data.size();
    source->loaded = true;
    return true;
}

zip_int64_t lazyCallback(void *userData, void *data, zip_uint64_t length, zip_source_cmd_t command)
{
    auto *source = static_cast<LazySource *>(userData);
    switch (command) {
    case ZIP_SOURCE_OPEN:
        // libzip stats an entry right before it writes it; the bytes were loaded then.
        if (!source->loaded && !load(source))
            return -1;
        source->offset = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        const auto take = static_cast<qsizetype>(std::min<zip_uint64_t>(
            length, static_cast<zip_uint64_t>(source->data.size() - source->offset)));
        std::memcpy(data, source->data.constData() + source->offset, static_cast<size_t>(take));
        source->offset += take;
        return take;
    }
    case ZIP_SOURCE_CLOSE:
        source->data = QByteArray(); // one entry at a time in memory
        source->loaded = false;
        return 0;
    case ZIP_SOURCE_STAT: {
        // libzip asks stat, open, read, close, stat for one entry after the other (libzip 1.9).
        // The size is stated, so libzip needs no Zip64 guesswork: the first stat loads the
        // entry, the one after close only repeats its size.
        if (source->size < 0 && !load(source))
            return -1;
        auto *stat = static_cast<zip_stat_t *>(data);
        zip_stat_init(stat);
        stat->size = static_cast<zip_uint64_t>(source->size);
        stat->mtime = time(nullptr);
        stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
        return sizeof(*stat);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&source->error, data, length);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&source->error);
        delete source;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        break;
    }
    zip_error_set(&source->error, ZIP_ER_OPNOTSUPP, 0);
    return -1;
}

} // namespace

Result<Sb3Content> readSb3(const QByteArray &zipBytes, const ArchiveLimits &limits)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(
        zipBytes.constData(), static_cast<zip_uint64_t>(zipBytes.size()), 0, &error);
    if (!source)
        return broken(u"it could not be opened."_s);
    std::unique_ptr<zip_t, ZipCloser> archive(
        zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!archive) {
        zip_source_free(source);
        zip_error_fini(&error);
        return broken(u"it is not a zip archive."_s);
    }
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0 || count > limits.maxEntries)
        return broken(u"it holds too many files (at most %1)."_s.arg(limits.maxEntries));
    Sb3Content content;
    bool haveProject = false;
    qint64 total = 0;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    // With onlyReferencedEntries: project.json first, then the names it refers to.
    QSet<QString> referenced;
    zip_int64_t projectIndex = -1;
    if (limits.onlyReferencedEntries) {
        projectIndex = zip_name_locate(archive.get(), "project.json", ZIP_FL_ENC_RAW);
        if (projectIndex < 0)
            return broken(u"it has no project.json."_s);
    }
    for (zip_int64_t step = projectIndex < 0 ? 0 : -1; step < count; ++step) {
        const zip_int64_t i = step < 0 ? projectIndex : step;
        if (step >= 0 && i == projectIndex)
            continue; // read first
        const auto index = static_cast<zip_uint64_t>(i);
        const char *rawName = zip_get_name(archive.get(), index, ZIP_FL_ENC_RAW);
        if (!rawName)
            return broken(u"an entry has no name."_s);
        if (QByteArrayView(rawName).endsWith('/'))
            continue; // directory entries carry no data
        QString name;
        if (!safeEntryName(rawName, &name)) {
            return broken(u"the entry name \u201c%1\u201d is not allowed."_s.arg(
                QString::fromLatin1(QByteArray(rawName).toPercentEncoding().left(80))));
        }
        // An entry the project does not name is still inflated and counted against the caps
        // (a zip bomb is refused either way), but its bytes are dropped as they come.
        const bool keep = projectIndex < 0 || i == projectIndex || referenced.contains(name);
        std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive.get(), index, 0));
        if (!file)
            return broken(u"the entry \u201c%1\u201d cannot be read."_s.arg(name));
        QByteArray data;
        qint64 entrySize = 0;
        for (;;) {
            const zip_int64_t got =
                zip_fread(file.get(), chunk.data(), static_cast<zip_uint64_t>(chunk.size()));
            if (got < 0)
                return broken(u"the entry \u201c%1\u201d is damaged."_s.arg(name));
            if (got == 0)
                break;
            total += got;
            entrySize += got;
            if (entrySize > limits.maxEntrySize)
                return broken(u"the entry \u201c%1\u201d is too large."_s.arg(name));
            if (total > limits.maxTotalUncompressed)
                return broken(u"it unpacks to more than %1 MiB."_s.arg(limits.maxTotalUncompressed
                                                                       / (1024 * 1024)));
            if (keep)
                data.append(chunk.constData(), got);
        }
        if (!keep)
            continue;
        if (name == u"project.json"_s) {
            content.projectJson = data;
            haveProject = true;
            if (projectIndex >= 0) {
                // An invalid project keeps no entries: the caller refuses it anyway.
                if (auto info = validateProject(data))
                    referenced = QSet<QString>(info->assetRefs.cbegin(), info->assetRefs.cend());
            }
        } else {
            content.files.append({name, data});
        }
    }
    if (!haveProject)
        return broken(u"it has no project.json."_s);
    return content;
}

Result<QByteArray> writeSb3(const QByteArray &projectJson, const QList<ArchiveFile> &files)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *target = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!target)
        return makeError(ErrorKind::Internal);
    zip_source_keep(target); // survives zip_close so the bytes can be read back
    zip_t *archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    if (!archive) {
        zip_source_free(target);
        return makeError(ErrorKind::Internal);
    }
    auto add = [archive](const QString &name, const QByteArray &data) {
        // The QByteArrays outlive zip_close (they are owned by the caller), so no copy is made.
        zip_source_t *source =
            zip_source_buffer(archive, data.constData(), static_cast<zip_uint64_t>(data.size()), 0);
        if (!source)
            return false;
        if (zip_file_add(archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            return false;
        }
        return true;
    };
    bool ok = add(u"project.json"_s, projectJson);
    for (const ArchiveFile &file : files)
        ok = ok && add(file.name, file.data);
    if (!ok || zip_close(archive) < 0) {
        zip_discard(archive);
        zip_source_free(target);
        return makeError(ErrorKind::Internal);
    }
    QByteArray out;
    zip_stat_t stat;
    if (zip_source_open(target) == 0) {
        if (zip_source_stat(target, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE)) {
            out.resize(static_cast<qsizetype>(stat.size));
            const zip_int64_t got = zip_source_read(target, out.data(), stat.size);
            if (got != static_cast<zip_int64_t>(stat.size))
                out.clear();
        }
        zip_source_close(target);
    }
    zip_source_free(target);
    if (out.isEmpty())
        return makeError(ErrorKind::Internal);
    return out;
}

Result<Ok> writeSb3File(const QString &path, const QByteArray &projectJson,
                        const QList<LazyArchiveFile> &files)
{
    int code = 0;
    zip_t *archive =
        zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive)
        return makeError(ErrorKind::Internal);
    std::optional<Error> firstError;
    auto fail = [&](Error error) -> Result<Ok> {
        zip_discard(archive); // libzip's temporary file goes too; nothing appears at path
        return firstError ? *firstError : error;
    };
    // project.json stays in memory for the whole write (the caller holds it anyway).
    zip_source_t *project = zip_source_buffer(archive, projectJson.constData(),
                                              static_cast<zip_uint64_t>(projectJson.size()), 0);
    if (!project)
        return fail(makeError(ErrorKind::Internal));
    if (zip_file_add(archive, "project.json", project, ZIP_FL_ENC_UTF_8) < 0) {
        zip_source_free(project);
        return fail(makeError(ErrorKind::Internal));
    }
    for (const LazyArchiveFile &file : files) {
        auto *state = new LazySource;
        state->file = &file;
        state->firstError = &firstError;
        zip_error_init(&state->error);
        zip_source_t *source = zip_source_function(archive, lazyCallback, state);
        if (!source) {
            zip_error_fini(&state->error);
            delete state;
            return fail(makeError(ErrorKind::Internal));
        }
        if (zip_file_add(archive, file.name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source); // frees state through ZIP_SOURCE_FREE
            return fail(makeError(ErrorKind::Internal));
        }
    }
    // zip_close loads, compresses and writes one entry after the other.
    if (zip_close(archive) < 0) {
        const bool full = zip_error_code_system(zip_get_error(archive)) == ENOSPC;
        return fail(makeError(full ? ErrorKind::StorageFull : ErrorKind::Internal));
    }
    return Ok{};
}

Result<Ok> writeZipFile(const QString &path, const QList<ZipEntry> &entries)
{
    if (entries.isEmpty())
        return makeError(ErrorKind::BadRequest, u"There is nothing to put into the zip file."_s);
    int code = 0;
    zip_t *archive =
        zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        return makeError(ErrorKind::BadRequest,
                         u"The zip file \u201c%1\u201d cannot be created here."_s.arg(path));
    }
    for (const ZipEntry &entry : entries) {
        zip_source_t *source =
            zip_source_file(archive, QFile::encodeName(entry.sourcePath).constData(), 0, 0);
        if (!source) {
            zip_discard(archive);
            return makeError(ErrorKind::Internal, u"A file to zip could not be opened."_s);
        }
        const zip_int64_t index = zip_file_add(archive, entry.name.toUtf8().constData(), source,
                                               ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            zip_discard(archive);
            return makeError(ErrorKind::Internal, u"A file could not be added to the zip."_s);
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    // zip_close reads every source and writes the archive; on failure the archive is still open
    // and its temporary file gone, so discarding it leaves nothing behind.
    if (zip_close(archive) < 0) {
        const zip_error_t *error = zip_get_error(archive);
        const bool full = zip_error_code_system(error) == ENOSPC;
        zip_discard(archive);
        if (full)
            return makeError(ErrorKind::StorageFull);
        return makeError(ErrorKind::BadRequest,
                         u"The zip file \u201c%1\u201d could not be written."_s.arg(path));
    }
    return Ok{};
}

} // namespace Blockhaus::Sb3
