// SPDX-License-Identifier: AGPL-3.0-or-later
// A small statement wrapper for store code: bind, execute, read rows, classified errors.
#pragma once

#include <QSqlQuery>
#include <QVariant>

#include "server/core/result.h"
#include "server/db/connection.h"

namespace Blockhaus::Db {

// Positional binds (?), executed once. The statement is finished in the destructor so that a
// SELECT never keeps a read snapshot open longer than its owner.
class Sql
{
public:
    Sql(Connection &connection, const QString &text);
    ~Sql();
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    Sql &bind(const QVariant &value);
    // Runs the statement; false on error (see error()).
    bool exec();
    bool next();
    QVariant value(int column) const;
    int rowsAffected() const;
    qint64 lastInsertId() const;
    // The id of the row an INSERT ending in Dialect::returningId() made; 0 when it made none
    // (ON CONFLICT DO NOTHING). Reads the RETURNING row on PostgreSQL.
    qint64 insertedId();
    // The classified error of the last exec().
    Error error() const;

private:
    Connection &m_connection;
    QString m_text;
    QSqlQuery *m_query = nullptr;
    QSqlError m_error;
    int m_bindIndex = 0;
};

} // namespace Blockhaus::Db
