// SPDX-License-Identifier: AGPL-3.0-or-later
// ConflictModel: the live conflict log as a table (time, student, project, versions, who saved
// the current one), rebuilt from each snapshot. Rows are values; the model holds no logic beyond
// presenting them.
#pragma once

#include <QAbstractTableModel>

#include "server/live/livetypes.h"

namespace Blockhaus::Ui {

class ConflictModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Student, Project, Versions, SavedBy, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows when the log changed; returns true when it did.
    bool setConflicts(const QList<Live::ConflictEntry> &conflicts);
    const QList<Live::ConflictEntry> &conflicts() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Live::ConflictEntry> m_rows;
};

} // namespace Blockhaus::Ui
