// SPDX-License-Identifier: AGPL-3.0-or-later
// Moving over from Scratch4School (issue #15 step 5): `blockhaus --import-s4s DB --uploads DIR`
// on a Scratch4School installation built here from S4S's own schema (the SQLAlchemy models of
// juliankiedaisch/Scratch4School, backend/app/models/): everything importable arrives and is
// served (accounts, classes and members, project JSON equal to the .sb3's, assets, thumbnails,
// backpack), the broken .sb3 and the missing upload are reported with their reasons, a second run
// changes nothing, and a run killed mid-way (kill -9) completes on the next run without
// duplicates. The *.pg variant runs the same with Blockhaus on PostgreSQL.

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

// The tables of Scratch4School's models as SQLAlchemy creates them on SQLite (the columns the
// models declare, with their keys and unique constraints).
const char *const s4sSchema[] = {
    "CREATE TABLE users (id VARCHAR(128) NOT NULL, username VARCHAR(128) NOT NULL, "
    "email VARCHAR(128), role VARCHAR(50), created_at DATETIME, last_login DATETIME, "
    "user_data JSON, PRIMARY KEY (id))",
    "CREATE TABLE groups (id INTEGER NOT NULL, name VARCHAR(128) NOT NULL, "
    "external_id VARCHAR(255) NOT NULL, description TEXT, created_at DATETIME, PRIMARY KEY (id), "
    "UNIQUE (external_id))",
    "CREATE TABLE user_groups (user_id VARCHAR(128) NOT NULL, group_id INTEGER NOT NULL, "
    "joined_at DATETIME, PRIMARY KEY (user_id, group_id), FOREIGN KEY(user_id) REFERENCES "
    "users (id), FOREIGN KEY(group_id) REFERENCES groups (id))",
    "CREATE TABLE projects (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, description TEXT, "
    "sb3_file_path VARCHAR(255), thumbnail_path VARCHAR(255), owner_id VARCHAR(128) NOT NULL, "
    "created_at DATETIME, updated_at DATETIME, deleted_at DATETIME, deleted_by VARCHAR(128), "
    "PRIMARY KEY (id), FOREIGN KEY(owner_id) REFERENCES users (id))",
    "CREATE TABLE collaborative_projects (id INTEGER NOT NULL, name VARCHAR(255) NOT NULL, "
    "description TEXT, created_by VARCHAR(128) NOT NULL, latest_commit_id INTEGER, "
    "created_at DATETIME, updated_at DATETIME, deleted_at DATETIME, deleted_by VARCHAR(128), "
    "PRIMARY KEY (id), FOREIGN KEY(created_by) REFERENCES users (id), "
    "FOREIGN KEY(latest_commit_id) REFERENCES projects (id))",
    "CREATE TABLE commits (id INTEGER NOT NULL, project_id INTEGER NOT NULL, "
    "collaborative_project_id INTEGER NOT NULL, commit_number INTEGER NOT NULL, "
    "commit_message TEXT, parent_commit_id INTEGER, committed_by VARCHAR(128) NOT NULL, "
    "committed_at DATETIME, PRIMARY KEY (id), "
    "CONSTRAINT uq_collab_commit_number UNIQUE (collaborative_project_id, commit_number), "
    "UNIQUE (project_id), FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, "
    "FOREIGN KEY(collaborative_project_id) REFERENCES collaborative_projects (id) "
    "ON DELETE CASCADE, FOREIGN KEY(parent_commit_id) REFERENCES projects (id), "
    "FOREIGN KEY(committed_by) REFERENCES users (id))",
    "CREATE TABLE working_copies (id INTEGER NOT NULL, project_id INTEGER NOT NULL, "
    "collaborative_project_id INTEGER NOT NULL, user_id VARCHAR(128) NOT NULL, "
    "based_on_commit_id INTEGER NOT NULL, has_changes BOOLEAN NOT NULL, created_at DATETIME, "
    "updated_at DATETIME, PRIMARY KEY (id), CONSTRAINT uq_collab_user_commit_wc "
    "UNIQUE (collaborative_project_id, user_id, based_on_commit_id), UNIQUE (project_id), "
    "FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, "
    "FOREIGN KEY(collaborative_project_id) REFERENCES collaborative_projects (id) "
    "ON DELETE CASCADE, FOREIGN KEY(user_id) REFERENCES users (id), "
    "FOREIGN KEY(based_on_commit_id) REFERENCES projects (id))",
    "CREATE TABLE collaborative_project_permissions (id INTEGER NOT NULL, "
    "collaborative_project_id INTEGER NOT NULL, user_id VARCHAR(128), group_id INTEGER, "
    "permission VARCHAR(5) NOT NULL, is_frozen BOOLEAN NOT NULL, frozen_at DATETIME, "
    "frozen_by VARCHAR(128), frozen_reason TEXT, granted_by VARCHAR(128), granted_at DATETIME, "
    "PRIMARY KEY (id), CONSTRAINT unique_user_permission UNIQUE (collaborative_project_id, "
    "user_id), CONSTRAINT unique_group_permission UNIQUE (collaborative_project_id, group_id))",
    "CREATE TABLE assets (id INTEGER NOT NULL, asset_id VARCHAR(128) NOT NULL, "
    "asset_type VARCHAR(50) NOT NULL, data_format VARCHAR(10) NOT NULL, size INTEGER NOT NULL, "
    "md5 VARCHAR(32) NOT NULL, owner_id VARCHAR(128) NOT NULL, file_path VARCHAR(255) NOT NULL, "
    "created_at DATETIME, PRIMARY KEY (id), CONSTRAINT _md5_type_uc UNIQUE (md5, asset_type), "
    "UNIQUE (asset_id), FOREIGN KEY(owner_id) REFERENCES users (id))",
    "CREATE TABLE backpack_items (id VARCHAR(36) NOT NULL, type VARCHAR(20) NOT NULL, "
    "name VARCHAR(255) NOT NULL, mime VARCHAR(50) NOT NULL, body VARCHAR(128) NOT NULL, "
    "thumbnail VARCHAR(128) NOT NULL, owner_id VARCHAR(128) NOT NULL, created_at DATETIME, "
    "updated_at DATETIME, PRIMARY KEY (id), FOREIGN KEY(owner_id) REFERENCES users (id))",
    "CREATE TABLE assignments (id INTEGER NOT NULL, name VARCHAR(255) NOT NULL, "
    "description TEXT, created_at DATETIME, updated_at DATETIME, due_date DATETIME, "
    "auto_freeze_on_due BOOLEAN NOT NULL, deleted_at DATETIME, deleted_by VARCHAR(128), "
    "PRIMARY KEY (id))",
    "CREATE TABLE assignment_submissions (id INTEGER NOT NULL, assignment_id INTEGER NOT NULL, "
    "user_id VARCHAR(128) NOT NULL, collaborative_project_id INTEGER NOT NULL, "
    "submitted_at DATETIME, submitted_commit_id INTEGER, PRIMARY KEY (id))",
};

// Where the S4S server kept its uploads: the paths in its database are absolute and name this
// folder, which the test's uploads folder stands in for (as a copy on another machine would).
const QString originalUploads = u"/srv/scratch4school/uploads"_s;

QByteArray pngBytes(int seed)
{
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + "thumbnail " + QByteArray::number(seed);
}

QByteArray wavBytes()
{
    QByteArray wav(
        "RIFF\x2c\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x22\x56\0\0\x44\xac\0\0\x02\0\x10\0"
        "data\x08\0\0\0",
        44);
    return wav + QByteArray(8, '\0');
}

// The project.json of a fixture project: one SVG costume, optionally a WAV sound on the stage.
QByteArray projectJson(const QByteArray &svg, const QString &marker, const QByteArray &wav = {})
{
    const QByteArray json = scratchProject({md5ext(svg, u"svg"_s)}, 0, marker);
    if (wav.isEmpty())
        return json;
    QJsonObject project = QJsonDocument::fromJson(json).object();
    QJsonArray targets = project.value(u"targets"_s).toArray();
    QJsonObject stage = targets.at(0).toObject();
    stage.insert(u"sounds"_s,
                 QJsonArray{QJsonObject{{u"name"_s, u"pop"_s},
                                        {u"assetId"_s, QString::fromLatin1(md5Hex(wav))},
                                        {u"dataFormat"_s, u"wav"_s},
                                        {u"format"_s, u""_s},
                                        {u"rate"_s, 22050},
                                        {u"sampleCount"_s, 4},
                                        {u"md5ext"_s, md5ext(wav, u"wav"_s)}}});
    targets.replace(0, stage);
    project.insert(u"targets"_s, targets);
    return QJsonDocument(project).toJson(QJsonDocument::Compact);
}

// A Scratch4School installation: its database file and its uploads folder.
struct S4sInstallation
{
    QString database;
    QString uploads;
    // What the import must produce, by project title: the project.json of its current version.
    QHash<QString, QByteArray> expectedBodies;
    QByteArray catSvg; // an asset of "Cat game"
    QByteArray catThumbnail;
    QByteArray backpackSvg;
    int importableProjects = 0;
};

class Fixture
{
public:
    Fixture(QSqlDatabase &db, S4sInstallation &installation)
        : m_db(db)
        , m_s4s(installation)
    {
    }

    bool exec(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(m_db);
        // Without binds, run the statement as it is: QPSQL cannot prepare DDL.
        if (binds.isEmpty()) {
            if (q.exec(sql))
                return true;
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        if (!q.prepare(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        for (const QVariant &bind : binds)
            q.addBindValue(bind);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }

    bool writeUpload(const QString &relative, const QByteArray &bytes)
    {
        const QString path = m_s4s.uploads + u'/' + relative;
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    // One version of a project (a projects row) with its .sb3 under uploads/projects/ (unless
    // sb3 is empty: a missing upload) and, optionally, a thumbnail.
    bool version(int id, const QString &name, const QString &owner, const QByteArray &sb3,
                 const QByteArray &thumbnail = {})
    {
        const QString sb3Name = u"projects/%1_%2.sb3"_s.arg(id).arg(owner);
        if (!sb3.isEmpty() && !writeUpload(sb3Name, sb3))
            return false;
        QVariant thumbnailPath;
        if (!thumbnail.isEmpty()) {
            const QString thumbName = u"thumbnails/thumb_%1.png"_s.arg(id);
            if (!writeUpload(thumbName, thumbnail))
                return false;
            thumbnailPath = QString(originalUploads + u'/' + thumbName);
        }
        return exec(u"INSERT INTO projects (id, name, sb3_file_path, thumbnail_path, owner_id, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2025-03-01 10:00:00', "
                    "'2025-03-01 10:00:00')"_s,
                    {id, name, QString(originalUploads + u'/' + sb3Name), thumbnailPath, owner});
    }

    bool collaborative(int id, const QString &name, const QString &owner, int latestCommit,
                       const QVariant &deletedAt = {})
    {
        return exec(u"INSERT INTO collaborative_projects (id, name, created_by, latest_commit_id, "
                    "created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, "
                    "'2025-03-01 10:00:00', '2025-03-01 10:00:00', ?)"_s,
                    {id, name, owner, latestCommit, deletedAt});
    }

    bool commit(int collabId, int projectId, int number, const QString &by)
    {
        return exec(u"INSERT INTO commits (project_id, collaborative_project_id, commit_number, "
                    "commit_message, committed_by, committed_at) VALUES (?, ?, ?, 'save', ?, "
                    "'2025-03-01 10:00:00')"_s,
                    {projectId, collabId, number, by});
    }

    // A whole project with one commit, importable: its project.json is expected in Blockhaus.
    bool simpleProject(int collabId, int versionId, const QString &name, const QString &owner,
                       const QByteArray &svg, const QByteArray &wav = {})
    {
        const QByteArray json = projectJson(svg, name, wav);
        QList<QPair<QString, QByteArray>> files{{md5ext(svg, u"svg"_s), svg}};
        if (!wav.isEmpty())
            files.append({md5ext(wav, u"wav"_s), wav});
        if (!version(versionId, name + u" - Commit 1"_s, owner, makeSb3(json, files)))
            return false;
        m_s4s.expectedBodies.insert(name, json);
        ++m_s4s.importableProjects;
        return collaborative(collabId, name, owner, versionId)
            && commit(collabId, versionId, 1, owner);
    }

    bool build(int extraProjects)
    {
        // On PostgreSQL SQLAlchemy makes integer keys SERIAL and dates TIMESTAMP.
        const bool postgres = m_db.driverName() == u"QPSQL"_s;
        for (const char *statement : s4sSchema) {
            QString sql = QString::fromLatin1(statement);
            if (postgres)
                sql.replace(u"(id INTEGER NOT NULL"_s, u"(id SERIAL NOT NULL"_s)
                    .replace(u"DATETIME"_s, u"TIMESTAMP"_s);
            if (!exec(sql))
                return false;
        }
        // Accounts of the school's sign-in: two classes' worth, a teacher, an S4S admin, and a
        // student whose name a local Blockhaus account already has ("admin").
        const QList<QStringList> users{{u"sub-anna"_s, u"anna.a"_s, u"student"_s},
                                       {u"sub-ben"_s, u"ben.b"_s, u"student"_s},
                                       {u"sub-clara"_s, u"clara.teacher"_s, u"teacher"_s},
                                       {u"sub-dora"_s, u"dora.d"_s, u"student"_s},
                                       {u"sub-eve"_s, u"admin"_s, u"student"_s},
                                       {u"sub-it"_s, u"it.admin"_s, u"admin"_s}};
        for (const QStringList &user : users) {
            if (!exec(u"INSERT INTO users (id, username, email, role, created_at) "
                      "VALUES (?, ?, ?, ?, '2025-01-01 08:00:00')"_s,
                      {user.at(0), user.at(1), QString(user.at(1) + u"@school.example"_s),
                       user.at(2)}))
                return false;
        }
        if (!exec(u"INSERT INTO groups (id, name, external_id) VALUES (1, '7a', 'iserv-7a'), "
                  "(2, '7b', 'iserv-7b')"_s))
            return false;
        const QList<QPair<QString, int>> members{{u"sub-clara"_s, 1}, {u"sub-anna"_s, 1},
                                                 {u"sub-ben"_s, 1},   {u"sub-clara"_s, 2},
                                                 {u"sub-dora"_s, 2},  {u"sub-eve"_s, 2}};
        for (const auto &[user, group] : members) {
            if (!exec(u"INSERT INTO user_groups (user_id, group_id) VALUES (?, ?)"_s,
                      {user, group}))
                return false;
        }

        // "Cat game": two commits; the second is current and has a thumbnail.
        m_s4s.catSvg = svgAsset(101);
        m_s4s.catThumbnail = pngBytes(1);
        const QByteArray catOld = projectJson(svgAsset(100), u"cat-v1"_s);
        const QByteArray catNew = projectJson(m_s4s.catSvg, u"cat-v2"_s);
        if (!version(1, u"Cat game - Commit 1"_s, u"sub-anna"_s,
                     makeSb3(catOld, {{md5ext(svgAsset(100), u"svg"_s), svgAsset(100)}}))
            || !version(2, u"Cat game - Commit 2"_s, u"sub-anna"_s,
                        makeSb3(catNew, {{md5ext(m_s4s.catSvg, u"svg"_s), m_s4s.catSvg}}),
                        m_s4s.catThumbnail)
            || !collaborative(1, u"Cat game"_s, u"sub-anna"_s, 2) || !commit(1, 1, 1, u"sub-anna"_s)
            || !commit(1, 2, 2, u"sub-anna"_s))
            return false;
        m_s4s.expectedBodies.insert(u"Cat game"_s, catNew);
        ++m_s4s.importableProjects;

        // "Dance": a commit, and Ben's working copy with changes not committed yet: the newest.
        const QByteArray danceCommit = projectJson(svgAsset(200), u"dance-commit"_s);
        const QByteArray danceWork = projectJson(svgAsset(201), u"dance-working-copy"_s);
        if (!version(3, u"Dance - Commit 1"_s, u"sub-ben"_s,
                     makeSb3(danceCommit, {{md5ext(svgAsset(200), u"svg"_s), svgAsset(200)}}))
            || !version(4, u"Dance"_s, u"sub-ben"_s,
                        makeSb3(danceWork, {{md5ext(svgAsset(201), u"svg"_s), svgAsset(201)}}))
            || !collaborative(2, u"Dance"_s, u"sub-ben"_s, 3) || !commit(2, 3, 1, u"sub-ben"_s)
            || !exec(u"INSERT INTO working_copies (project_id, collaborative_project_id, user_id, "
                     "based_on_commit_id, has_changes, created_at, updated_at) "
                     "VALUES (4, 2, 'sub-ben', 3, ?, '2025-03-02 10:00:00', "
                     "'2025-03-02 10:00:00')"_s,
                     {true}))
            return false;
        m_s4s.expectedBodies.insert(u"Dance"_s, danceWork);
        ++m_s4s.importableProjects;

        // "Broken": its .sb3 is not a zip archive.
        if (!version(5, u"Broken - Commit 1"_s, u"sub-dora"_s, "this is not a zip archive")
            || !collaborative(3, u"Broken"_s, u"sub-dora"_s, 5) || !commit(3, 5, 1, u"sub-dora"_s))
            return false;
        // "Lost": its upload is gone.
        if (!version(6, u"Lost - Commit 1"_s, u"sub-anna"_s, {})
            || !collaborative(4, u"Lost"_s, u"sub-anna"_s, 6) || !commit(4, 6, 1, u"sub-anna"_s))
            return false;
        // "Old idea": in Scratch4School's trash, not imported.
        if (!version(7, u"Old idea - Commit 1"_s, u"sub-anna"_s,
                     makeSb3(projectJson(svgAsset(300), u"old"_s),
                             {{md5ext(svgAsset(300), u"svg"_s), svgAsset(300)}}))
            || !collaborative(5, u"Old idea"_s, u"sub-anna"_s, 7, u"2025-04-01 10:00:00"_s)
            || !commit(5, 7, 1, u"sub-anna"_s))
            return false;
        // "Song": the teacher's, with a sound; the costume is the same as Cat game's (stored once).
        if (!simpleProject(6, 8, u"Song"_s, u"sub-clara"_s, m_s4s.catSvg, wavBytes()))
            return false;
        for (int i = 0; i < extraProjects; ++i) {
            if (!simpleProject(100 + i, 100 + i, u"Extra %1"_s.arg(i), u"sub-dora"_s,
                               svgAsset(1000 + i)))
                return false;
        }
        if (!exec(u"INSERT INTO collaborative_project_permissions (collaborative_project_id, "
                  "group_id, permission, is_frozen) VALUES (1, 1, 'READ', ?)"_s,
                  {false})
            || !exec(u"INSERT INTO assignments (name, auto_freeze_on_due) "
                     "VALUES ('Make a game', ?)"_s,
                     {false}))
            return false;

        // Backpack: Anna's costume (its asset row names the file) and Ben's sound (whose asset
        // row is missing: found by Scratch4School's own naming, uploads/<type>/<md5>.<ext>).
        m_s4s.backpackSvg = svgAsset(400);
        const QString svgMd5 = QString::fromLatin1(md5Hex(m_s4s.backpackSvg));
        const QByteArray thumb = pngBytes(2);
        const QString thumbMd5 = QString::fromLatin1(md5Hex(thumb));
        const QString wavMd5 = QString::fromLatin1(md5Hex(wavBytes()));
        if (!writeUpload(u"costume/"_s + svgMd5 + u".svg+xml"_s, m_s4s.backpackSvg)
            || !writeUpload(u"thumbnail/"_s + thumbMd5 + u".jpg"_s, thumb)
            || !writeUpload(u"sound/"_s + wavMd5 + u".wav"_s, wavBytes()))
            return false;
        if (!exec(u"INSERT INTO assets (asset_id, asset_type, data_format, size, md5, owner_id, "
                  "file_path) VALUES (?, 'costume', 'svg+xml', ?, ?, 'sub-anna', ?), "
                  "(?, 'thumbnail', 'jpg', ?, ?, 'sub-anna', ?)"_s,
                  {svgMd5, m_s4s.backpackSvg.size(), svgMd5,
                   QString(originalUploads + u"/costume/"_s + svgMd5 + u".svg+xml"_s), thumbMd5,
                   thumb.size(), thumbMd5,
                   QString(originalUploads + u"/thumbnail/"_s + thumbMd5 + u".jpg"_s)}))
            return false;
        return exec(u"INSERT INTO backpack_items (id, type, name, mime, body, thumbnail, owner_id, "
                    "created_at) VALUES ('bp-1', 'costume', 'cat costume', 'image/svg+xml', ?, ?, "
                    "'sub-anna', '2025-03-01 10:00:00'), ('bp-2', 'sound', 'pop', 'audio/wav', "
                    "?, ?, 'sub-ben', '2025-03-01 10:00:01')"_s,
                    {svgMd5, thumbMd5, wavMd5, thumbMd5});
    }

private:
    QSqlDatabase &m_db;
    S4sInstallation &m_s4s;
};

// The installation's database in a SQLite file in folder, or in the PostgreSQL database pg.
bool makeInstallation(const QString &folder, int extraProjects, S4sInstallation *installation,
                      const PgTestDatabase *pg = nullptr)
{
    installation->database = pg ? pg->url() : folder + u"/main.db"_s;
    installation->uploads = folder + u"/uploads"_s;
    QDir().mkpath(installation->uploads);
    const QString name = u"s4s-fixture-"_s + folder;
    bool built = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(pg ? u"QPSQL"_s : u"QSQLITE"_s, name);
        if (pg) {
            db.setHostName(pg->config().pgHost);
            db.setPort(pg->config().pgPort);
            db.setDatabaseName(pg->config().pgDatabase);
            db.setUserName(pg->config().pgUser);
            db.setPassword(pg->config().pgPassword);
        } else {
            db.setDatabaseName(installation->database);
        }
        if (db.open()) {
            Fixture fixture(db, *installation);
            built = fixture.build(extraProjects);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return built;
}

FinishedRun runImport(const TestServer &server, const S4sInstallation &s4s)
{
    QStringList arguments{u"--import-s4s"_s, s4s.database,    u"--uploads"_s,
                          s4s.uploads,       u"--data-dir"_s, server.dataDir()};
    if (server.usesPostgres())
        arguments << u"--database"_s << server.databasePath();
    return runToEnd(QStringLiteral(BLOCKHAUS_BINARY), arguments);
}

// Rows and versions that a second run must leave alone.
QStringList snapshot(const TestServer &server)
{
    QStringList figures;
    for (const QString &sql :
         {u"SELECT COUNT(*) FROM users"_s, u"SELECT COUNT(*) FROM groups"_s,
          u"SELECT COUNT(*) FROM memberships"_s, u"SELECT COUNT(*) FROM projects"_s,
          u"SELECT COALESCE(SUM(version), 0) FROM projects"_s,
          u"SELECT COUNT(*) FROM project_versions"_s, u"SELECT COUNT(*) FROM project_thumbnails"_s,
          u"SELECT COUNT(*) FROM assets"_s, u"SELECT COUNT(*) FROM backpack_items"_s,
          u"SELECT COUNT(*) FROM import_map"_s, u"SELECT MAX(revision) FROM roster_revision"_s})
        figures << sql + u" = "_s + sqlValue(server.databasePath(), sql).toString();
    return figures;
}

int count(const TestServer &server, const QString &sql)
{
    return sqlValue(server.databasePath(), sql).toInt();
}

// A server started once on a fresh data folder (it makes the administrator) and stopped again.
bool prepareTarget(TestServer &server)
{
    return server.start() && server.stop();
}

} // namespace

class TestS4sImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importsEverythingImportable();
    void secondRunChangesNothing();
    void unreadableSourceChangesNothing_data();
    void unreadableSourceChangesNothing();
    void refusesAFolderInUse();
    void killedRunCompletesWithoutDuplicates();
    void importsFromAPostgresSource();

private:
    QTemporaryDir m_folder;
    S4sInstallation m_s4s;
    std::unique_ptr<TestServer> m_server;
    FinishedRun m_firstRun;
};

void TestS4sImport::initTestCase()
{
    QVERIFY(m_folder.isValid());
    QVERIFY(makeInstallation(m_folder.filePath(u"s4s"_s), 0, &m_s4s));
    m_server = std::make_unique<TestServer>();
    QVERIFY(prepareTarget(*m_server));
    m_firstRun = runImport(*m_server, m_s4s);
}

void TestS4sImport::importsEverythingImportable()
{
    const QString output = QString::fromUtf8(m_firstRun.output);
    QVERIFY2(m_firstRun.exitCode == 0, m_firstRun.output.constData());
    // The report: counts, the two broken items with their reasons, the renamed account, what is
    // left behind, and that there are no passwords.
    QVERIFY2(output.contains(u"Accounts: 6 imported, 0 already there, 0 skipped"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Classes (Scratch4School groups): 2 imported"_s), qPrintable(output));
    QVERIFY2(output.contains(u"Class members: 6 imported"_s), qPrintable(output));
    QVERIFY2(output.contains(u"Projects: 3 imported, 0 already there, 2 skipped"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Backpack items: 2 imported"_s), qPrintable(output));
    QVERIFY2(output.contains(u"skipped project 3 \u201cBroken\u201d: Its .sb3 file"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"skipped project 4 \u201cLost\u201d: Its file is missing from the "
                             "uploads folder"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Imported as admin-s4s: a Blockhaus account already has the name "
                             "admin."_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"1 projects in Scratch4School's trash"_s), qPrintable(output));
    QVERIFY2(output.contains(u"1 assignments"_s), qPrintable(output));
    QVERIFY2(output.contains(u"Passwords are not imported"_s), qPrintable(output));

    QVERIFY(m_server->start());
    const quint16 port = m_server->port();
    Client admin(port);
    QCOMPARE(admin.login(u"admin"_s, m_server->adminPassword()).status, 201);

    // Classes: 7a and 7b, owned by their teacher, with their students.
    const HttpReply classes = admin.get("/api/v1/classes");
    QCOMPARE(classes.status, 200);
    QMap<QString, int> studentCounts;
    for (const QJsonValue &each : classes.object().value(u"classes"_s).toArray())
        studentCounts.insert(each[u"name"_s].toString(), each[u"student_count"_s].toInt());
    QCOMPARE(studentCounts.value(u"7a"_s), 2);
    QCOMPARE(studentCounts.value(u"7b"_s), 2);
    QCOMPARE(count(*m_server,
                   u"SELECT COUNT(*) FROM groups g JOIN users u ON u.id = g.created_by "
                   "WHERE u.username = 'clara.teacher'"_s),
             2);
    QCOMPARE(count(*m_server,
                   u"SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                   "JOIN groups g ON g.id = m.group_id WHERE g.name = '7b' AND "
                   "u.username IN ('clara.teacher', 'dora.d', 'admin-s4s')"_s),
             3);
    QCOMPARE(count(*m_server, u"SELECT COUNT(*) FROM users WHERE role = 'teacher'"_s), 1);

    // An imported account has no password: nobody signs in as it until a teacher sets one.
    Client anna(port);
    QCOMPARE(anna.login(u"anna.a"_s, u""_s).status == 201, false);
    const int annaId = count(*m_server, u"SELECT id FROM users WHERE username = 'anna.a'"_s);
    const HttpReply reset =
        admin.post("/api/v1/users/" + QByteArray::number(annaId) + "/password", "{}");
    QCOMPARE(reset.status, 200);
    QCOMPARE(anna.login(u"anna.a"_s, reset.object().value(u"password"_s).toString()).status, 201);

    // Anna's project: its current version's project.json, byte for byte; its asset and its
    // thumbnail served; the broken and the lost ones and the trashed one are not there.
    const HttpReply own = anna.get("/api/v1/projects");
    QCOMPARE(own.status, 200);
    const QJsonArray projects = own.object().value(u"projects"_s).toArray();
    QCOMPARE(projects.size(), 1);
    QCOMPARE(projects.at(0)[u"title"_s].toString(), u"Cat game"_s);
    const QByteArray id = QByteArray::number(projects.at(0)[u"id"_s].toInt());
    const HttpReply body = anna.get("/api/v1/projects/" + id);
    QCOMPARE(body.status, 200);
    QCOMPARE(body.body, m_s4s.expectedBodies.value(u"Cat game"_s));
    const HttpReply asset = anna.get("/api/v1/assets/" + md5ext(m_s4s.catSvg, u"svg"_s).toLatin1());
    QCOMPARE(asset.status, 200);
    QCOMPARE(asset.body, m_s4s.catSvg);
    const HttpReply thumbnail = anna.get("/api/v1/projects/" + id + "/thumbnail");
    QCOMPARE(thumbnail.status, 200);
    QCOMPARE(thumbnail.body, m_s4s.catThumbnail);
    const HttpReply backpack = anna.get("/api/v1/backpack");
    QCOMPARE(backpack.status, 200);
    const QJsonArray items = QJsonDocument::fromJson(backpack.body).array();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0)[u"name"_s].toString(), u"cat costume"_s);

    // Every imported project's body equals its .sb3's project.json (Ben's: the working copy).
    for (auto it = m_s4s.expectedBodies.cbegin(); it != m_s4s.expectedBodies.cend(); ++it) {
        const QString title = it.key();
        const QString sql =
            u"SELECT v.body FROM projects p JOIN project_versions v ON "
            "v.project_id = p.id AND v.version = p.version WHERE p.title = '%1'"_s.arg(title);
        QCOMPARE(sqlValue(m_server->databasePath(), sql).toByteArray(), it.value());
    }
    // The costume shared by Cat game and Song is stored once; the sound arrived.
    QCOMPARE(count(*m_server,
                   u"SELECT COUNT(*) FROM assets WHERE md5 = '%1'"_s.arg(
                       QString::fromLatin1(md5Hex(m_s4s.catSvg)))),
             1);
    QCOMPARE(count(*m_server,
                   u"SELECT COUNT(*) FROM assets WHERE md5 = '%1' AND data_format = 'wav'"_s.arg(
                       QString::fromLatin1(md5Hex(wavBytes())))),
             1);
    QVERIFY(m_server->stop());
}

void TestS4sImport::secondRunChangesNothing()
{
    const QStringList before = snapshot(*m_server);
    const FinishedRun again = runImport(*m_server, m_s4s);
    QVERIFY2(again.exitCode == 0, again.output.constData());
    const QString output = QString::fromUtf8(again.output);
    QVERIFY2(output.contains(u"Everything importable was already there: nothing was changed."_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Projects: 0 imported, 3 already there, 2 skipped"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Accounts: 0 imported, 6 already there, 0 skipped"_s),
             qPrintable(output));
    QCOMPARE(snapshot(*m_server), before);
}

void TestS4sImport::unreadableSourceChangesNothing_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<bool>("uploadsExist");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no such file") << u"missing.db"_s << true << u"there is no such file"_s;
    QTest::newRow("not Scratch4School")
        << u"other.db"_s << true << u"is not a Scratch4School database"_s;
    QTest::newRow("no uploads folder") << u"s4s/main.db"_s << false << u"does not exist"_s;
}

void TestS4sImport::unreadableSourceChangesNothing()
{
    QFETCH(QString, database);
    QFETCH(bool, uploadsExist);
    QFETCH(QString, reason);
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        other.setDatabaseName(m_folder.filePath(u"other.db"_s));
        QVERIFY(other.open());
        QSqlQuery(other).exec(u"CREATE TABLE IF NOT EXISTS users (id TEXT)"_s);
        other.close();
    }
    QSqlDatabase::removeDatabase(u"other"_s);
    TestServer server;
    QVERIFY(prepareTarget(server));
    S4sInstallation source;
    source.database = m_folder.filePath(database);
    source.uploads = uploadsExist ? m_s4s.uploads : m_folder.filePath(u"no-uploads"_s);
    const QStringList before = snapshot(server);
    const FinishedRun run = runImport(server, source);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(QString::fromUtf8(run.errors).contains(reason), run.errors.constData());
    QCOMPARE(snapshot(server), before);
}

void TestS4sImport::refusesAFolderInUse()
{
    TestServer server;
    QVERIFY(server.start());
    const FinishedRun run = runImport(server, m_s4s);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM import_map"_s), 0);
    QVERIFY(server.stop());
}

void TestS4sImport::killedRunCompletesWithoutDuplicates()
{
    // Enough projects that the run is still busy when it is killed.
    constexpr int extra = 120;
    S4sInstallation big;
    QVERIFY(makeInstallation(m_folder.filePath(u"big"_s), extra, &big));
    TestServer server;
    QVERIFY(prepareTarget(server));

    QProcess import;
    QStringList arguments{u"--import-s4s"_s, big.database,    u"--uploads"_s,
                          big.uploads,       u"--data-dir"_s, server.dataDir()};
    if (server.usesPostgres())
        arguments << u"--database"_s << server.databasePath();
    import.start(QStringLiteral(BLOCKHAUS_BINARY), arguments);
    QVERIFY(import.waitForStarted(30'000));
    // kill -9 as soon as a few projects are in: the next one is mid-transaction or about to be.
    QByteArray output;
    const QDeadlineTimer deadline(60'000);
    while (output.count("imported project") < 5 && !deadline.hasExpired()
           && import.state() == QProcess::Running) {
        import.waitForReadyRead(1000);
        output += import.readAllStandardOutput();
    }
    QVERIFY2(import.state() == QProcess::Running, output.constData());
    import.kill(); // SIGKILL
    QVERIFY(import.waitForFinished(30'000));
    const int partial = count(server, u"SELECT COUNT(*) FROM projects"_s);
    QVERIFY2(partial >= 5 && partial < big.importableProjects,
             qPrintable(QString::number(partial)));

    const FinishedRun rest = runImport(server, big);
    QVERIFY2(rest.exitCode == 0, rest.output.constData());
    QVERIFY(rest.output.contains("already there project"));
    // Every importable project exactly once, each with its one version and its mapping.
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM projects"_s), big.importableProjects);
    QCOMPARE(count(server, u"SELECT COUNT(DISTINCT title) FROM projects"_s),
             big.importableProjects);
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM project_versions"_s), big.importableProjects);
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM import_map WHERE kind = 'project'"_s),
             big.importableProjects);
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM users"_s), 7); // 6 imported and the admin
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM memberships"_s), 6);
    QCOMPARE(count(server, u"SELECT COUNT(*) FROM backpack_items"_s), 2);
    // Nothing half-written: every project has its current version and every version its assets.
    QCOMPARE(count(server,
                   u"SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM "
                   "project_versions v WHERE v.project_id = p.id AND v.version = p.version)"_s),
             0);
    QCOMPARE(sqlValue(server.databasePath(), u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    // And a run after that one changes nothing.
    const QStringList before = snapshot(server);
    const FinishedRun third = runImport(server, big);
    QCOMPARE(third.exitCode, 0);
    QCOMPARE(snapshot(server), before);
}

void TestS4sImport::importsFromAPostgresSource()
{
    if (!TestServer::postgresRequested())
        QSKIP("Needs PostgreSQL: runs in integration.s4simport.pg");
    PgTestDatabase source;
    QVERIFY2(source.isValid(), qPrintable(source.errorText()));
    S4sInstallation s4s;
    QVERIFY(makeInstallation(m_folder.filePath(u"pg-s4s"_s), 0, &s4s, &source));
    TestServer server;
    QVERIFY(prepareTarget(server));
    const FinishedRun run = runImport(server, s4s);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    const QString output = QString::fromUtf8(run.output);
    QVERIFY2(output.contains(u"Accounts: 6 imported"_s), qPrintable(output));
    QVERIFY2(output.contains(u"Projects: 3 imported, 0 already there, 2 skipped"_s),
             qPrintable(output));
    QVERIFY2(output.contains(u"Backpack items: 2 imported"_s), qPrintable(output));
    const QString sql = u"SELECT v.body FROM projects p JOIN project_versions v ON "
                        "v.project_id = p.id AND v.version = p.version WHERE p.title = 'Dance'"_s;
    QCOMPARE(sqlValue(server.databasePath(), sql).toByteArray(),
             s4s.expectedBodies.value(u"Dance"_s));
    const FinishedRun again = runImport(server, s4s);
    QVERIFY2(again.exitCode == 0, again.output.constData());
    QVERIFY(again.output.contains("Everything importable was already there"));
}

QTEST_GUILESS_MAIN(TestS4sImport)
#include "tst_s4simport.moc"
