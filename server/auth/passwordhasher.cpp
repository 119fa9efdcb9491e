// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/auth/passwordhasher.h"

#include <QSemaphore>
#include <QThread>

#include <sodium.h>

namespace Blockhaus::Auth {

namespace {
constexpr unsigned long long opsLimit = 2;
constexpr size_t memLimit = 19u * 1024u * 1024u;

// Hashing is memory-hard on purpose; at most one hash per core runs at a time.
QSemaphore &hashSlots()
{
    static QSemaphore available(std::max(1, QThread::idealThreadCount()));
    return available;
}
} // namespace

bool PasswordHasher::initialise()
{
    return sodium_init() >= 0;
}

QString PasswordHasher::hash(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    hashSlots().acquire();
    const QSemaphoreReleaser release(hashSlots(), 1);
    if (crypto_pwhash_str_alg(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                              opsLimit, memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password)
{
    const QByteArray stored = hash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    if (stored.isEmpty())
        return false;
    hashSlots().acquire();
    const QSemaphoreReleaser release(hashSlots(), 1);
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size()))
        == 0;
}

const QString &PasswordHasher::dummyHash()
{
    static const QString dummy = hash(QString::fromLatin1("blockhaus-dummy-password"));
    return dummy;
}

} // namespace Blockhaus::Auth
