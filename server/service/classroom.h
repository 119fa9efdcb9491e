// SPDX-License-Identifier: AGPL-3.0-or-later
// Classroom: every operation on classes, students, accounts, passwords, sessions and the join
// picker, for both doors (the HTTP handlers and the dashboard's adapter). The bounds of names and
// the rules of who may act for whom are decided here, once.
#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Auth {
class AuthService;
}
namespace Blockhaus::Live {
class LiveHub;
}

namespace Blockhaus::Service {

// A change to a class (PATCH /api/v1/classes/{id}); a name as typed, cleaned by the service.
struct ClassPatch
{
    std::optional<QString> name;
    std::optional<bool> joinOpen;
    bool newJoinCode = false; // a new join code; the old one stops working
};

// A student as a teacher sees them: the database's figures with live presence merged in.
struct StudentStatus
{
    Core::UserRef user;
    QList<Core::GroupRef> groups; // the classes the student is in
    int projectCount = 0; // not in the trash
    QDateTime lastSeen; // UTC; the newer of the database's and live presence; invalid: never
    bool online = false;
};

struct StudentProjects
{
    StudentStatus student;
    QList<Core::ProjectMeta> projects; // not in the trash, newest first
};

// An account asked for by an administrator (POST /api/v1/users), as typed.
struct NewUser
{
    QString username;
    QString displayName; // empty: the username
    Core::Role role = Core::Role::Student;
    std::optional<QString> password; // none: a generated one
};

// The name picker behind a class join code.
struct JoinPicker
{
    Core::GroupRef group;
    QList<Core::UserRef> students;
};

struct Login
{
    QString token; // for the client, once; only its hash is stored (G9)
    QString expiresAt;
    Core::User user;
    qint64 maxAgeSeconds = 0; // how long a cookie with the token should be kept
};

// Holds only references: the doors construct one where they need it. Every operation runs on
// the worker whose Work it is given.
class Classroom
{
public:
    // Bounds of what people type (one place for the API and the dashboard).
    static constexpr int maxClassNameLength = 100;
    static constexpr int maxNamesPerCall = 200;
    static constexpr int maxNameLength = 60; // a student's or a new account's display name
    static constexpr int maxUsernameLength = 40; // of an account made by an administrator
    static constexpr int minPasswordLength = 8; // of a password an administrator chooses
    static constexpr int maxPasswordLength = 1000; // longer ones could never log in
    static constexpr int maxLoginUsernameLength = 100;
    static constexpr int maxJoinCodeLength = 32;

    // live, when not null, adds in-memory presence (G10) to the student listings.
    explicit Classroom(Auth::AuthService &auth, Live::LiveHub *live = nullptr)
        : m_auth(auth)
        , m_live(live)
    {
    }

    // Classes: those the caller teaches (admin: all), by name.
    Result<QList<Core::ClassInfo>> classes(Work &work, const Core::Caller &caller) const;
    // The creating teacher becomes a member who teaches the class.
    Result<Core::ClassInfo> createClass(Work &work, const Core::Caller &caller,
                                        const QString &name) const;
    Result<Core::ClassInfo> patchClass(Work &work, const Core::Caller &caller, qint64 classId,
                                       const ClassPatch &patch) const;
    // Existing users (a second teacher, a student of another class); staff added teach it.
    Result<Core::ClassInfo> addMembers(Work &work, const Core::Caller &caller, qint64 classId,
                                       const QList<qint64> &userIds) const;
    // Takes anyone out of the class. Their projects stay theirs and where they were (not
    // trashed); only their shares with this class end.
    Result<Ok> removeMember(Work &work, const Core::Caller &caller, qint64 classId,
                            qint64 userId) const;
    // One account per name, with a generated child-friendly password each; all or none. Every
    // name is cleaned and must then hold 1 to maxNameLength characters: a blank one is refused.
    Result<QList<Core::NewAccount>> addStudents(Work &work, const Core::Caller &caller,
                                                qint64 classId, const QStringList &names) const;

    // Every student the caller may see (a teacher: of the classes they teach; admin: all).
    Result<QList<StudentStatus>> students(Work &work, const Core::Caller &caller) const;
    // The students of one class the caller teaches.
    Result<QList<StudentStatus>> studentsOfClass(Work &work, const Core::Caller &caller,
                                                 qint64 classId) const;
    Result<StudentProjects> studentProjects(Work &work, const Core::Caller &caller,
                                            qint64 studentId) const;

    // A new generated password (child-friendly for a student, strong for staff); every session
    // of the account ends at once. Teachers: students of their classes; admin: anyone.
    Result<QString> resetPassword(Work &work, const Core::Caller &caller, qint64 userId) const;
    // Admin only: the teacher and admin accounts (the dashboard's Teachers list, #13).
    Result<QList<Core::User>> staff(Work &work, const Core::Caller &caller) const;
    // Admin only. The account as made, with its password (generated when none was given).
    Result<Core::NewAccount> createUser(Work &work, const Core::Caller &caller,
                                        const NewUser &user) const;

    // The caller's own account (the dashboard's, at first start, #13): a display name (cleaned,
    // 1 to maxNameLength characters) and a password, chosen (minPasswordLength to
    // maxPasswordLength) or generated when none is given. Every session of the account ends, as
    // with resetPassword. The password set, to be shown once.
    Result<QString> setOwnAccount(Work &work, const Core::Caller &caller,
                                  const QString &displayName,
                                  const std::optional<QString> &password) const;

    // One-time sign-in links (#13): the dashboard opens the web pages already signed in, never
    // with a password in a URL. A token for the caller's own account, or (admin only) for another
    // teacher's; single-use, valid Auth::LoginLinks::defaultLifetimeMs, kept only hashed.
    Result<QString> issueLoginLink(Work &work, const Core::Caller &caller, qint64 userId = 0) const;
    // Exchanges a token for a session, once; only for a browser on this computer (a loopback
    // peer). Unknown, used and expired tokens are Unauthorized; another peer is Forbidden and
    // leaves the token as it was.
    Result<Login> redeemLoginLink(Work &work, const QString &token,
                                  const QString &clientAddress) const;
    // Where a sign-in link may lead: a path on this server ("/teacher", "/editor?project=3"),
    // never another host; empty means the teacher page. The path as it goes into Location.
    static Result<QString> loginLinkTarget(const QString &next);

    // Sessions (public or for anyone logged in).
    Result<Login> login(Work &work, const QString &username, const QString &password,
                        const QString &clientAddress) const;
    Result<Ok> logout(Work &work, const QString &token) const;
    // The caller of a session token (with the session's expiry), for every request that needs
    // one; Unauthorized when the session is unknown, expired or ended.
    Result<Core::Caller> authenticate(Work &work, const QString &token) const;
    // Ends every session of the caller; how many.
    Result<int> logoutEverywhere(Work &work, const Core::Caller &caller) const;
    Result<Core::User> me(Work &work, const Core::Caller &caller) const;
    // The name picker of an open class; misses are throttled per client address.
    Result<JoinPicker> join(Work &work, const QString &code, const QString &clientAddress) const;

private:
    StudentStatus withPresence(const Core::StudentRow &row) const;

    Auth::AuthService &m_auth;
    Live::LiveHub *m_live = nullptr;
};

} // namespace Blockhaus::Service
