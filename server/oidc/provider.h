// SPDX-License-Identifier: AGPL-3.0-or-later
// Provider: the school's identity provider as Blockhaus talks to it: discovery and its keys
// (cached; the keys fetched again when a token names an unknown one), the authorization address,
// the token exchange and the ID token check. Every request has a deadline; nothing here holds a
// database connection, so a slow provider never ties up the pool (G10).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QDateTime>
#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QUrl>

#include "server/core/result.h"
#include "server/oidc/idtoken.h"
#include "server/oidc/oidcconfig.h"

class QNetworkAccessManager;

namespace Blockhaus::Oidc {

// What the callback brings back from the pending sign-in.
struct Redemption
{
    QString code;
    QString codeVerifier;
    QString redirectUri;
    QString nonce;
};

// Thread affinity: the object lives in a thread with an event loop (the server thread), where
// its network client runs. The public functions are thread-safe: they post their work there and
// their futures finish on that thread.
class Provider : public QObject
{
    Q_OBJECT

public:
    explicit Provider(OidcConfig config, QObject *parent = nullptr);
    ~Provider() override;

    const OidcConfig &config() const { return m_config; }
    bool enabled() const { return m_config.enabled(); }

    // The provider's authorization address for this sign-in (code flow, PKCE S256).
    // Unavailable when the discovery document cannot be had in time.
    QFuture<Result<QUrl>> authorizationUrl(const QString &state, const QString &nonce,
                                           const QString &codeChallenge,
                                           const QString &redirectUri);
    // Exchanges the code at the token endpoint and checks the ID token; the identity after the
    // claim mapping. Unauthorized when the provider refuses or the token fails a check,
    // Unavailable when the provider does not answer in time.
    QFuture<Result<SchoolIdentity>> redeem(const Redemption &redemption);

private:
    struct Discovery
    {
        QString issuer;
        QUrl authorizationEndpoint;
        QUrl tokenEndpoint;
        QUrl jwksUri;
    };
    using JsonDone = std::function<void(const Result<QJsonObject> &)>;

    // Each runs on the object's thread; single flight: callers that arrive while a fetch runs
    // wait for the same answer.
    void withDiscovery(std::function<void(const Result<Discovery> &)> done);
    void withKeys(bool refresh, std::function<void(const Result<QJsonArray> &)> done);
    void fetchJson(const QUrl &url, const QByteArray &postBody, JsonDone done);
    void exchange(const Discovery &discovery, const Redemption &redemption,
                  std::function<void(const Result<SchoolIdentity> &)> done);
    void checkToken(const QByteArray &idToken, const Discovery &discovery,
                    const Redemption &redemption, bool keysRefreshed,
                    std::function<void(const Result<SchoolIdentity> &)> done);

    const OidcConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    std::optional<Discovery> m_discovery;
    QDateTime m_discoveryFetched;
    QList<std::function<void(const Result<Discovery> &)>> m_discoveryWaiters;
    std::optional<QJsonArray> m_keys;
    QList<std::function<void(const Result<QJsonArray> &)>> m_keysWaiters;
};

} // namespace Blockhaus::Oidc
