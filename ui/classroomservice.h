// SPDX-License-Identifier: AGPL-3.0-or-later
// ClassroomService: what the dashboard may ask of the server's classes and accounts. ui/ sees
// only this interface and plain values; app/ implements it over server/service/ on the database
// pool, so no call ever runs SQL or waits on the GUI thread: every answer is a QFuture that
// finishes on a worker thread (continue it on the GUI thread with QtFuture/then(this, ...)).
#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

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

struct ProjectSummary
{
    qint64 id = 0;
    QString title;
    qint64 ownerId = 0;
    QString ownerName;
    int version = 0;
    QDateTime updatedAt;
    QDateTime deletedAt; // invalid unless trashed
    QByteArray thumbnail; // PNG or JPEG bytes, or empty
};

struct VersionSummary
{
    int version = 0;
    QDateTime savedAt;
    QString savedBy; // display name
    qint64 size = 0; // bytes of project.json
};

// The dashboard's own account after the welcome set it (#13).
struct OwnAccount
{
    QString username; // to sign in on the web pages
    QString displayName;
    QString password; // shown this once
};

// A teacher or admin account, for the Teachers list (#13).
struct TeacherSummary
{
    qint64 id = 0;
    QString username;
    QString displayName;
    bool admin = false;
};

// An assignment of a class with how far the class is (#16).
struct AssignmentSummary
{
    qint64 id = 0;
    QString title;
    QDateTime dueAt; // invalid: no due time
    bool handedOut = false;
    int handedIn = 0; // students who have handed in (returned ones included)
    int students = 0; // students of the class
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
    // Creates one account per name in the class, with generated passwords. Every name must hold
    // text after cleaning: a blank one refuses the whole call (the panel drops empty lines).
    virtual QFuture<Outcome<QList<NewStudentAccount>>> addStudents(qint64 classId,
                                                                   const QStringList &names) = 0;
    // A new generated password for a student; the old one stops working at once.
    virtual QFuture<Outcome<QString>> resetPassword(qint64 userId) = 0;
    // Takes the student out of the class. Their projects stay theirs, where they were; only
    // their shares with this class end (as DELETE /api/v1/classes/{id}/members/{user_id}).
    virtual QFuture<Outcome<bool>> removeStudent(qint64 classId, qint64 userId) = 0;

    // A student's projects, newest first, with their thumbnails; trash: the trashed ones instead.
    virtual QFuture<Outcome<QList<ProjectSummary>>> studentProjects(qint64 userId, bool trash) = 0;
    // The retained history of a project, newest first.
    virtual QFuture<Outcome<QList<VersionSummary>>> versions(qint64 projectId) = 0;
    virtual QFuture<Outcome<ProjectSummary>> restoreFromTrash(qint64 projectId) = 0;
    // A new version whose content is that of version (as POST .../versions/{v}/restore), made on
    // top of the current version; someone saving in between makes it fail rather than be lost.
    virtual QFuture<Outcome<ProjectSummary>> restoreVersion(qint64 projectId, int version) = 0;
    // Writes one "Student Name - Title.sb3" per project (not trashed) of every student of the
    // class into the folder target, or into one zip file target when asZip. The future's progress
    // counts projects (range 0..n); its value is the number of files written. A zip appears only
    // when complete; a failed export leaves none of its files behind.
    virtual QFuture<Outcome<int>> exportClass(qint64 classId, const QString &target,
                                              bool asZip) = 0;

    // The assignments of a class, newest first, with how many have handed in (#16).
    virtual QFuture<Outcome<QList<AssignmentSummary>>> assignments(qint64 classId) = 0;

    // A one-time address that opens nextPath (a page of this server such as "/teacher" or
    // "/editor?project=3") in the browser of this computer already signed in as the dashboard's
    // account (#13): single-use, valid for a minute, never a password in it. Open it at once.
    virtual QFuture<Outcome<QUrl>> loginLink(const QString &nextPath) = 0;

    // The shortest password a teacher may choose (Service::Classroom::minPasswordLength).
    static constexpr int minPasswordLength = 8;
    // Names the dashboard's own account and sets its password: the chosen one, or a generated
    // one when none is given (shown once). Every session of the account ends, as with a reset.
    // Teacher accounts (#13): the list, and a new one with a generated password (shown once).
    // resetPassword() gives a teacher a new one.
    virtual QFuture<Outcome<QList<TeacherSummary>>> teachers() = 0;
    virtual QFuture<Outcome<OwnAccount>> createTeacher(const QString &displayName,
                                                       const QString &username) = 0;
    virtual QFuture<Outcome<OwnAccount>> setOwnAccount(const QString &displayName,
                                                       const std::optional<QString> &password) = 0;
};

} // namespace Blockhaus::Ui
