// SPDX-License-Identifier: AGPL-3.0-or-later
// service/ — the one front door to the domain. Every operation takes a Work (one database worker
// and its connection), a caller and plain inputs; it decides authorization and bounds once, runs
// the store calls in the right transaction and returns a Result whose error carries a sentence a
// teacher can read. The HTTP handlers and the dashboard's adapter in app/ both call it.
#pragma once

namespace Blockhaus::Db {
class Connection;
}

namespace Blockhaus::Service {

// The worker a service operation runs on, as the doors see it: something to pass on. Only
// service/ (and the stores it calls) look inside; the doors never include a db/ or store/ header.
class Work
{
public:
    explicit Work(Db::Connection &connection)
        : m_connection(connection)
    {
    }
    Work(const Work &) = delete;
    Work &operator=(const Work &) = delete;

    Db::Connection &connection() const { return m_connection; }

private:
    Db::Connection &m_connection;
};

} // namespace Blockhaus::Service
