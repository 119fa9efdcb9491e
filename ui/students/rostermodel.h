// SPDX-License-Identifier: AGPL-3.0-or-later
// RosterModel: the students of the chosen class, with their online state merged in from the live
// snapshots (online is said in words, not by colour alone).
#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "server/live/livetypes.h"
#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

class RosterModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Username,
        Online,
        LastSeen,
        CurrentProject,
        LastSave,
        SavesToday,
        FailedToday,
        ConflictsToday,
        Projects,
        ColumnCount
    };
    static constexpr int StudentIdRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setStudents(const QList<StudentSummary> &students);
    // Updates the online columns only; keeps rows, selection and sorting.
    void setPresence(const QList<Live::PresenceEntry> &online, const QDateTime &now);
    // Today's saves, failed saves and conflicts per student (from the snapshots).
    void setActivity(const QHash<qint64, Live::SaveActivity> &activity);
    const QList<StudentSummary> &students() const { return m_students; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<StudentSummary> m_students;
    QHash<qint64, Live::PresenceEntry> m_online; // by user id
    QHash<qint64, Live::SaveActivity> m_activity; // by user id
    QDateTime m_now;
};

} // namespace Blockhaus::Ui
