// SPDX-License-Identifier: AGPL-3.0-or-later
// OnlineModel: who is connected right now (name, role, current project, last seen, computer),
// rebuilt from each snapshot without disturbing the selection when nothing changed.
#pragma once

#include <QAbstractTableModel>

#include "server/live/livetypes.h"

namespace Blockhaus::Ui {

class OnlineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Role, CurrentProject, LastSeen, Address, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    bool setOnline(const QList<Live::PresenceEntry> &online, const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Live::PresenceEntry> m_rows;
    QDateTime m_now;
};

} // namespace Blockhaus::Ui
