// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/oidc/pkce.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Blockhaus::Oidc {

namespace {

constexpr auto base64url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString randomText()
{
    // QRandomGenerator::system() reads the operating system's cryptographic source.
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(base64url));
}

} // namespace

QString SignInSecrets::codeChallenge() const
{
    const QByteArray digest =
        QCryptographicHash::hash(codeVerifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(base64url));
}

SignInSecrets SignInSecrets::generate()
{
    return {randomText(), randomText(), randomText()};
}

QString hashState(const QString &state)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(state.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Blockhaus::Oidc
