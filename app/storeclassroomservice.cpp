// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/storeclassroomservice.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPromise>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>

#include "server/auth/authservice.h"
#include "server/auth/passwordgenerator.h"
#include "server/auth/passwordhasher.h"
#include "server/core/sentence.h"
#include "server/core/text.h"
#include "server/core/timetext.h"
#include "server/db/transaction.h"
#include "server/http/handlerutil.h"
#include "server/live/livehub.h"
#include "server/sb3/sb3archive.h"
#include "server/service/dashboardcaller.h"
#include "server/service/projects.h"
#include "server/service/runner.h"
#include "server/store/classstore.h"
#include "server/store/projectstore.h"
#include "server/store/userstore.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;
using Core::Caller;

namespace {

Q_LOGGING_CATEGORY(lcClassroom, "blockhaus.app.classroom")

// The same bounds as POST /api/v1/classes and /api/v1/classes/{id}/students, so an account
// made on the dashboard could as well have been made through the API.
constexpr int maxClassNameLength = 100;
constexpr int maxNamesPerCall = 200;
constexpr int maxNameLength = 60;

template<typename T>
Ui::Outcome<T> toOutcome(const Result<T> &result)
{
    if (!result) {
        if (result.error().kind == ErrorKind::Internal)
            qCWarning(lcClassroom) << "classroom call failed:" << result.error().message;
        return {std::nullopt, Core::translatedMessage(result.error())};
    }
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
QFuture<Ui::Outcome<T>> submit(Service::Runner &runner,
                               std::function<Result<T>(Service::Work &)> job)
{
    return runner.run<T>(std::move(job))
        .then([](const Result<T> &result) { return toOutcome(result); })
        .onCanceled([] {
            return failure<T>(u"Blockhaus stopped before this could be done. Please try again."_s);
        });
}

Ui::ClassSummary toSummary(const Core::ClassInfo &info)
{
    return {info.id, info.name, info.joinCode, info.joinOpen, info.studentCount};
}

// Checked before work that is costly to undo or to repeat (hashing many passwords); the store
// checks again inside its own transaction.
Result<Core::ClassInfo> findClass(Service::Work &db, const Caller &caller, qint64 classId)
{
    auto classes = Store::ClassStore::list(db, caller);
    if (!classes)
        return classes.error();
    for (const Core::ClassInfo &info : std::as_const(*classes)) {
        if (info.id == classId)
            return info;
    }
    return makeError(ErrorKind::NotFound, u"There is no such class."_s);
}

Ui::StudentSummary toSummary(const Core::StudentRow &row, Live::LiveHub *live)
{
    Ui::StudentSummary summary;
    summary.id = row.user.id;
    summary.username = row.user.username;
    summary.displayName = row.user.displayName;
    for (const Core::GroupRef &group : row.groups)
        summary.classes.append(group.name);
    summary.projectCount = row.projectCount;
    if (!row.lastSeen.isEmpty())
        summary.lastSeen = Core::fromText(row.lastSeen);
    // Presence lives in memory and reaches the database in batches (G10): the newer one wins.
    if (live) {
        const QDateTime seen = live->presence().lastSeen(row.user.id);
        if (seen.isValid() && (!summary.lastSeen.isValid() || seen > summary.lastSeen))
            summary.lastSeen = seen;
    }
    return summary;
}

// The project operations the dashboard offers. None of them writes against a storage quota
// (listing, versions, restoring from the trash or a version for a student, exporting), so the
// server's policy is not needed here.
Service::Projects dashboardProjects()
{
    return Service::Projects(Core::QuotaPolicy{});
}

QString nameOf(const Core::UserRef &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}

Ui::ProjectSummary toSummary(const Core::ProjectMeta &meta, const QByteArray &thumbnail = {})
{
    Ui::ProjectSummary summary;
    summary.id = meta.id;
    summary.title = meta.title;
    summary.ownerId = meta.owner.id;
    summary.ownerName = nameOf(meta.owner);
    summary.version = meta.version;
    summary.updatedAt = Core::fromText(meta.updatedAt);
    if (!meta.deletedAt.isEmpty())
        summary.deletedAt = Core::fromText(meta.deletedAt);
    summary.thumbnail = thumbnail;
    return summary;
}

// A file name that every system the teacher may copy the export to accepts: no characters that
// Windows, macOS or Linux refuse (<>:"/\|?* and control characters), no leading dot (hidden on
// Linux and macOS), no trailing dot or space (Windows drops them), and short enough for the
// 255-byte limit of common file systems once " (NN).sb3" is added.
QString safeFileStem(const QString &text)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || u"<>:\"/\\|?*"_s.contains(c))
            clean.append(u' ');
        else
            clean.append(c);
    }
    clean = clean.simplified();
    while (clean.startsWith(u'.'))
        clean.remove(0, 1);
    while (clean.endsWith(u'.') || clean.endsWith(u' '))
        clean.chop(1);
    // 60 characters of name, up to 120 of title: at most ~180 UTF-16 units, under 255 bytes for
    // most scripts; cut at a character boundary so a surrogate pair is never split.
    while (clean.toUtf8().size() > 200)
        clean.chop(clean.size() >= 2 && clean.at(clean.size() - 1).isLowSurrogate() ? 2 : 1);
    return clean;
}

// "Student Name - Title.sb3", or "... (2).sb3" when the name is taken. Compared without case:
// Windows and macOS file systems treat "Maze" and "maze" as the same file.
QString uniqueFileName(const QString &student, const QString &title, QSet<QString> &taken)
{
    QString stem = safeFileStem(safeFileStem(student) + u" - "_s + safeFileStem(title));
    if (stem.isEmpty() || stem == u"-"_s)
        stem = u"Project"_s;
    QString name = stem + u".sb3"_s;
    for (int n = 2; taken.contains(name.toCaseFolded()); ++n)
        name = u"%1 (%2).sb3"_s.arg(stem).arg(n);
    taken.insert(name.toCaseFolded());
    return name;
}

Error cannotWrite(const QString &path)
{
    return makeError(ErrorKind::BadRequest,
                     u"Blockhaus cannot write to \u201c%1\u201d. Choose another place."_s.arg(
                         QDir::toNativeSeparators(path)));
}

// Writes each project's .sb3 into folder; returns the files written (file name, path). On
// failure or cancellation it removes what it wrote, so a failed export leaves nothing behind.
Result<QList<Sb3::ZipEntry>> writeProjects(Service::Work &db, const Caller &admin,
                                           const QList<Service::ClassProject> &items,
                                           const QString &folder,
                                           QPromise<Ui::Outcome<int>> &promise)
{
    QList<Sb3::ZipEntry> written;
    auto undo = [&written](Error error) -> Result<QList<Sb3::ZipEntry>> {
        for (const Sb3::ZipEntry &file : std::as_const(written))
            QFile::remove(file.sourcePath);
        return error;
    };
    QSet<QString> taken;
    int done = 0;
    const Service::Projects projects = dashboardProjects();
    for (const Service::ClassProject &item : items) {
        if (promise.isCanceled())
            return undo(makeError(ErrorKind::BadRequest, u"The export was cancelled."_s));
        auto archive = projects.exportArchive(db, admin, item.projectId);
        if (!archive && archive.error().kind != ErrorKind::NotFound)
            return undo(archive.error());
        // NotFound: trashed or deleted since it was listed; it is not part of the export then.
        if (archive) {
            const QString name = uniqueFileName(nameOf(item.owner), archive->title, taken);
            const QString path = QDir(folder).filePath(name);
            // QSaveFile: a file appears under its name only once all its bytes are written.
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(archive->sb3) != archive->sb3.size()
                || !file.commit())
                return undo(file.error() == QFileDevice::ResourceError
                                ? makeError(ErrorKind::StorageFull)
                                : cannotWrite(path));
            written.append({name, path});
        }
        promise.setProgressValue(++done);
    }
    return written;
}

} // namespace

StoreClassroomService::StoreClassroomService(Service::Runner &runner, Auth::AuthService &auth,
                                             Live::LiveHub *live)
    : m_runner(runner)
    , m_auth(auth)
    , m_live(live)
{
}

QFuture<Ui::Outcome<QList<Ui::ClassSummary>>> StoreClassroomService::classes()
{
    return submit<QList<Ui::ClassSummary>>(
        m_runner, [](Service::Work &db) -> Result<QList<Ui::ClassSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto classes = Store::ClassStore::list(db, *admin);
            if (!classes)
                return classes.error();
            QList<Ui::ClassSummary> summaries;
            for (const Core::ClassInfo &info : std::as_const(*classes))
                summaries.append(toSummary(info));
            return summaries;
        });
}

QFuture<Ui::Outcome<Ui::ClassSummary>> StoreClassroomService::createClass(const QString &name)
{
    const QString clean = Core::cleanTitle(name, {});
    if (clean.isEmpty() || clean.size() > maxClassNameLength) {
        return ready(failure<Ui::ClassSummary>(
            u"A class needs a name (at most %1 characters)."_s.arg(maxClassNameLength)));
    }
    auto job = [clean](Service::Work &db) -> Result<Ui::ClassSummary> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        auto info = Store::ClassStore::create(db, *admin, clean);
        if (!info)
            return info.error();
        return toSummary(*info);
    };
    return submit<Ui::ClassSummary>(m_runner, std::move(job));
}

QFuture<Ui::Outcome<QList<Ui::StudentSummary>>> StoreClassroomService::students(qint64 classId)
{
    Live::LiveHub *live = m_live;
    return submit<QList<Ui::StudentSummary>>(
        m_runner, [classId, live](Service::Work &db) -> Result<QList<Ui::StudentSummary>> {
            auto admin = Service::dashboardCaller(db);
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
            for (const Core::StudentRow &row : std::as_const(*rows)) {
                const bool inClass = std::any_of(
                    row.groups.cbegin(), row.groups.cend(),
                    [classId](const Core::GroupRef &group) { return group.id == classId; });
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
        const QString cleaned = Core::cleanTitle(name, {});
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
        m_runner, [classId, clean](Service::Work &db) -> Result<QList<Ui::NewStudentAccount>> {
            auto admin = Service::dashboardCaller(db);
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
            for (const Core::NewAccount &account : std::as_const(*created))
                accounts.append(
                    {account.id, account.username, account.displayName, account.password});
            return accounts;
        });
}

QFuture<Ui::Outcome<QString>> StoreClassroomService::resetPassword(qint64 userId)
{
    Auth::AuthService *auth = &m_auth;
    return submit<QString>(m_runner, [userId, auth](Service::Work &db) -> Result<QString> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        // The same calls as POST /api/v1/users/{id}/password.
        auto user = Store::ClassStore::manageableUser(db, *admin, userId);
        if (!user)
            return user.error();
        const QString password = user->role == Core::Role::Student
            ? Auth::PasswordGenerator::childFriendly()
            : Auth::PasswordGenerator::strong();
        // Also ends every session of the user at once, cached ones included (issue #12).
        auto done =
            auth->resetPassword(db, userId, user->username, Auth::PasswordHasher::hash(password));
        if (!done)
            return done.error();
        return password;
    });
}

QFuture<Ui::Outcome<bool>> StoreClassroomService::removeStudent(qint64 classId, qint64 userId)
{
    return submit<bool>(m_runner, [classId, userId](Service::Work &db) -> Result<bool> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        auto user = Store::ClassStore::manageableUser(db, *admin, userId);
        if (!user)
            return user.error();
        // Trashing is for a child's projects; a teacher leaving a class keeps theirs.
        if (user->role != Core::Role::Student)
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
        const QList<Core::ProjectMeta> owned = *projects;
        // One write transaction: the nested store writes join it, so either the student is out
        // of the class and every listed project is in the trash, or nothing changed.
        return Db::writeTransaction<bool>(db, [&](Db::Connection &db) -> Result<bool> {
            auto removed = Store::ClassStore::removeMember(db, *admin, classId, userId);
            if (!removed)
                return removed.error();
            for (const Core::ProjectMeta &project : owned) {
                auto trashed = Store::ProjectStore::trash(db, owner, project.id);
                // NotFound: trashed by the student in the meantime, already where it belongs.
                if (!trashed && trashed.error().kind != ErrorKind::NotFound)
                    return trashed.error();
            }
            return true;
        });
    });
}

QFuture<Ui::Outcome<QList<Ui::ProjectSummary>>>
StoreClassroomService::studentProjects(qint64 userId, bool trash)
{
    return submit<QList<Ui::ProjectSummary>>(
        m_runner, [userId, trash](Service::Work &db) -> Result<QList<Ui::ProjectSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto projects = dashboardProjects().studentProjects(db, *admin, userId, trash);
            if (!projects)
                return projects.error();
            QList<Ui::ProjectSummary> summaries;
            for (const Service::StudentProject &project : std::as_const(*projects))
                summaries.append(toSummary(project.meta, project.thumbnail));
            return summaries;
        });
}

QFuture<Ui::Outcome<QList<Ui::VersionSummary>>> StoreClassroomService::versions(qint64 projectId)
{
    return submit<QList<Ui::VersionSummary>>(
        m_runner, [projectId](Service::Work &db) -> Result<QList<Ui::VersionSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto versions = dashboardProjects().versions(db, *admin, projectId);
            if (!versions)
                return versions.error();
            QList<Ui::VersionSummary> summaries;
            for (const Core::VersionInfo &info : std::as_const(*versions))
                summaries.append(
                    {info.version, Core::fromText(info.savedAt), nameOf(info.savedBy), info.size});
            return summaries;
        });
}

QFuture<Ui::Outcome<Ui::ProjectSummary>> StoreClassroomService::restoreFromTrash(qint64 projectId)
{
    return submit<Ui::ProjectSummary>(
        m_runner, [projectId](Service::Work &db) -> Result<Ui::ProjectSummary> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto meta = dashboardProjects().restoreFromTrashFor(db, *admin, projectId);
            if (!meta)
                return meta.error();
            return toSummary(*meta);
        });
}

QFuture<Ui::Outcome<Ui::ProjectSummary>> StoreClassroomService::restoreVersion(qint64 projectId,
                                                                               int version)
{
    return submit<Ui::ProjectSummary>(
        m_runner, [projectId, version](Service::Work &db) -> Result<Ui::ProjectSummary> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto meta = dashboardProjects().restoreVersionFor(db, *admin, projectId, version);
            if (!meta)
                return meta.error();
            return toSummary(*meta);
        });
}

QFuture<Ui::Outcome<int>> StoreClassroomService::exportClass(qint64 classId, const QString &target,
                                                             bool asZip)
{
    if (target.trimmed().isEmpty())
        return ready(failure<int>(u"Choose a folder or a zip file to export to."_s));
    // The job reports progress on this promise; the pool's own future only carries the result.
    auto promise = std::make_shared<QPromise<Ui::Outcome<int>>>();
    QFuture<Ui::Outcome<int>> future = promise->future();
    promise->start();
    const QString path = QFileInfo(target).absoluteFilePath();
    auto job = [classId, path, asZip, promise](Service::Work &db) -> Result<int> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        auto items = dashboardProjects().classProjects(db, *admin, classId);
        if (!items)
            return items.error();
        promise->setProgressRange(0, int(items->size()));
        promise->setProgressValue(0);
        if (!asZip) {
            // Only a folder this export had to create is removed again when it fails.
            const bool existed = QFileInfo(path).isDir();
            if (!existed && !QDir().mkpath(path))
                return cannotWrite(path);
            auto written = writeProjects(db, *admin, *items, path, *promise);
            if (!written) {
                if (!existed)
                    QDir().rmdir(path);
                return written.error();
            }
            return int(written->size());
        }
        // Checked before the work, so a wrong place fails at once rather than after it.
        const QFileInfo zipInfo(path);
        if (!zipInfo.absoluteDir().exists() || zipInfo.isDir())
            return cannotWrite(path);
        // The .sb3 files wait on disk, not in memory, until the zip is closed.
        QTemporaryDir staging;
        if (!staging.isValid())
            return makeError(ErrorKind::Internal, u"No temporary folder for the export."_s);
        auto written = writeProjects(db, *admin, *items, staging.path(), *promise);
        if (!written)
            return written.error();
        if (written->isEmpty())
            return 0; // libzip writes no file for an empty archive; there is nothing to send
        auto zipped = Sb3::writeZipFile(path, *written);
        if (!zipped)
            return zipped.error().kind == ErrorKind::BadRequest ? cannotWrite(path)
                                                                : zipped.error();
        return int(written->size());
    };
    m_runner.run<int>(std::move(job))
        .then([promise](const Result<int> &result) {
            promise->addResult(toOutcome(result));
            promise->finish();
        })
        .onCanceled([promise] {
            promise->addResult(
                failure<int>(u"Blockhaus stopped before this could be done. Please try again."_s));
            promise->finish();
        });
    return future;
}

} // namespace Blockhaus::App
