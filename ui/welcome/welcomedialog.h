// SPDX-License-Identifier: AGPL-3.0-or-later
// WelcomeDialog: the first start. Two questions: the teacher's own account for the web pages
// (their name and a password, chosen with confirmation or made for them, #13) and the name of
// the first class; one button that sets both, creates the class and shows the join screen, so a
// teacher is ready for students within a minute.
#pragma once

#include <optional>

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace Blockhaus::Ui {

class WelcomeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit WelcomeDialog(QWidget *parent = nullptr);

    QString className() const;
    QString teacherName() const;
    // The password the teacher chose, or none when Blockhaus should make one.
    std::optional<QString> chosenPassword() const;

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *teacherNameField() const { return m_teacherName; }
    QRadioButton *choosePasswordButton() const { return m_choose; }
    QRadioButton *makePasswordButton() const { return m_make; }
    QLineEdit *passwordField() const { return m_password; }
    QLineEdit *confirmField() const { return m_confirm; }
    QLabel *passwordHint() const { return m_hint; }
    QPushButton *createButton() const { return m_create; }

private:
    void updateState();

    QLineEdit *m_teacherName = nullptr;
    QRadioButton *m_choose = nullptr;
    QRadioButton *m_make = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_hint = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace Blockhaus::Ui
