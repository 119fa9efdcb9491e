// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/welcome/welcomedialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

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
           "on this computer. Start with your first class: its code lets the students join."));
    text->setWordWrap(true);
    layout->addWidget(text);
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
    m_create->setDefault(true);
    m_create->setEnabled(false);
    buttons->addButton(tr("Later"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);
    connect(m_name, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_create->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, 0);
}

QString WelcomeDialog::className() const
{
    return m_name->text().trimmed();
}

} // namespace Blockhaus::Ui
