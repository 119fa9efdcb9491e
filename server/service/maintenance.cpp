// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/maintenance.h"

#include "server/db/probe.h"

namespace Blockhaus::Service {

DatabaseHealth databaseHealth(Work &work)
{
    const Db::ProbeResult probe = Db::probe(work.connection());
    return {probe.answers, probe.driver, probe.journalMode, probe.synchronous};
}

} // namespace Blockhaus::Service
