// SPDX-License-Identifier: AGPL-3.0-or-later
// ClassroomService: what the dashboard may ask of the server's classes and accounts. ui/ sees
// only this interface and plain values; app/ implements it over the stores on the database pool,
// so no call ever runs SQL or waits on the GUI thread: every answer is a QFuture that finishes
// on a worker thread (continue it on the GUI thread with QtFuture/then(this, ...)).
#pragma once

#include <optional>

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

namespace Blockhaus::Ui {

struct ClassSummary
{
    qint64 id = 0;
    QString name;
    QString joinCode;
    bool joinOpen = true;
    int studentCount = 0;
};

struct StudentSummary
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QStringList classes; // names of the classes the student is in
    int projectCount = 0;
    QDateTime lastSeen; // invalid: never
};

struct NewStudentAccount
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString password; // shown this once
};

// The value, or a sentence a teacher can read.
template<typename T>
struct Outcome
{
    std::optional<T> value;
    QString error;
    bool ok() const { return value.has_value(); }
};

class ClassroomService
{
public:
    virtual ~ClassroomService() = default;

    virtual QFuture<Outcome<QList<ClassSummary>>> classes() = 0;
    virtual QFuture<Outcome<ClassSummary>> createClass(const QString &name) = 0;
    virtual QFuture<Outcome<QList<StudentSummary>>> students(qint64 classId) = 0;
    // Creates one account per name in the class, with generated passwords.
    virtual QFuture<Outcome<QList<NewStudentAccount>>> addStudents(qint64 classId,
                                                                   const QStringList &names) = 0;
    // A new generated password for a student; the old one stops working at once.
    virtual QFuture<Outcome<QString>> resetPassword(qint64 userId) = 0;
    // Takes the student out of the class and moves their projects to the trash (restorable).
    virtual QFuture<Outcome<bool>> removeStudent(qint64 classId, qint64 userId) = 0;
};

} // namespace Blockhaus::Ui
