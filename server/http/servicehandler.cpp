// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/servicehandler.h"

#include "server/library/librarycache.h"
#include "server/live/livehub.h"
#include "server/oidc/provider.h"
#include "server/service/maintenance.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

void ServiceHandler::registerRoutes(Router &router) const
{
    router.addInline("GET", u"/api/v1/status"_s,
                     [this](const RequestContext &context) { return status(context); });
    router.add("GET", u"/api/v1/health"_s, Access::LoopbackOrTeacher, 0,
               [this](const RequestContext &c, const Core::Caller *, Service::Work &db) {
                   return health(c, db);
               });
    router.add("GET", u"/metrics"_s, Access::LoopbackOrTeacher, 0,
               [this](const RequestContext &c, const Core::Caller *, Service::Work &db) {
                   return metrics(c, db);
               });
}

Reply ServiceHandler::status(const RequestContext &) const
{
    return Reply::json(
        200,
        QJsonObject{{u"status"_s, u"ok"_s},
                    {u"version"_s, QStringLiteral(BLOCKHAUS_VERSION)},
                    {u"uptime_s"_s, m_services.live.uptimeSeconds()},
                    // The login page offers the school sign-in only when set up.
                    {u"school_sign_in"_s, m_services.oidc && m_services.oidc->enabled()}});
}

Result<Reply> ServiceHandler::health(const RequestContext &, Service::Work &db) const
{
    const Service::DatabaseHealth database = Service::databaseHealth(db);
    const bool ok = database.ok;
    const auto snapshot = m_services.live.snapshot();
    const Core::PoolStats &pool = snapshot->pool;
    QJsonObject body{
        {u"status"_s, ok ? u"ok"_s : u"degraded"_s},
        {u"db"_s,
         QJsonObject{{u"driver"_s, database.driver},
                     {u"ok"_s, ok},
                     {u"journal_mode"_s, database.journalMode},
                     {u"synchronous"_s, database.synchronous}}},
        {u"pool"_s,
         QJsonObject{{u"size"_s, pool.size},
                     {u"open"_s, pool.open},
                     {u"in_use"_s, pool.inUse},
                     {u"idle"_s, pool.idle},
                     {u"waiting"_s, pool.waiting},
                     {u"acquire_p50_ms"_s, pool.acquireP50Ms},
                     {u"acquire_p99_ms"_s, pool.acquireP99Ms},
                     {u"timeouts"_s, static_cast<double>(pool.timeouts)},
                     {u"busy_retries"_s, static_cast<double>(pool.busyRetries)},
                     {u"recycled"_s, static_cast<double>(pool.recycled)}}},
        {u"requests"_s,
         QJsonObject{{u"total"_s, static_cast<double>(snapshot->requests.total)},
                     {u"errors_5xx"_s, static_cast<double>(snapshot->requests.errors5xx)}}},
        {u"students_online"_s, snapshot->studentsOnline},
        {u"database_bytes"_s, static_cast<double>(snapshot->databaseBytes)},
        {u"free_disk_bytes"_s, static_cast<double>(snapshot->freeDiskBytes)},
        {u"uptime_s"_s, snapshot->uptimeSeconds},
    };
    if (m_services.library) {
        // A full library cache stores nothing new (#12): IT should see it here, not only in the
        // log.
        const Library::LibrarySummary library = m_services.library->summary();
        body.insert(u"library"_s,
                    QJsonObject{{u"cache_bytes"_s, static_cast<double>(library.cacheBytes)},
                                {u"cache_max_bytes"_s, static_cast<double>(library.maxCacheBytes)},
                                {u"cache_full"_s, library.full}});
    }
    return Reply::json(ok ? 200 : 503, body);
}

Result<Reply> ServiceHandler::metrics(const RequestContext &, Service::Work &) const
{
    const auto snapshot = m_services.live.snapshot();
    return Reply::bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                        Live::prometheusText(*snapshot));
}

} // namespace Blockhaus::Http
