// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/welcome/welcomedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

WelcomeDialog::WelcomeDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Blockhaus"));
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("Welcome to Blockhaus!"));
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    heading->setFont(big);
    layout->addWidget(heading);
    auto *text = new QLabel(
        tr("Your students will open Blockhaus in their browsers and save their Scratch projects "
           "on this computer. Start with your own account and your first class: its code lets "
           "the students join."));
    text->setWordWrap(true);
    layout->addWidget(text);

    // The teacher's own account: this window opens the web pages signed in, but a password lets
    // the teacher sign in from another computer too (#13).
    auto *account = new QGroupBox(tr("Your account for the web pages"));
    auto *form = new QFormLayout(account);
    m_teacherName = new QLineEdit;
    m_teacherName->setPlaceholderText(tr("for example Ms Weber"));
    m_teacherName->setAccessibleName(tr("Your name"));
    form->addRow(tr("Your na&me:"), m_teacherName);
    m_choose = new QRadioButton(tr("I c&hoose my password"));
    m_choose->setAccessibleName(tr("I choose my password"));
    m_choose->setChecked(true);
    m_make = new QRadioButton(tr("Ma&ke a password for me (shown once)"));
    m_make->setAccessibleName(tr("Make a password for me"));
    form->addRow(m_choose);
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    form->addRow(tr("&Password:"), m_password);
    m_confirm = new QLineEdit;
    m_confirm->setEchoMode(QLineEdit::Password);
    m_confirm->setAccessibleName(tr("Repeat the password"));
    form->addRow(tr("&Repeat it:"), m_confirm);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("About the password"));
    form->addRow(m_hint);
    form->addRow(m_make);
    layout->addWidget(account);

    auto *label = new QLabel(tr("&Name of your class:"));
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("for example 5b or Coding Club"));
    m_name->setAccessibleName(tr("Name of your class"));
    label->setBuddy(m_name);
    layout->addWidget(label);
    layout->addWidget(m_name);
    auto *buttons = new QDialogButtonBox;
    m_create = buttons->addButton(tr("Create the class and show the join screen"),
                                  QDialogButtonBox::AcceptRole);
    m_create->setAccessibleName(tr("Create the class and show the join screen"));
    m_create->setDefault(true);
    QPushButton *later = buttons->addButton(tr("Later"), QDialogButtonBox::RejectRole);
    later->setAccessibleName(tr("Later"));
    layout->addWidget(buttons);
    for (QLineEdit *field : {m_teacherName, m_password, m_confirm, m_name})
        connect(field, &QLineEdit::textChanged, this, &WelcomeDialog::updateState);
    connect(m_choose, &QRadioButton::toggled, this, &WelcomeDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
    resize(560, 0);
}

void WelcomeDialog::updateState()
{
    const bool choosing = m_choose->isChecked();
    m_password->setEnabled(choosing);
    m_confirm->setEnabled(choosing);
    const QString password = m_password->text();
    // Said in words, so nothing depends on a disabled button's look alone.
    QString hint;
    bool passwordReady = true;
    if (choosing) {
        if (password.size() < ClassroomService::minPasswordLength) {
            hint = tr("A password needs at least %1 characters.")
                       .arg(ClassroomService::minPasswordLength);
            passwordReady = false;
        } else if (m_confirm->text() != password) {
            hint = tr("The two passwords are not the same yet.");
            passwordReady = false;
        } else {
            hint = tr("The passwords match.");
        }
    } else {
        hint = tr("Blockhaus makes a password and shows it to you once, with a Copy button.");
    }
    m_hint->setText(hint);
    m_create->setEnabled(passwordReady && !teacherName().isEmpty() && !className().isEmpty());
}

QString WelcomeDialog::className() const
{
    return m_name->text().trimmed();
}

QString WelcomeDialog::teacherName() const
{
    return m_teacherName->text().trimmed();
}

std::optional<QString> WelcomeDialog::chosenPassword() const
{
    if (!m_choose->isChecked())
        return std::nullopt;
    return m_password->text();
}

} // namespace Blockhaus::Ui
