// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/classroom.h"

#include <algorithm>

#include <QCoreApplication>
#include <QUrl>

#include "server/auth/authservice.h"
#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/core/text.h"
#include "server/core/timetext.h"
#include "server/live/livehub.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"
#include "server/store/userstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;

namespace {

// The router lets only teachers and admins reach the teachers' routes; the service says so
// again, so that no door can forget it.
Result<Ok> requireTeacher(const Caller &caller)
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only teachers can do this."));
    return Ok{};
}

Result<QString> className(const QString &typed)
{
    const QString name = Core::cleanTitle(typed, {});
    if (name.isEmpty() || name.size() > Classroom::maxClassNameLength)
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A class needs a name (at most %1 characters)."),
            {QString::number(Classroom::maxClassNameLength)});
    return name;
}

// Every name cleaned as a title; blank or too long names are refused, never skipped, so the
// accounts made are exactly the names sent.
Result<QStringList> studentNames(const QStringList &typed)
{
    if (typed.isEmpty() || typed.size() > Classroom::maxNamesPerCall)
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Enter between 1 and %1 names."),
                         {QString::number(Classroom::maxNamesPerCall)});
    QStringList names;
    for (qsizetype i = 0; i < typed.size(); ++i) {
        const QString name = Core::cleanTitle(typed.at(i), {});
        if (name.isEmpty())
            return makeError(ErrorKind::BadRequest,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "Name number %1 is empty. Every student needs a "
                                               "name."),
                             {QString::number(i + 1)});
        if (name.size() > Classroom::maxNameLength)
            return makeError(ErrorKind::BadRequest,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "The name \u201c%1\u2026\u201d is too long: a name "
                                               "has at most %2 characters."),
                             {name.left(20), QString::number(Classroom::maxNameLength)});
        names.append(name);
    }
    return names;
}

bool usernameAllowed(const QString &username)
{
    if (username.isEmpty() || username.size() > Classroom::maxUsernameLength)
        return false;
    return std::all_of(username.cbegin(), username.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'-' || c == u'_';
    });
}

QString generatedPassword(Core::Role role)
{
    return role == Core::Role::Student ? Auth::PasswordGenerator::childFriendly()
                                       : Auth::PasswordGenerator::strong();
}

} // namespace

StudentStatus Classroom::withPresence(const Core::StudentRow &row) const
{
    StudentStatus status;
    status.user = row.user;
    status.groups = row.groups;
    status.projectCount = row.projectCount;
    if (!row.lastSeen.isEmpty())
        status.lastSeen = Core::fromText(row.lastSeen);
    // Presence lives in memory and reaches the database in batches (G10): the newer one wins.
    if (m_live) {
        const Live::Presence &presence = m_live->presence();
        const QDateTime seen = presence.lastSeen(row.user.id);
        if (seen.isValid() && (!status.lastSeen.isValid() || seen > status.lastSeen))
            status.lastSeen = seen;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        status.online = presence.isOnline(row.user.id, now);
        // Several processes on one database (#15): the student may have been seen by another
        // one, whose sighting reaches users.last_seen within a second or so.
        if (m_live->isShared() && status.lastSeen.isValid())
            status.online = status.lastSeen.secsTo(now) <= Live::Presence::onlineWindowSeconds;
    }
    return status;
}

Result<QList<Core::ClassInfo>> Classroom::classes(Work &work, const Caller &caller) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return Store::ClassStore::list(work.connection(), caller);
}

Result<Core::ClassInfo> Classroom::createClass(Work &work, const Caller &caller,
                                               const QString &name) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    auto clean = className(name);
    if (!clean)
        return clean.error();
    return Store::ClassStore::create(work.connection(), caller, *clean);
}

Result<Core::ClassInfo> Classroom::patchClass(Work &work, const Caller &caller, qint64 classId,
                                              const ClassPatch &patch) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    Store::ClassPatch change;
    if (patch.name) {
        auto clean = className(*patch.name);
        if (!clean)
            return clean.error();
        change.name = *clean;
    }
    change.joinOpen = patch.joinOpen;
    change.newJoinCode = patch.newJoinCode;
    // Whether the caller teaches the class is checked inside the store's write transaction.
    return Store::ClassStore::patch(work.connection(), caller, classId, change);
}

Result<Core::ClassInfo> Classroom::addMembers(Work &work, const Caller &caller, qint64 classId,
                                              const QList<qint64> &userIds) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return Store::ClassStore::addMembers(work.connection(), caller, classId, userIds);
}

Result<Ok> Classroom::removeMember(Work &work, const Caller &caller, qint64 classId,
                                   qint64 userId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    // Reconciled (#14): a student moving classes keeps their work where it is, whichever door
    // took them out; nothing of theirs moves to the trash.
    return Store::ClassStore::removeMember(work.connection(), caller, classId, userId);
}

Result<QList<Core::NewAccount>> Classroom::addStudents(Work &work, const Caller &caller,
                                                       qint64 classId,
                                                       const QStringList &names) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    auto clean = studentNames(names);
    if (!clean)
        return clean.error();
    Db::Connection &db = work.connection();
    // Checked before hashing (costly, CPU-heavy work); the store checks again in its transaction.
    auto info = Store::ClassStore::managedClass(db, caller, classId);
    if (!info)
        return info.error();
    QList<Store::NewStudent> students;
    students.reserve(clean->size());
    for (const QString &name : std::as_const(*clean)) {
        const QString password = Auth::PasswordGenerator::childFriendly();
        // argon2id runs here, on the worker and before the write transaction, so the write
        // lock is held briefly.
        students.append({name, password, Auth::PasswordHasher::hash(password)});
    }
    return Store::ClassStore::addStudents(db, caller, classId, students);
}

Result<QList<StudentStatus>> Classroom::students(Work &work, const Caller &caller) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    auto rows = Store::ClassStore::students(work.connection(), caller);
    if (!rows)
        return rows.error();
    QList<StudentStatus> students;
    students.reserve(rows->size());
    for (const Core::StudentRow &row : std::as_const(*rows))
        students.append(withPresence(row));
    return students;
}

Result<QList<StudentStatus>> Classroom::studentsOfClass(Work &work, const Caller &caller,
                                                        qint64 classId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    Db::Connection &db = work.connection();
    auto info = Store::ClassStore::managedClass(db, caller, classId);
    if (!info)
        return info.error();
    // Every student the caller sees, with their classes; this class's have it among them.
    auto rows = Store::ClassStore::students(db, caller);
    if (!rows)
        return rows.error();
    QList<StudentStatus> students;
    for (const Core::StudentRow &row : std::as_const(*rows)) {
        if (std::any_of(row.groups.cbegin(), row.groups.cend(),
                        [classId](const Core::GroupRef &group) { return group.id == classId; }))
            students.append(withPresence(row));
    }
    return students;
}

Result<StudentProjects> Classroom::studentProjects(Work &work, const Caller &caller,
                                                   qint64 studentId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    Db::Connection &db = work.connection();
    auto row = Store::ClassStore::student(db, caller, studentId);
    if (!row)
        return row.error();
    auto projects = Store::ProjectStore::listOwnedBy(db, studentId);
    if (!projects)
        return projects.error();
    return StudentProjects{withPresence(*row), *projects};
}

Result<QString> Classroom::resetPassword(Work &work, const Caller &caller, qint64 userId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    Db::Connection &db = work.connection();
    auto user = Store::ClassStore::manageableUser(db, caller, userId);
    if (!user)
        return user.error();
    const QString password = generatedPassword(user->role);
    // Also ends every session of the user at once, cached ones included (issue #12).
    auto done =
        m_auth.resetPassword(db, userId, user->username, Auth::PasswordHasher::hash(password));
    if (!done)
        return done.error();
    return password;
}

Result<QList<Core::User>> Classroom::staff(Work &work, const Caller &caller) const
{
    if (!caller.isAdmin())
        return makeError(
            ErrorKind::Forbidden,
            QT_TRANSLATE_NOOP("Sentence", "Only an administrator can see the teacher accounts."));
    return Store::UserStore::staff(work.connection());
}

Result<Core::NewAccount> Classroom::createUser(Work &work, const Caller &caller,
                                               const NewUser &user) const
{
    if (!caller.isAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only an administrator can add accounts."));
    const QString username = user.username.trimmed();
    if (!usernameAllowed(username))
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "A username has 1 to %1 letters, digits, dots, dashes "
                                           "or underscores."),
                         {QString::number(maxUsernameLength)});
    const QString displayName = Core::cleanTitle(user.displayName, username).left(maxNameLength);
    QString password = user.password.value_or(QString());
    if (user.password && password.size() < minPasswordLength)
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A chosen password needs at least %1 characters."),
            {QString::number(minPasswordLength)});
    if (password.size() > maxPasswordLength)
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A chosen password has at most %1 characters."),
            {QString::number(maxPasswordLength)});
    if (!user.password)
        password = generatedPassword(user.role);
    auto account = Store::UserStore::create(work.connection(), username, displayName, user.role,
                                            Auth::PasswordHasher::hash(password));
    if (!account)
        return account.error();
    account->password = password;
    return account;
}

Result<QString> Classroom::setOwnAccount(Work &work, const Caller &caller,
                                         const QString &displayName,
                                         const std::optional<QString> &password) const
{
    if (caller.userId <= 0)
        return makeError(ErrorKind::Unauthorized);
    const QString name = Core::cleanTitle(displayName, {});
    if (name.isEmpty() || name.size() > maxNameLength)
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Your name needs 1 to %1 characters."),
                         {QString::number(maxNameLength)});
    if (password && password->size() < minPasswordLength)
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A chosen password needs at least %1 characters."),
            {QString::number(minPasswordLength)});
    if (password && password->size() > maxPasswordLength)
        return makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "A chosen password has at most %1 characters."),
            {QString::number(maxPasswordLength)});
    const QString chosen = password ? *password : generatedPassword(caller.role);
    // Hashed here, on the worker, before the write transaction (as for every password).
    auto done = m_auth.resetPassword(work.connection(), caller.userId, caller.username,
                                     Auth::PasswordHasher::hash(chosen), name);
    if (!done)
        return done.error();
    return chosen;
}

Result<QString> Classroom::issueLoginLink(Work &work, const Caller &caller, qint64 userId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    if (userId != 0 && userId != caller.userId) {
        if (!caller.isAdmin())
            return makeError(ErrorKind::Forbidden,
                             QT_TRANSLATE_NOOP("Sentence",
                                               "Only an administrator can open the pages for "
                                               "another teacher."));
        auto user = Store::UserStore::user(work.connection(), userId);
        if (!user)
            return user.error();
        if (user->role == Core::Role::Student)
            return makeError(
                ErrorKind::Forbidden,
                QT_TRANSLATE_NOOP("Sentence", "A sign-in link is only for teacher accounts."));
    }
    return m_auth.loginLinks().issue(userId != 0 ? userId : caller.userId);
}

Result<Login> Classroom::redeemLoginLink(Work &work, const QString &token,
                                         const QString &clientAddress) const
{
    // Checked before the token is touched: a try from elsewhere does not use it up.
    if (!Auth::LoginLinks::isLocalPeer(clientAddress))
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "A sign-in link works only in a browser on the "
                                           "computer that runs Blockhaus."));
    const std::optional<qint64> userId = m_auth.loginLinks().redeem(token);
    if (!userId)
        return makeError(ErrorKind::Unauthorized,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "This sign-in link has been used already or is too "
                                           "old. Open the page again from the Blockhaus "
                                           "window, or sign in with your username and "
                                           "password."));
    auto session = m_auth.startSession(work.connection(), *userId);
    if (!session)
        return session.error();
    return Login{session->token, session->expiresAt, session->user,
                 Auth::AuthService::sessionLifetimeSeconds};
}

Result<QString> Classroom::loginLinkTarget(const QString &next)
{
    const Error refused = makeError(
        ErrorKind::BadRequest,
        QT_TRANSLATE_NOOP("Sentence", "A sign-in link can only lead to a page of this Blockhaus."));
    if (next.isEmpty())
        return u"/teacher"_s;
    // A path of this server: one leading slash ("//host" is another host), printable ASCII
    // without backslashes (which some browsers read as slashes) or spaces.
    if (next.size() > 2000 || !next.startsWith(u'/') || next.startsWith(u"//"_s))
        return refused;
    const bool printable = std::all_of(next.cbegin(), next.cend(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'\\';
    });
    if (!printable)
        return refused;
    const QUrl url(next, QUrl::StrictMode);
    if (!url.isValid() || !url.isRelative() || !url.host().isEmpty()
        || !url.path().startsWith(u'/'))
        return refused;
    return QString::fromLatin1(url.toEncoded());
}

Result<Login> Classroom::login(Work &work, const QString &username, const QString &password,
                               const QString &clientAddress) const
{
    const QString name = username.trimmed();
    if (name.isEmpty() || name.size() > maxLoginUsernameLength
        || password.size() > maxPasswordLength)
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "Please send a username and a password."));
    auto result = m_auth.login(work.connection(), name, password, clientAddress);
    if (!result)
        return result.error();
    return Login{result->token, result->expiresAt, result->user,
                 Auth::AuthService::sessionLifetimeSeconds};
}

Result<Ok> Classroom::logout(Work &work, const QString &token) const
{
    return m_auth.logout(work.connection(), token);
}

Result<Core::Caller> Classroom::authenticate(Work &work, const QString &token) const
{
    auto session = m_auth.resolve(work.connection(), token);
    if (!session)
        return session.error();
    Core::Caller caller = session->caller;
    caller.sessionExpiresAt = session->session.expiresAt;
    return caller;
}

Result<int> Classroom::logoutEverywhere(Work &work, const Caller &caller) const
{
    return m_auth.logoutEverywhere(work.connection(), caller.userId);
}

Result<Core::User> Classroom::me(Work &work, const Caller &caller) const
{
    return Store::UserStore::user(work.connection(), caller.userId);
}

Result<JoinPicker> Classroom::join(Work &work, const QString &code,
                                   const QString &clientAddress) const
{
    // Misses are throttled per address so that codes cannot be enumerated (issue #12).
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (const int wait = m_auth.joinRetryAfterSeconds(work.connection(), clientAddress, nowMs)) {
        Error error = makeError(ErrorKind::TooManyRequests,
                                QT_TRANSLATE_NOOP("Sentence",
                                                  "Too many wrong class codes. Please wait a "
                                                  "little and check the code with your teacher."));
        error.extra = {{u"retry_after"_s, wait}};
        error.retryAfterSeconds = wait;
        return error;
    }
    Result<Store::JoinInfo> info =
        makeError(ErrorKind::NotFound,
                  QT_TRANSLATE_NOOP("Sentence", "This class code is not known or not open."));
    if (!code.isEmpty() && code.size() <= maxJoinCodeLength)
        info = Store::ClassStore::join(work.connection(), code);
    if (!info) {
        if (info.error().kind == ErrorKind::NotFound)
            m_auth.recordJoinMiss(work.connection(), clientAddress, nowMs);
        return info.error();
    }
    return JoinPicker{info->group, info->students};
}

} // namespace Blockhaus::Service
