// SPDX-License-Identifier: AGPL-3.0-or-later
// server/sb3 owns the Scratch file formats: asset names, project.json validation, .sb3 archives.
#pragma once

#include <QByteArray>
#include <QString>

namespace Blockhaus::Sb3 {

struct AssetName
{
    QString md5; // 32 lower-case hex digits
    QString format; // svg, png, ... (lower case)
    QString md5ext() const { return md5 + u'.' + format; }
};

enum class AssetNameProblem { None, Malformed, UnknownFormat };

// Parses "<md5>.<format>". zipAllowed: backpack sprite bodies may be zip.
AssetNameProblem parseAssetName(const QString &text, AssetName *out, bool zipAllowed = false);
bool isAssetFormat(const QString &format, bool zipAllowed = false);
QByteArray contentTypeFor(const QString &format);
QString md5Hex(const QByteArray &bytes);
// "image/png" / "image/jpeg" from the bytes' magic numbers, empty when neither.
QString sniffThumbnail(const QByteArray &bytes);
// The file format of a thumbnail mime type ("png"/"jpg").
QString formatForThumbnail(const QString &mime);

} // namespace Blockhaus::Sb3
