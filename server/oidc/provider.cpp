// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/oidc/provider.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QTimer>

namespace Blockhaus::Oidc {

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOidc, "blockhaus.oidc")

namespace {

// Discovery documents and key sets are small; anything larger is not one.
constexpr qint64 maxResponseBytes = 1024 * 1024;
// A discovery document is used this long before it is fetched again.
constexpr qint64 discoveryLifetimeSeconds = 24 * 3600;

struct Answer
{
    int status = 0; // 0: no usable answer (unreachable, deadline, too large, not JSON)
    QJsonObject body;
    QString problem; // for the log
};

Error unavailable(const QString &problem)
{
    qCWarning(lcOidc) << "identity provider:" << problem;
    Error error = makeError(ErrorKind::Unavailable,
                            QT_TRANSLATE_NOOP("Sentence",
                                              "The school's sign-in service does not answer. "
                                              "Please try again in a moment."));
    error.retryAfterSeconds = 10;
    return error;
}

QString withoutTrailingSlash(QString text)
{
    while (text.endsWith(u'/'))
        text.chop(1);
    return text;
}

QByteArray formField(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
}

template<typename T>
std::shared_ptr<QPromise<Result<T>>> startedPromise()
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    return promise;
}

template<typename T>
void fulfil(const std::shared_ptr<QPromise<Result<T>>> &promise, const Result<T> &result)
{
    promise->addResult(result);
    promise->finish();
}

} // namespace

Provider::Provider(OidcConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(new QNetworkAccessManager(this))
{
    // The provider's answers are taken as they come: a redirect of the token endpoint would
    // carry the code (and the client's credentials) somewhere else.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

Provider::~Provider() = default;

QFuture<Result<QUrl>> Provider::authorizationUrl(const QString &state, const QString &nonce,
                                                 const QString &codeChallenge,
                                                 const QString &redirectUri)
{
    auto promise = startedPromise<QUrl>();
    QFuture<Result<QUrl>> future = promise->future();
    QMetaObject::invokeMethod(this, [this, promise, state, nonce, codeChallenge, redirectUri]() {
        withDiscovery([this, promise, state, nonce, codeChallenge,
                       redirectUri](const Result<Discovery> &discovery) {
            if (!discovery) {
                fulfil<QUrl>(promise, discovery.error());
                return;
            }
            // Every value fully percent-encoded (QUrlQuery would leave a '+' as it is, which
            // form decoders read as a space); parameters already in the endpoint are kept.
            QUrl url = discovery->authorizationEndpoint;
            QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
            const QList<QPair<const char *, QString>> parameters{
                {"response_type", u"code"_s},
                {"client_id", m_config.clientId},
                {"redirect_uri", redirectUri},
                {"scope", m_config.scopes},
                {"state", state},
                {"nonce", nonce},
                {"code_challenge", codeChallenge},
                {"code_challenge_method", u"S256"_s}};
            for (const auto &[name, value] : parameters) {
                if (!query.isEmpty())
                    query += '&';
                query += formField(name, value);
            }
            url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
            fulfil<QUrl>(promise, url);
        });
    });
    return future;
}

QFuture<Result<SchoolIdentity>> Provider::redeem(const Redemption &redemption)
{
    auto promise = startedPromise<SchoolIdentity>();
    QFuture<Result<SchoolIdentity>> future = promise->future();
    QMetaObject::invokeMethod(this, [this, promise, redemption]() {
        withDiscovery([this, promise, redemption](const Result<Discovery> &discovery) {
            if (!discovery) {
                fulfil<SchoolIdentity>(promise, discovery.error());
                return;
            }
            exchange(*discovery, redemption, [promise](const Result<SchoolIdentity> &identity) {
                fulfil<SchoolIdentity>(promise, identity);
            });
        });
    });
    return future;
}

void Provider::withDiscovery(std::function<void(const Result<Discovery> &)> done)
{
    if (m_discovery
        && m_discoveryFetched.secsTo(QDateTime::currentDateTimeUtc()) < discoveryLifetimeSeconds) {
        done(*m_discovery);
        return;
    }
    m_discoveryWaiters.append(std::move(done));
    if (m_discoveryWaiters.size() > 1)
        return; // a fetch is under way
    const QString issuer = withoutTrailingSlash(m_config.issuer.toString());
    const QUrl url(issuer + u"/.well-known/openid-configuration"_s);
    fetchJson(url, {}, [this, issuer](const Result<QJsonObject> &document) {
        Result<Discovery> outcome = makeError(ErrorKind::Unavailable);
        if (!document) {
            outcome = document.error();
        } else {
            Discovery discovery{document->value(u"issuer"_s).toString(),
                                QUrl(document->value(u"authorization_endpoint"_s).toString()),
                                QUrl(document->value(u"token_endpoint"_s).toString()),
                                QUrl(document->value(u"jwks_uri"_s).toString())};
            // OpenID Connect Discovery 4.3: the document must name the issuer it was asked for.
            if (withoutTrailingSlash(discovery.issuer) != issuer)
                outcome =
                    unavailable(u"discovery names another issuer: %1"_s.arg(discovery.issuer));
            else if (!discovery.authorizationEndpoint.isValid()
                     || !discovery.tokenEndpoint.isValid() || !discovery.jwksUri.isValid()
                     || discovery.authorizationEndpoint.isRelative()
                     || discovery.tokenEndpoint.isRelative() || discovery.jwksUri.isRelative())
                outcome = unavailable(u"discovery document lacks an endpoint"_s);
            else {
                m_discovery = discovery;
                m_discoveryFetched = QDateTime::currentDateTimeUtc();
                outcome = discovery;
            }
        }
        const auto waiters = std::exchange(m_discoveryWaiters, {});
        for (const auto &waiter : waiters)
            waiter(outcome);
    });
}

void Provider::withKeys(bool refresh, std::function<void(const Result<QJsonArray> &)> done)
{
    if (m_keys && !refresh && m_keysWaiters.isEmpty()) {
        done(*m_keys);
        return;
    }
    m_keysWaiters.append(std::move(done));
    if (m_keysWaiters.size() > 1)
        return;
    withDiscovery([this](const Result<Discovery> &discovery) {
        auto finish = [this](const Result<QJsonArray> &outcome) {
            const auto waiters = std::exchange(m_keysWaiters, {});
            for (const auto &waiter : waiters)
                waiter(outcome);
        };
        if (!discovery) {
            finish(discovery.error());
            return;
        }
        fetchJson(discovery->jwksUri, {}, [this, finish](const Result<QJsonObject> &set) {
            if (!set) {
                finish(set.error());
                return;
            }
            const QJsonArray keys = set->value(u"keys"_s).toArray();
            if (keys.isEmpty()) {
                finish(unavailable(u"the key set has no keys"_s));
                return;
            }
            m_keys = keys;
            finish(keys);
        });
    });
}

void Provider::fetchJson(const QUrl &url, const QByteArray &postBody, JsonDone done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      u"Blockhaus/%1"_s.arg(QCoreApplication::applicationVersion()));
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = nullptr;
    if (postBody.isNull()) {
        reply = m_network->get(request);
    } else {
        request.setRawHeader("Content-Type", "application/x-www-form-urlencoded");
        if (!m_config.clientSecret.isEmpty()) {
            // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded, then base64.
            const QByteArray credentials = QUrl::toPercentEncoding(m_config.clientId) + ':'
                + QUrl::toPercentEncoding(m_config.clientSecret);
            QByteArray authorization("Basic ");
            authorization += credentials.toBase64();
            request.setRawHeader("Authorization", authorization);
        }
        reply = m_network->post(request, postBody);
    }
    // A deadline for the whole exchange, not only for silence: a trickling provider must not
    // keep a sign-in waiting for ever.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    connect(deadline, &QTimer::timeout, reply, [reply, timedOut]() {
        *timedOut = true;
        reply->abort();
    });
    deadline->start(m_config.timeoutMs);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64 total) {
        if (received > maxResponseBytes || total > maxResponseBytes)
            reply->abort();
    });
    connect(
        reply, &QNetworkReply::finished, this, [reply, timedOut, url, done = std::move(done)]() {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString where = url.toString(QUrl::RemoveQuery);
            if (*timedOut) {
                done(unavailable(u"%1: no answer in time"_s.arg(where)));
                return;
            }
            if (status == 0) {
                done(unavailable(u"%1: %2"_s.arg(where, reply->errorString())));
                return;
            }
            const QByteArray bytes = reply->read(maxResponseBytes + 1);
            const QJsonDocument document = QJsonDocument::fromJson(bytes);
            if (bytes.size() > maxResponseBytes || !document.isObject()) {
                done(unavailable(u"%1: HTTP %2 without a JSON object"_s.arg(where).arg(status)));
                return;
            }
            if (status < 200 || status > 299) {
                // The token endpoint's refusals (RFC 6749 5.2) name the reason.
                const QString reason = document.object().value(u"error"_s).toString();
                if (reason.isEmpty()) {
                    done(unavailable(u"%1: HTTP %2"_s.arg(where).arg(status)));
                    return;
                }
                qCWarning(lcOidc) << "identity provider refused:" << where << status << reason;
                done(makeError(ErrorKind::Unauthorized,
                               QT_TRANSLATE_NOOP("Sentence",
                                                 "The school's sign-in service refused the sign-in "
                                                 "(%1). Please start again."),
                               {reason.left(64)}));
                return;
            }
            done(document.object());
        });
}

void Provider::exchange(const Discovery &discovery, const Redemption &redemption,
                        std::function<void(const Result<SchoolIdentity> &)> done)
{
    const QByteArray body = formField("grant_type", u"authorization_code"_s) + '&'
        + formField("code", redemption.code) + '&'
        + formField("redirect_uri", redemption.redirectUri) + '&'
        + formField("code_verifier", redemption.codeVerifier) + '&'
        + formField("client_id", m_config.clientId);
    fetchJson(discovery.tokenEndpoint, body,
              [this, discovery, redemption, done](const Result<QJsonObject> &tokens) {
                  if (!tokens) {
                      done(tokens.error());
                      return;
                  }
                  const QByteArray idToken = tokens->value(u"id_token"_s).toString().toLatin1();
                  if (idToken.isEmpty()) {
                      done(unavailable(u"the token endpoint sent no ID token"_s));
                      return;
                  }
                  checkToken(idToken, discovery, redemption, false, done);
              });
}

void Provider::checkToken(const QByteArray &idToken, const Discovery &discovery,
                          const Redemption &redemption, bool keysRefreshed,
                          std::function<void(const Result<SchoolIdentity> &)> done)
{
    withKeys(keysRefreshed,
             [this, idToken, discovery, redemption, keysRefreshed,
              done](const Result<QJsonArray> &keys) {
                 if (!keys) {
                     done(keys.error());
                     return;
                 }
                 const TokenExpectations expected{discovery.issuer, m_config.clientId,
                                                  redemption.nonce, QDateTime::currentDateTimeUtc(),
                                                  m_config.clockSkewSeconds};
                 const TokenCheck check = checkIdToken(idToken, *keys, expected);
                 if (check.unknownKey && !keysRefreshed) {
                     // The provider may have rotated its keys since they were fetched: once more,
                     // fresh.
                     checkToken(idToken, discovery, redemption, true, done);
                     return;
                 }
                 if (!check.claims) {
                     qCWarning(lcOidc) << "ID token refused:" << check.claims.error().message;
                     done(check.claims.error());
                     return;
                 }
                 done(mapClaims(*check.claims, m_config.claims));
             });
}

} // namespace Blockhaus::Oidc
