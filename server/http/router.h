// SPDX-License-Identifier: AGPL-3.0-or-later
// The route table: method, path pattern, who may call it, body limit and handler, side by side.
#pragma once

#include <functional>

#include <QByteArrayList>
#include <QFuture>
#include <QList>
#include <QStringList>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/http/reply.h"
#include "server/http/request.h"
#include "server/service/work.h"

namespace Blockhaus::Http {

enum class Access {
    Public, // anyone
    LoggedIn, // any session
    Teacher, // role teacher or admin
    Admin, // role admin
    LoopbackOrTeacher, // /api/v1/health, /metrics: a loopback peer, or a teacher/admin session
};

// Runs on a database worker after authentication; caller is null only for public routes and
// loopback health requests.
using DbHandler =
    std::function<Result<Reply>(const RequestContext &, const Core::Caller *, Service::Work &)>;
// Like DbHandler, but the answer may come later (a download): the connection may only be used
// during the call, and the caller pointer only until it returns. The future may finish on any
// thread; a cancelled future is answered 503.
using AsyncHandler =
    std::function<QFuture<Reply>(const RequestContext &, const Core::Caller *, Service::Work &)>;
// Runs on the server thread; for routes that never touch the database.
using InlineHandler = std::function<Reply(const RequestContext &)>;

struct Route
{
    QByteArray method;
    QString pattern;
    QStringList segments;
    Access access = Access::Public;
    qint64 bodyLimit = 0; // 0: the route takes no body
    DbHandler dbHandler;
    AsyncHandler asyncHandler;
    InlineHandler inlineHandler;
};

class Router
{
public:
    // Bodies of routes that take none may still be sent (e.g. "{}"); up to this size they are
    // read and ignored so the connection stays in step.
    static constexpr qint64 defaultBodyLimit = 64 * 1024;
    // Limit of the small JSON bodies of control routes (login, classes, sharing, ...).
    static constexpr qint64 jsonBodyLimit = 1024 * 1024;

    void add(const QByteArray &method, const QString &pattern, Access access, qint64 bodyLimit,
             DbHandler handler);
    void addAsync(const QByteArray &method, const QString &pattern, Access access,
                  AsyncHandler handler);
    void addInline(const QByteArray &method, const QString &pattern, InlineHandler handler);
    // GET requests for paths outside /api/ and /metrics that match no route (static files).
    void setFallback(InlineHandler handler) { m_fallback = std::move(handler); }

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QByteArrayList allowed; // methods of the path, when only the method did not match
        bool fallback = false;
    };
    Match match(const QByteArray &method, const QString &path) const;
    struct BodyRule
    {
        qint64 limit = defaultBodyLimit;
        bool required = false; // the route takes a body, so it must announce its length (411)
    };
    BodyRule bodyRule(const QByteArray &method, const QString &path) const;
    const InlineHandler &fallback() const { return m_fallback; }
    // Every route in the order added, read-only: the authorization matrix test
    // (tests/integration/tst_authmatrixapi.cpp) walks it so that no route ships without a row.
    const QList<Route> &routes() const { return m_routes; }

private:
    QList<Route> m_routes;
    InlineHandler m_fallback;
};

} // namespace Blockhaus::Http
