// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/schoolsigninhandler.h"

#include "server/core/timetext.h"
#include "server/http/errors.h"
#include "server/http/jsonio.h"
#include "server/http/originguard.h"
#include "server/oidc/pkce.h"
#include "server/oidc/provider.h"
#include "server/service/runner.h"
#include "server/service/schoolsignin.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// Binds a sign-in to the browser that started it (RFC 6749 10.12): the callback's state must
// equal this cookie. SameSite=Lax, not Strict: the provider's redirect back is a cross-site
// navigation, on which a Strict cookie would not be sent.
constexpr char stateCookie[] = "bh_oidc_state";
constexpr char callbackPath[] = "/login/school/callback";

QFuture<Reply> ready(Reply reply)
{
    return QtFuture::makeReadyFuture(std::move(reply));
}

QFuture<Reply> refused(const Error &error, const RequestContext &context)
{
    Reply reply = errorReply(error, context.request.requestId);
    reply.addHeader("Cache-Control", "no-store");
    return ready(std::move(reply));
}

QString cookieValue(const Request &request, const QByteArray &name)
{
    for (const auto &header : request.headers) {
        if (header.first != "cookie")
            continue;
        const QByteArray prefix = name + '=';
        for (const QByteArray &part : header.second.split(';')) {
            const QByteArray cookie = part.trimmed();
            if (cookie.startsWith(prefix))
                return QString::fromLatin1(cookie.mid(prefix.size()));
        }
    }
    return {};
}

QByteArray stateCookieHeader(const QString &state, int maxAgeSeconds)
{
    return QByteArray(stateCookie) + '=' + state.toLatin1()
        + "; HttpOnly; SameSite=Lax; Path=/login/school; Max-Age="
        + QByteArray::number(maxAgeSeconds);
}

// Where the provider sends the browser back: the configured public origin (behind a TLS proxy),
// else this request's own origin. The callback must be registered with the provider.
Result<QString> redirectUri(const Request &request, const QString &publicOrigin)
{
    if (!publicOrigin.isEmpty())
        return QString(publicOrigin + QString::fromLatin1(callbackPath));
    const QString host = QString::fromLatin1(request.header("host"));
    const QUrl origin(u"http://"_s + host);
    if (host.isEmpty() || !origin.isValid() || origin.host().isEmpty() || !origin.path().isEmpty())
        return makeError(ErrorKind::BadRequest, u"The request names no valid Host."_s);
    return QString(u"http://"_s + host + QString::fromLatin1(callbackPath));
}

Error notConfigured()
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence", "School sign-in is not set up on this server."));
}

// A browser gets a short page that moves on to its projects: a same-site navigation, so the new
// SameSite=Strict session cookie is sent (a redirect chain that began at the provider would
// count as cross-site and arrive without it). Other clients get the login's JSON.
Reply signedIn(const RequestContext &context, const Service::Login &login)
{
    const QString next = login.user.role == Core::Role::Student ? u"/projects"_s : u"/teacher"_s;
    Reply reply;
    if (context.request.header("accept").contains("text/html")) {
        const bool german = context.request.header("accept-language").trimmed().startsWith("de");
        const QString title = german ? u"Angemeldet"_s : u"Signed in"_s;
        const QString link = german ? u"Weiter"_s : u"Continue"_s;
        const QString page =
            u"<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"refresh\" content=\"0;url=%2\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>%3 \u2013 Blockhaus</title>\n"
            "<link rel=\"stylesheet\" href=\"/css/blockhaus.css\">\n</head>\n<body>\n<main>\n"
            "<h1>%3</h1>\n<p><a href=\"%2\">%4</a></p>\n</main>\n</body>\n</html>\n"_s.arg(
                german ? u"de"_s : u"en"_s, next, title, link);
        reply = Reply::bytes(200, "text/html; charset=utf-8", page.toUtf8());
        reply.addHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'");
        reply.addHeader("X-Content-Type-Options", "nosniff");
    } else {
        reply = Reply::json(200,
                            QJsonObject{{u"token"_s, login.token},
                                        {u"expires_at"_s, Core::toApiTime(login.expiresAt)},
                                        {u"user"_s, toJson(login.user)},
                                        {u"next"_s, next}});
    }
    reply.addHeader("Set-Cookie", sessionCookie(login.token, login.maxAgeSeconds));
    reply.addHeader("Set-Cookie", stateCookieHeader(QString(), 0));
    // The address held the code and state: kept out of caches and of any Referer.
    reply.addHeader("Cache-Control", "no-store");
    reply.addHeader("Referrer-Policy", "no-referrer");
    return reply;
}

} // namespace

void SchoolSignInHandler::registerRoutes(Router &router) const
{
    // Public: they are how someone without a session gets one. Always in the table (the
    // authorization matrix covers them); without --oidc-issuer they answer 404.
    router.addAsync("GET", u"/login/school"_s, Access::Public,
                    [this](const RequestContext &c, const Core::Caller *, Service::Work &db) {
                        return start(c, db);
                    });
    router.addAsync("GET", QString::fromLatin1(callbackPath), Access::Public,
                    [this](const RequestContext &c, const Core::Caller *, Service::Work &db) {
                        return callback(c, db);
                    });
}

QFuture<Reply> SchoolSignInHandler::start(const RequestContext &context, Service::Work &db) const
{
    Oidc::Provider *provider = m_services.oidc;
    if (!provider || !provider->enabled())
        return refused(notConfigured(), context);
    auto redirect = redirectUri(context.request, m_services.config.publicOrigin);
    if (!redirect)
        return refused(redirect.error(), context);
    const Oidc::SignInSecrets secrets = Oidc::SignInSecrets::generate();
    const int lifetime = provider->config().pendingLoginSeconds;
    // Stored before the browser leaves, in the database: any process behind this address may
    // receive the callback.
    auto begun = Service::SchoolSignIn(m_services.auth)
                     .begin(db, Oidc::hashState(secrets.state),
                            {secrets.nonce, secrets.codeVerifier, *redirect}, lifetime);
    if (!begun)
        return refused(begun.error(), context);
    // The connection is not used past this point: the provider is asked without holding it.
    const QByteArray requestId = context.request.requestId;
    return provider
        ->authorizationUrl(secrets.state, secrets.nonce, secrets.codeChallenge(), *redirect)
        .then([requestId, state = secrets.state, lifetime](Result<QUrl> url) {
            if (!url)
                return errorReply(url.error(), requestId).addHeader("Cache-Control", "no-store");
            Reply reply = Reply::noContent();
            reply.status = 302;
            reply.addHeader("Location", url->toEncoded());
            reply.addHeader("Set-Cookie", stateCookieHeader(state, lifetime));
            reply.addHeader("Cache-Control", "no-store");
            reply.addHeader("Referrer-Policy", "no-referrer");
            return reply;
        });
}

QFuture<Reply> SchoolSignInHandler::callback(const RequestContext &context, Service::Work &db) const
{
    Oidc::Provider *provider = m_services.oidc;
    if (!provider || !provider->enabled())
        return refused(notConfigured(), context);
    const QUrlQuery &query = context.request.query;
    const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    if (state.isEmpty() || state.size() > 256)
        return refused(makeError(ErrorKind::BadRequest,
                                 u"The sign-in answer has no state. Please start again."_s),
                       context);
    // Checked before the pending sign-in is touched: a forged callback does not use it up.
    if (cookieValue(context.request, stateCookie) != state)
        return refused(makeError(ErrorKind::BadRequest,
                                 QT_TRANSLATE_NOOP("Sentence",
                                                   "This sign-in was started in another browser "
                                                   "or took too long. Please start the school "
                                                   "sign-in again.")),
                       context);
    auto pending = Service::SchoolSignIn(m_services.auth).resume(db, Oidc::hashState(state));
    if (!pending)
        return refused(pending.error(), context);
    // RFC 6749 4.1.2.1: the provider refused (the person cancelled, or may not use Blockhaus).
    const QString providerError = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
    if (!providerError.isEmpty())
        return refused(makeError(ErrorKind::Unauthorized,
                                 QT_TRANSLATE_NOOP("Sentence",
                                                   "The school's sign-in service refused the "
                                                   "sign-in (%1). Please start again."),
                                 {providerError.left(64)}),
                       context);
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty() || code.size() > 4096)
        return refused(makeError(ErrorKind::BadRequest,
                                 u"The sign-in answer has no code. Please start again."_s),
                       context);
    // The pool's connection is given back when this returns; the token exchange waits without
    // it, and finishing the sign-in takes a worker again.
    const Services &services = m_services;
    const RequestContext copy = context;
    return provider->redeem({code, pending->codeVerifier, pending->redirectUri, pending->nonce})
        .then([&services, copy](Result<Oidc::SchoolIdentity> identity) {
            if (!identity)
                return refused(identity.error(), copy);
            const Service::SchoolAccount account{identity->issuer,   identity->subject,
                                                 identity->username, identity->displayName,
                                                 identity->teacher,  identity->classes};
            std::function<Result<Reply>(Service::Work &)> job =
                [&services, copy, account](Service::Work &work) -> Result<Reply> {
                auto login = Service::SchoolSignIn(services.auth).finish(work, account);
                if (!login)
                    return login.error();
                return signedIn(copy, *login);
            };
            return services.runner.run<Reply>(std::move(job))
                .then([requestId = copy.request.requestId](Result<Reply> result) {
                    return result ? result.value() : errorReply(result.error(), requestId);
                });
        })
        .unwrap();
}

} // namespace Blockhaus::Http
