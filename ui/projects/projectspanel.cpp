// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/projects/projectspanel.h"

#include <algorithm>

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "ui/projects/projectmodel.h"
#include "ui/signedinbrowser.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int StudentIdRole = Qt::UserRole + 1;
constexpr int VersionNumberRole = Qt::UserRole + 2;

QString studentLabel(const StudentSummary &student)
{
    return student.displayName.isEmpty() ? student.username : student.displayName;
}

} // namespace

ProjectsPanel::ProjectsPanel(ClassroomService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    auto *layout = new QHBoxLayout(this);

    auto *left = new QVBoxLayout;
    auto *studentsLabel = new QLabel(tr("S&tudents:"));
    m_students = new QListWidget;
    m_students->setAccessibleName(tr("Students of the class"));
    m_students->setSelectionMode(QAbstractItemView::SingleSelection);
    m_students->setMinimumWidth(180);
    studentsLabel->setBuddy(m_students);
    left->addWidget(studentsLabel);
    left->addWidget(m_students, 1);
    m_export = new QPushButton(tr("&Export class\u2026"));
    m_export->setAccessibleName(tr("Export the projects of the whole class"));
    left->addWidget(m_export);
    layout->addLayout(left);

    auto *right = new QVBoxLayout;
    auto *top = new QHBoxLayout;
    m_heading = new QLabel(tr("Choose a student to see their projects."));
    m_heading->setAccessibleName(tr("Whose projects are shown"));
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_trash = new QCheckBox(tr("Show t&rash"));
    m_trash->setAccessibleName(tr("Show the projects in the trash instead"));
    top->addWidget(m_heading, 1);
    top->addWidget(m_trash);
    right->addLayout(top);

    m_model = new ProjectModel(this);
    m_view = new QListView;
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Projects of the student"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setIconSize(ProjectModel::tileSize);
    m_view->setGridSize(ProjectModel::tileSize + QSize(40, 64));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    right->addWidget(m_view, 1);

    auto *actions = new QHBoxLayout;
    m_open = new QPushButton(tr("&Open in browser"));
    m_open->setAccessibleName(tr("Open the project in the browser"));
    m_restore = new QPushButton(tr("Restore from tras&h"));
    m_restore->setAccessibleName(tr("Restore the project from the trash"));
    m_versions = new QPushButton(tr("&Versions\u2026"));
    m_versions->setAccessibleName(tr("Earlier versions of the project"));
    actions->addWidget(m_open);
    actions->addWidget(m_restore);
    actions->addWidget(m_versions);
    actions->addStretch();
    right->addLayout(actions);

    m_progress = new QProgressBar;
    m_progress->setAccessibleName(tr("Export progress"));
    // Words in the bar, so the progress is not told by the filled length alone.
    m_progress->setFormat(tr("%v of %m projects"));
    m_progress->setTextVisible(true);
    m_progress->hide();
    right->addWidget(m_progress);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(m_message);
    layout->addLayout(right, 1);

    connect(m_students, &QListWidget::itemSelectionChanged, this, &ProjectsPanel::chooseStudent);
    connect(m_trash, &QCheckBox::toggled, this, [this] { reload(true); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProjectsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProjectsPanel::updateButtons);
    connect(m_view, &QListView::activated, this, [this] {
        if (m_showingTrash)
            confirmRestore();
        else
            openSelected();
    });
    connect(m_open, &QPushButton::clicked, this, &ProjectsPanel::openSelected);
    connect(m_restore, &QPushButton::clicked, this, &ProjectsPanel::confirmRestore);
    connect(m_versions, &QPushButton::clicked, this, &ProjectsPanel::showVersions);
    connect(m_export, &QPushButton::clicked, this, &ProjectsPanel::askExport);
    connect(&m_exportWatcher, &QFutureWatcherBase::progressRangeChanged, m_progress,
            &QProgressBar::setRange);
    connect(&m_exportWatcher, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    updateButtons();
}

void ProjectsPanel::setClass(qint64 classId, const QString &className)
{
    if (classId != m_classId) {
        m_studentSummaries.clear();
        m_students->clear();
        m_studentId = 0;
        m_model->setProjects({});
        m_heading->setText(tr("Choose a student to see their projects."));
    }
    m_classId = classId;
    m_className = className;
    updateButtons();
}

void ProjectsPanel::setStudents(const QList<StudentSummary> &students)
{
    const qint64 keep = m_studentId;
    m_studentSummaries = students;
    {
        // The list is rebuilt without reloading projects; the chosen student is chosen again.
        const QSignalBlocker blocker(m_students);
        m_students->clear();
        for (const StudentSummary &student : students) {
            auto *item = new QListWidgetItem(studentLabel(student), m_students);
            item->setData(StudentIdRole, student.id);
            item->setToolTip(student.username);
            if (student.id == keep)
                item->setSelected(true);
        }
    }
    const bool stillThere = std::any_of(students.cbegin(), students.cend(),
                                        [keep](const StudentSummary &s) { return s.id == keep; });
    if (!stillThere && keep != 0) {
        m_studentId = 0;
        m_model->setProjects({});
        m_heading->setText(tr("Choose a student to see their projects."));
    }
    updateButtons();
}

QString ProjectsPanel::studentName(qint64 id) const
{
    for (const StudentSummary &student : m_studentSummaries)
        if (student.id == id)
            return studentLabel(student);
    return {};
}

QString ProjectsPanel::message() const
{
    return m_message->text();
}

void ProjectsPanel::showMessage(const QString &text, bool problem)
{
    // Words carry the meaning; the prefix only repeats it for a quick glance.
    m_message->setText(problem ? tr("Problem: %1").arg(text) : text);
}

qint64 ProjectsPanel::selectedProjectId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedIndexes();
    return rows.isEmpty() ? 0 : rows.first().data(ProjectModel::ProjectIdRole).toLongLong();
}

void ProjectsPanel::updateButtons()
{
    const bool haveProject = selectedProjectId() > 0;
    m_open->setEnabled(haveProject && !m_showingTrash);
    m_versions->setEnabled(haveProject && !m_showingTrash);
    m_restore->setEnabled(haveProject && m_showingTrash);
    m_export->setEnabled(m_classId > 0 && !m_exportWatcher.isRunning());
}

void ProjectsPanel::chooseStudent()
{
    const QList<QListWidgetItem *> items = m_students->selectedItems();
    if (items.isEmpty())
        return;
    loadProjects(items.first()->data(StudentIdRole).toLongLong(), m_trash->isChecked());
}

void ProjectsPanel::reload(bool announce)
{
    if (m_studentId > 0)
        fetchProjects(m_studentId, m_trash->isChecked(), announce);
}

QFuture<void> ProjectsPanel::loadProjects(qint64 userId, bool trash)
{
    return fetchProjects(userId, trash, true);
}

QFuture<void> ProjectsPanel::fetchProjects(qint64 userId, bool trash, bool announce)
{
    m_studentId = userId;
    m_showingTrash = trash;
    {
        const QSignalBlocker blocker(m_trash);
        m_trash->setChecked(trash);
    }
    const QString name = studentName(userId);
    m_heading->setText(trash ? tr("Trash of %1").arg(name) : tr("Projects of %1").arg(name));
    updateButtons();
    return m_service->studentProjects(userId, trash)
        .then(this,
              [this, userId, trash, name, announce](const Outcome<QList<ProjectSummary>> &outcome) {
                  if (userId != m_studentId || trash != m_showingTrash)
                      return; // the teacher looked elsewhere meanwhile
                  if (!outcome.ok()) {
                      showMessage(outcome.error, true);
                      return;
                  }
                  m_model->setProjects(*outcome.value);
                  if (!announce)
                      return;
                  if (outcome.value->isEmpty())
                      showMessage(trash ? tr("The trash of %1 is empty.").arg(name)
                                        : tr("%1 has no projects yet.").arg(name));
                  else
                      showMessage(tr("%n project(s).", nullptr, int(outcome.value->size())));
              });
}

QFuture<void> ProjectsPanel::restore(qint64 projectId)
{
    return m_service->restoreFromTrash(projectId).then(
        this, [this](const Outcome<ProjectSummary> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            showMessage(tr("\u201c%1\u201d is out of the trash and back among the projects of %2.")
                            .arg(outcome.value->title, outcome.value->ownerName));
            reload(false);
        });
}

QFuture<void> ProjectsPanel::restoreVersion(qint64 projectId, int version)
{
    return m_service->restoreVersion(projectId, version)
        .then(this, [this, version](const Outcome<ProjectSummary> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            showMessage(tr("\u201c%1\u201d has the content of version %2 again, saved as the new "
                           "version %3. The versions in between are still kept.")
                            .arg(outcome.value->title)
                            .arg(version)
                            .arg(outcome.value->version));
            reload(false);
        });
}

QFuture<void> ProjectsPanel::exportTo(const QString &path, bool asZip)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFuture<Outcome<int>> future = m_service->exportClass(m_classId, path, asZip);
    // Busy until the service knows how many projects there are.
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_progress->show();
    m_exportWatcher.setFuture(future);
    showMessage(tr("Exporting the projects of %1\u2026").arg(m_className));
    updateButtons();
    return future.then(this, [this, shown, asZip](const Outcome<int> &outcome) {
        // The watcher may not have delivered its last progress yet: the bar ends full.
        m_progress->setRange(0, qMax(1, m_exportWatcher.progressMaximum()));
        m_progress->setValue(m_progress->maximum());
        updateButtons();
        if (!outcome.ok()) {
            m_progress->hide();
            showMessage(outcome.error, true);
            emit exportFinished(false, 0, shown);
            return;
        }
        const int files = *outcome.value;
        if (files == 0)
            showMessage(tr("There are no projects in %1 to export yet.").arg(m_className));
        else if (asZip)
            showMessage(
                tr("%n project file(s) saved in the zip file %1.", nullptr, files).arg(shown));
        else
            showMessage(
                tr("%n project file(s) saved in the folder %1.", nullptr, files).arg(shown));
        emit exportFinished(true, files, shown);
    });
}

QUrl ProjectsPanel::editorUrl(qint64 projectId) const
{
    if (m_joinAddress.isEmpty())
        return {};
    return QUrl(m_joinAddress + u"/editor?project="_s + QString::number(projectId));
}

void ProjectsPanel::openSelected()
{
    openProject(selectedProjectId());
}

QFuture<void> ProjectsPanel::openProject(qint64 projectId)
{
    // Signed in already: the teacher has no password to type at first (#13).
    return openSignedIn(m_service, this, u"/editor?project="_s + QString::number(projectId),
                        [this](const QString &problem) { showMessage(problem, true); });
}

void ProjectsPanel::confirmRestore()
{
    const qint64 id = selectedProjectId();
    if (id <= 0 || !m_showingTrash)
        return;
    const int row = m_model->rowOf(id);
    const QString title = m_model->index(row).data(ProjectModel::TitleRole).toString();
    const auto answer =
        QMessageBox::question(this, tr("Restore from trash"),
                              tr("Put \u201c%1\u201d back among the projects of %2?")
                                  .arg(title, studentName(m_studentId)));
    if (answer == QMessageBox::Yes)
        restore(id);
}

void ProjectsPanel::showVersions()
{
    const qint64 projectId = selectedProjectId();
    if (projectId <= 0)
        return;
    const QString title =
        m_model->index(m_model->rowOf(projectId)).data(ProjectModel::TitleRole).toString();
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Versions of \u201c%1\u201d").arg(title));
    auto *layout = new QVBoxLayout(dialog);
    auto *hint = new QLabel(tr("Blockhaus keeps the last saved versions. Restoring one saves its "
                               "content as a new version; nothing is lost."));
    hint->setWordWrap(true);
    auto *list = new QListWidget;
    list->setAccessibleName(tr("Saved versions, newest first"));
    hint->setBuddy(list);
    auto *status = new QLabel(tr("Loading\u2026"));
    status->setAccessibleName(tr("Message"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *restoreButton =
        buttons->addButton(tr("&Restore this version\u2026"), QDialogButtonBox::ActionRole);
    restoreButton->setAccessibleName(tr("Restore the chosen version"));
    restoreButton->setEnabled(false);
    layout->addWidget(hint);
    layout->addWidget(list, 1);
    layout->addWidget(status);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(list, &QListWidget::itemSelectionChanged, restoreButton, [list, restoreButton] {
        const QList<QListWidgetItem *> items = list->selectedItems();
        // The newest is the current version: restoring it would change nothing.
        restoreButton->setEnabled(!items.isEmpty() && list->row(items.first()) > 0);
    });
    connect(restoreButton, &QPushButton::clicked, dialog, [this, dialog, list, projectId, title] {
        const QList<QListWidgetItem *> items = list->selectedItems();
        if (items.isEmpty())
            return;
        const int version = items.first()->data(VersionNumberRole).toInt();
        const auto answer = QMessageBox::question(
            dialog, tr("Restore this version"),
            tr("Make version %1 of \u201c%2\u201d the current one? It is saved as a new version; "
               "the current one stays in the list.")
                .arg(version)
                .arg(title));
        if (answer != QMessageBox::Yes)
            return;
        restoreVersion(projectId, version);
        dialog->accept();
    });
    const QPointer<QDialog> guard(dialog);
    m_service->versions(projectId).then(
        this, [guard, list, status](const Outcome<QList<VersionSummary>> &outcome) {
            if (!guard)
                return; // closed before the answer came
            if (!outcome.ok()) {
                status->setText(tr("Problem: %1").arg(outcome.error));
                return;
            }
            const QLocale locale;
            bool first = true;
            for (const VersionSummary &version : *outcome.value) {
                QString text =
                    tr("Version %1, saved %2 by %3 (%4)")
                        .arg(version.version)
                        .arg(locale.toString(version.savedAt.toLocalTime(), QLocale::ShortFormat),
                             version.savedBy, locale.formattedDataSize(version.size));
                if (first)
                    text = tr("%1 \u2013 current").arg(text);
                first = false;
                auto *item = new QListWidgetItem(text, list);
                item->setData(VersionNumberRole, version.version);
            }
            status->setText(tr("%n version(s) kept.", nullptr, int(outcome.value->size())));
        });
    dialog->resize(520, 360);
    dialog->open();
}

void ProjectsPanel::askExport()
{
    if (m_classId <= 0)
        return;
    QMessageBox box(QMessageBox::Question, tr("Export class"),
                    tr("Export every project of the students of %1 as .sb3 files. Where should "
                       "they go?")
                        .arg(m_className),
                    QMessageBox::Cancel, this);
    QPushButton *folder = box.addButton(tr("Into a &folder\u2026"), QMessageBox::AcceptRole);
    QPushButton *zip = box.addButton(tr("Into one &zip file\u2026"), QMessageBox::AcceptRole);
    box.exec();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (box.clickedButton() == folder) {
        const QString path =
            QFileDialog::getExistingDirectory(this, tr("Export the projects into"), documents);
        if (!path.isEmpty())
            exportTo(path, false);
    } else if (box.clickedButton() == zip) {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the projects as"),
            documents + u'/' + tr("Projects of %1.zip").arg(m_className), tr("Zip files (*.zip)"));
        if (!path.isEmpty())
            exportTo(path, true);
    }
}

} // namespace Blockhaus::Ui
