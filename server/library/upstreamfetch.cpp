// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/library/upstreamfetch.h"

#include <memory>

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "server/sb3/assetname.h"

namespace Blockhaus::Library {

using namespace Qt::StringLiterals;

namespace {

struct FetchState
{
    bool timedOut = false;
    bool tooLarge = false;
    bool reported = false;
};

FetchOutcome outcomeOf(QNetworkReply *reply, const FetchState &state, const QString &expectedMd5,
                       const FetchLimits &limits)
{
    using Kind = FetchOutcome::Kind;
    if (state.tooLarge)
        return {Kind::BadResponse, {}, u"larger than %1 bytes"_s.arg(limits.maxBytes)};
    if (state.timedOut)
        return {Kind::Unreachable, {}, u"no complete answer within %1 ms"_s.arg(limits.timeoutMs)};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return {Kind::Unreachable, {}, reply->errorString()};
    if (status == 404 || status == 410)
        return {Kind::NotFound, {}, u"HTTP %1"_s.arg(status)};
    if (status != 200)
        return {Kind::BadResponse, {}, u"HTTP %1"_s.arg(status)};
    if (reply->error() != QNetworkReply::NoError)
        return {Kind::Unreachable, {}, reply->errorString()};
    QByteArray data = reply->readAll();
    if (data.size() > limits.maxBytes)
        return {Kind::BadResponse, {}, u"larger than %1 bytes"_s.arg(limits.maxBytes)};
    // The name is the content's MD5: bytes that do not match are never stored or served.
    if (Sb3::md5Hex(data) != expectedMd5)
        return {Kind::BadResponse, {}, u"content does not match its MD5 name"_s};
    return {Kind::Ok, std::move(data), {}};
}

} // namespace

QNetworkReply *fetchUpstream(QNetworkAccessManager &manager, const QUrl &url,
                             const QString &expectedMd5, FetchLimits limits,
                             std::function<void(const FetchOutcome &)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      u"Blockhaus/%1"_s.arg(QCoreApplication::applicationVersion()));
    request.setMaximumRedirectsAllowed(5);
    QNetworkReply *reply = manager.get(request);
    auto state = std::make_shared<FetchState>();

    // A deadline for the whole download: a transfer timeout alone would let a trickling upstream
    // hold a slot for ever.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, state]() {
        state->timedOut = true;
        reply->abort();
    });
    deadline->start(limits.timeoutMs);

    // The size cap is checked while receiving, from Content-Length and from what arrived, so an
    // oversized answer is never buffered whole.
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, state, limits](qint64 received, qint64 total) {
                         if (!state->tooLarge
                             && (received > limits.maxBytes || total > limits.maxBytes)) {
                             state->tooLarge = true;
                             reply->abort();
                         }
                     });
    QObject::connect(reply, &QNetworkReply::finished, reply,
                     [reply, state, expectedMd5, limits, done = std::move(done)]() {
                         if (state->reported)
                             return;
                         state->reported = true;
                         const FetchOutcome outcome = outcomeOf(reply, *state, expectedMd5, limits);
                         reply->deleteLater();
                         done(outcome);
                     });
    return reply;
}

} // namespace Blockhaus::Library
