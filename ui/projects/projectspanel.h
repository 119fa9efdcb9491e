// SPDX-License-Identifier: AGPL-3.0-or-later
// ProjectsPanel: the "Projects" tab. Pick a student of the current class (the Students tab hands
// over the class and its students), see their projects with thumbnails or their trash, open one
// in the browser, restore it from the trash or restore an older version, and export the whole
// class's projects as .sb3 files into a folder or a zip with a progress bar. Every server call
// goes through ClassroomService and continues on the GUI thread; the window never waits.
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QUrl>
#include <QWidget>

#include "ui/classroomservice.h"

class QCheckBox;
class QLabel;
class QListView;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace Blockhaus::Ui {

class ProjectModel;

class ProjectsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProjectsPanel(ClassroomService *service, QWidget *parent = nullptr);

    // The class whose students are listed and which "Export class" exports.
    void setClass(qint64 classId, const QString &className);
    // The students of that class (the Students tab's roster); keeps the chosen one if still there.
    void setStudents(const QList<StudentSummary> &students);
    // The address students use (the join panel's), for "Open in browser".
    void setJoinAddress(const QString &address) { m_joinAddress = address; }

    // The steps behind the buttons, callable without dialogs (tests, later automation).
    QFuture<void> loadProjects(qint64 userId, bool trash);
    QFuture<void> restore(qint64 projectId);
    QFuture<void> restoreVersion(qint64 projectId, int version);
    QFuture<void> exportTo(const QString &path, bool asZip);
    QUrl editorUrl(qint64 projectId) const;
    // "Open in browser": the editor with the project, signed in through a one-time link (#13).
    QFuture<void> openProject(qint64 projectId);

    qint64 classId() const { return m_classId; }
    qint64 currentStudentId() const { return m_studentId; }
    bool showingTrash() const { return m_showingTrash; }
    qint64 selectedProjectId() const;
    ProjectModel *projects() const { return m_model; }
    QListWidget *studentList() const { return m_students; }
    QListView *projectView() const { return m_view; }
    QProgressBar *exportProgress() const { return m_progress; }
    QString message() const; // the last status sentence shown

signals:
    // Every export's end, for whoever wants to offer opening the folder.
    void exportFinished(bool ok, int files, const QString &path);

private:
    void chooseStudent();
    // announce: say how many projects there are; off after an action, whose sentence stays.
    void reload(bool announce);
    QFuture<void> fetchProjects(qint64 userId, bool trash, bool announce);
    void showMessage(const QString &text, bool problem = false);
    void updateButtons();
    QString studentName(qint64 id) const;
    void openSelected();
    void confirmRestore();
    void showVersions();
    void askExport();

    ClassroomService *m_service = nullptr;
    qint64 m_classId = 0;
    QString m_className;
    qint64 m_studentId = 0;
    bool m_showingTrash = false;
    QList<StudentSummary> m_studentSummaries;
    QString m_joinAddress;

    QListWidget *m_students = nullptr;
    QLabel *m_heading = nullptr;
    QCheckBox *m_trash = nullptr;
    ProjectModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_versions = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_message = nullptr;
    QFutureWatcher<Outcome<int>> m_exportWatcher;
};

} // namespace Blockhaus::Ui
