// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/startup/portinusedialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

PortInUseDialog::PortInUseDialog(quint16 takenPort, quint16 freePort, QWidget *parent)
    : QDialog(parent)
    , m_freePort(freePort)
{
    setWindowTitle(tr("Blockhaus: port in use"));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    // The icon only repeats what the words say.
    auto *icon = new QLabel;
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size));
    icon->setAccessibleName(tr("Warning"));
    icon->setAlignment(Qt::AlignTop);
    row->addWidget(icon);
    const QString message =
        tr("Blockhaus cannot use port %1 because another program is using it. Students would "
           "need a different address.")
            .arg(takenPort)
        + u"\n\n"
        + tr("Port %1 is free. Blockhaus can use it now, or from now on at every start.")
              .arg(freePort);
    m_message = new QLabel(message);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Port %1 is in use").arg(takenPort));
    m_message->setAccessibleDescription(message);
    row->addWidget(m_message, 1);
    layout->addLayout(row);

    auto *buttons = new QDialogButtonBox;
    m_useOnce = buttons->addButton(tr("Use port %1").arg(freePort), QDialogButtonBox::AcceptRole);
    m_useOnce->setAccessibleName(tr("Use port %1").arg(freePort));
    m_useOnce->setAccessibleDescription(tr("Starts Blockhaus on port %1 this time.").arg(freePort));
    m_useFromNowOn = buttons->addButton(tr("Use port %1 from now on").arg(freePort),
                                        QDialogButtonBox::AcceptRole);
    m_useFromNowOn->setAccessibleName(tr("Use port %1 from now on").arg(freePort));
    m_useFromNowOn->setAccessibleDescription(
        tr("Starts Blockhaus on port %1 and saves it in the settings.").arg(freePort));
    m_quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    m_quit->setAccessibleName(tr("Quit"));
    m_quit->setAccessibleDescription(tr("Closes Blockhaus without starting it."));
    // After the buttons exist: QDialogButtonBox makes its first accept button the default.
    m_useFromNowOn->setDefault(false);
    m_quit->setDefault(false);
    m_useOnce->setDefault(true);
    m_useOnce->setFocus();
    layout->addWidget(buttons);

    connect(m_useOnce, &QPushButton::clicked, this, [this] { choose(Choice::UseFreePortOnce); });
    connect(m_useFromNowOn, &QPushButton::clicked, this,
            [this] { choose(Choice::UseFreePortFromNowOn); });
    connect(m_quit, &QPushButton::clicked, this, [this] { choose(Choice::Quit); });
    // Escape and the window's close button: Quit (m_choice stays as it was, Quit).
    resize(520, 0);
}

PortInUseDialog::Choice PortInUseDialog::ask(quint16 takenPort, quint16 freePort, QWidget *parent)
{
    PortInUseDialog dialog(takenPort, freePort, parent);
    dialog.exec();
    return dialog.choice();
}

void PortInUseDialog::choose(Choice choice)
{
    m_choice = choice;
    if (choice == Choice::Quit)
        reject();
    else
        accept();
}

} // namespace Blockhaus::Ui
