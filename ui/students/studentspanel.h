// SPDX-License-Identifier: AGPL-3.0-or-later
// StudentsPanel: the "Students" tab. Choose or create a class, see its roster with who is online,
// add students by pasting names, reset a password, take a student out of the class, and print
// login cards. Every server call goes through ClassroomService and continues on the GUI thread
// when its future finishes; the window never waits.
#pragma once

#include <QFuture>
#include <QWidget>

#include "server/live/livetypes.h"
#include "ui/classroomservice.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Blockhaus::Ui {

class RosterModel;

class StudentsPanel : public QWidget
{
    Q_OBJECT

public:
    StudentsPanel(ClassroomService *service, QWidget *parent = nullptr);

    // The address printed on login cards and encoded in their QR codes (the join panel's).
    void setJoinAddress(const QString &address) { m_joinAddress = address; }
    void showSnapshot(const Live::LiveSnapshot &snapshot);

    // The steps behind the buttons, callable without dialogs (tests, later automation).
    // Keeps the chosen class, or selects `select` when given (a class just created).
    QFuture<void> reloadClasses(qint64 select = 0);
    QFuture<void> createClass(const QString &name);
    QFuture<void> addStudents(const QStringList &names);
    QFuture<void> resetPassword(qint64 userId);
    QFuture<void> removeStudent(qint64 userId);
    // "Open the teacher page": /teacher in this computer's browser, signed in (#13).
    QFuture<void> openTeacherPage();

    qint64 currentClassId() const;
    QString currentClassName() const;
    QString currentJoinCode() const;
    RosterModel *roster() const { return m_roster; }
    QTableView *rosterView() const { return m_view; }
    QPushButton *teacherPageButton() const { return m_teacherPage; }
    QString message() const; // the last status sentence shown

signals:
    void classSelected(const QString &name, const QString &joinCode);
    void accountsCreated(const QList<Blockhaus::Ui::NewStudentAccount> &accounts);
    void passwordReset(const QString &displayName, const QString &password);
    // The server has no class at all (first start): the window offers the welcome.
    void noClassesYet();
    // There is at least one class (made here, on the web pages or through the API).
    void classesExist();

protected:
    // Classes and accounts also change through the web pages: look again whenever the tab shows.
    void showEvent(QShowEvent *event) override;

private:
    void chooseClass(int index);
    QFuture<void> reloadStudents();
    qint64 selectedStudentId() const;
    QString studentName(qint64 id) const;
    void showMessage(const QString &text, bool problem = false);
    void updateButtons();
    void askForClassName();
    void askForNames();
    void confirmReset();
    void confirmRemove();
    void showAccounts(const QList<NewStudentAccount> &accounts, const QString &title);

    ClassroomService *m_service = nullptr;
    QList<ClassSummary> m_classes;
    QComboBox *m_classChooser = nullptr;
    QPushButton *m_newClass = nullptr;
    QLineEdit *m_filter = nullptr;
    RosterModel *m_roster = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_reset = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_teacherPage = nullptr;
    QLabel *m_message = nullptr;
    qint64 m_rosterRevision = -1; // the last one seen in a snapshot
    QString m_joinAddress;
};

} // namespace Blockhaus::Ui
