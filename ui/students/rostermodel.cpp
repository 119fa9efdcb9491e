// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/students/rostermodel.h"

#include <QLocale>

namespace Blockhaus::Ui {

void RosterModel::setStudents(const QList<StudentSummary> &students)
{
    beginResetModel();
    m_students = students;
    endResetModel();
}

void RosterModel::setPresence(const QList<Live::PresenceEntry> &online, const QDateTime &now)
{
    m_online.clear();
    for (const Live::PresenceEntry &entry : online)
        m_online.insert(entry.userId, entry);
    m_now = now;
    if (!m_students.isEmpty())
        emit dataChanged(index(0, Online), index(int(m_students.size()) - 1, CurrentProject));
}

void RosterModel::setActivity(const QHash<qint64, Live::SaveActivity> &activity)
{
    if (activity == m_activity)
        return;
    m_activity = activity;
    if (!m_students.isEmpty())
        emit dataChanged(index(0, LastSave), index(int(m_students.size()) - 1, ConflictsToday));
}

int RosterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_students.size());
}

int RosterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RosterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_students.size())
        return {};
    const StudentSummary &student = m_students.at(index.row());
    if (role == StudentIdRole)
        return student.id;
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const auto presence = m_online.constFind(student.id);
    const bool online = presence != m_online.constEnd();
    switch (index.column()) {
    case Name:
        return student.displayName;
    case Username:
        return student.username;
    case Online:
        // A shape and a word: "● online" / "○ offline".
        return online ? tr("\u25CF online") : tr("\u25CB offline");
    case LastSeen: {
        const QDateTime seen = online ? presence->lastSeen : student.lastSeen;
        if (!seen.isValid())
            return tr("never");
        return QLocale().toString(seen.toLocalTime(), QLocale::ShortFormat);
    }
    case CurrentProject:
        return online && presence->projectId > 0 ? tr("Project %1").arg(presence->projectId)
                                                 : QString();
    case LastSave: {
        const QDateTime saved = m_activity.value(student.id).lastSave;
        return saved.isValid()
            ? QLocale().toString(saved.toLocalTime().time(), QLocale::ShortFormat)
            : QString();
    }
    case SavesToday:
        return m_activity.value(student.id).savesToday;
    case FailedToday: {
        // Said in words too, so a problem is not a bare number the eye skips.
        const int failed = m_activity.value(student.id).failedToday;
        return failed == 0 ? QVariant(0) : QVariant(tr("%1 \u25A0 not saved").arg(failed));
    }
    case ConflictsToday:
        return m_activity.value(student.id).conflictsToday;
    case Projects:
        return student.projectCount;
    default:
        return {};
    }
}

QVariant RosterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Username:
        return tr("Username");
    case Online:
        return tr("Online");
    case LastSeen:
        return tr("Last seen");
    case CurrentProject:
        return tr("Current project");
    case LastSave:
        return tr("Last save");
    case SavesToday:
        return tr("Saves today");
    case FailedToday:
        return tr("Failed saves today");
    case ConflictsToday:
        return tr("Conflicts today");
    case Projects:
        return tr("Projects");
    default:
        return {};
    }
}

} // namespace Blockhaus::Ui
