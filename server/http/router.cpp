// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/router.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

QStringList segmentsOf(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool matchSegments(const QStringList &pattern, const QStringList &path,
                   QHash<QString, QString> *params)
{
    if (pattern.size() != path.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &p = pattern.at(i);
        if (p.startsWith(u'{') && p.endsWith(u'}')) {
            if (params)
                params->insert(p.mid(1, p.size() - 2), path.at(i));
        } else if (p != path.at(i)) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Access access, qint64 bodyLimit,
                 DbHandler handler)
{
    Route route;
    route.method = method;
    route.pattern = pattern;
    route.segments = segmentsOf(pattern);
    route.access = access;
    route.bodyLimit = bodyLimit;
    route.dbHandler = std::move(handler);
    m_routes.append(std::move(route));
}

void Router::addAsync(const QByteArray &method, const QString &pattern, Access access,
                      AsyncHandler handler)
{
    Route route;
    route.method = method;
    route.pattern = pattern;
    route.segments = segmentsOf(pattern);
    route.access = access;
    route.asyncHandler = std::move(handler);
    m_routes.append(std::move(route));
}

void Router::addInline(const QByteArray &method, const QString &pattern, InlineHandler handler)
{
    Route route;
    route.method = method;
    route.pattern = pattern;
    route.segments = segmentsOf(pattern);
    route.inlineHandler = std::move(handler);
    m_routes.append(std::move(route));
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    Match result;
    const QStringList segments = segmentsOf(path);
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matchSegments(route.segments, segments, &params))
            continue;
        if (route.method == method) {
            result.route = &route;
            result.params = std::move(params);
            result.allowed.clear();
            return result;
        }
        if (!result.allowed.contains(route.method))
            result.allowed.append(route.method);
    }
    const bool api = path.startsWith(u"/api/"_s) || path == u"/api"_s || path == u"/metrics"_s;
    if (result.allowed.isEmpty() && !api && method == "GET" && m_fallback)
        result.fallback = true;
    else if (!result.allowed.isEmpty() && result.allowed.contains("GET")
             && !result.allowed.contains("HEAD"))
        result.allowed.append("HEAD");
    return result;
}

Router::BodyRule Router::bodyRule(const QByteArray &method, const QString &path) const
{
    const Match found = match(method, path);
    if (found.route && found.route->bodyLimit > 0)
        return {found.route->bodyLimit, true};
    return {};
}

} // namespace Blockhaus::Http
