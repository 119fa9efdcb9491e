// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/probe.h"

#include <QStringList>

#include "server/db/connection.h"
#include "server/db/sql.h"

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

namespace {

QString pragmaText(Connection &connection, const QString &pragma)
{
    Sql q(connection, u"PRAGMA "_s + pragma);
    if (!q.exec() || !q.next())
        return {};
    if (pragma == u"synchronous"_s) {
        static const QStringList levels{u"off"_s, u"normal"_s, u"full"_s, u"extra"_s};
        return levels.value(q.value(0).toInt());
    }
    return q.value(0).toString().toLower();
}

} // namespace

ProbeResult probe(Connection &connection)
{
    ProbeResult result;
    const bool sqlite = connection.dialect().driver() == Driver::Sqlite;
    result.driver = sqlite ? u"sqlite"_s : u"postgresql"_s;
    Sql q(connection, u"SELECT 1"_s);
    result.answers = q.exec() && q.next();
    if (sqlite) {
        result.journalMode = pragmaText(connection, u"journal_mode"_s);
        result.synchronous = pragmaText(connection, u"synchronous"_s);
    }
    return result;
}

} // namespace Blockhaus::Db
