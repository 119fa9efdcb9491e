// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/livecontrols.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryFile>

#include "server/live/livehub.h"
#include "server/sb3/sb3archive.h"
#include "server/service/projectarchive.h"
#include "server/store/classstore.h"
#include "server/store/livecontrolstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Store::LiveControlStore;

namespace {

Error onlyTeachers()
{
    return makeError(ErrorKind::Forbidden,
                     QT_TRANSLATE_NOOP("Sentence", "This is only for teachers."));
}

// A name that is safe as a file name on every system a teacher may unpack the zip on.
QString safeName(const QString &text)
{
    QString name;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c == u' ' || c == u'-' || c == u'_' || c == u'.'
            || c == u'\u2014')
            name.append(c);
        else
            name.append(u'_');
    }
    name = name.trimmed().left(120);
    return name.isEmpty() ? u"project"_s : name;
}

} // namespace

LiveControls::LiveControls(Live::LiveHub *live)
    : m_live(live)
{
}

Result<QList<Core::LiveMembership>> LiveControls::streamState(Work &work,
                                                              const Caller &caller) const
{
    return LiveControlStore::memberships(work.connection(), caller.userId);
}

Result<Core::ClassLiveState> LiveControls::state(Work &work, const Caller &caller,
                                                 qint64 classId) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    return LiveControlStore::state(work.connection(), caller, classId);
}

Result<QList<Core::ClassLiveState>> LiveControls::allStates(Work &work) const
{
    return LiveControlStore::allStates(work.connection());
}

Result<Core::ClassLiveState> LiveControls::setPencilsDown(Work &work, const Caller &caller,
                                                          qint64 classId, bool down) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    auto state = LiveControlStore::setPencilsDown(work.connection(), caller, classId, down);
    if (state && m_live) {
        Live::ClassEvent event;
        event.kind = Live::ClassEvent::Kind::PencilsDown;
        event.classId = classId;
        event.down = down;
        event.from = caller.displayName;
        m_live->classEvents().publish(event);
    }
    return state;
}

Result<Core::SendResult> LiveControls::sendToEveryone(Work &work, const Caller &caller,
                                                      qint64 classId, qint64 projectId,
                                                      const QString &pressId) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    bool printable = !pressId.isEmpty() && pressId.size() <= maxPressIdLength;
    for (const QChar c : pressId)
        printable = printable && c.unicode() > 0x20 && c.unicode() < 0x7f;
    if (!printable) {
        Error error = makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence",
                              "Each press needs its own press_id of 1 to 64 letters or digits."));
        error.extra = {{u"field"_s, u"press_id"_s}};
        return error;
    }
    // The class first (a teacher of another class learns nothing about the project), then the
    // caller's right to read the project they send; both again inside the write.
    auto taught = Store::ClassStore::managedClass(work.connection(), caller, classId);
    if (!taught)
        return taught.error();
    auto source = Store::ProjectStore::meta(work.connection(), caller, projectId);
    if (!source)
        return source.error();
    auto sent = LiveControlStore::sendToClass(work.connection(), caller, classId, projectId,
                                              source->title, pressId);
    if (sent && !sent->repeated && m_live) {
        for (const Core::SentCopy &copy : std::as_const(sent->copies)) {
            Live::ClassEvent event;
            event.kind = Live::ClassEvent::Kind::ProjectSent;
            event.classId = classId;
            event.userId = copy.studentId;
            event.projectId = copy.projectId;
            event.projectTitle = sent->title;
            event.from = caller.displayName;
            m_live->classEvents().publish(event);
        }
    }
    return sent;
}

Result<Core::Collection> LiveControls::collect(Work &work, const Caller &caller,
                                               qint64 classId) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    const QString label = QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm"_s);
    return LiveControlStore::collect(work.connection(), caller, classId, label);
}

Result<Core::Collection> LiveControls::collection(Work &work, const Caller &caller, qint64 id) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    return LiveControlStore::collection(work.connection(), caller, id);
}

Result<QList<Core::Collection>> LiveControls::collections(Work &work, const Caller &caller,
                                                          qint64 classId) const
{
    if (!caller.isTeacherOrAdmin())
        return onlyTeachers();
    return LiveControlStore::collections(work.connection(), caller, classId);
}

Result<CollectionArchive> LiveControls::exportCollection(Work &work, const Caller &caller,
                                                         qint64 id) const
{
    auto found = collection(work, caller, id);
    if (!found)
        return found.error();
    if (found->items.isEmpty())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "This collection holds no projects."));
    // The .sb3 files wait on disk, not in memory, until the zip is closed; holding them keeps
    // their temporary files until then.
    QList<std::shared_ptr<const Core::FileBody>> held;
    QList<Sb3::ZipEntry> entries;
    QSet<QString> taken;
    for (const Core::CollectionItem &item : std::as_const(found->items)) {
        auto archive = projectArchiveFile(work.connection(), caller, item.projectId);
        if (!archive && archive.error().kind == ErrorKind::NotFound)
            continue; // the teacher deleted that copy since
        if (!archive)
            return archive.error();
        QString name = safeName(item.title);
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = safeName(item.title) + u" ("_s + QString::number(n) + u')';
        taken.insert(name.toLower());
        held.append(archive->file);
        entries.append({name + u".sb3"_s, archive->file->path});
    }
    if (entries.isEmpty())
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "This collection holds no projects."));
    QString zipPath;
    {
        QTemporaryFile reserve(QDir::tempPath() + u"/blockhaus-collection-XXXXXX.zip"_s);
        reserve.setAutoRemove(false);
        if (!reserve.open())
            return makeError(ErrorKind::StorageFull);
        zipPath = reserve.fileName();
    }
    auto written = Sb3::writeZipFile(zipPath, entries);
    if (!written) {
        QFile::remove(zipPath);
        return written.error();
    }
    CollectionArchive result;
    result.fileName = u"collected "_s + QString(found->collectedAt).replace(u':', u'-') + u".zip"_s;
    result.file = std::make_shared<const Core::FileBody>(zipPath, QFileInfo(zipPath).size(), true);
    return result;
}

} // namespace Blockhaus::Service
