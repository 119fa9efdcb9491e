// SPDX-License-Identifier: AGPL-3.0-or-later
// PasswordNotice: a password made for the teacher, shown this once, with a Copy button (#13).
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace Blockhaus::Ui {

class PasswordNotice : public QDialog
{
    Q_OBJECT

public:
    PasswordNotice(const QString &username, const QString &password, QWidget *parent = nullptr);

    QLineEdit *passwordField() const { return m_password; }
    QPushButton *copyButton() const { return m_copy; }

private:
    QLineEdit *m_password = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace Blockhaus::Ui
