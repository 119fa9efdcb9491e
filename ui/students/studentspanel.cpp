// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/students/studentspanel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/signedinbrowser.h"
#include "ui/students/logincards.h"
#include "ui/students/rostermodel.h"
#include "ui/teachers/teachersdialog.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

StudentsPanel::StudentsPanel(ClassroomService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    auto *layout = new QVBoxLayout(this);

    auto *classRow = new QHBoxLayout;
    auto *classLabel = new QLabel(tr("&Class:"));
    m_classChooser = new QComboBox;
    m_classChooser->setAccessibleName(tr("Class"));
    m_classChooser->setMinimumContentsLength(20);
    classLabel->setBuddy(m_classChooser);
    m_newClass = new QPushButton(tr("&New class\u2026"));
    m_newClass->setAccessibleName(tr("New class"));
    classRow->addWidget(classLabel);
    classRow->addWidget(m_classChooser, 1);
    classRow->addWidget(m_newClass);
    layout->addLayout(classRow);

    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Find a student"));
    m_filter->setAccessibleName(tr("Find a student"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_roster = new RosterModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_roster);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view = new QTableView;
    m_view->setModel(m_proxy);
    m_view->setAccessibleName(tr("Students of the class"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RosterModel::Name, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);

    auto *actions = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add students\u2026"));
    m_add->setAccessibleName(tr("Add students"));
    m_reset = new QPushButton(tr("&Reset password\u2026"));
    m_reset->setAccessibleName(tr("Reset password"));
    m_remove = new QPushButton(tr("Re&move from class\u2026"));
    m_remove->setAccessibleName(tr("Remove from class"));
    actions->addWidget(m_add);
    actions->addWidget(m_reset);
    actions->addWidget(m_remove);
    actions->addStretch();
    // The web pages' own teacher view, signed in without a password (#13).
    m_teacherPage = new QPushButton(tr("Open the &teacher page"));
    m_teacherPage->setAccessibleName(tr("Open the teacher page in the browser"));
    m_teacherPage->setToolTip(
        tr("Opens the teacher page in the browser on this computer, already signed in."));
    actions->addWidget(m_teacherPage);
    auto *teachers = new QPushButton(tr("Tea&chers\u2026"));
    teachers->setAccessibleName(tr("Teacher accounts"));
    actions->addWidget(teachers);
    connect(teachers, &QPushButton::clicked, this, [this] {
        auto *dialog = new TeachersDialog(m_service, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    layout->addLayout(actions);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(m_classChooser, &QComboBox::currentIndexChanged, this, &StudentsPanel::chooseClass);
    connect(m_newClass, &QPushButton::clicked, this, &StudentsPanel::askForClassName);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            [this](const QString &text) { m_proxy->setFilterFixedString(text); });
    connect(m_add, &QPushButton::clicked, this, &StudentsPanel::askForNames);
    connect(m_reset, &QPushButton::clicked, this, &StudentsPanel::confirmReset);
    connect(m_remove, &QPushButton::clicked, this, &StudentsPanel::confirmRemove);
    connect(m_teacherPage, &QPushButton::clicked, this, &StudentsPanel::openTeacherPage);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StudentsPanel::updateButtons);
    // The passwords exist only now: show them (and offer the cards) whenever accounts are made.
    connect(this, &StudentsPanel::accountsCreated, this,
            [this](const QList<NewStudentAccount> &accounts) {
                showAccounts(accounts, tr("New accounts"));
            });
    updateButtons();
}

void StudentsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadClasses();
}

qint64 StudentsPanel::currentClassId() const
{
    const int index = m_classChooser->currentIndex();
    return index >= 0 && index < m_classes.size() ? m_classes.at(index).id : 0;
}

QString StudentsPanel::currentClassName() const
{
    const int index = m_classChooser->currentIndex();
    return index >= 0 && index < m_classes.size() ? m_classes.at(index).name : QString();
}

QString StudentsPanel::currentJoinCode() const
{
    const int index = m_classChooser->currentIndex();
    return index >= 0 && index < m_classes.size() ? m_classes.at(index).joinCode : QString();
}

QString StudentsPanel::message() const
{
    return m_message->text();
}

void StudentsPanel::showMessage(const QString &text, bool problem)
{
    // Words carry the meaning; the prefix only repeats it for a quick glance.
    m_message->setText(problem ? tr("Problem: %1").arg(text) : text);
}

void StudentsPanel::updateButtons()
{
    const bool haveClass = currentClassId() > 0;
    const bool haveStudent = selectedStudentId() > 0;
    m_add->setEnabled(haveClass);
    m_reset->setEnabled(haveStudent);
    m_remove->setEnabled(haveClass && haveStudent);
}

qint64 StudentsPanel::selectedStudentId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(RosterModel::StudentIdRole).toLongLong();
}

QString StudentsPanel::studentName(qint64 id) const
{
    for (const StudentSummary &student : m_roster->students())
        if (student.id == id)
            return student.displayName;
    return {};
}

void StudentsPanel::showSnapshot(const Live::LiveSnapshot &snapshot)
{
    m_roster->setPresence(snapshot.online, snapshot.takenAt);
    m_roster->setActivity(snapshot.saveActivity);
    // Classes and accounts made on the web pages, through the API or by another process show
    // up here (and on the join screen) without the teacher looking again.
    // The first revision seen counts as a change too: the tab's own first load may have run
    // before a change that this revision already includes.
    if (snapshot.rosterRevision >= 0 && snapshot.rosterRevision != m_rosterRevision) {
        m_rosterRevision = snapshot.rosterRevision;
        reloadClasses();
    }
}

QFuture<void> StudentsPanel::reloadClasses(qint64 select)
{
    const qint64 keep = select > 0 ? select : currentClassId();
    return m_service->classes().then(
        this, [this, keep](const Outcome<QList<ClassSummary>> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            const QSignalBlocker blocker(m_classChooser);
            m_classes = *outcome.value;
            m_classChooser->clear();
            int chosen = m_classes.isEmpty() ? -1 : 0;
            for (int i = 0; i < m_classes.size(); ++i) {
                const ClassSummary &summary = m_classes.at(i);
                m_classChooser->addItem(
                    tr("%1 (code %2, %n student(s))", nullptr, summary.studentCount)
                        .arg(summary.name, summary.joinCode));
                if (summary.id == keep)
                    chosen = i;
            }
            const QString noClass =
                tr("There is no class yet. Create one with \u201cNew class\u201d.");
            if (m_classes.isEmpty()) {
                showMessage(noClass);
                emit noClassesYet();
            } else {
                if (m_message->text() == noClass)
                    m_message->clear(); // a class exists now (made here or on the web pages)
                emit classesExist();
            }
            m_classChooser->setCurrentIndex(chosen);
            chooseClass(chosen);
        });
}

void StudentsPanel::chooseClass(int index)
{
    if (index < 0 || index >= m_classes.size()) {
        m_roster->setStudents({});
        emit classSelected({}, {});
        updateButtons();
        return;
    }
    emit classSelected(m_classes.at(index).name, m_classes.at(index).joinCode);
    reloadStudents();
    updateButtons();
}

QFuture<void> StudentsPanel::reloadStudents()
{
    const qint64 classId = currentClassId();
    return m_service->students(classId).then(
        this, [this, classId](const Outcome<QList<StudentSummary>> &outcome) {
            if (classId != currentClassId())
                return; // the teacher chose another class meanwhile
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            m_roster->setStudents(*outcome.value);
            updateButtons();
        });
}

QFuture<void> StudentsPanel::createClass(const QString &name)
{
    return m_service->createClass(name).then(this, [this](const Outcome<ClassSummary> &outcome) {
        if (!outcome.ok()) {
            showMessage(outcome.error, true);
            return;
        }
        showMessage(tr("Class \u201c%1\u201d created. Its code is %2.")
                        .arg(outcome.value->name, outcome.value->joinCode));
        // Select it once the list is fresh, so its count and code are the server's.
        reloadClasses(outcome.value->id);
    });
}

QFuture<void> StudentsPanel::addStudents(const QStringList &names)
{
    return m_service->addStudents(currentClassId(), names)
        .then(this, [this](const Outcome<QList<NewStudentAccount>> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            showMessage(tr("%n student account(s) created.", nullptr, int(outcome.value->size())));
            emit accountsCreated(*outcome.value);
            reloadStudents();
        });
}

QFuture<void> StudentsPanel::resetPassword(qint64 userId)
{
    const QString name = studentName(userId);
    return m_service->resetPassword(userId).then(
        this, [this, name](const Outcome<QString> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            showMessage(tr("New password for %1: %2").arg(name, *outcome.value));
            emit passwordReset(name, *outcome.value);
        });
}

QFuture<void> StudentsPanel::removeStudent(qint64 userId)
{
    const QString name = studentName(userId);
    return m_service->removeStudent(currentClassId(), userId)
        .then(this, [this, name](const Outcome<bool> &outcome) {
            if (!outcome.ok()) {
                showMessage(outcome.error, true);
                return;
            }
            showMessage(tr("%1 was taken out of the class. Their projects stay theirs.").arg(name));
            reloadStudents();
        });
}

void StudentsPanel::askForClassName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New class"), tr("Name of the class:"),
                                               QLineEdit::Normal, {}, &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        createClass(name);
}

void StudentsPanel::askForNames()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add students to %1").arg(currentClassName()));
    auto *layout = new QVBoxLayout(&dialog);
    auto *hint = new QLabel(tr("Paste or type the names, one per line (for example “Anna M.”). "
                               "Blockhaus makes a username and a password for each."));
    hint->setWordWrap(true);
    auto *names = new QPlainTextEdit;
    names->setAccessibleName(tr("Names, one per line"));
    hint->setBuddy(names);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create accounts"));
    layout->addWidget(hint);
    layout->addWidget(names);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    dialog.resize(420, 360);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList list;
    for (const QString &line : names->toPlainText().split(u'\n')) {
        const QString name = line.trimmed();
        if (!name.isEmpty())
            list.append(name);
    }
    if (!list.isEmpty())
        addStudents(list); // the accounts dialog opens when they exist (accountsCreated)
}

void StudentsPanel::confirmReset()
{
    const qint64 id = selectedStudentId();
    if (id <= 0)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Reset password"),
        tr("Give %1 a new password? The old one stops working at once.").arg(studentName(id)));
    if (answer == QMessageBox::Yes)
        resetPassword(id);
}

void StudentsPanel::confirmRemove()
{
    const qint64 id = selectedStudentId();
    if (id <= 0)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Remove from class"),
        tr("Take %1 out of %2? Their projects stay theirs; they are no longer shared with "
           "this class.")
            .arg(studentName(id), currentClassName()));
    if (answer == QMessageBox::Yes)
        removeStudent(id);
}

void StudentsPanel::showAccounts(const QList<NewStudentAccount> &accounts, const QString &title)
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    auto *hint = new QLabel(tr("The passwords are shown only now. Print the login cards or write "
                               "them down."));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    auto *table = new QTableWidget(int(accounts.size()), 3);
    table->setAccessibleName(tr("New accounts with their passwords"));
    table->setHorizontalHeaderLabels({tr("Name"), tr("Username"), tr("Password")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int row = 0; row < accounts.size(); ++row) {
        const NewStudentAccount &account = accounts.at(row);
        table->setItem(row, 0, new QTableWidgetItem(account.displayName));
        auto *username = new QTableWidgetItem(account.username);
        auto *password = new QTableWidgetItem(account.password);
        username->setFont(mono);
        password->setFont(mono);
        table->setItem(row, 1, username);
        table->setItem(row, 2, password);
    }
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *pdf =
        buttons->addButton(tr("Save login cards as &PDF\u2026"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    const QString className = currentClassName();
    const QString code = currentJoinCode();
    const QString joinUrl = m_joinAddress + (code.isEmpty() ? u"/join"_s : u"/join/"_s + code);
    connect(pdf, &QPushButton::clicked, dialog, [dialog, accounts, className, code, joinUrl] {
        const QString path = QFileDialog::getSaveFileName(
            dialog, tr("Save login cards"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u"/"_s
                + tr("Login cards %1.pdf").arg(className),
            tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        QList<LoginCard> cards;
        for (const NewStudentAccount &account : accounts)
            cards.append({account.displayName, account.username, account.password, className, code,
                          joinUrl});
        QString error;
        if (!LoginCardsWriter::writePdf(cards, path, &error))
            QMessageBox::warning(dialog, tr("Login cards"), error);
    });
    dialog->resize(560, 420);
    dialog->open();
}

QFuture<void> StudentsPanel::openTeacherPage()
{
    return openSignedIn(m_service, this, u"/teacher"_s,
                        [this](const QString &problem) { showMessage(problem, true); });
}

} // namespace Blockhaus::Ui
