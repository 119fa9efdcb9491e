// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/online/onlinemodel.h"

#include <algorithm>

namespace Blockhaus::Ui {

bool OnlineModel::setOnline(const QList<Live::PresenceEntry> &online, const QDateTime &now)
{
    QList<Live::PresenceEntry> rows = online;
    // Students first, then by name: the teacher looks for a child, not for a session.
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        if ((a.role == u"student") != (b.role == u"student"))
            return a.role == u"student";
        return QString::localeAwareCompare(a.displayName, b.displayName) < 0;
    });
    const bool sameRows = rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
                      [](const auto &a, const auto &b) {
                          return a.userId == b.userId && a.projectId == b.projectId;
                      });
    m_now = now;
    if (sameRows) {
        m_rows = rows;
        if (!m_rows.isEmpty()) // only "last seen" moved on
            emit dataChanged(index(0, LastSeen), index(int(m_rows.size()) - 1, LastSeen));
        return false;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    return true;
}

int OnlineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OnlineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OnlineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const Live::PresenceEntry &entry = m_rows.at(index.row());
    switch (index.column()) {
    case Name:
        return entry.displayName.isEmpty() ? entry.username : entry.displayName;
    case Role:
        if (entry.role == u"teacher")
            return tr("teacher");
        if (entry.role == u"admin")
            return tr("administrator");
        return tr("student");
    case CurrentProject:
        return entry.projectId > 0 ? tr("Project %1").arg(entry.projectId) : tr("none open");
    case LastSeen: {
        const qint64 seconds = std::max<qint64>(0, entry.lastSeen.secsTo(m_now));
        return seconds < 60 ? tr("just now") : tr("%n min ago", nullptr, int(seconds / 60));
    }
    case Address:
        return entry.address;
    default:
        return {};
    }
}

QVariant OnlineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Role:
        return tr("Role");
    case CurrentProject:
        return tr("Current project");
    case LastSeen:
        return tr("Last seen");
    case Address:
        return tr("Computer");
    default:
        return {};
    }
}

} // namespace Blockhaus::Ui
