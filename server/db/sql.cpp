// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/sql.h"

#include <QSqlError>

namespace Blockhaus::Db {

Sql::Sql(Connection &connection, const QString &text)
    : m_connection(connection)
    , m_text(text)
{
    m_query = connection.prepared(text, &m_error);
}

Sql::~Sql()
{
    if (m_query)
        m_query->finish();
}

Sql &Sql::bind(const QVariant &value)
{
    if (m_query)
        m_query->bindValue(m_bindIndex++, value);
    return *this;
}

bool Sql::exec()
{
    if (!m_query)
        return false;
    if (m_query->exec())
        return true;
    m_error = m_query->lastError();
    if (m_connection.dialect().isConnectionBroken(m_error))
        m_query = nullptr; // recycled by the pool after this job
    return false;
}

bool Sql::next()
{
    return m_query && m_query->next();
}

QVariant Sql::value(int column) const
{
    return m_query ? m_query->value(column) : QVariant();
}

int Sql::rowsAffected() const
{
    return m_query ? m_query->numRowsAffected() : 0;
}

qint64 Sql::lastInsertId() const
{
    return m_query ? m_query->lastInsertId().toLongLong() : 0;
}

qint64 Sql::insertedId()
{
    if (!m_query)
        return 0;
    if (m_connection.dialect().driver() == Driver::Sqlite)
        return m_query->numRowsAffected() > 0 ? m_query->lastInsertId().toLongLong() : 0;
    return m_query->next() ? m_query->value(0).toLongLong() : 0;
}

Error Sql::error() const
{
    return m_connection.dialect().toError(m_error, m_text.left(60));
}

} // namespace Blockhaus::Db
