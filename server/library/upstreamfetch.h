// SPDX-License-Identifier: AGPL-3.0-or-later
// One download of a library asset from the upstream CDN, bounded in time and size and checked
// against its MD5 name before anyone sees it.
#pragma once

#include <functional>

#include <QByteArray>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Blockhaus::Library {

struct FetchOutcome
{
    enum class Kind {
        Ok, // 200 and the bytes match the name
        NotFound, // the upstream answered 404 or 410
        Unreachable, // no answer: network error or the deadline passed
        BadResponse, // an answer, but unusable: other status, too large, MD5 mismatch
    };
    Kind kind = Kind::Unreachable;
    QByteArray data; // with Ok
    QString detail; // for the log
};

struct FetchLimits
{
    int timeoutMs = 15'000;
    qint64 maxBytes = 10LL * 1024 * 1024;
};

// Starts a GET on the manager's thread; done runs exactly once, on that thread. The returned
// reply belongs to the manager; abort() on it ends the download early (done still runs).
QNetworkReply *fetchUpstream(QNetworkAccessManager &manager, const QUrl &url,
                             const QString &expectedMd5, FetchLimits limits,
                             std::function<void(const FetchOutcome &)> done);

} // namespace Blockhaus::Library
