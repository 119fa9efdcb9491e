// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/s4simport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include "server/core/quotapolicy.h"
#include "server/core/sentence.h"
#include "server/db/connectionpool.h"
#include "server/db/dialect.h"
#include "server/db/migrations.h"
#include "server/db/restore.h"
#include "server/service/assets.h"
#include "server/service/dashboardcaller.h"
#include "server/service/projects.h"
#include "server/service/work.h"
#include "server/store/classstore.h"
#include "server/store/importmapstore.h"
#include "server/store/s4ssource.h"
#include "server/store/userstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Core::Role;
using Item = S4sItem;
using Outcome = S4sItem::Outcome;

namespace {

const QString source = u"s4s"_s;

// A backpack body or thumbnail may be as large as an asset may be.
constexpr qint64 maxBackpackBody = 10LL * 1024 * 1024;
// The most tries for a free username or class name before an item is skipped.
constexpr int maxNameTries = 50;

// Errors that mean the Blockhaus database failed, not that one item cannot be imported.
bool isDatabaseFailure(const Error &error)
{
    return error.kind == ErrorKind::Internal || error.kind == ErrorKind::Unavailable
        || error.kind == ErrorKind::StorageFull;
}

// Scratch4School stores absolute paths of its own server (UPLOAD_FOLDER/projects/12_sub.sb3).
// The uploads folder given on the command line is that UPLOAD_FOLDER, perhaps copied elsewhere:
// the file is looked up there by its last folder and name, then by name, then where the path
// says. Empty when it is nowhere; *expected then says where it was looked for.
QString findUpload(const QString &uploads, const QString &stored, const QString &guess,
                   QString *expected)
{
    QStringList candidates;
    const QDir dir(uploads);
    if (!stored.isEmpty()) {
        const QFileInfo info(stored);
        if (info.isRelative())
            candidates << dir.filePath(stored);
        candidates << dir.filePath(info.dir().dirName() + u'/' + info.fileName())
                   << dir.filePath(info.fileName()) << stored;
    }
    if (!guess.isEmpty())
        candidates << dir.filePath(guess);
    for (const QString &candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    *expected = QDir::toNativeSeparators(candidates.value(0, uploads));
    return {};
}

Result<QByteArray> readUpload(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::NotFound,
                         QT_TRANSLATE_NOOP("Sentence", "The file %1 cannot be read."),
                         {QDir::toNativeSeparators(path)});
    return file.readAll();
}

Error missingFile(const QString &expected)
{
    return makeError(ErrorKind::NotFound,
                     QT_TRANSLATE_NOOP("Sentence",
                                       "Its file is missing from the uploads folder "
                                       "(looked for %1)."),
                     {expected});
}

Role roleOf(const QString &s4sRole)
{
    if (s4sRole == u"admin"_s)
        return Role::Admin;
    if (s4sRole == u"teacher"_s)
        return Role::Teacher;
    return Role::Student;
}

// The file name extension Scratch4School gave a backpack asset of this mime type: the part after
// the slash, jpeg as jpg, and only the characters werkzeug's secure_filename keeps.
QString extensionOf(const QString &mime)
{
    QString extension = mime.section(u'/', -1);
    if (extension == u"jpeg"_s)
        extension = u"jpg"_s;
    extension.removeIf(
        [](QChar c) { return !(c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-'); });
    return extension;
}

class Importer
{
public:
    Importer(Db::Connection &db, const S4sImportSource &from,
             const std::function<void(const Item &)> &progress)
        : m_db(db)
        , m_from(from)
        , m_progress(progress)
    {
    }

    Result<S4sImportReport> run(const Store::S4sContent &content);

private:
    // Imports one item; false when a database failure stops the import.
    bool item(Item item, const std::function<Result<QString>(Db::Connection &)> &create);
    std::optional<Caller> callerFor(const QString &s4sUserId);
    void account(const Store::S4sUser &user);
    void group(const Store::S4sGroup &group, const Store::S4sContent &content);
    void membership(const Store::S4sMembership &membership, const Store::S4sContent &content);
    void project(const Store::S4sProject &project);
    void backpackItem(const Store::S4sBackpackItem &backpack);
    void skip(Item item, const Error &reason);
    void finish(const Item &item);
    QString groupKey(const Store::S4sGroup &group) const
    {
        return group.externalId.isEmpty() ? QString::number(group.id) : group.externalId;
    }

    Db::Connection &m_db;
    const S4sImportSource &m_from;
    const std::function<void(const Item &)> &m_progress;
    S4sImportReport m_report;
    Caller m_admin;
    QHash<QString, qint64> m_users; // S4S user id -> Blockhaus user id
    QHash<qint64, qint64> m_classes; // S4S group id -> Blockhaus class id
    std::optional<Error> m_remark; // set by a create function: a remark on the item it made
};

void Importer::finish(const Item &item)
{
    m_report.items.append(item);
    if (m_progress)
        m_progress(item);
}

void Importer::skip(Item item, const Error &reason)
{
    item.outcome = Outcome::Skipped;
    item.reason = reason;
    finish(item);
}

bool Importer::item(Item item, const std::function<Result<QString>(Db::Connection &)> &create)
{
    auto imported = Store::ImportMapStore::importOnce(
        m_db, source, item.kind, item.sourceId, [&](Db::Connection &db) -> Result<QString> {
            m_remark.reset(); // a transaction run again starts afresh
            return create(db);
        });
    if (!imported) {
        if (isDatabaseFailure(imported.error())) {
            m_report.stopped = true;
            m_report.stopReason = imported.error();
            return false;
        }
        skip(item, imported.error());
        return true;
    }
    item.outcome = imported->alreadyThere ? Outcome::AlreadyThere : Outcome::Imported;
    if (m_remark && !imported->alreadyThere) {
        item.reason = *m_remark;
        item.hasRemark = true;
    }
    if (item.kind == u"account"_s)
        m_users.insert(item.sourceId, imported->targetId.toLongLong());
    finish(item);
    return true;
}

std::optional<Caller> Importer::callerFor(const QString &s4sUserId)
{
    if (!m_users.contains(s4sUserId))
        return std::nullopt;
    auto user = Store::UserStore::user(m_db, m_users.value(s4sUserId));
    if (!user)
        return std::nullopt;
    return Caller::of(*user);
}

void Importer::account(const Store::S4sUser &user)
{
    const QString wanted = user.username.trimmed().isEmpty() ? user.id : user.username.trimmed();
    Item entry{u"account"_s, user.id, wanted, Outcome::Skipped, {}, false};
    item(entry, [&](Db::Connection &db) -> Result<QString> {
        // A name a local account already has is not merged into it: that account may be someone
        // else's. The imported one gets the name with "-s4s" (then -s4s2, ...), and the report
        // says so. No password: an empty (not NULL) hash never matches one (PasswordHasher).
        for (int attempt = 0; attempt < maxNameTries; ++attempt) {
            const QString name = attempt == 0 ? wanted
                : attempt == 1                ? QString(wanted + u"-s4s"_s)
                               : QString(wanted + u"-s4s"_s + QString::number(attempt));
            auto made = Store::UserStore::create(db, name, wanted, roleOf(user.role), u""_s);
            if (made) {
                if (attempt > 0) {
                    m_remark = makeError(ErrorKind::Exists,
                                         QT_TRANSLATE_NOOP("Sentence",
                                                           "Imported as %1: a Blockhaus account "
                                                           "already has the name %2."),
                                         {name, wanted});
                }
                return QString::number(made->id);
            }
            if (made.error().kind != ErrorKind::Exists)
                return made.error();
        }
        return makeError(ErrorKind::Exists,
                         QT_TRANSLATE_NOOP("Sentence", "The username \u201c%1\u201d is taken."),
                         {wanted});
    });
}

void Importer::group(const Store::S4sGroup &group, const Store::S4sContent &content)
{
    const QString wanted = group.name.trimmed().isEmpty() ? groupKey(group) : group.name.trimmed();
    // The class belongs to its first teacher (by Scratch4School id), else to the administrator.
    Caller creator = m_admin;
    for (const Store::S4sMembership &member : content.memberships) {
        if (member.groupId != group.id)
            continue;
        const std::optional<Caller> caller = callerFor(member.userId);
        if (caller && caller->role == Role::Teacher) {
            creator = *caller;
            break;
        }
    }
    Item entry{u"class"_s, groupKey(group), wanted, Outcome::Skipped, {}, false};
    item(entry, [&](Db::Connection &db) -> Result<QString> {
        for (int attempt = 0; attempt < maxNameTries; ++attempt) {
            const QString name = attempt == 0 ? wanted : u"%1 (%2)"_s.arg(wanted).arg(attempt + 1);
            auto created = Store::ClassStore::create(db, creator, name);
            if (created) {
                if (attempt > 0) {
                    m_remark = makeError(ErrorKind::Exists,
                                         QT_TRANSLATE_NOOP("Sentence",
                                                           "Imported as %1: its teacher already "
                                                           "has a class named %2."),
                                         {name, wanted});
                }
                return QString::number(created->id);
            }
            if (created.error().kind != ErrorKind::Exists)
                return created.error();
        }
        return makeError(ErrorKind::Exists,
                         QT_TRANSLATE_NOOP("Sentence", "There is already a class named %1."),
                         {wanted});
    });
    auto target = Store::ImportMapStore::mapped(m_db, source, u"class"_s, groupKey(group));
    if (target && *target)
        m_classes.insert(group.id, (*target)->toLongLong());
}

void Importer::membership(const Store::S4sMembership &membership, const Store::S4sContent &content)
{
    QString key;
    QString label;
    for (const Store::S4sGroup &group : content.groups) {
        if (group.id == membership.groupId) {
            key = groupKey(group);
            label = group.name;
        }
    }
    QString username = membership.userId;
    for (const Store::S4sUser &user : content.users) {
        if (user.id == membership.userId && !user.username.trimmed().isEmpty())
            username = user.username.trimmed();
    }
    Item entry{u"member"_s,
               key + u'/' + membership.userId,
               username + u" \u2192 "_s + label,
               Outcome::Skipped,
               {},
               false};
    if (!m_classes.contains(membership.groupId)) {
        skip(entry,
             makeError(ErrorKind::NotFound,
                       QT_TRANSLATE_NOOP("Sentence", "Its class was not imported.")));
        return;
    }
    if (!m_users.contains(membership.userId)) {
        skip(entry,
             makeError(ErrorKind::NotFound,
                       QT_TRANSLATE_NOOP("Sentence", "Its account was not imported.")));
        return;
    }
    const qint64 classId = m_classes.value(membership.groupId);
    const qint64 userId = m_users.value(membership.userId);
    item(entry, [&](Db::Connection &db) -> Result<QString> {
        auto added = Store::ClassStore::addMembers(db, m_admin, classId, {userId});
        if (!added)
            return added.error();
        return u"%1/%2"_s.arg(classId).arg(userId);
    });
}

void Importer::project(const Store::S4sProject &project)
{
    Item entry{u"project"_s, QString::number(project.id), project.name, Outcome::Skipped, {},
               false};
    if (project.deleted) {
        ++m_report.trashedProjects;
        return;
    }
    m_report.olderVersions += project.otherVersions;
    const std::optional<Caller> owner = callerFor(project.ownerId);
    if (!owner) {
        skip(entry,
             makeError(ErrorKind::NotFound,
                       QT_TRANSLATE_NOOP("Sentence",
                                         "Its owner's account was not "
                                         "imported.")));
        return;
    }
    // Already imported: no need to look at its files again.
    auto mapped = Store::ImportMapStore::mapped(m_db, source, entry.kind, entry.sourceId);
    if (mapped && *mapped) {
        entry.outcome = Outcome::AlreadyThere;
        finish(entry);
        return;
    }
    if (project.versionId == 0) {
        skip(entry,
             makeError(ErrorKind::NotFound,
                       QT_TRANSLATE_NOOP("Sentence", "It has no saved version.")));
        return;
    }
    QString expected;
    const QString sb3Path = findUpload(m_from.uploadsDir, project.sb3Path, {}, &expected);
    if (sb3Path.isEmpty()) {
        skip(entry, missingFile(expected));
        return;
    }
    auto sb3 = readUpload(sb3Path);
    if (!sb3) {
        skip(entry, sb3.error());
        return;
    }
    QByteArray thumbnail;
    Error thumbnailRemark;
    bool thumbnailMissing = false;
    if (!project.thumbnailPath.isEmpty()) {
        QString thumbnailExpected;
        const QString path =
            findUpload(m_from.uploadsDir, project.thumbnailPath, {}, &thumbnailExpected);
        auto read =
            path.isEmpty() ? Result<QByteArray>(missingFile(thumbnailExpected)) : readUpload(path);
        if (read) {
            thumbnail = *read;
        } else {
            thumbnailMissing = true;
            thumbnailRemark =
                makeError(ErrorKind::NotFound,
                          QT_TRANSLATE_NOOP("Sentence",
                                            "Imported without its thumbnail: the file %1 is "
                                            "missing or cannot be read."),
                          {path.isEmpty() ? thumbnailExpected : QDir::toNativeSeparators(path)});
        }
    }
    const Projects projects(Core::QuotaPolicy{0, 0});
    item(entry, [&](Db::Connection &db) -> Result<QString> {
        Work work(db);
        // The same service operation as POST /api/v1/projects with an .sb3 (G5).
        auto made = projects.importSb3(work, *owner, project.name, *sb3);
        if (!made) {
            if (isDatabaseFailure(made.error()))
                return made.error();
            return makeError(
                made.error().kind,
                QT_TRANSLATE_NOOP("Sentence",
                                  "Its .sb3 file %1 cannot be "
                                  "imported: %2"),
                {QDir::toNativeSeparators(sb3Path), Core::translatedMessage(made.error())});
        }
        if (!thumbnail.isEmpty()) {
            auto put = projects.putThumbnail(work, *owner, made->id, thumbnail);
            if (!put && isDatabaseFailure(put.error()))
                return put.error();
            if (!put)
                m_remark = makeError(ErrorKind::UnsupportedMediaType,
                                     QT_TRANSLATE_NOOP("Sentence",
                                                       "Imported without its thumbnail, which "
                                                       "is not a PNG or JPEG picture."));
        } else if (thumbnailMissing) {
            m_remark = thumbnailRemark;
        }
        return QString::number(made->id);
    });
}

void Importer::backpackItem(const Store::S4sBackpackItem &backpack)
{
    Item entry{u"backpack"_s, backpack.id, backpack.name, Outcome::Skipped, {}, false};
    const std::optional<Caller> owner = callerFor(backpack.ownerId);
    if (!owner) {
        skip(entry,
             makeError(ErrorKind::NotFound,
                       QT_TRANSLATE_NOOP("Sentence",
                                         "Its owner's account was not "
                                         "imported.")));
        return;
    }
    auto mapped = Store::ImportMapStore::mapped(m_db, source, entry.kind, entry.sourceId);
    if (mapped && *mapped) {
        entry.outcome = Outcome::AlreadyThere;
        finish(entry);
        return;
    }
    QString expected;
    const QString bodyPath = findUpload(
        m_from.uploadsDir, backpack.bodyPath,
        backpack.type + u'/' + backpack.bodyAsset + u'.' + extensionOf(backpack.mime), &expected);
    if (bodyPath.isEmpty()) {
        skip(entry, missingFile(expected));
        return;
    }
    const QString thumbnailPath =
        findUpload(m_from.uploadsDir, backpack.thumbnailPath,
                   u"thumbnail/"_s + backpack.thumbnailAsset + u".jpg"_s, &expected);
    if (thumbnailPath.isEmpty()) {
        skip(entry, missingFile(expected));
        return;
    }
    auto body = readUpload(bodyPath);
    auto thumbnail = readUpload(thumbnailPath);
    if (!body || !thumbnail) {
        skip(entry, body ? thumbnail.error() : body.error());
        return;
    }
    QString mime = backpack.mime;
    if (mime == u"audio/x-wav"_s)
        mime = u"audio/wav"_s; // as Scratch4School itself stores it
    const Backpack service(Core::QuotaPolicy{0, 0}, maxBackpackBody);
    item(entry, [&](Db::Connection &db) -> Result<QString> {
        Work work(db);
        // The same service operation as POST /api/v1/backpack (G7).
        auto added =
            service.add(work, *owner, {backpack.type, mime, backpack.name, *body, *thumbnail});
        if (!added)
            return added.error();
        return added->id;
    });
}

Result<S4sImportReport> Importer::run(const Store::S4sContent &content)
{
    Work work(m_db);
    auto admin = dashboardCaller(work);
    if (!admin)
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "This Blockhaus has no administrator account yet. "
                                           "Start Blockhaus once on it (that makes the "
                                           "account), stop it, and import again."));
    m_admin = *admin;
    m_report.assignments = content.assignments;
    m_report.assignmentSubmissions = content.assignmentSubmissions;
    m_report.projectPermissions = content.projectPermissions;
    // Accounts first (everything else belongs to one), then classes, members, projects and the
    // backpack. A database failure stops at once; what was imported stays.
    for (const Store::S4sUser &user : content.users) {
        account(user);
        if (m_report.stopped)
            return m_report;
    }
    for (const Store::S4sGroup &each : content.groups) {
        group(each, content);
        if (m_report.stopped)
            return m_report;
    }
    for (const Store::S4sMembership &each : content.memberships) {
        membership(each, content);
        if (m_report.stopped)
            return m_report;
    }
    for (const Store::S4sProject &each : content.projects) {
        project(each);
        if (m_report.stopped)
            return m_report;
    }
    for (const Store::S4sBackpackItem &each : content.backpack) {
        backpackItem(each);
        if (m_report.stopped)
            return m_report;
    }
    return m_report;
}

} // namespace

int S4sImportReport::count(const QString &kind, S4sItem::Outcome outcome) const
{
    int n = 0;
    for (const S4sItem &item : items) {
        if (item.kind == kind && item.outcome == outcome)
            ++n;
    }
    return n;
}

Result<S4sImportReport> S4sImport::run(const S4sImportSource &from, const S4sImportTarget &target,
                                       const std::function<void(const S4sItem &)> &progress)
{
    // The source first: when it cannot be read, nothing is touched.
    if (!QFileInfo(from.uploadsDir).isDir())
        return makeError(ErrorKind::BadRequest,
                         QT_TRANSLATE_NOOP("Sentence", "The uploads folder %1 does not exist."),
                         {QDir::toNativeSeparators(from.uploadsDir)});
    auto content = Store::S4sSource::read(from.database, from.databasePassword);
    if (!content)
        return content.error();

    Db::DbConfig config;
    if (!target.databaseUrl.isEmpty()) {
        auto parsed = Db::parseDatabaseUrl(target.databaseUrl);
        if (!parsed)
            return parsed.error();
        config = *parsed;
        if (config.pgPassword.isEmpty())
            config.pgPassword = target.databasePassword;
    } else {
        config.sqlitePath = target.sqliteFile;
    }
    config.poolSize = 1; // one item after another
    if (const Db::Dialect dialect(config.driver); !dialect.isDriverAvailable())
        return makeError(
            ErrorKind::Internal,
            u"Qt's database driver %1 is not installed."_s.arg(dialect.qtDriverName()));
    if (config.driver == Db::Driver::Sqlite) {
        // As at a start: a database of an older schema is kept before it is migrated.
        auto kept = Db::backupBeforeMigration(config.sqlitePath, target.backupFolder,
                                              Db::Migrations::latestVersion(config.driver));
        if (!kept)
            return kept.error();
    }
    Db::ConnectionPool pool(config);
    auto report = pool.runSync<S4sImportReport>([&](Db::Connection &db) -> Result<S4sImportReport> {
        auto migrated = Db::Migrations::migrate(db);
        if (!migrated)
            return migrated.error();
        return Importer(db, from, progress).run(*content);
    });
    pool.shutdown();
    return report;
}

} // namespace Blockhaus::Service
