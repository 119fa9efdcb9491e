// SPDX-License-Identifier: AGPL-3.0-or-later
// What handlers are given: the pool, authentication, live figures, the library cache, the school's
// identity provider and the HTTP settings.
#pragma once

#include <QHostAddress>
#include <QString>

#include "server/core/quotapolicy.h"

namespace Blockhaus::Db {
class ConnectionPool;
}
namespace Blockhaus::Service {
class Runner;
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
namespace Blockhaus::Oidc {
class Provider;
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
    // Closes a connection on which neither a request byte arrived nor a reply byte was taken by
    // the client for this long: a slow reader that keeps reading is never cut.
    int idleTimeoutMs = 30'000;
    // A request head must be complete this long after its first byte (slowloris).
    int requestHeadTimeoutMs = 10'000;
    // A body must bring at least minBodyBytesPerWindow bytes in every window of this length
    // (the first window is the grace), else the connection is closed with 408.
    int bodyRateWindowMs = 10'000;
    qint64 minBodyBytesPerWindow = 4 * 1024;
    int maxConnections = 512;
    // Under maxConnections: one address holding many sockets cannot lock out the others.
    int maxConnectionsPerAddress = 64;
    // A connection with more reply bytes than this not yet taken by its client reads no further
    // pipelined request until they drain.
    qint64 maxUnsentReplyBytes = 2LL * 1024 * 1024;
    // The sum of request bodies being read at once, server-wide; beyond it new bodies get 503.
    qint64 maxBufferedRequestBytes = 256LL * 1024 * 1024;
    // Server-sent event streams (GET /api/v1/events, #16): they leave the connection count once
    // taken over, so they have caps of their own, per account and in total (each one is a socket
    // held open for as long as a page is).
    int maxEventStreams = 400;
    int maxEventStreamsPerUser = 6;
    // A comment line this often keeps proxies from closing a quiet stream and finds dead clients.
    int eventHeartbeatMs = 15'000;
    // Event bytes a client has not taken yet; beyond them it is dropped (its page reconnects).
    qint64 maxEventStreamUnsentBytes = 16 * 1024;
    QString publicOrigin; // e.g. https://scratch.school.example behind a TLS proxy
    // Reverse proxies whose X-Forwarded-For names the client (#15, --trusted-proxy); their own
    // connections are not capped per address (every student arrives through them).
    QList<QHostAddress> trustedProxies;
    QString webRoot; // the students' pages
    Core::QuotaPolicy quota; // bytes each user may store (#12)
};

struct Services
{
    Db::ConnectionPool &pool;
    Service::Runner &runner; // runs every route's work on the pool
    Auth::AuthService &auth;
    Live::LiveHub &live;
    const HttpConfig &config;
    // Thread-safe; lives in the server thread. Null: no library (unknown assets answer 404).
    Library::LibraryCache *library = nullptr;
    // Thread-safe; lives in the server thread. Null or not enabled: no school sign-in (#15).
    Oidc::Provider *oidc = nullptr;
};

} // namespace Blockhaus::Http
