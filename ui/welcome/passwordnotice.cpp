// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/welcome/passwordnotice.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

PasswordNotice::PasswordNotice(const QString &username, const QString &password, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Your password"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(
        tr("This is your password for the Blockhaus web pages. It is shown only now: copy it or "
           "write it down. On this computer, the Blockhaus window opens the pages for you "
           "without it."));
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *form = new QFormLayout;
    auto *user = new QLineEdit(username);
    user->setReadOnly(true);
    user->setAccessibleName(tr("Your username"));
    form->addRow(tr("Username:"), user);
    m_password = new QLineEdit(password);
    m_password->setReadOnly(true);
    m_password->setAccessibleName(tr("Your password"));
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("Password:"), m_password);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_copy = buttons->addButton(tr("&Copy the password"), QDialogButtonBox::ActionRole);
    m_copy->setAccessibleName(tr("Copy the password"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    auto *copied = new QLabel;
    copied->setAccessibleName(tr("Copy status"));
    layout->addWidget(copied);
    layout->addWidget(buttons);
    connect(m_copy, &QPushButton::clicked, this, [this, copied] {
        QGuiApplication::clipboard()->setText(m_password->text());
        copied->setText(tr("The password is copied."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // As tall as the wrapped explanation needs at this width: a window's minimum height does not
    // ask the wrapped text, and the smallest height cut it off at the top and bottom (#13).
    resize(460, heightForWidth(460));
}

} // namespace Blockhaus::Ui
