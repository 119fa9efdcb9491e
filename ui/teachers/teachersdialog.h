// SPDX-License-Identifier: AGPL-3.0-or-later
// TeachersDialog: the teacher accounts of this Blockhaus (#13). Lists them, makes a new one with
// a generated password and gives a teacher a new password; every password is shown once, with a
// Copy button. Opened from the Students tab; all calls go through ClassroomService.
#pragma once

#include <QDialog>
#include <QFuture>

#include "ui/classroomservice.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Blockhaus::Ui {

class TeachersDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TeachersDialog(ClassroomService *service, QWidget *parent = nullptr);

    // The steps behind the buttons, callable without dialogs (tests).
    QFuture<void> reload();
    QFuture<void> createTeacher(const QString &displayName, const QString &username);
    QFuture<void> resetPassword(qint64 userId);

    QTableWidget *table() const { return m_table; }
    QList<TeacherSummary> teachers() const { return m_teachers; }
    QString message() const;

signals:
    // A password to show once (a new account or a reset), after the notice opened.
    void passwordShown(const QString &username, const QString &password);

private:
    void showMessage(const QString &text, bool problem = false);
    void showPassword(const QString &username, const QString &password);
    void confirmReset();
    void updateButtons();

    ClassroomService *m_service = nullptr;
    QList<TeacherSummary> m_teachers;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_username = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace Blockhaus::Ui
