// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/teachers/teachersdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/welcome/passwordnotice.h"

namespace Blockhaus::Ui {

TeachersDialog::TeachersDialog(ClassroomService *service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
{
    setWindowTitle(tr("Teachers"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Username"), tr("Role")});
    m_table->setAccessibleName(tr("Teacher accounts"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);
    m_reset = new QPushButton(tr("&Reset password\u2026"));
    m_reset->setAccessibleName(tr("Reset the teacher's password"));
    layout->addWidget(m_reset, 0, Qt::AlignLeft);

    auto *form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setAccessibleName(tr("Name of the new teacher"));
    m_name->setPlaceholderText(tr("for example Ms Weber"));
    form->addRow(tr("&Name:"), m_name);
    m_username = new QLineEdit;
    m_username->setAccessibleName(tr("Username of the new teacher"));
    m_username->setPlaceholderText(tr("letters, digits, dots, dashes"));
    form->addRow(tr("&Username:"), m_username);
    layout->addLayout(form);
    m_create = new QPushButton(tr("&Add teacher"));
    m_create->setAccessibleName(tr("Add the teacher"));
    layout->addWidget(m_create, 0, Qt::AlignLeft);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this,
            [this] { createTeacher(m_name->text(), m_username->text()); });
    connect(m_reset, &QPushButton::clicked, this, &TeachersDialog::confirmReset);
    connect(m_name, &QLineEdit::textChanged, this, &TeachersDialog::updateButtons);
    connect(m_username, &QLineEdit::textChanged, this, &TeachersDialog::updateButtons);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TeachersDialog::updateButtons);
    updateButtons();
    resize(560, 480);
    reload();
}

QString TeachersDialog::message() const
{
    return m_message->text();
}

void TeachersDialog::showMessage(const QString &text, bool problem)
{
    m_message->setText(problem ? tr("Problem: %1").arg(text) : text);
}

void TeachersDialog::updateButtons()
{
    m_create->setEnabled(!m_name->text().trimmed().isEmpty()
                         && !m_username->text().trimmed().isEmpty());
    m_reset->setEnabled(m_table->currentRow() >= 0 && !m_table->selectedItems().isEmpty());
}

QFuture<void> TeachersDialog::reload()
{
    return m_service->teachers().then(this, [this](const Outcome<QList<TeacherSummary>> &list) {
        if (!list.ok()) {
            showMessage(list.error, true);
            return;
        }
        m_teachers = *list.value;
        m_table->setRowCount(int(m_teachers.size()));
        for (int row = 0; row < m_teachers.size(); ++row) {
            const TeacherSummary &teacher = m_teachers.at(row);
            m_table->setItem(row, 0, new QTableWidgetItem(teacher.displayName));
            m_table->setItem(row, 1, new QTableWidgetItem(teacher.username));
            m_table->setItem(row, 2,
                             new QTableWidgetItem(teacher.admin ? tr("Administrator (this window)")
                                                                : tr("Teacher")));
        }
        updateButtons();
    });
}

QFuture<void> TeachersDialog::createTeacher(const QString &displayName, const QString &username)
{
    return m_service->createTeacher(displayName, username)
        .then(this, [this](const Outcome<OwnAccount> &made) {
            if (!made.ok()) {
                showMessage(made.error, true);
                return;
            }
            m_name->clear();
            m_username->clear();
            showMessage(tr("The account %1 is made.").arg(made.value->username));
            showPassword(made.value->username, made.value->password);
            reload();
        });
}

QFuture<void> TeachersDialog::resetPassword(qint64 userId)
{
    QString username;
    for (const TeacherSummary &teacher : std::as_const(m_teachers)) {
        if (teacher.id == userId)
            username = teacher.username;
    }
    return m_service->resetPassword(userId).then(
        this, [this, username](const Outcome<QString> &password) {
            if (!password.ok()) {
                showMessage(password.error, true);
                return;
            }
            showMessage(tr("%1 has a new password; the old one no longer works.").arg(username));
            showPassword(username, *password.value);
        });
}

void TeachersDialog::confirmReset()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_teachers.size())
        return;
    const TeacherSummary teacher = m_teachers.at(row);
    const auto answer = QMessageBox::question(
        this, tr("Reset password"),
        tr("Give %1 a new password? The old one stops working at once.").arg(teacher.displayName));
    if (answer == QMessageBox::Yes)
        resetPassword(teacher.id);
}

void TeachersDialog::showPassword(const QString &username, const QString &password)
{
    auto *notice = new PasswordNotice(username, password, this);
    notice->setAttribute(Qt::WA_DeleteOnClose);
    notice->open();
    emit passwordShown(username, password);
}

} // namespace Blockhaus::Ui
