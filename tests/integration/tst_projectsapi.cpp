// SPDX-License-Identifier: AGPL-3.0-or-later
// Integration tests for the Projects resource of API.md (every route, success and error cases,
// and who may read or change a project) against a real server on 127.0.0.1.

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>
#include <QUrl>

#include <zip.h>

#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

struct Account
{
    int id = 0;
    QString username;
    QString displayName;
    QByteArray token;
};

// Who acts on a project owned by a student of class A that is shared with class A.
enum class Actor { Owner, SharedStudent, OtherStudent, Teacher, OtherTeacher, Admin, Anonymous };

const QByteArray pngThumbnail =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00"
    "\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\x60\x00"
    "\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82"_ba;
const QByteArray jpegThumbnail = "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00"
                                 "\x00\xff\xdb\x00\x43\x00\x08\x06\x06\x07\x06\x05\x08\x07\x07\xff"
                                 "\xd9"_ba;

QByteArray projectPath(int id, const QByteArray &suffix = {})
{
    return "/api/v1/projects/"_ba + QByteArray::number(id) + suffix;
}

QByteArray titleQuery(const QString &title)
{
    return "title="_ba + QUrl::toPercentEncoding(title);
}

HeaderList ifMatchHeader(const QByteArray &value)
{
    return {{"If-Match"_ba, value}};
}

QString errorCodeFor(int status)
{
    static const QMap<int, QString> codes{{400, u"bad_request"_s},
                                          {401, u"unauthorized"_s},
                                          {403, u"forbidden"_s},
                                          {404, u"not_found"_s},
                                          {412, u"conflict"_s},
                                          {415, u"unsupported_media_type"_s},
                                          {422, u"unprocessable"_s},
                                          {428, u"precondition_required"_s},
                                          {507, u"insufficient_storage"_s}};
    return codes.value(status);
}

// Empty when the reply is an API.md error with one of the allowed statuses.
QString checkError(const HttpReply &reply, const QList<int> &allowed)
{
    if (!allowed.contains(reply.status)) {
        return u"status %1 not in the expected set; body: %2"_s.arg(reply.status)
            .arg(QString::fromUtf8(reply.body.left(300)));
    }
    const QJsonObject body = reply.object();
    if (body.value("error"_L1).toString() != errorCodeFor(reply.status))
        return u"error code '%1' for status %2"_s.arg(body.value("error"_L1).toString())
            .arg(reply.status);
    if (body.value("message"_L1).toString().isEmpty())
        return u"error without a message"_s;
    return {};
}

QSet<int> idsOf(const QJsonArray &projects)
{
    QSet<int> ids;
    for (const QJsonValue &p : projects)
        ids.insert(p.toObject().value("id"_L1).toInt());
    return ids;
}

QSet<int> groupIdsOf(const QJsonObject &meta)
{
    QSet<int> ids;
    for (const QJsonValue &g : meta.value("shared_with"_L1).toArray())
        ids.insert(g.toObject().value("id"_L1).toInt());
    return ids;
}

QJsonObject parseObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// Unzips an archive in memory with libzip: entry name -> bytes. Empty on any error.
QMap<QString, QByteArray> unzip(const QByteArray &archive)
{
    QMap<QString, QByteArray> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(
        archive.constData(), static_cast<zip_uint64_t>(archive.size()), 0, &error);
    if (!source)
        return entries;
    zip_t *zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!zip) {
        zip_source_free(source);
        return entries;
    }
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) != 0)
            continue;
        zip_file_t *file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        if (!file)
            continue;
        QByteArray data(static_cast<qsizetype>(stat.size), Qt::Uninitialized);
        const zip_int64_t read = zip_fread(file, data.data(), stat.size);
        zip_fclose(file);
        if (read == static_cast<zip_int64_t>(stat.size))
            entries.insert(QString::fromUtf8(stat.name), data);
    }
    zip_discard(zip);
    return entries;
}

} // namespace

class TestProjectsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void createReturnsVersionOneWithLocationAndMeta();
    void createRejectsInvalidProjects_data();
    void createRejectsInvalidProjects();
    void createReportsMissingAssets();
    void createRequiresLogin();
    void listShowsMyProjectsNewestFirst();
    void deleteMovesToTrashAndRestoreBringsBack();
    void trashAndRestoreAreOwnerOnly();
    void sharedListShowsProjectsOfMyGroupsButNotMine();
    void getContentCarriesVersionETag();
    void metaCarriesSameETag();
    void unknownProjectIsNotFound_data();
    void unknownProjectIsNotFound();
    void putWithIfMatchIncrementsVersion();
    void putWithoutIfMatchIsPreconditionRequired();
    void putWithUnusableIfMatchIsPreconditionRequired_data();
    void putWithUnusableIfMatchIsPreconditionRequired();
    void putWithStaleVersionReportsCurrentSave();
    void putValidatesContentAndAssets();
    void patchRenamesAndIncrementsVersion();
    void patchChecksIfMatch();
    void readAccess_data();
    void readAccess();
    void writeAccessIsOwnerOnly_data();
    void writeAccessIsOwnerOnly();
    void copyBelongsToCallerAndIsNotShared_data();
    void copyBelongsToCallerAndIsNotShared();
    void copyDeniedToNonReaders_data();
    void copyDeniedToNonReaders();
    void shareReplacesSetAndUnsharesWithEmptyList();
    void shareWithForeignGroupIsForbiddenAndChangesNothing();
    void sb3ExportContainsProjectAndAssets();
    void thumbnailRoundTrip_data();
    void thumbnailRoundTrip();
    void thumbnailRejectsOtherBytes_data();
    void thumbnailRejectsOtherBytes();
    void thumbnailIsNotFoundWhenNone();
    void versionsListNewestFirstWithSavedByAndSize();
    void versionsKeepTwentyIncludingCurrent();
    void versionContentIsThatVersion();
    void restoreVersionCreatesNewVersionWithOldContent();
    void restoreVersionChecksIfMatch();
    void onlyContentChangesBumpVersion();

private:
    Account createUser(const QString &username, const QString &displayName, const QString &role);
    Account login(const QString &username, const QString &password);
    QList<Account> createStudents(const Account &teacher, int classId, const QStringList &names);
    int createClass(const Account &teacher, const QString &name);
    const Account &actor(Actor who) const;
    // Creates a project owned by owner; returns its id or 0 (with a test failure).
    int createProject(const Account &owner, const QString &title, const QString &marker,
                      const QStringList &costumes = {});
    QJsonObject meta(int id);
    int save(const Account &owner, int id, int baseVersion, const QString &marker);
    HttpReply send(const Account &who, const QByteArray &method, const QByteArray &path,
                   const QByteArray &body = {}, const QByteArray &contentType = {},
                   const HeaderList &headers = {});

    std::unique_ptr<TestServer> m_server;
    Account m_admin;
    Account m_teacherA;
    Account m_teacherB;
    int m_classA = 0;
    int m_classB = 0;
    QList<Account> m_studentsA; // [0] owns the projects, [1] is in the shared group
    QList<Account> m_studentsB;
    Account m_anonymous;
};

HttpReply TestProjectsApi::send(const Account &who, const QByteArray &method,
                                const QByteArray &path, const QByteArray &body,
                                const QByteArray &contentType, const HeaderList &headers)
{
    Client client(m_server->port());
    if (!who.token.isEmpty())
        client.setBearer(who.token);
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.headers = headers;
    if (!contentType.isEmpty())
        request.headers.append({"Content-Type"_ba, contentType});
    request.body = body;
    return client.request(request);
}

Account TestProjectsApi::login(const QString &username, const QString &password)
{
    Client client(m_server->port());
    const HttpReply reply = client.login(username, password);
    Account account;
    if (reply.status != 201)
        return account;
    const QJsonObject user = reply.object().value("user"_L1).toObject();
    account.id = user.value("id"_L1).toInt();
    account.username = user.value("username"_L1).toString();
    account.displayName = user.value("display_name"_L1).toString();
    account.token = client.bearer();
    return account;
}

Account TestProjectsApi::createUser(const QString &username, const QString &displayName,
                                    const QString &role)
{
    Client client(m_server->port());
    client.setBearer(m_admin.token);
    const HttpReply reply = client.postJson("/api/v1/users"_ba,
                                            QJsonObject{{u"username"_s, username},
                                                        {u"display_name"_s, displayName},
                                                        {u"role"_s, role}});
    if (reply.status != 201)
        return {};
    return login(username, reply.object().value("password"_L1).toString());
}

int TestProjectsApi::createClass(const Account &teacher, const QString &name)
{
    Client client(m_server->port());
    client.setBearer(teacher.token);
    const HttpReply reply = client.postJson("/api/v1/classes"_ba, QJsonObject{{u"name"_s, name}});
    return reply.status == 201 ? reply.object().value("id"_L1).toInt() : 0;
}

QList<Account> TestProjectsApi::createStudents(const Account &teacher, int classId,
                                               const QStringList &names)
{
    Client client(m_server->port());
    client.setBearer(teacher.token);
    const HttpReply reply =
        client.postJson("/api/v1/classes/"_ba + QByteArray::number(classId) + "/students"_ba,
                        QJsonObject{{u"names"_s, QJsonArray::fromStringList(names)}});
    QList<Account> accounts;
    for (const QJsonValue &s : reply.object().value("students"_L1).toArray()) {
        const QJsonObject student = s.toObject();
        accounts.append(login(student.value("username"_L1).toString(),
                              student.value("password"_L1).toString()));
    }
    return accounts;
}

void TestProjectsApi::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_admin = login(u"admin"_s, m_server->adminPassword());
    QVERIFY(!m_admin.token.isEmpty());
    m_teacherA = createUser(u"teacher.a"_s, u"Teacher A"_s, u"teacher"_s);
    m_teacherB = createUser(u"teacher.b"_s, u"Teacher B"_s, u"teacher"_s);
    QVERIFY(!m_teacherA.token.isEmpty() && !m_teacherB.token.isEmpty());
    m_classA = createClass(m_teacherA, u"Class A"_s);
    m_classB = createClass(m_teacherB, u"Class B"_s);
    QVERIFY(m_classA > 0 && m_classB > 0);
    m_studentsA = createStudents(m_teacherA, m_classA, {u"Anna A."_s, u"Ben A."_s});
    m_studentsB = createStudents(m_teacherB, m_classB, {u"Cara B."_s});
    QCOMPARE(m_studentsA.size(), 2);
    QCOMPARE(m_studentsB.size(), 1);
    for (const Account &a : std::as_const(m_studentsA) + m_studentsB)
        QVERIFY(!a.token.isEmpty());
}

void TestProjectsApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

const Account &TestProjectsApi::actor(Actor who) const
{
    switch (who) {
    case Actor::Owner:
        return m_studentsA.at(0);
    case Actor::SharedStudent:
        return m_studentsA.at(1);
    case Actor::OtherStudent:
        return m_studentsB.at(0);
    case Actor::Teacher:
        return m_teacherA;
    case Actor::OtherTeacher:
        return m_teacherB;
    case Actor::Admin:
        return m_admin;
    case Actor::Anonymous:
        break;
    }
    return m_anonymous;
}

int TestProjectsApi::createProject(const Account &owner, const QString &title,
                                   const QString &marker, const QStringList &costumes)
{
    const HttpReply reply = send(owner, "POST"_ba, "/api/v1/projects?"_ba + titleQuery(title),
                                 scratchProject(costumes, 0, marker), "application/json"_ba);
    if (reply.status != 201) {
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
        return 0;
    }
    return reply.object().value("id"_L1).toInt();
}

QJsonObject TestProjectsApi::meta(int id)
{
    const HttpReply reply = send(m_admin, "GET"_ba, projectPath(id, "/meta"_ba));
    return reply.status == 200 ? reply.object() : QJsonObject();
}

int TestProjectsApi::save(const Account &owner, int id, int baseVersion, const QString &marker)
{
    const HttpReply reply = send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, marker),
                                 "application/json"_ba, ifMatchHeader(ifMatch(baseVersion)));
    return reply.status == 200 ? reply.object().value("version"_L1).toInt() : -reply.status;
}

void TestProjectsApi::createReturnsVersionOneWithLocationAndMeta()
{
    const Account &owner = actor(Actor::Owner);
    const QByteArray body = scratchProject({}, 0, u"create-marker"_s);
    const HttpReply reply = send(owner, "POST"_ba, "/api/v1/projects?title=Space%20Race"_ba, body,
                                 "application/json"_ba);
    QCOMPARE(reply.status, 201);
    const QJsonObject m = reply.object();
    const int id = m.value("id"_L1).toInt();
    QVERIFY(id > 0);
    QCOMPARE(m.value("title"_L1).toString(), u"Space Race"_s);
    QCOMPARE(m.value("version"_L1).toInt(), 1);
    const QJsonObject ownerObject = m.value("owner"_L1).toObject();
    QCOMPARE(ownerObject.value("id"_L1).toInt(), owner.id);
    QCOMPARE(ownerObject.value("username"_L1).toString(), owner.username);
    QCOMPARE(ownerObject.value("display_name"_L1).toString(), owner.displayName);
    QVERIFY(
        QDateTime::fromString(m.value("created_at"_L1).toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(
        QDateTime::fromString(m.value("updated_at"_L1).toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(m.contains("thumbnail_url"_L1));
    QVERIFY(m.value("thumbnail_url"_L1).isNull());
    QVERIFY(m.value("shared_with"_L1).isArray());
    QVERIFY(m.value("shared_with"_L1).toArray().isEmpty());
    const QByteArray location = reply.header("location"_ba);
    QVERIFY2(location.endsWith(projectPath(id)), location.constData());

    const HttpReply content = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(content.status, 200);
    QCOMPARE(parseObject(content.body), parseObject(body));
}

void TestProjectsApi::createRejectsInvalidProjects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << "{\"targets\": ["_ba;
    QTest::newRow("json array") << "[1,2,3]"_ba;
    QTest::newRow("no targets") << "{\"meta\":{\"semver\":\"3.0.0\"}}"_ba;
    QTest::newRow("no stage")
        << "{\"targets\":[{\"isStage\":false,\"name\":\"S\",\"costumes\":[],\"sounds\":[]}],"
           "\"meta\":{\"semver\":\"3.0.0\"}}"_ba;
    QTest::newRow("two stages")
        << "{\"targets\":[{\"isStage\":true,\"name\":\"Stage\",\"costumes\":[],\"sounds\":[]},"
           "{\"isStage\":true,\"name\":\"Stage2\",\"costumes\":[],\"sounds\":[]}],"
           "\"meta\":{\"semver\":\"3.0.0\"}}"_ba;
    QTest::newRow("target without costumes")
        << "{\"targets\":[{\"isStage\":true,\"name\":\"Stage\",\"sounds\":[]}],"
           "\"meta\":{\"semver\":\"3.0.0\"}}"_ba;
    QTest::newRow("scratch 2 semver")
        << "{\"targets\":[{\"isStage\":true,\"name\":\"Stage\",\"costumes\":[],\"sounds\":[]}],"
           "\"meta\":{\"semver\":\"2.0.0\"}}"_ba;
}

void TestProjectsApi::createRejectsInvalidProjects()
{
    QFETCH(QByteArray, body);
    const Account &owner = actor(Actor::Owner);
    const int before =
        send(owner, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray().size();
    const HttpReply reply =
        send(owner, "POST"_ba, "/api/v1/projects?title=Bad"_ba, body, "application/json"_ba);
    const QString error = checkError(reply, {422});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(
        send(owner, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray().size(),
        before);
}

void TestProjectsApi::createReportsMissingAssets()
{
    const Account &owner = actor(Actor::Owner);
    const QByteArray present = svgAsset(101);
    const QString presentName = md5ext(present, u"svg"_s);
    QVERIFY(send(owner, "PUT"_ba, "/api/v1/assets/"_ba + presentName.toUtf8(), present,
                 "image/svg+xml"_ba)
                    .status
                / 100
            == 2);
    const QString missing = md5ext(svgAsset(102), u"svg"_s);
    const HttpReply reply = send(owner, "POST"_ba, "/api/v1/projects?title=Missing"_ba,
                                 scratchProject({presentName, missing}), "application/json"_ba);
    const QString error = checkError(reply, {422});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonArray names = reply.object().value("missing_assets"_L1).toArray();
    QCOMPARE(names.size(), 1);
    QCOMPARE(names.at(0).toString(), missing);

    // With the asset uploaded the same project is accepted.
    QVERIFY(send(owner, "PUT"_ba, "/api/v1/assets/"_ba + missing.toUtf8(), svgAsset(102),
                 "image/svg+xml"_ba)
                    .status
                / 100
            == 2);
    QCOMPARE(send(owner, "POST"_ba, "/api/v1/projects?title=Missing"_ba,
                  scratchProject({presentName, missing}), "application/json"_ba)
                 .status,
             201);
}

void TestProjectsApi::createRequiresLogin()
{
    const HttpReply reply = send(m_anonymous, "POST"_ba, "/api/v1/projects?title=Anon"_ba,
                                 scratchProject(), "application/json"_ba);
    const QString error = checkError(reply, {401});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString listError = checkError(send(m_anonymous, "GET"_ba, "/api/v1/projects"_ba), {401});
    QVERIFY2(listError.isEmpty(), qPrintable(listError));
}

void TestProjectsApi::listShowsMyProjectsNewestFirst()
{
    const Account &owner = actor(Actor::OtherStudent); // an account with no other projects yet
    const int first = createProject(owner, u"First"_s, u"list-1"_s);
    const int second = createProject(owner, u"Second"_s, u"list-2"_s);
    QVERIFY(first && second);
    // Let the UTC second advance so that the save below has a strictly newer updated_at.
    const qint64 start = QDateTime::currentSecsSinceEpoch();
    QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentSecsSinceEpoch() > start; }, 3000));
    QCOMPARE(save(owner, first, 1, u"list-1b"_s), 2);

    const HttpReply reply = send(owner, "GET"_ba, "/api/v1/projects"_ba);
    QCOMPARE(reply.status, 200);
    const QJsonArray projects = reply.object().value("projects"_L1).toArray();
    QVERIFY(idsOf(projects).contains(first) && idsOf(projects).contains(second));
    QDateTime previous;
    for (const QJsonValue &p : projects) {
        const QJsonObject m = p.toObject();
        QCOMPARE(m.value("owner"_L1).toObject().value("id"_L1).toInt(), owner.id);
        const QDateTime updated =
            QDateTime::fromString(m.value("updated_at"_L1).toString(), Qt::ISODateWithMs);
        QVERIFY(updated.isValid());
        if (previous.isValid())
            QVERIFY2(updated <= previous, "not sorted newest updated_at first");
        previous = updated;
    }
    QCOMPARE(projects.at(0).toObject().value("id"_L1).toInt(), first);

    // Someone else's list never shows them.
    const QSet<int> others = idsOf(send(actor(Actor::Owner), "GET"_ba, "/api/v1/projects"_ba)
                                       .object()
                                       .value("projects"_L1)
                                       .toArray());
    QVERIFY(!others.contains(first) && !others.contains(second));
}

void TestProjectsApi::deleteMovesToTrashAndRestoreBringsBack()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Trash me"_s, u"trash-1"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"trash-2"_s), 2);

    QCOMPARE(send(owner, "DELETE"_ba, projectPath(id)).status, 204);
    QVERIFY(
        !idsOf(send(owner, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray())
             .contains(id));
    const HttpReply trash = send(owner, "GET"_ba, "/api/v1/projects?trash=1"_ba);
    QCOMPARE(trash.status, 200);
    bool found = false;
    for (const QJsonValue &p : trash.object().value("projects"_L1).toArray()) {
        const QJsonObject m = p.toObject();
        QVERIFY(!m.value("deleted_at"_L1).toString().isEmpty());
        if (m.value("id"_L1).toInt() == id) {
            found = true;
            QCOMPARE(m.value("version"_L1).toInt(), 2);
            QVERIFY(QDateTime::fromString(m.value("deleted_at"_L1).toString(), Qt::ISODateWithMs)
                        .isValid());
        }
    }
    QVERIFY(found);
    // A trashed project cannot be saved (G3: no resurrection through a save).
    const QString saveError =
        checkError(send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, u"trash-3"_s),
                        "application/json"_ba, ifMatchHeader(ifMatch(2))),
                   {404});
    QVERIFY2(saveError.isEmpty(), qPrintable(saveError));

    const HttpReply restored = send(owner, "POST"_ba, projectPath(id, "/restore"_ba));
    QCOMPARE(restored.status, 200);
    QCOMPARE(restored.object().value("id"_L1).toInt(), id);
    QCOMPARE(restored.object().value("version"_L1).toInt(), 2);
    QVERIFY(
        idsOf(send(owner, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray())
            .contains(id));
    QVERIFY(!idsOf(send(owner, "GET"_ba, "/api/v1/projects?trash=1"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));
    const HttpReply content = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(content.status, 200);
    QVERIFY(content.body.contains("trash-2"));
}

void TestProjectsApi::trashAndRestoreAreOwnerOnly()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Mine"_s, u"owner-only"_s);
    QVERIFY(id);
    QCOMPARE(send(owner, "DELETE"_ba, projectPath(id)).status, 204);
    for (Actor who : {Actor::SharedStudent, Actor::OtherStudent, Actor::Teacher, Actor::Admin}) {
        const QString error =
            checkError(send(actor(who), "POST"_ba, projectPath(id, "/restore"_ba)), {403, 404});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Someone else's trash listing does not show it.
        QVERIFY(!idsOf(send(actor(who), "GET"_ba, "/api/v1/projects?trash=1"_ba)
                           .object()
                           .value("projects"_L1)
                           .toArray())
                     .contains(id));
    }
    const QString anon =
        checkError(send(m_anonymous, "POST"_ba, projectPath(id, "/restore"_ba)), {401});
    QVERIFY2(anon.isEmpty(), qPrintable(anon));
    QVERIFY(idsOf(send(owner, "GET"_ba, "/api/v1/projects?trash=1"_ba)
                      .object()
                      .value("projects"_L1)
                      .toArray())
                .contains(id));
}

void TestProjectsApi::sharedListShowsProjectsOfMyGroupsButNotMine()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Shared"_s, u"shared-list"_s);
    QVERIFY(id);
    const QByteArray shareBody = "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba;
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/share"_ba), shareBody, "application/json"_ba)
                 .status,
             200);

    const HttpReply shared =
        send(actor(Actor::SharedStudent), "GET"_ba, "/api/v1/projects/shared"_ba);
    QCOMPARE(shared.status, 200);
    const QJsonArray projects = shared.object().value("projects"_L1).toArray();
    QVERIFY(idsOf(projects).contains(id));
    for (const QJsonValue &p : projects) {
        QVERIFY(p.toObject().value("owner"_L1).toObject().value("id"_L1).toInt()
                != actor(Actor::SharedStudent).id);
    }
    QVERIFY(!idsOf(send(owner, "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));
    QVERIFY(!idsOf(send(actor(Actor::OtherStudent), "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));
    // Trashed projects are not listed as shared.
    QCOMPARE(send(owner, "DELETE"_ba, projectPath(id)).status, 204);
    QVERIFY(!idsOf(send(actor(Actor::SharedStudent), "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));
    const QString anon =
        checkError(send(m_anonymous, "GET"_ba, "/api/v1/projects/shared"_ba), {401});
    QVERIFY2(anon.isEmpty(), qPrintable(anon));
}

void TestProjectsApi::getContentCarriesVersionETag()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"ETag"_s, u"etag-1"_s);
    QVERIFY(id);
    HttpReply reply = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("etag"_ba), "\"1\""_ba);
    QVERIFY(reply.header("content-type"_ba).startsWith("application/json"));
    QVERIFY(reply.body.contains("etag-1"));
    QCOMPARE(save(owner, id, 1, u"etag-2"_s), 2);
    reply = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(reply.header("etag"_ba), "\"2\""_ba);
    QVERIFY(reply.body.contains("etag-2"));
}

void TestProjectsApi::metaCarriesSameETag()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Meta"_s, u"meta-1"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"meta-2"_s), 2);
    const HttpReply reply = send(owner, "GET"_ba, projectPath(id, "/meta"_ba));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("etag"_ba), "\"2\""_ba);
    const QJsonObject m = reply.object();
    QCOMPARE(m.value("id"_L1).toInt(), id);
    QCOMPARE(m.value("title"_L1).toString(), u"Meta"_s);
    QCOMPARE(m.value("version"_L1).toInt(), 2);
    QCOMPARE(m.value("owner"_L1).toObject().value("username"_L1).toString(), owner.username);
    for (const auto key : {"created_at"_L1, "updated_at"_L1, "thumbnail_url"_L1, "shared_with"_L1})
        QVERIFY2(m.contains(key), key.data());
}

void TestProjectsApi::unknownProjectIsNotFound_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("suffix");
    QTest::newRow("GET content") << "GET"_ba << QByteArray();
    QTest::newRow("GET meta") << "GET"_ba
                              << "/meta"_ba;
    QTest::newRow("PUT") << "PUT"_ba << QByteArray();
    QTest::newRow("PATCH") << "PATCH"_ba << QByteArray();
    QTest::newRow("DELETE") << "DELETE"_ba << QByteArray();
    QTest::newRow("restore") << "POST"_ba
                             << "/restore"_ba;
    QTest::newRow("copy") << "POST"_ba
                          << "/copy"_ba;
    QTest::newRow("share") << "PUT"_ba
                           << "/share"_ba;
    QTest::newRow("sb3") << "GET"_ba
                         << "/sb3"_ba;
    QTest::newRow("thumbnail GET") << "GET"_ba
                                   << "/thumbnail"_ba;
    QTest::newRow("thumbnail PUT") << "PUT"_ba
                                   << "/thumbnail"_ba;
    QTest::newRow("versions") << "GET"_ba
                              << "/versions"_ba;
    QTest::newRow("version") << "GET"_ba
                             << "/versions/1"_ba;
    QTest::newRow("version restore") << "POST"_ba
                                     << "/versions/1/restore"_ba;
}

void TestProjectsApi::unknownProjectIsNotFound()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, suffix);
    QByteArray body;
    QByteArray type = "application/json"_ba;
    if (suffix == "/share")
        body = "{\"group_ids\":[]}"_ba;
    else if (suffix == "/thumbnail") {
        body = pngThumbnail;
        type = "image/png"_ba;
    } else if (method == "PATCH")
        body = "{\"title\":\"x\"}"_ba;
    else if (method == "PUT")
        body = scratchProject();
    const HttpReply reply = send(actor(Actor::Owner), method, projectPath(999999, suffix), body,
                                 body.isEmpty() ? QByteArray() : type, ifMatchHeader(ifMatch(1)));
    const QString error = checkError(reply, {404});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestProjectsApi::putWithIfMatchIncrementsVersion()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Put"_s, u"put-1"_s);
    QVERIFY(id);
    const QByteArray body = scratchProject({}, 0, u"put-2"_s);
    const HttpReply reply = send(owner, "PUT"_ba, projectPath(id) + "?title=Renamed"_ba, body,
                                 "application/json"_ba, ifMatchHeader(ifMatch(1)));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toInt(), id);
    QCOMPARE(reply.object().value("version"_L1).toInt(), 2);
    QCOMPARE(reply.object().value("title"_L1).toString(), u"Renamed"_s);
    const HttpReply content = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(parseObject(content.body), parseObject(body));
    QCOMPARE(content.header("etag"_ba), "\"2\""_ba);
    // Without ?title the title stays.
    QCOMPARE(save(owner, id, 2, u"put-3"_s), 3);
    QCOMPARE(meta(id).value("title"_L1).toString(), u"Renamed"_s);
}

void TestProjectsApi::putWithoutIfMatchIsPreconditionRequired()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"NoIfMatch"_s, u"nim-1"_s);
    QVERIFY(id);
    const HttpReply reply = send(owner, "PUT"_ba, projectPath(id),
                                 scratchProject({}, 0, u"nim-2"_s), "application/json"_ba);
    const QString error = checkError(reply, {428});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);
    QVERIFY(send(owner, "GET"_ba, projectPath(id)).body.contains("nim-1"));
}

void TestProjectsApi::putWithUnusableIfMatchIsPreconditionRequired_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("star") << "*"_ba;
    QTest::newRow("weak") << "W/\"1\""_ba;
    QTest::newRow("list") << "\"1\", \"2\""_ba;
    QTest::newRow("list same") << "\"1\",\"1\""_ba;
    QTest::newRow("unquoted") << "1"_ba;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not a number") << "\"one\""_ba;
}

void TestProjectsApi::putWithUnusableIfMatchIsPreconditionRequired()
{
    QFETCH(QByteArray, value);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"BadIfMatch"_s, u"bim-1"_s);
    QVERIFY(id);
    const HttpReply reply =
        send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, u"bim-2"_s),
             "application/json"_ba, ifMatchHeader(value));
    const QString error = checkError(reply, {428});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);
    // The same rule holds for PATCH and version restore.
    QVERIFY(checkError(send(owner, "PATCH"_ba, projectPath(id), "{\"title\":\"x\"}"_ba,
                            "application/json"_ba, ifMatchHeader(value)),
                       {428})
                .isEmpty());
    QVERIFY(checkError(send(owner, "POST"_ba, projectPath(id, "/versions/1/restore"_ba), {}, {},
                            ifMatchHeader(value)),
                       {428})
                .isEmpty());
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);
}

void TestProjectsApi::putWithStaleVersionReportsCurrentSave()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Stale"_s, u"stale-1"_s);
    QVERIFY(id);
    const HttpReply winner =
        send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, u"stale-2"_s),
             "application/json"_ba, ifMatchHeader(ifMatch(1)));
    QCOMPARE(winner.status, 200);
    const HttpReply loser =
        send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, u"stale-3"_s),
             "application/json"_ba, ifMatchHeader(ifMatch(1)));
    const QString error = checkError(loser, {412});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject conflict = loser.object();
    QCOMPARE(conflict.value("current_version"_L1).toInt(), 2);
    QCOMPARE(conflict.value("updated_at"_L1).toString(),
             winner.object().value("updated_at"_L1).toString());
    const QJsonObject by = conflict.value("updated_by"_L1).toObject();
    QCOMPARE(by.value("id"_L1).toInt(), owner.id);
    QCOMPARE(by.value("username"_L1).toString(), owner.username);
    QCOMPARE(by.value("display_name"_L1).toString(), owner.displayName);
    // A version from the future is just as stale.
    QVERIFY(checkError(send(owner, "PUT"_ba, projectPath(id), scratchProject({}, 0, u"stale-4"_s),
                            "application/json"_ba, ifMatchHeader(ifMatch(7))),
                       {412})
                .isEmpty());
    const HttpReply content = send(owner, "GET"_ba, projectPath(id));
    QVERIFY(content.body.contains("stale-2"));
    QCOMPARE(content.header("etag"_ba), "\"2\""_ba);
}

void TestProjectsApi::putValidatesContentAndAssets()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Validate"_s, u"val-1"_s);
    QVERIFY(id);
    QString error = checkError(send(owner, "PUT"_ba, projectPath(id), "{\"targets\":1}"_ba,
                                    "application/json"_ba, ifMatchHeader(ifMatch(1))),
                               {422});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString missing = md5ext(svgAsset(201), u"svg"_s);
    const HttpReply reply = send(owner, "PUT"_ba, projectPath(id), scratchProject({missing}),
                                 "application/json"_ba, ifMatchHeader(ifMatch(1)));
    error = checkError(reply, {422});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(reply.object().value("missing_assets"_L1).toArray(), QJsonArray{missing});
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);
}

void TestProjectsApi::patchRenamesAndIncrementsVersion()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Old name"_s, u"patch-1"_s);
    QVERIFY(id);
    const HttpReply reply = send(owner, "PATCH"_ba, projectPath(id), "{\"title\":\"New name\"}"_ba,
                                 "application/json"_ba, ifMatchHeader(ifMatch(1)));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("title"_L1).toString(), u"New name"_s);
    QCOMPARE(reply.object().value("version"_L1).toInt(), 2);
    QCOMPARE(meta(id).value("title"_L1).toString(), u"New name"_s);
    // The content is unchanged by a rename.
    QVERIFY(send(owner, "GET"_ba, projectPath(id)).body.contains("patch-1"));
}

void TestProjectsApi::patchChecksIfMatch()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Patch"_s, u"patchc-1"_s);
    QVERIFY(id);
    QString error = checkError(
        send(owner, "PATCH"_ba, projectPath(id), "{\"title\":\"A\"}"_ba, "application/json"_ba),
        {428});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(save(owner, id, 1, u"patchc-2"_s), 2);
    const HttpReply stale = send(owner, "PATCH"_ba, projectPath(id), "{\"title\":\"B\"}"_ba,
                                 "application/json"_ba, ifMatchHeader(ifMatch(1)));
    error = checkError(stale, {412});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stale.object().value("current_version"_L1).toInt(), 2);
    QCOMPARE(stale.object().value("updated_by"_L1).toObject().value("id"_L1).toInt(), owner.id);
    QVERIFY(!stale.object().value("updated_at"_L1).toString().isEmpty());
    QCOMPARE(meta(id).value("title"_L1).toString(), u"Patch"_s);
}

void TestProjectsApi::readAccess_data()
{
    QTest::addColumn<Actor>("who");
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QList<int>>("expected");
    const QList<QPair<const char *, Actor>> actors{{"owner", Actor::Owner},
                                                   {"shared student", Actor::SharedStudent},
                                                   {"other student", Actor::OtherStudent},
                                                   {"teacher", Actor::Teacher},
                                                   {"other teacher", Actor::OtherTeacher},
                                                   {"admin", Actor::Admin},
                                                   {"anonymous", Actor::Anonymous}};
    const QList<QByteArray> suffixes{{}, "/meta"_ba, "/versions"_ba, "/versions/1"_ba, "/sb3"_ba};
    for (const auto &[name, who] : actors) {
        QList<int> expected{200};
        if (who == Actor::OtherStudent || who == Actor::OtherTeacher)
            expected = {403, 404}; // API.md does not say whether a non-reader learns it exists
        else if (who == Actor::Anonymous)
            expected = {401};
        for (const QByteArray &suffix : suffixes) {
            QTest::addRow("%s GET %s", name, suffix.isEmpty() ? "content" : suffix.constData())
                << who << suffix << expected;
        }
    }
}

void TestProjectsApi::readAccess()
{
    QFETCH(Actor, who);
    QFETCH(QByteArray, suffix);
    QFETCH(QList<int>, expected);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Readable"_s, u"read-1"_s);
    QVERIFY(id);
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/share"_ba),
                  "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba,
                  "application/json"_ba)
                 .status,
             200);
    const HttpReply reply = send(actor(who), "GET"_ba, projectPath(id, suffix));
    if (expected == QList<int>{200}) {
        QCOMPARE(reply.status, 200);
        if (suffix.isEmpty() || suffix == "/versions/1")
            QVERIFY(reply.body.contains("read-1"));
    } else {
        const QString error = checkError(reply, expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reply.body.contains("read-1"));
    }
}

void TestProjectsApi::writeAccessIsOwnerOnly_data()
{
    QTest::addColumn<Actor>("who");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("suffix");
    QTest::addColumn<QList<int>>("expected");
    const QList<QPair<const char *, Actor>> actors{{"shared student", Actor::SharedStudent},
                                                   {"other student", Actor::OtherStudent},
                                                   {"teacher", Actor::Teacher},
                                                   {"other teacher", Actor::OtherTeacher},
                                                   {"admin", Actor::Admin},
                                                   {"anonymous", Actor::Anonymous}};
    const QList<QPair<QByteArray, QByteArray>> operations{{"PUT"_ba, {}},
                                                          {"PATCH"_ba, {}},
                                                          {"DELETE"_ba, {}},
                                                          {"PUT"_ba, "/share"_ba},
                                                          {"PUT"_ba, "/thumbnail"_ba},
                                                          {"POST"_ba, "/versions/1/restore"_ba}};
    for (const auto &[name, who] : actors) {
        // A reader learns that the project exists, so it must be told 403; for a non-reader
        // API.md leaves 403 or 404 open.
        QList<int> expected{403};
        if (who == Actor::OtherStudent || who == Actor::OtherTeacher)
            expected = {403, 404};
        else if (who == Actor::Anonymous)
            expected = {401};
        for (const auto &[method, suffix] : operations) {
            QTest::addRow("%s %s %s", name, method.constData(),
                          suffix.isEmpty() ? "project" : suffix.constData())
                << who << method << suffix << expected;
        }
    }
}

void TestProjectsApi::writeAccessIsOwnerOnly()
{
    QFETCH(Actor, who);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, suffix);
    QFETCH(QList<int>, expected);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Protected"_s, u"write-1"_s);
    QVERIFY(id);
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/share"_ba),
                  "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba,
                  "application/json"_ba)
                 .status,
             200);
    QByteArray body;
    QByteArray type = "application/json"_ba;
    if (suffix == "/share") {
        body = "{\"group_ids\":[]}"_ba;
    } else if (suffix == "/thumbnail") {
        body = pngThumbnail;
        type = "image/png"_ba;
    } else if (method == "PATCH") {
        body = "{\"title\":\"Hijacked\"}"_ba;
    } else if (method == "PUT") {
        body = scratchProject({}, 0, u"hijacked"_s);
    }
    const HttpReply reply = send(actor(who), method, projectPath(id, suffix), body,
                                 body.isEmpty() ? QByteArray() : type, ifMatchHeader(ifMatch(1)));
    const QString error = checkError(reply, expected);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // Nothing changed.
    const QJsonObject m = meta(id);
    QCOMPARE(m.value("version"_L1).toInt(), 1);
    QCOMPARE(m.value("title"_L1).toString(), u"Protected"_s);
    QCOMPARE(groupIdsOf(m), QSet<int>{m_classA});
    QVERIFY(m.value("thumbnail_url"_L1).isNull());
    QVERIFY(
        idsOf(send(owner, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray())
            .contains(id));
    QVERIFY(send(owner, "GET"_ba, projectPath(id)).body.contains("write-1"));
}

void TestProjectsApi::copyBelongsToCallerAndIsNotShared_data()
{
    QTest::addColumn<Actor>("who");
    QTest::newRow("owner") << Actor::Owner;
    QTest::newRow("shared student") << Actor::SharedStudent;
    QTest::newRow("teacher") << Actor::Teacher;
    QTest::newRow("admin") << Actor::Admin;
}

void TestProjectsApi::copyBelongsToCallerAndIsNotShared()
{
    QFETCH(Actor, who);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Maze"_s, u"copy-1"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"copy-2"_s), 2);
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/share"_ba),
                  "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba,
                  "application/json"_ba)
                 .status,
             200);
    const Account &caller = actor(who);
    const HttpReply reply = send(caller, "POST"_ba, projectPath(id, "/copy"_ba));
    QCOMPARE(reply.status, 201);
    const QJsonObject copy = reply.object();
    const int copyId = copy.value("id"_L1).toInt();
    QVERIFY(copyId > 0 && copyId != id);
    QCOMPARE(copy.value("title"_L1).toString(), u"Copy of Maze"_s);
    QCOMPARE(copy.value("owner"_L1).toObject().value("id"_L1).toInt(), caller.id);
    QVERIFY(copy.value("shared_with"_L1).toArray().isEmpty());
    QVERIFY(send(caller, "GET"_ba, projectPath(copyId)).body.contains("copy-2"));
    QVERIFY(
        idsOf(send(caller, "GET"_ba, "/api/v1/projects"_ba).object().value("projects"_L1).toArray())
            .contains(copyId));
    // The source is untouched and the copy is the caller's to change.
    QCOMPARE(meta(id).value("version"_L1).toInt(), 2);
    const int copyVersion = copy.value("version"_L1).toInt();
    QCOMPARE(save(caller, copyId, copyVersion, u"copy-3"_s), copyVersion + 1);
    QVERIFY(send(owner, "GET"_ba, projectPath(id)).body.contains("copy-2"));
}

void TestProjectsApi::copyDeniedToNonReaders_data()
{
    QTest::addColumn<Actor>("who");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("other student") << Actor::OtherStudent << QList<int>{403, 404};
    QTest::newRow("other teacher") << Actor::OtherTeacher << QList<int>{403, 404};
    QTest::newRow("anonymous") << Actor::Anonymous << QList<int>{401};
}

void TestProjectsApi::copyDeniedToNonReaders()
{
    QFETCH(Actor, who);
    QFETCH(QList<int>, expected);
    const int id = createProject(actor(Actor::Owner), u"Private"_s, u"nocopy"_s);
    QVERIFY(id);
    const int before = who == Actor::Anonymous ? 0
                                               : send(actor(who), "GET"_ba, "/api/v1/projects"_ba)
                                                     .object()
                                                     .value("projects"_L1)
                                                     .toArray()
                                                     .size();
    const QString error =
        checkError(send(actor(who), "POST"_ba, projectPath(id, "/copy"_ba)), expected);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (who != Actor::Anonymous) {
        QCOMPARE(send(actor(who), "GET"_ba, "/api/v1/projects"_ba)
                     .object()
                     .value("projects"_L1)
                     .toArray()
                     .size(),
                 before);
    }
}

void TestProjectsApi::shareReplacesSetAndUnsharesWithEmptyList()
{
    const Account &teacher = m_teacherA; // member of class A only; joins a second class below
    const int classC = createClass(teacher, u"Class C"_s);
    QVERIFY(classC > 0);
    const int id = createProject(teacher, u"Demo"_s, u"share-1"_s);
    QVERIFY(id);
    const QByteArray path = projectPath(id, "/share"_ba);
    const QByteArray a = QByteArray::number(m_classA);
    const QByteArray c = QByteArray::number(classC);

    HttpReply reply = send(teacher, "PUT"_ba, path,
                           "{\"group_ids\":["_ba + a + ","_ba + c + "]}"_ba, "application/json"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(groupIdsOf(reply.object()), (QSet<int>{m_classA, classC}));
    for (const QJsonValue &g : reply.object().value("shared_with"_L1).toArray())
        QVERIFY(!g.toObject().value("name"_L1).toString().isEmpty());
    QCOMPARE(groupIdsOf(meta(id)), (QSet<int>{m_classA, classC}));

    reply =
        send(teacher, "PUT"_ba, path, "{\"group_ids\":["_ba + c + "]}"_ba, "application/json"_ba);
    QCOMPARE(reply.status, 200);
    QCOMPARE(groupIdsOf(reply.object()), QSet<int>{classC});
    QCOMPARE(groupIdsOf(meta(id)), QSet<int>{classC});
    QVERIFY(!idsOf(send(actor(Actor::SharedStudent), "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));

    reply = send(teacher, "PUT"_ba, path, "{\"group_ids\":[]}"_ba, "application/json"_ba);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.object().value("shared_with"_L1).toArray().isEmpty());
    QVERIFY(meta(id).value("shared_with"_L1).toArray().isEmpty());
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);

    QVERIFY(
        checkError(send(teacher, "PUT"_ba, path, "{\"group_ids\":\"x\"}"_ba, "application/json"_ba),
                   {400, 422})
            .isEmpty());
}

void TestProjectsApi::shareWithForeignGroupIsForbiddenAndChangesNothing()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Foreign"_s, u"foreign-1"_s);
    QVERIFY(id);
    const QByteArray path = projectPath(id, "/share"_ba);
    QCOMPARE(send(owner, "PUT"_ba, path,
                  "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba,
                  "application/json"_ba)
                 .status,
             200);
    const QList<QByteArray> foreignSets{"["_ba + QByteArray::number(m_classB) + "]"_ba,
                                        "["_ba + QByteArray::number(m_classA) + ","_ba
                                            + QByteArray::number(m_classB) + "]"_ba,
                                        "[999999]"_ba};
    for (const QByteArray &groups : foreignSets) {
        const HttpReply reply = send(owner, "PUT"_ba, path, "{\"group_ids\":"_ba + groups + "}"_ba,
                                     "application/json"_ba);
        const QString error = checkError(reply, {403});
        QVERIFY2(error.isEmpty(), qPrintable(error + u" for "_s + QString::fromUtf8(groups)));
        QCOMPARE(groupIdsOf(meta(id)), QSet<int>{m_classA});
    }
    QVERIFY(!idsOf(send(actor(Actor::OtherStudent), "GET"_ba, "/api/v1/projects/shared"_ba)
                       .object()
                       .value("projects"_L1)
                       .toArray())
                 .contains(id));
}

void TestProjectsApi::sb3ExportContainsProjectAndAssets()
{
    const Account &owner = actor(Actor::Owner);
    const QByteArray svg1 = svgAsset(301);
    const QByteArray svg2 = svgAsset(302);
    const QString name1 = md5ext(svg1, u"svg"_s);
    const QString name2 = md5ext(svg2, u"svg"_s);
    for (const auto &[bytes, name] : {qMakePair(svg1, name1), qMakePair(svg2, name2)})
        QVERIFY(
            send(owner, "PUT"_ba, "/api/v1/assets/"_ba + name.toUtf8(), bytes, "image/svg+xml"_ba)
                    .status
                / 100
            == 2);
    const int id = createProject(owner, u"Maze"_s, u"sb3-1"_s, {name1, name2});
    QVERIFY(id);
    const HttpReply reply = send(owner, "GET"_ba, projectPath(id, "/sb3"_ba));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"_ba), "application/x.scratch.sb3"_ba);
    // API.md's filename parameter must be there; RFC 6266 also allows an extra filename*.
    const QByteArray disposition = reply.header("content-disposition"_ba);
    QVERIFY2(disposition.startsWith("attachment;")
                 && disposition.split(';').contains(" filename=\"Maze.sb3\""_ba),
             disposition.constData());
    const QMap<QString, QByteArray> entries = unzip(reply.body);
    QVERIFY2(entries.contains(u"project.json"_s), "no project.json in the export");
    QCOMPARE(parseObject(entries.value(u"project.json"_s)),
             parseObject(send(owner, "GET"_ba, projectPath(id)).body));
    QCOMPARE(entries.value(name1), svg1);
    QCOMPARE(entries.value(name2), svg2);
}

void TestProjectsApi::thumbnailRoundTrip_data()
{
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<QByteArray>("mime");
    QTest::newRow("png") << pngThumbnail << "image/png"_ba;
    QTest::newRow("jpeg") << jpegThumbnail << "image/jpeg"_ba;
}

void TestProjectsApi::thumbnailRoundTrip()
{
    QFETCH(QByteArray, image);
    QFETCH(QByteArray, mime);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Thumb"_s, u"thumb-1"_s);
    QVERIFY(id);
    // The bytes decide, not the announced type.
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/thumbnail"_ba), image,
                  "application/octet-stream"_ba)
                 .status,
             204);
    const HttpReply reply = send(actor(Actor::Teacher), "GET"_ba, projectPath(id, "/thumbnail"_ba));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, image);
    QCOMPARE(reply.header("content-type"_ba), mime);
    const QJsonObject m = meta(id);
    QCOMPARE(m.value("version"_L1).toInt(), 1);
    QVERIFY(m.value("thumbnail_url"_L1).isString());
    QVERIFY(m.value("thumbnail_url"_L1)
                .toString()
                .contains(u"/api/v1/projects/%1/thumbnail"_s.arg(id)));
}

void TestProjectsApi::thumbnailRejectsOtherBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("gif claiming png") << "GIF89a\x01\x00\x01\x00\x00\x00\x00;"_ba
                                      << "image/png"_ba;
    QTest::newRow("svg") << svgAsset(401) << "image/svg+xml"_ba;
    QTest::newRow("text claiming jpeg") << "hello"_ba
                                        << "image/jpeg"_ba;
}

void TestProjectsApi::thumbnailRejectsOtherBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, contentType);
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"NoThumb"_s, u"nothumb-1"_s);
    QVERIFY(id);
    const QString error = checkError(
        send(owner, "PUT"_ba, projectPath(id, "/thumbnail"_ba), bytes, contentType), {415});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(send(owner, "GET"_ba, projectPath(id, "/thumbnail"_ba)).status, 404);
}

void TestProjectsApi::thumbnailIsNotFoundWhenNone()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Bare"_s, u"bare-1"_s);
    QVERIFY(id);
    const QString error =
        checkError(send(owner, "GET"_ba, projectPath(id, "/thumbnail"_ba)), {404});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(meta(id).value("thumbnail_url"_L1).isNull());
}

void TestProjectsApi::versionsListNewestFirstWithSavedByAndSize()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"History"_s, u"hist-1"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"hist-2"_s), 2);
    QCOMPARE(save(owner, id, 2, u"hist-3"_s), 3);
    const HttpReply reply = send(owner, "GET"_ba, projectPath(id, "/versions"_ba));
    QCOMPARE(reply.status, 200);
    const QJsonArray versions = reply.object().value("versions"_L1).toArray();
    QCOMPARE(versions.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject v = versions.at(i).toObject();
        const int number = 3 - i;
        QCOMPARE(v.value("version"_L1).toInt(), number);
        QVERIFY(
            QDateTime::fromString(v.value("saved_at"_L1).toString(), Qt::ISODateWithMs).isValid());
        const QJsonObject by = v.value("saved_by"_L1).toObject();
        QCOMPARE(by.value("id"_L1).toInt(), owner.id);
        QCOMPARE(by.value("username"_L1).toString(), owner.username);
        QCOMPARE(by.value("display_name"_L1).toString(), owner.displayName);
        const HttpReply content =
            send(owner, "GET"_ba, projectPath(id, "/versions/"_ba + QByteArray::number(number)));
        QCOMPARE(content.status, 200);
        QCOMPARE(v.value("size"_L1).toInteger(), qint64(content.body.size()));
    }
}

void TestProjectsApi::versionsKeepTwentyIncludingCurrent()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Long"_s, u"long-v1-"_s);
    QVERIFY(id);
    for (int v = 1; v < 25; ++v)
        QCOMPARE(save(owner, id, v, u"long-v%1-"_s.arg(v + 1)), v + 1);
    const QJsonArray versions = send(owner, "GET"_ba, projectPath(id, "/versions"_ba))
                                    .object()
                                    .value("versions"_L1)
                                    .toArray();
    QCOMPARE(versions.size(), 20);
    QCOMPARE(versions.first().toObject().value("version"_L1).toInt(), 25);
    QCOMPARE(versions.last().toObject().value("version"_L1).toInt(), 6);
    QVERIFY(checkError(send(owner, "GET"_ba, projectPath(id, "/versions/5"_ba)), {404}).isEmpty());
    const HttpReply oldest = send(owner, "GET"_ba, projectPath(id, "/versions/6"_ba));
    QCOMPARE(oldest.status, 200);
    QVERIFY(oldest.body.contains("long-v6-"));
    QVERIFY(checkError(send(owner, "POST"_ba, projectPath(id, "/versions/5/restore"_ba), {}, {},
                            ifMatchHeader(ifMatch(25))),
                       {404})
                .isEmpty());
    QVERIFY(checkError(send(owner, "GET"_ba, projectPath(id, "/versions/26"_ba)), {404}).isEmpty());
}

void TestProjectsApi::versionContentIsThatVersion()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Each"_s, u"each-v1-"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"each-v2-"_s), 2);
    QCOMPARE(save(owner, id, 2, u"each-v3-"_s), 3);
    for (int v = 1; v <= 3; ++v) {
        const HttpReply reply = send(actor(Actor::Teacher), "GET"_ba,
                                     projectPath(id, "/versions/"_ba + QByteArray::number(v)));
        QCOMPARE(reply.status, 200);
        for (int other = 1; other <= 3; ++other) {
            QCOMPARE(reply.body.contains(u"each-v%1-"_s.arg(other).toUtf8()), other == v);
        }
        QVERIFY(!parseObject(reply.body).isEmpty());
    }
}

void TestProjectsApi::restoreVersionCreatesNewVersionWithOldContent()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Restore"_s, u"rest-v1-"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"rest-v2-"_s), 2);
    QCOMPARE(save(owner, id, 2, u"rest-v3-"_s), 3);
    const QByteArray v1 = send(owner, "GET"_ba, projectPath(id, "/versions/1"_ba)).body;
    const HttpReply reply = send(owner, "POST"_ba, projectPath(id, "/versions/1/restore"_ba), {},
                                 {}, ifMatchHeader(ifMatch(3)));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("version"_L1).toInt(), 4);
    QCOMPARE(reply.object().value("id"_L1).toInt(), id);
    const HttpReply content = send(owner, "GET"_ba, projectPath(id));
    QCOMPARE(content.header("etag"_ba), "\"4\""_ba);
    QCOMPARE(parseObject(content.body), parseObject(v1));
    const QJsonArray versions = send(owner, "GET"_ba, projectPath(id, "/versions"_ba))
                                    .object()
                                    .value("versions"_L1)
                                    .toArray();
    QCOMPARE(versions.size(), 4);
    QCOMPARE(versions.first().toObject().value("version"_L1).toInt(), 4);
    // The history is kept: version 3 is still there.
    QVERIFY(send(owner, "GET"_ba, projectPath(id, "/versions/3"_ba)).body.contains("rest-v3-"));
}

void TestProjectsApi::restoreVersionChecksIfMatch()
{
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"RestoreIf"_s, u"rif-v1-"_s);
    QVERIFY(id);
    QCOMPARE(save(owner, id, 1, u"rif-v2-"_s), 2);
    QString error =
        checkError(send(owner, "POST"_ba, projectPath(id, "/versions/1/restore"_ba)), {428});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const HttpReply stale = send(owner, "POST"_ba, projectPath(id, "/versions/1/restore"_ba), {},
                                 {}, ifMatchHeader(ifMatch(1)));
    error = checkError(stale, {412});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stale.object().value("current_version"_L1).toInt(), 2);
    QCOMPARE(stale.object().value("updated_by"_L1).toObject().value("username"_L1).toString(),
             owner.username);
    QCOMPARE(meta(id).value("version"_L1).toInt(), 2);
    QVERIFY(send(owner, "GET"_ba, projectPath(id)).body.contains("rif-v2-"));
}

void TestProjectsApi::onlyContentChangesBumpVersion()
{
    // Share, trash/restore and thumbnail keep the version; PUT, PATCH and version restore bump it.
    const Account &owner = actor(Actor::Owner);
    const int id = createProject(owner, u"Bump"_s, u"bump-1"_s);
    QVERIFY(id);
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/share"_ba),
                  "{\"group_ids\":["_ba + QByteArray::number(m_classA) + "]}"_ba,
                  "application/json"_ba)
                 .object()
                 .value("version"_L1)
                 .toInt(),
             1);
    QCOMPARE(send(owner, "PUT"_ba, projectPath(id, "/thumbnail"_ba), pngThumbnail, "image/png"_ba)
                 .status,
             204);
    QCOMPARE(send(owner, "DELETE"_ba, projectPath(id)).status, 204);
    QCOMPARE(
        send(owner, "POST"_ba, projectPath(id, "/restore"_ba)).object().value("version"_L1).toInt(),
        1);
    QCOMPARE(meta(id).value("version"_L1).toInt(), 1);
    QCOMPARE(save(owner, id, 1, u"bump-2"_s), 2);
    QCOMPARE(send(owner, "PATCH"_ba, projectPath(id), "{\"title\":\"Bumped\"}"_ba,
                  "application/json"_ba, ifMatchHeader(ifMatch(2)))
                 .object()
                 .value("version"_L1)
                 .toInt(),
             3);
    QCOMPARE(send(owner, "POST"_ba, projectPath(id, "/versions/1/restore"_ba), {}, {},
                  ifMatchHeader(ifMatch(3)))
                 .object()
                 .value("version"_L1)
                 .toInt(),
             4);
    QCOMPARE(meta(id).value("version"_L1).toInt(), 4);
}

QTEST_GUILESS_MAIN(TestProjectsApi)
#include "tst_projectsapi.moc"
