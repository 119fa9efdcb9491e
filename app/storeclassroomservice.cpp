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
#include <QUrlQuery>

#include "server/core/sentence.h"
#include "server/core/timetext.h"
#include "server/sb3/sb3archive.h"
#include "server/service/assignments.h"
#include "server/service/classroom.h"
#include "server/service/dashboardcaller.h"
#include "server/service/help.h"
#include "server/service/projects.h"
#include "server/service/runner.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;
using Core::Caller;

namespace {

Q_LOGGING_CATEGORY(lcClassroom, "blockhaus.app.classroom")

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

Ui::StudentSummary toSummary(const Service::StudentStatus &status)
{
    Ui::StudentSummary summary;
    summary.id = status.user.id;
    summary.username = status.user.username;
    summary.displayName = status.user.displayName;
    for (const Core::GroupRef &group : status.groups)
        summary.classes.append(group.name);
    summary.projectCount = status.projectCount;
    summary.lastSeen = status.lastSeen;
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
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QList<Ui::ClassSummary>>(
        m_runner, [classroom](Service::Work &db) -> Result<QList<Ui::ClassSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto classes = classroom.classes(db, *admin);
            if (!classes)
                return classes.error();
            QList<Ui::ClassSummary> summaries;
            for (const Core::ClassInfo &info : std::as_const(*classes))
                summaries.append(toSummary(info));
            return summaries;
        });
}

QFuture<Ui::Outcome<QList<Ui::AssignmentSummary>>>
StoreClassroomService::assignments(qint64 classId)
{
    return submit<QList<Ui::AssignmentSummary>>(
        m_runner, [classId](Service::Work &db) -> Result<QList<Ui::AssignmentSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto list = Service::Assignments().listForClass(db, *admin, classId);
            if (!list)
                return list.error();
            QList<Ui::AssignmentSummary> summaries;
            for (const Core::Assignment &a : std::as_const(*list)) {
                summaries.append({a.id, a.title,
                                  a.dueAt.isEmpty() ? QDateTime() : Core::fromText(a.dueAt),
                                  !a.handedOutAt.isEmpty(), a.handedInCount, a.studentCount});
            }
            return summaries;
        });
}

QFuture<Ui::Outcome<Ui::ClassSummary>> StoreClassroomService::createClass(const QString &name)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<Ui::ClassSummary>(
        m_runner, [classroom, name](Service::Work &db) -> Result<Ui::ClassSummary> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto info = classroom.createClass(db, *admin, name);
            if (!info)
                return info.error();
            return toSummary(*info);
        });
}

QFuture<Ui::Outcome<QList<Ui::StudentSummary>>> StoreClassroomService::students(qint64 classId)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QList<Ui::StudentSummary>>(
        m_runner, [classroom, classId](Service::Work &db) -> Result<QList<Ui::StudentSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto students = classroom.studentsOfClass(db, *admin, classId);
            if (!students)
                return students.error();
            QList<Ui::StudentSummary> summaries;
            for (const Service::StudentStatus &student : std::as_const(*students))
                summaries.append(toSummary(student));
            return summaries;
        });
}

QFuture<Ui::Outcome<QList<Ui::NewStudentAccount>>>
StoreClassroomService::addStudents(qint64 classId, const QStringList &names)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QList<Ui::NewStudentAccount>>(
        m_runner,
        [classroom, classId, names](Service::Work &db) -> Result<QList<Ui::NewStudentAccount>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto created = classroom.addStudents(db, *admin, classId, names);
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
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QString>(m_runner, [classroom, userId](Service::Work &db) -> Result<QString> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        return classroom.resetPassword(db, *admin, userId);
    });
}

QFuture<Ui::Outcome<bool>> StoreClassroomService::removeStudent(qint64 classId, qint64 userId)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<bool>(m_runner, [classroom, classId, userId](Service::Work &db) -> Result<bool> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        auto removed = classroom.removeMember(db, *admin, classId, userId);
        if (!removed)
            return removed.error();
        return true;
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

QFuture<Ui::Outcome<QUrl>> StoreClassroomService::loginLink(const QString &nextPath)
{
    if (m_localOrigin.isEmpty())
        return ready(failure<QUrl>(
            u"Blockhaus listens only on a network address that this computer's browser cannot "
            "be signed in on. Sign in on the page with your username and password."_s));
    auto target = Service::Classroom::loginLinkTarget(nextPath);
    if (!target)
        return ready(toOutcome(Result<QUrl>(target.error())));
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QUrl>(
        m_runner,
        [classroom, origin = m_localOrigin, next = *target](Service::Work &db) -> Result<QUrl> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto token = classroom.issueLoginLink(db, *admin);
            if (!token)
                return token.error();
            QUrl url(origin + u"/login/once"_s);
            QUrlQuery query;
            query.addQueryItem(u"token"_s, *token);
            query.addQueryItem(u"next"_s, QString::fromUtf8(QUrl::toPercentEncoding(next)));
            url.setQuery(query);
            return url;
        });
}

static_assert(Ui::ClassroomService::minPasswordLength == Service::Classroom::minPasswordLength,
              "the welcome checks the service's bound");

QFuture<Ui::Outcome<Ui::OwnAccount>>
StoreClassroomService::setOwnAccount(const QString &displayName,
                                     const std::optional<QString> &password)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<Ui::OwnAccount>(
        m_runner, [classroom, displayName, password](Service::Work &db) -> Result<Ui::OwnAccount> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto set = classroom.setOwnAccount(db, *admin, displayName, password);
            if (!set)
                return set.error();
            auto me = classroom.me(db, *admin);
            if (!me)
                return me.error();
            return Ui::OwnAccount{me->username, me->displayName, *set};
        });
}

QFuture<Ui::Outcome<QList<Ui::TeacherSummary>>> StoreClassroomService::teachers()
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QList<Ui::TeacherSummary>>(
        m_runner, [classroom](Service::Work &db) -> Result<QList<Ui::TeacherSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto staff = classroom.staff(db, *admin);
            if (!staff)
                return staff.error();
            QList<Ui::TeacherSummary> summaries;
            for (const Core::User &user : std::as_const(*staff))
                summaries.append(
                    {user.id, user.username, user.displayName, user.role == Core::Role::Admin});
            return summaries;
        });
}

QFuture<Ui::Outcome<Ui::OwnAccount>>
StoreClassroomService::createTeacher(const QString &displayName, const QString &username)
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<Ui::OwnAccount>(
        m_runner, [classroom, displayName, username](Service::Work &db) -> Result<Ui::OwnAccount> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto made = classroom.createUser(
                db, *admin, {username, displayName, Core::Role::Teacher, std::nullopt});
            if (!made)
                return made.error();
            return Ui::OwnAccount{made->username, made->displayName, made->password};
        });
}

QFuture<Ui::Outcome<QList<Ui::HelpRequestSummary>>> StoreClassroomService::helpQueue()
{
    return submit<QList<Ui::HelpRequestSummary>>(
        m_runner, [](Service::Work &db) -> Result<QList<Ui::HelpRequestSummary>> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            auto queue = Service::Help().queue(db, *admin);
            if (!queue)
                return queue.error();
            QList<Ui::HelpRequestSummary> summaries;
            for (const Core::HelpRequest &request : std::as_const(*queue)) {
                summaries.append({request.id,
                                  request.student.displayName.isEmpty()
                                      ? request.student.username
                                      : request.student.displayName,
                                  request.projectId, request.projectTitle, request.question,
                                  Core::fromText(request.createdAt)});
            }
            return summaries;
        });
}

QFuture<Ui::Outcome<bool>> StoreClassroomService::markHelpDone(qint64 requestId)
{
    return submit<bool>(m_runner, [requestId](Service::Work &db) -> Result<bool> {
        auto admin = Service::dashboardCaller(db);
        if (!admin)
            return admin.error();
        auto done = Service::Help().markDone(db, *admin, requestId);
        if (!done)
            return done.error();
        return true;
    });
}

} // namespace Blockhaus::App
