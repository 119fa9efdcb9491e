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

Result<qint64> databaseBytes(Connection &connection)
{
    const bool sqlite = connection.dialect().driver() == Driver::Sqlite;
    Sql q(connection,
          sqlite ? u"SELECT page_count * page_size FROM pragma_page_count(), "
                   "pragma_page_size()"_s
                 : u"SELECT pg_database_size(current_database())"_s);
    if (!q.exec())
        return q.error();
    if (!q.next())
        return makeError(ErrorKind::Internal, u"The database did not say its size."_s);
    return q.value(0).toLongLong();
}

} // namespace Blockhaus::Db
