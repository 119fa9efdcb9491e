// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/projects/projectmodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStyle>

namespace Blockhaus::Ui {

namespace {

QString when(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

// A picture for projects without a thumbnail (never opened in the editor since it was made):
// the palette's colours, so it fits light and dark themes, with a file icon in the middle.
QPixmap placeholderPixmap()
{
    QPixmap pixmap(ProjectModel::tileSize);
    const QPalette palette = QApplication::palette();
    pixmap.fill(palette.color(QPalette::AlternateBase));
    QPainter painter(&pixmap);
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_FileIcon);
    const int side = 48;
    icon.paint(&painter, (pixmap.width() - side) / 2, (pixmap.height() - side) / 2, side, side);
    return pixmap;
}

} // namespace

ProjectModel::ProjectModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_placeholder(placeholderPixmap())
{
}

void ProjectModel::setProjects(const QList<ProjectSummary> &projects)
{
    beginResetModel();
    m_projects = projects;
    m_pixmaps.clear();
    for (const ProjectSummary &project : std::as_const(m_projects)) {
        QPixmap pixmap;
        // A thumbnail that does not decode is shown as the placeholder, not as a blank tile.
        if (project.thumbnail.isEmpty() || !pixmap.loadFromData(project.thumbnail))
            pixmap = m_placeholder;
        else
            pixmap = pixmap.scaled(tileSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        m_pixmaps.append(pixmap);
    }
    endResetModel();
}

int ProjectModel::rowOf(qint64 projectId) const
{
    for (int row = 0; row < m_projects.size(); ++row)
        if (m_projects.at(row).id == projectId)
            return row;
    return -1;
}

int ProjectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_projects.size());
}

QString ProjectModel::savedText(const ProjectSummary &project) const
{
    // Words, not a colour or an icon alone, say that a project is in the trash.
    if (project.deletedAt.isValid())
        return tr("In the trash since %1").arg(when(project.deletedAt));
    return tr("Saved %1").arg(when(project.updatedAt));
}

QVariant ProjectModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_projects.size())
        return {};
    const ProjectSummary &project = m_projects.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QString(project.title + u'\n' + savedText(project));
    case Qt::DecorationRole:
        return m_pixmaps.at(index.row());
    case Qt::ToolTipRole:
        return tr("%1\n%2\nVersion %3").arg(project.title, savedText(project)).arg(project.version);
    case Qt::AccessibleTextRole:
        return tr("%1, %2").arg(project.title, savedText(project));
    case ProjectIdRole:
        return project.id;
    case VersionRole:
        return project.version;
    case TitleRole:
        return project.title;
    case TrashedRole:
        return project.deletedAt.isValid();
    default:
        return {};
    }
}

} // namespace Blockhaus::Ui
