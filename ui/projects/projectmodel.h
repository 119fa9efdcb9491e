// SPDX-License-Identifier: AGPL-3.0-or-later
// ProjectModel: one student's projects for the Projects tab, as a list of tiles (thumbnail,
// title, when last saved). Built from ClassroomService values; holds no business logic.
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPixmap>

#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

class ProjectModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        ProjectIdRole = Qt::UserRole + 1,
        VersionRole,
        TitleRole,
        TrashedRole,
    };

    // The size thumbnails are shown at (Scratch's own are 480x360).
    static constexpr QSize tileSize{160, 120};

    explicit ProjectModel(QObject *parent = nullptr);

    void setProjects(const QList<ProjectSummary> &projects);
    const QList<ProjectSummary> &projects() const { return m_projects; }
    // The row of a project, or -1.
    int rowOf(qint64 projectId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString savedText(const ProjectSummary &project) const;

    QList<ProjectSummary> m_projects;
    QList<QPixmap> m_pixmaps; // decoded once per list, not on every paint
    QPixmap m_placeholder;
};

} // namespace Blockhaus::Ui
