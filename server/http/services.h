// SPDX-License-Identifier: AGPL-3.0-or-later
// What handlers are given: the pool, authentication, live figures, the library cache and the HTTP
// settings.
#pragma once

#include <QHostAddress>
#include <QString>

#include "server/store/storagequota.h"

namespace Blockhaus::Db {
class ConnectionPool;
}
namespace Blockhaus::Auth {
class AuthService;
}
namespace Blockhaus::Live {
class LiveHub;
}
namespace Blockhaus::Library {
class LibraryCache;
}

namespace Blockhaus::Http {

struct HttpConfig
{
    QHostAddress listenAddress = QHostAddress::Any;
    quint16 port = 8601;
    qint64 projectLimit = 10LL * 1024 * 1024;
    qint64 assetLimit = 10LL * 1024 * 1024;
    qint64 sb3Limit = 50LL * 1024 * 1024;
    qint64 thumbnailLimit = 512LL * 1024;
    qint64 backpackLimit = 30LL * 1024 * 1024; // base64 of a 10 MiB body plus its thumbnail
    qint64 headerLimit = 16LL * 1024;
    int idleTimeoutMs = 30'000;
    int maxConnections = 512;
    QString publicOrigin; // e.g. https://scratch.school.example behind a TLS proxy
    QString webRoot; // the students' pages
    Store::QuotaPolicy quota; // bytes each user may store (#12)
};

struct Services
{
    Db::ConnectionPool &pool;
    Auth::AuthService &auth;
    Live::LiveHub &live;
    const HttpConfig &config;
    // Thread-safe; lives in the server thread. Null: no library (unknown assets answer 404).
    Library::LibraryCache *library = nullptr;
};

} // namespace Blockhaus::Http
