// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/tokens.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace Blockhaus::Auth {

QString Tokens::newSessionToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), static_cast<size_t>(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString Tokens::hashToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

} // namespace Blockhaus::Auth
