// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/storeclassroomservice.h"

#include <algorithm>
#include <functional>
#include <utility>

#include <QLoggingCategory>
#include <QPromise>

#include "server/auth/authservice.h"
#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/db/connectionpool.h"
#include "server/db/transaction.h"
#include "server/http/handlerutil.h"
#include "server/live/livehub.h"
#include "server/store/classstore.h"
#include "server/store/clock.h"
#include "server/store/projectstore.h"
#include "server/store/userstore.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;
using Store::Caller;

namespace {

Q_LOGGING_CATEGORY(lcClassroom, "blockhaus.app.classroom")

// The same bounds as POST /api/v1/classes and /api/v1/classes/{id}/students, so an account
// made on the dashboard could as well have been made through the API.
constexpr int maxClassNameLength = 100;
constexpr int maxNamesPerCall = 200;
constexpr int maxNameLength = 60;

// A sentence for the teacher. The stores already phrase their refusals that way ("There is no
// such class."); only kinds without one, and internal failures, get a sentence here.
QString sentenceFor(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::Internal:
        // Internal messages are for the log ("A nested write failed."), not for a teacher.
        qCWarning(lcClassroom) << "classroom call failed:" << error.message;
        return u"Something went wrong in the database. Nothing was changed; please try again."_s;
    case ErrorKind::StorageFull:
        return u"This computer has no room left on its disk. Nothing was changed."_s;
    default:
        break;
    }
    if (!error.message.isEmpty())
        return error.message;
    switch (error.kind) {
    case ErrorKind::NotFound:
        return u"This was not found. It may have been deleted in the meantime."_s;
    case ErrorKind::Forbidden:
    case ErrorKind::Unauthorized:
        return u"This is not allowed."_s;
    case ErrorKind::Exists:
        return u"This name is already taken."_s;
    case ErrorKind::Unavailable:
    case ErrorKind::TooManyRequests:
        return u"Blockhaus is very busy right now. Please try again in a moment."_s;
    default:
        return u"This could not be done. Please check what you entered."_s;
    }
}

template<typename T>
Ui::Outcome<T> toOutcome(const Result<T> &result)
{
    if (!result)
        return {std::nullopt, sentenceFor(result.error())};
    return {std::optional<T>(*result), QString()};
}

template<typename T>
Ui::Outcome<T> failure(const QString &sentence)
{
    return {std::nullopt, sentence};
}

// An answer known without the database (bad input). QPromise rather than makeReadyFuture,
// whose overloads changed between Qt 6.4 and 6.8.
template<typename T>
QFuture<Ui::Outcome<T>> ready(Ui::Outcome<T> outcome)
{
    QPromise<Ui::Outcome<T>> promise;
    QFuture<Ui::Outcome<T>> future = promise.future();
    promise.start();
    promise.addResult(std::move(outcome));
    promise.finish();
    return future;
}

// Runs job on the pool and maps its result. The continuation runs where the job finished (a
// worker), or at once when the pool refused the job with a ready Unavailable result. A job that
// never ran (its future cancelled) still finishes the future, with an error, so no caller waits
// forever.
template<typename T>
QFuture<Ui::Outcome<T>> submit(Db::ConnectionPool &pool,
                               std::function<Result<T>(Db::Connection &)> job)
{
    return pool.run<T>(std::move(job))
        .then([](const Result<T> &result) { return toOutcome(result); })
        .onCanceled([] {
            return failure<T>(u"Blockhaus stopped before this could be done. Please try again."_s);
        });
}

// The caller the dashboard acts as, built like AuthService::resolve builds a request's caller.
// Looked up on every call, so a disabled or missing account stops the dashboard too.
Result<Caller> adminCaller(Db::Connection &db)
{
    const Error missing = makeError(
        ErrorKind::Forbidden,
        u"The administrator account of this Blockhaus is missing or disabled, so classes cannot "
        "be managed here."_s);
    auto record = Store::UserStore::loginRecord(
        db, QStringView(StoreClassroomService::adminUsername).toString());
    if (!record)
        return record.error().kind == ErrorKind::NotFound ? missing : record.error();
    auto user = Store::UserStore::user(db, record->id);
    if (!user)
        return user.error().kind == ErrorKind::NotFound ? missing : user.error();
    if (user->role != Store::Role::Admin)
        return missing;
    Caller caller;
    caller.userId = user->id;
    caller.role = user->role;
    caller.username = user->username;
    caller.displayName = user->displayName;
    return caller;
}

Ui::ClassSummary toSummary(const Store::ClassInfo &info)
{
    return {info.id, info.name, info.joinCode, info.joinOpen, info.studentCount};
}

// Checked before work that is costly to undo or to repeat (hashing many passwords); the store
// checks again inside its own transaction.
Result<Store::ClassInfo> findClass(Db::Connection &db, const Caller &caller, qint64 classId)
{
    auto classes = Store::ClassStore::list(db, caller);
    if (!classes)
        return classes.error();
    for (const Store::ClassInfo &info : std::as_const(*classes)) {
        if (info.id == classId)
            return info;
    }
    return makeError(ErrorKind::NotFound, u"There is no such class."_s);
}

Ui::StudentSummary toSummary(const Store::StudentRow &row, Live::LiveHub *live)
{
    Ui::StudentSummary summary;
    summary.id = row.user.id;
    summary.username = row.user.username;
    summary.displayName = row.user.displayName;
    for (const Store::GroupRef &group : row.groups)
        summary.classes.append(group.name);
    summary.projectCount = row.projectCount;
    if (!row.lastSeen.isEmpty())
        summary.lastSeen = Store::fromText(row.lastSeen);
    // Presence lives in memory and reaches the database in batches (G10): the newer one wins.
    if (live) {
        const QDateTime seen = live->presence().lastSeen(row.user.id);
        if (seen.isValid() && (!summary.lastSeen.isValid() || seen > summary.lastSeen))
            summary.lastSeen = seen;
    }
    return summary;
}

} // namespace

StoreClassroomService::StoreClassroomService(Db::ConnectionPool &pool, Auth::AuthService &auth,
                                             Live::LiveHub *live)
    : m_pool(pool)
    , m_auth(auth)
    , m_live(live)
{
}

QFuture<Ui::Outcome<QList<Ui::ClassSummary>>> StoreClassroomService::classes()
{
    return submit<QList<Ui::ClassSummary>>(
        m_pool, [](Db::Connection &db) -> Result<QList<Ui::ClassSummary>> {
            auto admin = adminCaller(db);
            if (!admin)
                return admin.error();
            auto classes = Store::ClassStore::list(db, *admin);
            if (!classes)
                return classes.error();
            QList<Ui::ClassSummary> summaries;
            for (const Store::ClassInfo &info : std::as_const(*classes))
                summaries.append(toSummary(info));
            return summaries;
        });
}

QFuture<Ui::Outcome<Ui::ClassSummary>> StoreClassroomService::createClass(const QString &name)
{
    const QString clean = Http::cleanTitle(name, {});
    if (clean.isEmpty() || clean.size() > maxClassNameLength) {
        return ready(failure<Ui::ClassSummary>(
            u"A class needs a name (at most %1 characters)."_s.arg(maxClassNameLength)));
    }
    auto job = [clean](Db::Connection &db) -> Result<Ui::ClassSummary> {
        auto admin = adminCaller(db);
        if (!admin)
            return admin.error();
        auto info = Store::ClassStore::create(db, *admin, clean);
        if (!info)
            return info.error();
        return toSummary(*info);
    };
    return submit<Ui::ClassSummary>(m_pool, std::move(job));
}

QFuture<Ui::Outcome<QList<Ui::StudentSummary>>> StoreClassroomService::students(qint64 classId)
{
    Live::LiveHub *live = m_live;
    return submit<QList<Ui::StudentSummary>>(
        m_pool, [classId, live](Db::Connection &db) -> Result<QList<Ui::StudentSummary>> {
            auto admin = adminCaller(db);
            if (!admin)
                return admin.error();
            auto info = findClass(db, *admin, classId);
            if (!info)
                return info.error();
            // The store lists every student an admin may see, with their classes; this class's
            // are those who have it among them.
            auto rows = Store::ClassStore::students(db, *admin);
            if (!rows)
                return rows.error();
            QList<Ui::StudentSummary> students;
            for (const Store::StudentRow &row : std::as_const(*rows)) {
                const bool inClass = std::any_of(
                    row.groups.cbegin(), row.groups.cend(),
                    [classId](const Store::GroupRef &group) { return group.id == classId; });
                if (inClass)
                    students.append(toSummary(row, live));
            }
            return students;
        });
}

QFuture<Ui::Outcome<QList<Ui::NewStudentAccount>>>
StoreClassroomService::addStudents(qint64 classId, const QStringList &names)
{
    // Blank lines of a pasted list are no one; any other name is cleaned as the API cleans it.
    QStringList clean;
    for (const QString &name : names) {
        const QString cleaned = Http::cleanTitle(name, {});
        if (cleaned.isEmpty())
            continue;
        if (cleaned.size() > maxNameLength) {
            return ready(failure<QList<Ui::NewStudentAccount>>(
                u"The name \u201c%1\u2026\u201d is too long: a name has at most %2 characters."_s
                    .arg(cleaned.left(20))
                    .arg(maxNameLength)));
        }
        clean.append(cleaned);
    }
    if (clean.isEmpty() || clean.size() > maxNamesPerCall) {
        return ready(failure<QList<Ui::NewStudentAccount>>(
            u"Enter between 1 and %1 names, one per line."_s.arg(maxNamesPerCall)));
    }
    return submit<QList<Ui::NewStudentAccount>>(
        m_pool, [classId, clean](Db::Connection &db) -> Result<QList<Ui::NewStudentAccount>> {
            auto admin = adminCaller(db);
            if (!admin)
                return admin.error();
            auto info = findClass(db, *admin, classId);
            if (!info)
                return info.error();
            QList<Store::NewStudent> students;
            for (const QString &name : clean) {
                const QString password = Auth::PasswordGenerator::childFriendly();
                // argon2id is CPU-heavy: it runs here, on the worker, and before the write
                // transaction, so the write lock is held briefly (as in ClassesHandler).
                students.append({name, password, Auth::PasswordHasher::hash(password)});
            }
            auto created = Store::ClassStore::addStudents(db, *admin, classId, students);
            if (!created)
                return created.error();
            QList<Ui::NewStudentAccount> accounts;
            for (const Store::NewAccount &account : std::as_const(*created))
                accounts.append(
                    {account.id, account.username, account.displayName, account.password});
            return accounts;
        });
}

QFuture<Ui::Outcome<QString>> StoreClassroomService::resetPassword(qint64 userId)
{
    Auth::AuthService *auth = &m_auth;
    return submit<QString>(m_pool, [userId, auth](Db::Connection &db) -> Result<QString> {
        auto admin = adminCaller(db);
        if (!admin)
            return admin.error();
        // The same calls as POST /api/v1/users/{id}/password.
        auto user = Store::ClassStore::manageableUser(db, *admin, userId);
        if (!user)
            return user.error();
        const QString password = user->role == Store::Role::Student
            ? Auth::PasswordGenerator::childFriendly()
            : Auth::PasswordGenerator::strong();
        auto done =
            Store::UserStore::setPasswordHash(db, userId, Auth::PasswordHasher::hash(password));
        if (!done)
            return done.error();
        auth->throttle().recordSuccess(user->username); // a fresh start for the child
        return password;
    });
}

QFuture<Ui::Outcome<bool>> StoreClassroomService::removeStudent(qint64 classId, qint64 userId)
{
    return submit<bool>(m_pool, [classId, userId](Db::Connection &db) -> Result<bool> {
        auto admin = adminCaller(db);
        if (!admin)
            return admin.error();
        auto user = Store::ClassStore::manageableUser(db, *admin, userId);
        if (!user)
            return user.error();
        // Trashing is for a child's projects; a teacher leaving a class keeps theirs.
        if (user->role != Store::Role::Student)
            return makeError(ErrorKind::Forbidden,
                             u"Only students can be removed from a class here."_s);
        // Listed in its own read snapshot just before the write: the store's list opens a read
        // transaction, which cannot start inside the write transaction below. A project the
        // student creates after this instant stays theirs, as it would a moment after removal.
        auto projects = Store::ProjectStore::listOwnedBy(db, userId);
        if (!projects)
            return projects.error();
        // Only the owner may trash a project (ProjectStore::trash). The admin's right to manage
        // this student was checked above and removeMember checks it again, in this transaction.
        Caller owner;
        owner.userId = user->id;
        owner.role = user->role;
        owner.username = user->username;
        owner.displayName = user->displayName;
        const QList<Store::ProjectMeta> owned = *projects;
        // One write transaction: the nested store writes join it, so either the student is out
        // of the class and every listed project is in the trash, or nothing changed.
        return Db::writeTransaction<bool>(db, [&](Db::Connection &db) -> Result<bool> {
            auto removed = Store::ClassStore::removeMember(db, *admin, classId, userId);
            if (!removed)
                return removed.error();
            for (const Store::ProjectMeta &project : owned) {
                auto trashed = Store::ProjectStore::trash(db, owner, project.id);
                // NotFound: trashed by the student in the meantime, already where it belongs.
                if (!trashed && trashed.error().kind != ErrorKind::NotFound)
                    return trashed.error();
            }
            return true;
        });
    });
}

} // namespace Blockhaus::App
