// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/sb3/sb3archive.h"

#include <cerrno>
#include <memory>

#include <QFile>
#include <QStringDecoder>

#include <zip.h>

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
    for (zip_int64_t i = 0; i < count; ++i) {
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
        std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive.get(), index, 0));
        if (!file)
            return broken(u"the entry \u201c%1\u201d cannot be read."_s.arg(name));
        QByteArray data;
        for (;;) {
            const zip_int64_t got =
                zip_fread(file.get(), chunk.data(), static_cast<zip_uint64_t>(chunk.size()));
            if (got < 0)
                return broken(u"the entry \u201c%1\u201d is damaged."_s.arg(name));
            if (got == 0)
                break;
            total += got;
            if (data.size() + got > limits.maxEntrySize)
                return broken(u"the entry \u201c%1\u201d is too large."_s.arg(name));
            if (total > limits.maxTotalUncompressed)
                return broken(u"it unpacks to more than %1 MiB."_s.arg(limits.maxTotalUncompressed
                                                                       / (1024 * 1024)));
            data.append(chunk.constData(), got);
        }
        if (name == u"project.json"_s) {
            content.projectJson = data;
            haveProject = true;
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
