// SPDX-License-Identifier: AGPL-3.0-or-later
// PortInUseDialog: shown when Blockhaus cannot start because another program uses its port. It
// says so in words and offers the free port it found, once or from now on, or to quit.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Blockhaus::Ui {

class PortInUseDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice {
        Quit, // also Escape and closing the window
        UseFreePortOnce, // the default button
        UseFreePortFromNowOn, // the caller saves the port in the settings
    };

    PortInUseDialog(quint16 takenPort, quint16 freePort, QWidget *parent = nullptr);

    // Shows the dialog modally and returns the teacher's choice.
    static Choice ask(quint16 takenPort, quint16 freePort, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    quint16 freePort() const { return m_freePort; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *useOnceButton() const { return m_useOnce; }
    QPushButton *useFromNowOnButton() const { return m_useFromNowOn; }
    QPushButton *quitButton() const { return m_quit; }

private:
    void choose(Choice choice);

    quint16 m_freePort = 0;
    Choice m_choice = Choice::Quit;
    QLabel *m_message = nullptr;
    QPushButton *m_useOnce = nullptr;
    QPushButton *m_useFromNowOn = nullptr;
    QPushButton *m_quit = nullptr;
};

} // namespace Blockhaus::Ui
