// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/sb3/assetname.h"

#include <QCryptographicHash>
#include <QStringList>

namespace Blockhaus::Sb3 {

using namespace Qt::StringLiterals;

namespace {
bool isLowerHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}
} // namespace

bool isAssetFormat(const QString &format, bool zipAllowed)
{
    static const QStringList formats{u"svg"_s, u"png"_s, u"jpg"_s, u"jpeg"_s, u"gif"_s,
                                     u"bmp"_s, u"wav"_s, u"mp3"_s, u"ogg"_s,  u"json"_s};
    return formats.contains(format) || (zipAllowed && format == u"zip"_s);
}

AssetNameProblem parseAssetName(const QString &text, AssetName *out, bool zipAllowed)
{
    const qsizetype dot = text.indexOf(u'.');
    if (dot != 32 || text.size() > 40)
        return AssetNameProblem::Malformed;
    for (qsizetype i = 0; i < 32; ++i) {
        if (!isLowerHex(text.at(i)))
            return AssetNameProblem::Malformed;
    }
    const QString format = text.mid(33);
    if (format.isEmpty())
        return AssetNameProblem::Malformed;
    for (QChar c : format) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')))
            return AssetNameProblem::Malformed;
    }
    if (!isAssetFormat(format, zipAllowed))
        return AssetNameProblem::UnknownFormat;
    if (out)
        *out = {text.left(32), format};
    return AssetNameProblem::None;
}

QByteArray contentTypeFor(const QString &format)
{
    if (format == u"svg"_s)
        return "image/svg+xml";
    if (format == u"png"_s)
        return "image/png";
    if (format == u"jpg"_s || format == u"jpeg"_s)
        return "image/jpeg";
    if (format == u"gif"_s)
        return "image/gif";
    if (format == u"bmp"_s)
        return "image/bmp";
    if (format == u"wav"_s)
        return "audio/wav";
    if (format == u"mp3"_s)
        return "audio/mpeg";
    if (format == u"ogg"_s)
        return "audio/ogg";
    if (format == u"json"_s)
        return "application/json";
    if (format == u"zip"_s)
        return "application/zip";
    return "application/octet-stream";
}

QString md5Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

QString sniffThumbnail(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return u"image/png"_s;
    if (bytes.size() > 3 && bytes.startsWith("\xff\xd8\xff"))
        return u"image/jpeg"_s;
    return {};
}

QString formatForThumbnail(const QString &mime)
{
    return mime == u"image/png"_s ? u"png"_s : u"jpg"_s;
}

} // namespace Blockhaus::Sb3
