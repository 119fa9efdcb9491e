// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/db/transaction.h"

#include <QSqlError>

namespace Blockhaus::Db {

using namespace Qt::StringLiterals;

Transaction::Transaction(Connection &connection, Mode mode)
    : m_connection(connection)
{
    QSqlError error;
    const QString begin =
        mode == Mode::Write ? connection.dialect().beginWrite() : connection.dialect().beginRead();
    if (connection.execRaw(begin, &error))
        m_active = true;
    else
        m_error = connection.dialect().toError(error, begin);
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    QSqlError error;
    if (m_connection.execRaw(u"COMMIT"_s, &error)) {
        m_active = false;
        return true;
    }
    m_error = m_connection.dialect().toError(error, u"COMMIT"_s);
    rollback();
    return false;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    m_connection.execRaw(u"ROLLBACK"_s);
}

} // namespace Blockhaus::Db
