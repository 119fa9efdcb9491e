// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/help/helpmodel.h"

namespace Blockhaus::Ui {

void HelpModel::setRequests(const QList<HelpRequestSummary> &requests, const QDateTime &now)
{
    beginResetModel();
    m_requests = requests;
    m_now = now;
    endResetModel();
}

int HelpModel::rowOf(qint64 requestId) const
{
    for (int row = 0; row < m_requests.size(); ++row) {
        if (m_requests.at(row).id == requestId)
            return row;
    }
    return -1;
}

QString HelpModel::waitingText(qint64 seconds)
{
    const qint64 minutes = std::max<qint64>(0, seconds) / 60;
    if (minutes < 1)
        return tr("less than a minute");
    if (minutes < 60)
        return tr("%n minute(s)", "", int(minutes));
    return tr("%n hour(s)", "", int(minutes / 60)) + u' '
        + tr("%n minute(s)", "", int(minutes % 60));
}

int HelpModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

int HelpModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HelpModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_requests.size())
        return {};
    const HelpRequestSummary &request = m_requests.at(index.row());
    if (role == IdRole)
        return request.id;
    if (role == ProjectIdRole)
        return request.projectId;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case Name:
        return request.studentName;
    case Project:
        return request.projectId > 0 ? request.projectTitle : tr("No project");
    case Waiting:
        return waitingText(request.createdAt.secsTo(m_now));
    case Question:
        return request.question.isEmpty() ? tr("No question") : request.question;
    default:
        return {};
    }
}

QVariant HelpModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Project:
        return tr("Project");
    case Waiting:
        return tr("Waiting");
    case Question:
        return tr("Question");
    default:
        return {};
    }
}

} // namespace Blockhaus::Ui
