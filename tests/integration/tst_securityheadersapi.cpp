// SPDX-License-Identifier: AGPL-3.0-or-later
// Security headers (API.md, Clarifications, "Serving user content"; issue #12) against a real
// server on 127.0.0.1: everything users upload or the library supplies is served with a
// sandboxing CSP and nosniff, so an SVG with <script> runs nothing in the Blockhaus origin; the
// pages of the web root carry a strict CSP of their own.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/fakeupstream.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Test;

namespace {

const QByteArray userContentPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

// What a student would upload to attack the teacher: opened at its own URL, a browser runs
// this script with the origin's cookies unless the response forbids it.
QByteArray svgWithScript(const QByteArray &marker)
{
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
           "<script>fetch('/api/v1/users/1/password',{method:'POST'});/*"
        + marker + "*/</script><rect width=\"10\" height=\"10\"/></svg>";
}

QByteArray tinyPng(const QByteArray &marker)
{
    // A PNG signature and IHDR are all the thumbnail sniffing looks at; the rest may vary.
    return QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                               "1f15c489")
        + marker;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Empty when the reply carries the user-content headers; otherwise what is missing.
QString checkUserContentHeaders(const HttpReply &reply)
{
    if (reply.headerValues("content-security-policy").size() != 1)
        return u"expected one CSP header, got: "_s
            + QString::fromLatin1(reply.headerValues("content-security-policy").join(" | "));
    if (reply.header("content-security-policy") != userContentPolicy)
        return u"CSP: "_s + QString::fromLatin1(reply.header("content-security-policy"));
    if (reply.header("x-content-type-options") != "nosniff")
        return u"X-Content-Type-Options: "_s
            + QString::fromLatin1(reply.header("x-content-type-options"));
    return {};
}

// The directives of a CSP header value, by name.
QHash<QString, QStringList> directives(const QByteArray &policy)
{
    QHash<QString, QStringList> result;
    for (const QByteArray &part : policy.split(';')) {
        QStringList words = QString::fromLatin1(part.trimmed()).split(u' ', Qt::SkipEmptyParts);
        if (!words.isEmpty())
            result.insert(words.takeFirst(), words);
    }
    return result;
}

} // namespace

class TestSecurityHeadersApi : public QObject
{
    Q_OBJECT

private:
    FakeUpstream m_upstream;
    QTemporaryDir m_webRoot;
    std::unique_ptr<TestServer> m_server;
    Classroom m_classroom;
    QByteArray m_librarySvg;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void uploadedSvgWithScriptIsServedSandboxed();
    void notModifiedAnswerAddsNothingRunnable();
    void backpackBodiesAndThumbnailsAreSandboxed();
    void projectThumbnailIsSandboxed();
    void libraryFilesAreSandboxed_data();
    void libraryFilesAreSandboxed();
    void pagesCarryAStrictPolicy_data();
    void pagesCarryAStrictPolicy();
};

void TestSecurityHeadersApi::initTestCase()
{
    QVERIFY(m_upstream.listen());
    QVERIFY(m_webRoot.isValid());
    QVERIFY(writeFile(m_webRoot.filePath(u"index.html"_s), "<!doctype html><title>x</title>"));
    QVERIFY(writeFile(m_webRoot.filePath(u"join.html"_s), "<!doctype html><title>j</title>"));
    QVERIFY(writeFile(m_webRoot.filePath(u"editor.html"_s), "<!doctype html><title>e</title>"));
    QVERIFY(writeFile(m_webRoot.filePath(u"scratch-gui-standalone.js"_s), "var x;"));
    QVERIFY(QDir(m_webRoot.path()).mkpath(u"static/assets"_s));
    QVERIFY(writeFile(m_webRoot.filePath(u"static/assets/0fb9be3e8397c983338cb71dc84d0b25.svg"_s),
                      svgWithScript("bundled")));
    m_librarySvg = svgWithScript("library");
    m_upstream.serve(md5ext(m_librarySvg, u"svg"_s), m_librarySvg);
    // Only names in the editor's catalogue are fetched from the upstream (issue #12).
    QVERIFY(QDir(m_webRoot.path()).mkpath(u"libraries"_s));
    QVERIFY(writeFile(
        m_webRoot.filePath(u"libraries/costumes.json"_s),
        QJsonDocument(QJsonArray{QJsonObject{{u"name"_s, u"Scripted"_s},
                                             {u"md5ext"_s, md5ext(m_librarySvg, u"svg"_s)}}})
            .toJson()));

    TestServer::Options options;
    options.extraArgs = QStringList{u"--library-upstream"_s,   m_upstream.urlTemplate(),
                                    u"--library-timeout-ms"_s, u"10000"_s,
                                    u"--web-root"_s,           m_webRoot.path()};
    m_server = std::make_unique<TestServer>(options);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_classroom = makeClassroom(m_server->port(), m_server->adminPassword(), u"Class 6c"_s,
                                {u"Mallory S."_s});
    QCOMPARE(m_classroom.students.size(), 1);
}

void TestSecurityHeadersApi::cleanupTestCase()
{
    if (m_server)
        QVERIFY2(m_server->stop(), m_server->output().right(4000).constData());
}

void TestSecurityHeadersApi::uploadedSvgWithScriptIsServedSandboxed()
{
    // Measured at the last release: served inline as image/svg+xml with no CSP, so a teacher
    // opening the URL ran the student's script with the teacher's session.
    const QByteArray svg = svgWithScript("upload");
    const QByteArray path = "/api/v1/assets/" + md5ext(svg, u"svg"_s).toLatin1();
    Client student(m_server->port());
    student.setBearer(m_classroom.students.first().token);
    QVERIFY(statusIsOneOf(student.put(path, svg, "image/svg+xml"_ba), {200, 201}));

    Client teacher(m_server->port());
    teacher.setCookie("bh_session=" + m_classroom.adminToken); // as the browser would send it
    const HttpReply reply = teacher.get(path);
    QVERIFY(statusIs(reply, 200));
    QCOMPARE(reply.body, svg); // still the student's costume, byte for byte
    QCOMPARE(reply.header("content-type"), "image/svg+xml"_ba);
    QVERIFY2(checkUserContentHeaders(reply).isEmpty(), qPrintable(checkUserContentHeaders(reply)));
}

void TestSecurityHeadersApi::notModifiedAnswerAddsNothingRunnable()
{
    const QByteArray svg = svgWithScript("revalidated");
    const QByteArray path = "/api/v1/assets/" + md5ext(svg, u"svg"_s).toLatin1();
    Client student(m_server->port());
    student.setBearer(m_classroom.students.first().token);
    QVERIFY(statusIsOneOf(student.put(path, svg, "image/svg+xml"_ba), {200, 201}));
    // A cached copy is revalidated with 304: no body, and the stored headers (with the CSP of
    // the 200) stay in force.
    const HttpReply reply = student.get(path, {{"If-None-Match"_ba, '"' + md5Hex(svg) + '"'}});
    QVERIFY(statusIs(reply, 304));
    QVERIFY(reply.body.isEmpty());
}

void TestSecurityHeadersApi::backpackBodiesAndThumbnailsAreSandboxed()
{
    const QByteArray body = svgWithScript("backpack");
    const QByteArray thumbnail = tinyPng("backpack");
    Client student(m_server->port());
    student.setBearer(m_classroom.students.first().token);
    const HttpReply created =
        student.postJson("/api/v1/backpack"_ba,
                         {{u"type"_s, u"costume"_s},
                          {u"mime"_s, u"image/svg+xml"_s},
                          {u"name"_s, u"trap"_s},
                          {u"body"_s, QString::fromLatin1(body.toBase64())},
                          {u"thumbnail"_s, QString::fromLatin1(thumbnail.toBase64())}});
    QVERIFY(statusIs(created, 201));
    for (const QString &field : {u"bodyUrl"_s, u"thumbnailUrl"_s}) {
        const QByteArray url = created.object().value(field).toString().toLatin1();
        QVERIFY2(url.startsWith("/api/v1/assets/"), url.constData());
        const HttpReply reply = student.get(url);
        QVERIFY(statusIs(reply, 200));
        QVERIFY2(checkUserContentHeaders(reply).isEmpty(),
                 qPrintable(field + u": "_s + checkUserContentHeaders(reply)));
    }
}

void TestSecurityHeadersApi::projectThumbnailIsSandboxed()
{
    Client student(m_server->port());
    student.setBearer(m_classroom.students.first().token);
    const HttpReply created = student.post("/api/v1/projects?title=Thumb"_ba, scratchProject());
    QVERIFY(statusIs(created, 201));
    const QByteArray path = "/api/v1/projects/"
        + QByteArray::number(created.object().value(u"id"_s).toInt()) + "/thumbnail";
    QVERIFY(statusIs(student.put(path, tinyPng("thumb"), "image/png"_ba), 204));
    const HttpReply reply = student.get(path);
    QVERIFY(statusIs(reply, 200));
    QVERIFY2(checkUserContentHeaders(reply).isEmpty(), qPrintable(checkUserContentHeaders(reply)));
}

void TestSecurityHeadersApi::libraryFilesAreSandboxed_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("/library/") << "/library/"_ba;
    QTest::newRow("/api/v1/assets/ from the library") << "/api/v1/assets/"_ba;
}

void TestSecurityHeadersApi::libraryFilesAreSandboxed()
{
    QFETCH(QByteArray, prefix);
    Client student(m_server->port());
    student.setBearer(m_classroom.students.first().token);
    const HttpReply reply = student.get(prefix + md5ext(m_librarySvg, u"svg"_s).toLatin1());
    QVERIFY(statusIs(reply, 200));
    QCOMPARE(reply.body, m_librarySvg);
    QVERIFY2(checkUserContentHeaders(reply).isEmpty(), qPrintable(checkUserContentHeaders(reply)));
}

void TestSecurityHeadersApi::pagesCarryAStrictPolicy_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("start page") << "/"_ba;
    QTest::newRow("join link") << "/join/ABCD-1234"_ba;
    QTest::newRow("editor") << "/editor?project=new"_ba;
    QTest::newRow("editor bundle") << "/scratch-gui-standalone.js"_ba;
    QTest::newRow("editor's own media") << "/static/assets/0fb9be3e8397c983338cb71dc84d0b25.svg"_ba;
}

void TestSecurityHeadersApi::pagesCarryAStrictPolicy()
{
    QFETCH(QByteArray, path);
    Client client(m_server->port());
    const HttpReply reply = client.get(path);
    QVERIFY(statusIs(reply, 200));
    QCOMPARE(reply.headerValues("content-security-policy").size(), 1);
    const QHash<QString, QStringList> policy = directives(reply.header("content-security-policy"));
    QCOMPARE(policy.value(u"default-src"_s), QStringList{u"'self'"_s});
    QCOMPARE(policy.value(u"object-src"_s), QStringList{u"'none'"_s});
    QCOMPARE(policy.value(u"base-uri"_s), QStringList{u"'self'"_s});
    QCOMPARE(policy.value(u"frame-ancestors"_s), QStringList{u"'self'"_s});
    QCOMPARE(policy.value(u"form-action"_s), QStringList{u"'self'"_s});
    // Scripts only from this server: no inline script, nothing from elsewhere.
    const QStringList scripts = policy.value(u"script-src"_s);
    QVERIFY2(scripts.contains(u"'self'"_s), qPrintable(scripts.join(u' ')));
    for (const QString &source : scripts) {
        QVERIFY2(source != u"'unsafe-inline'"_s && source != u"*"_s && source != u"data:"_s
                     && source != u"blob:"_s && !source.startsWith(u"http"_s),
                 qPrintable(scripts.join(u' ')));
    }
    // Nothing may be fetched from or sent to another host.
    for (auto it = policy.cbegin(); it != policy.cend(); ++it) {
        for (const QString &source : it.value())
            QVERIFY2(source != u"*"_s && !source.startsWith(u"http"_s), qPrintable(it.key()));
    }
    QCOMPARE(reply.header("x-content-type-options"), "nosniff"_ba);
}

QTEST_GUILESS_MAIN(TestSecurityHeadersApi)
#include "tst_securityheadersapi.moc"
