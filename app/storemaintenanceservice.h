// SPDX-License-Identifier: AGPL-3.0-or-later
// StoreMaintenanceService: the Settings tab's backups and data-folder facts, carried out on the
// server's database pool.
#pragma once

// Header-only interface: app/ includes it by path and builds without blockhaus_ui as well.
#include "ui/maintenanceservice.h"

namespace Blockhaus::Db {
class ConnectionPool;
}

namespace Blockhaus::App {

// A backup runs as one job on the pool (one worker and its connection for its whole length; the
// other workers keep serving students). Every future finishes, also when the pool refuses the
// job, then with an error sentence.
class StoreMaintenanceService final : public Ui::MaintenanceService
{
public:
    // pool must outlive every job this service started; the controller shuts the pool down,
    // which waits for running jobs, before it destroys it.
    StoreMaintenanceService(Db::ConnectionPool &pool, QString dataDirectory, QString databasePath);

    QFuture<Ui::Outcome<QString>> backupTo(const QString &path) override;
    QString dataDirectory() const override { return m_dataDirectory; }
    qint64 databaseBytes() const override;

private:
    Db::ConnectionPool &m_pool;
    QString m_dataDirectory;
    QString m_databasePath;
};

} // namespace Blockhaus::App
