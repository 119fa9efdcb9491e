// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/conflicts/conflictmodel.h"

#include <QLocale>

namespace Blockhaus::Ui {

namespace {

bool sameEntry(const Live::ConflictEntry &a, const Live::ConflictEntry &b)
{
    return a.when == b.when && a.userId == b.userId && a.projectId == b.projectId
        && a.staleVersion == b.staleVersion && a.currentVersion == b.currentVersion;
}

} // namespace

bool ConflictModel::setConflicts(const QList<Live::ConflictEntry> &conflicts)
{
    const bool same = conflicts.size() == m_rows.size()
        && std::equal(conflicts.cbegin(), conflicts.cend(), m_rows.cbegin(), sameEntry);
    if (same)
        return false; // a 4 Hz snapshot must not reset the teacher's selection and scrolling
    beginResetModel();
    m_rows = conflicts;
    endResetModel();
    return true;
}

int ConflictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Live::ConflictEntry &entry = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case Time:
            return QLocale().toString(entry.when.toLocalTime().time(), QLocale::ShortFormat);
        case Student:
            return entry.displayName.isEmpty() ? entry.username : entry.displayName;
        case Project:
            return tr("Project %1").arg(entry.projectId);
        case Versions:
            return tr("saved from version %1, current was %2")
                .arg(entry.staleVersion)
                .arg(entry.currentVersion);
        case SavedBy:
            return entry.currentSavedBy;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Time)
        return QLocale().toString(entry.when.toLocalTime(), QLocale::LongFormat);
    if (role == Qt::UserRole) // sort key
        return index.column() == Time ? QVariant(entry.when) : data(index, Qt::DisplayRole);
    return {};
}

QVariant ConflictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Student:
        return tr("Student");
    case Project:
        return tr("Project");
    case Versions:
        return tr("Versions");
    case SavedBy:
        return tr("Newer version saved by");
    default:
        return {};
    }
}

} // namespace Blockhaus::Ui
