// SPDX-License-Identifier: AGPL-3.0-or-later
// HelpModel: the dashboard's help queue as a table (name, project, waiting time in words,
// question), built from the plain values HelpQueueService returns; no logic beyond showing them.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>

#include "ui/helpqueueservice.h"

namespace Blockhaus::Ui {

class HelpModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Project, Waiting, Question, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ProjectIdRole };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows; now is the time the waiting times count to.
    void setRequests(const QList<HelpRequestSummary> &requests, const QDateTime &now);
    const QList<HelpRequestSummary> &requests() const { return m_requests; }
    int rowOf(qint64 requestId) const;
    // "less than a minute", "5 minutes", "1 hour 10 minutes".
    static QString waitingText(qint64 seconds);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<HelpRequestSummary> m_requests;
    QDateTime m_now;
};

} // namespace Blockhaus::Ui
