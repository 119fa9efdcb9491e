// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/storelivecontrolservice.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPromise>

#include "server/core/sentence.h"
#include "server/core/timetext.h"
#include "server/service/classroom.h"
#include "server/service/dashboardcaller.h"
#include "server/service/livecontrols.h"
#include "server/service/projects.h"
#include "server/service/runner.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;
using Core::Caller;

Q_LOGGING_CATEGORY(lcLiveControls, "blockhaus.app.live")

namespace {

template<typename T>
Ui::Outcome<T> toOutcome(const Result<T> &result)
{
    if (!result) {
        if (result.error().kind == ErrorKind::Internal)
            qCWarning(lcLiveControls) << "live control failed:" << result.error().message;
        return {std::nullopt, Core::translatedMessage(result.error())};
    }
    return {std::optional<T>(*result), QString()};
}

// Runs job as the dashboard's account on the pool and maps its result; every future finishes.
template<typename T>
QFuture<Ui::Outcome<T>> submit(Service::Runner &runner,
                               std::function<Result<T>(Service::Work &, const Caller &)> job)
{
    return runner
        .run<T>([job = std::move(job)](Service::Work &db) -> Result<T> {
            auto admin = Service::dashboardCaller(db);
            if (!admin)
                return admin.error();
            return job(db, *admin);
        })
        .then([](const Result<T> &result) { return toOutcome(result); })
        .onCanceled([] {
            return Ui::Outcome<T>{
                std::nullopt,
                QCoreApplication::translate("Blockhaus::App::StoreLiveControlService",
                                            "Blockhaus stopped before this could be "
                                            "done. Please try again.")};
        });
}

} // namespace

StoreLiveControlService::StoreLiveControlService(Service::Runner &runner, Auth::AuthService &auth,
                                                 Live::LiveHub *live)
    : m_runner(runner)
    , m_auth(auth)
    , m_live(live)
{
}

QFuture<Ui::Outcome<QList<Ui::ClassSummary>>> StoreLiveControlService::classes()
{
    const Service::Classroom classroom(m_auth, m_live);
    return submit<QList<Ui::ClassSummary>>(
        m_runner,
        [classroom](Service::Work &db, const Caller &admin) -> Result<QList<Ui::ClassSummary>> {
            auto classes = classroom.classes(db, admin);
            if (!classes)
                return classes.error();
            QList<Ui::ClassSummary> list;
            for (const Core::ClassInfo &info : std::as_const(*classes))
                list.append({info.id, info.name, info.joinCode, info.joinOpen, info.studentCount});
            return list;
        });
}

QFuture<Ui::Outcome<bool>> StoreLiveControlService::pencilsDown(qint64 classId)
{
    const Service::LiveControls controls(m_live);
    return submit<bool>(
        m_runner, [controls, classId](Service::Work &db, const Caller &admin) -> Result<bool> {
            auto state = controls.state(db, admin, classId);
            if (!state)
                return state.error();
            return state->pencilsDown;
        });
}

QFuture<Ui::Outcome<bool>> StoreLiveControlService::setPencilsDown(qint64 classId, bool down)
{
    const Service::LiveControls controls(m_live);
    return submit<bool>(
        m_runner,
        [controls, classId, down](Service::Work &db, const Caller &admin) -> Result<bool> {
            auto state = controls.setPencilsDown(db, admin, classId, down);
            if (!state)
                return state.error();
            return state->pencilsDown;
        });
}

QFuture<Ui::Outcome<QList<Ui::ProjectSummary>>> StoreLiveControlService::ownProjects()
{
    return submit<QList<Ui::ProjectSummary>>(
        m_runner, [](Service::Work &db, const Caller &admin) -> Result<QList<Ui::ProjectSummary>> {
            auto projects = Service::Projects(Core::QuotaPolicy{}).listOwn(db, admin, false);
            if (!projects)
                return projects.error();
            QList<Ui::ProjectSummary> list;
            for (const Core::ProjectMeta &meta : std::as_const(*projects)) {
                Ui::ProjectSummary summary;
                summary.id = meta.id;
                summary.title = meta.title;
                summary.ownerId = meta.owner.id;
                summary.ownerName = meta.owner.displayName;
                summary.version = meta.version;
                summary.updatedAt = Core::fromText(meta.updatedAt);
                list.append(summary);
            }
            return list;
        });
}

QFuture<Ui::Outcome<int>> StoreLiveControlService::sendToEveryone(qint64 classId, qint64 projectId,
                                                                  const QString &pressId)
{
    const Service::LiveControls controls(m_live);
    return submit<int>(m_runner,
                       [controls, classId, projectId, pressId](Service::Work &db,
                                                               const Caller &admin) -> Result<int> {
                           auto sent =
                               controls.sendToEveryone(db, admin, classId, projectId, pressId);
                           if (!sent)
                               return sent.error();
                           return int(sent->copies.size());
                       });
}

QFuture<Ui::Outcome<Ui::CollectionSummary>> StoreLiveControlService::collect(qint64 classId)
{
    const Service::LiveControls controls(m_live);
    return submit<Ui::CollectionSummary>(
        m_runner,
        [controls, classId](Service::Work &db,
                            const Caller &admin) -> Result<Ui::CollectionSummary> {
            auto collection = controls.collect(db, admin, classId);
            if (!collection)
                return collection.error();
            return Ui::CollectionSummary{collection->id, collection->classId,
                                         Core::fromText(collection->collectedAt),
                                         int(collection->items.size())};
        });
}

QFuture<Ui::Outcome<int>> StoreLiveControlService::exportCollection(qint64 collectionId,
                                                                    const QString &zipPath)
{
    const Service::LiveControls controls(m_live);
    const QString path = QFileInfo(zipPath).absoluteFilePath();
    return submit<int>(
        m_runner,
        [controls, collectionId, path](Service::Work &db, const Caller &admin) -> Result<int> {
            const QFileInfo target(path);
            if (!target.absoluteDir().exists() || target.isDir())
                return makeError(ErrorKind::BadRequest,
                                 QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot write %1."),
                                 {QDir::toNativeSeparators(path)});
            auto found = controls.collection(db, admin, collectionId);
            if (!found)
                return found.error();
            auto archive = controls.exportCollection(db, admin, collectionId);
            if (!archive)
                return archive.error();
            // Next to the target first, then renamed: the zip appears whole or not at all.
            const QString partial = path + u".part"_s;
            QFile::remove(partial);
            if (!QFile::copy(archive->file->path, partial)) {
                QFile::remove(partial);
                return makeError(ErrorKind::BadRequest,
                                 QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot write %1."),
                                 {QDir::toNativeSeparators(path)});
            }
            QFile::remove(path);
            if (!QFile::rename(partial, path)) {
                QFile::remove(partial);
                return makeError(ErrorKind::BadRequest,
                                 QT_TRANSLATE_NOOP("Sentence", "Blockhaus cannot write %1."),
                                 {QDir::toNativeSeparators(path)});
            }
            return int(found->items.size());
        });
}

} // namespace Blockhaus::App
