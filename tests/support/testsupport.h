// SPDX-License-Identifier: AGPL-3.0-or-later
// tests/support: a real Blockhaus server on 127.0.0.1 with a temporary data directory, a raw
// HTTP/1.1 client, a concurrent request runner and fixtures. Every wait is bounded.
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

class QTcpSocket;

namespace Blockhaus::Test {

class PgTestDatabase;

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray path = "/"; // path and query, e.g. "/api/v1/projects?title=x"
    HeaderList headers; // extra headers, sent as given
    QByteArray body;
    bool sendContentLength = true; // false: omit Content-Length (for 411 tests)
    quint16 port = 0; // runConcurrently(): another server than the one it is given (0: that one)
};

struct HttpReply
{
    int status = 0; // 0: no reply (connection closed or timed out)
    bool timedOut = false;
    QString transportError; // with status 0: what the socket reported, if anything
    QByteArray body;
    HeaderList headers; // names lower-cased
    QByteArray header(const QByteArray &lowerCaseName) const; // first value or empty
    QList<QByteArray> headerValues(const QByteArray &lowerCaseName) const; // all values, in order
    QJsonObject object() const; // body parsed as a JSON object (empty when not one)
    QJsonArray array() const;
    QString errorCode() const { return object().value(QLatin1String("error")).toString(); }
};

// Starts the real `blockhaus --headless` binary (path from the BLOCKHAUS_BINARY compile
// definition) with --listen 127.0.0.1 --port 0, waits for the line
// "Blockhaus is listening on port N" on its standard output. Unless extraArgs name
// --library-upstream, the server runs with --library-upstream none (tests stay offline).
class TestServer
{
public:
    struct Options
    {
        int poolSize = 8;
        int acquireTimeoutMs = 5000;
        qint64 sqliteMaxPageCount = 0; // >0: environment BLOCKHAUS_SQLITE_MAX_PAGE_COUNT
        QString dataDir; // empty: a fresh temporary directory owned by the TestServer
        QStringList extraArgs;
        QProcessEnvironment extraEnv;
    };

    TestServer();
    explicit TestServer(Options options);
    ~TestServer(); // stop(), then kill if needed
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    bool start(int timeoutMs = 30000);
    bool stop(int timeoutMs = 30000); // SIGTERM; true when it exited with code 0
    void kill9(); // SIGKILL, waits until the process is gone
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString dataDir() const;
    QString databasePath() const; // dataDir() + "/blockhaus.sqlite3"
    // With BLOCKHAUS_TEST_DATABASE set (the *.pg tests, #15) the server runs on a fresh
    // PostgreSQL database of its own (--database), kept across restarts and dropped with the
    // TestServer; databasePath() then names no database. Tests of SQLite's file skip then.
    static bool postgresRequested();
    bool usesPostgres() const { return m_postgres != nullptr; }
    QString adminPassword() const { return m_adminPassword; } // set via BLOCKHAUS_ADMIN_PASSWORD
    QByteArray output() const; // everything the server printed so far (stdout + stderr)
    qint64 pid() const;
    Options &options() { return m_options; } // change before a restart

private:
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<PgTestDatabase> m_postgres;
    std::unique_ptr<QProcess> m_process;
    QString m_adminPassword;
    quint16 m_port = 0;
    mutable QByteArray m_output;
};

// A synchronous HTTP/1.1 client over one keep-alive TCP connection to 127.0.0.1.
// It sends exactly the headers it is given plus Host, Content-Length and its credentials.
class Client
{
public:
    explicit Client(quint16 port);
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    quint16 port() const { return m_port; }
    void setBearer(const QByteArray &token) { m_bearer = token; }
    QByteArray bearer() const { return m_bearer; }
    void setCookie(const QByteArray &cookie) { m_cookie = cookie; } // raw "bh_session=..."
    void setOrigin(const QByteArray &origin) { m_origin = origin; } // sent when not empty
    QByteArray origin() const; // "http://127.0.0.1:PORT"

    HttpReply request(const HttpRequest &request, int timeoutMs = 30000);
    HttpReply get(const QByteArray &path, const HeaderList &headers = {});
    HttpReply del(const QByteArray &path, const HeaderList &headers = {});
    HttpReply post(const QByteArray &path, const QByteArray &body,
                   const QByteArray &contentType = "application/json",
                   const HeaderList &headers = {});
    HttpReply put(const QByteArray &path, const QByteArray &body,
                  const QByteArray &contentType = "application/json",
                  const HeaderList &headers = {});
    HttpReply patch(const QByteArray &path, const QByteArray &body,
                    const QByteArray &contentType = "application/json",
                    const HeaderList &headers = {});
    HttpReply postJson(const QByteArray &path, const QJsonObject &body);

    // POST /api/v1/session; on 201 keeps the token as bearer. Returns the reply.
    HttpReply login(const QString &username, const QString &password);

    // Writes raw bytes on a fresh connection and reads one response (for malformed input).
    static HttpReply sendRaw(quint16 port, const QByteArray &bytes, int timeoutMs = 30000);

private:
    quint16 m_port;
    QByteArray m_bearer;
    QByteArray m_cookie;
    QByteArray m_origin;
    struct Connection;
    std::unique_ptr<Connection> m_connection;
};

// One raw TCP connection to 127.0.0.1 for tests that control bytes and timing themselves
// (limits, idle timeouts, the connection cap). Every wait runs an event loop with a deadline.
class RawConnection
{
public:
    explicit RawConnection(quint16 port);
    ~RawConnection();
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool open(int timeoutMs = 10000); // true when connected
    // Like open(), from a chosen local address (127.0.0.2 is another client to the server) and
    // with a small kernel receive buffer (a slow reader's TCP window; 0: the system's).
    bool openFrom(const QHostAddress &local, int receiveBufferBytes = 0, int timeoutMs = 10000);
    // Waits until the bytes received so far (not yet taken by readReply) contain needle, e.g. an
    // interim "100 Continue"; false on timeout or close.
    bool waitForBytes(const QByteArray &needle, int timeoutMs);
    // Caps what Qt reads ahead from the kernel (0: unlimited): a client that does not read.
    void setReadBufferSize(qint64 bytes);
    // Reads the next response as a slow client: at most bytesPerStep bytes every stepMs. A reply
    // cut by the server comes back with status 0; received (optional) counts the bytes taken.
    HttpReply readReplySlowly(qint64 bytesPerStep, int stepMs, int timeoutMs,
                              qint64 *received = nullptr);
    bool isOpen() const; // connected and not closed by either side (as far as seen)
    void write(const QByteArray &bytes);
    // Waits until at most maxPending written bytes are still queued in this process, or the
    // connection closed; false on timeout.
    bool drain(qint64 maxPending, int timeoutMs);
    // Reads the next response; status 0 when the connection closed first (timedOut on timeout).
    HttpReply readReply(int timeoutMs = 30000, bool headRequest = false);
    bool waitForClosed(int timeoutMs); // true once the connection is closed
    void close();

private:
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

// Sends all requests at once, each on its own connection, from one thread's event loop, and
// returns the replies in the same order. Requests with no reply within timeoutMs have
// status 0 and timedOut set.
QList<HttpReply> runConcurrently(quint16 port, const QList<HttpRequest> &requests,
                                 int timeoutMs = 60000);

// Assertion helpers: true when the reply matches; otherwise they log the actual status and body
// (qWarning) so that QVERIFY(statusIs(reply, 201)) explains its failure.
bool statusIs(const HttpReply &reply, int expected);
bool statusIsOneOf(const HttpReply &reply, const QList<int> &expected);
// The error body contract: a JSON object {"error": code, "message": non-empty string}.
bool isErrorBody(const HttpReply &reply, const QString &code);

// Helpers for request building.
HeaderList bearerHeader(const QByteArray &token);
QByteArray ifMatch(int version); // "\"N\""

// Scratch content fixtures.
QByteArray md5Hex(const QByteArray &bytes);
QString md5ext(const QByteArray &bytes, const QString &format); // "<md5>.<format>"
QByteArray svgAsset(int seed); // a small valid SVG whose bytes differ per seed
// A valid Scratch 3 project.json (stage + one sprite) naming the given assets as costumes
// (md5ext list); padded with a comment-like variable to roughly paddingBytes total size.
QByteArray scratchProject(const QStringList &costumeMd5exts = {}, int paddingBytes = 0,
                          const QString &marker = {});
// Bytes no compressor makes much smaller (letters and digits from a generator seeded with seed):
// for fillers that must take their full size on disk, where PostgreSQL would compress a run of
// one character (its TOAST storage) to nearly nothing.
QByteArray incompressibleBytes(qsizetype size, quint32 seed);
// scratchProject() with its padding made of incompressibleBytes().
QByteArray incompressibleScratchProject(int paddingBytes, const QString &marker);
// A .sb3 (zip) holding project.json and the given files (name -> bytes).
QByteArray makeSb3(const QByteArray &projectJson, const QList<QPair<QString, QByteArray>> &files);

// Fixture: logs in as admin, creates a teacher-owned class with students. Returns what was made.
struct Classroom
{
    QByteArray adminToken;
    int classId = 0;
    QString joinCode;
    struct Account
    {
        int id = 0;
        QString username;
        QString password;
        QByteArray token; // logged in
    };
    QList<Account> students;
};
Classroom makeClassroom(quint16 port, const QString &adminPassword, const QString &className,
                        const QStringList &studentNames);

// Creates a user through POST /api/v1/users (admin only) and logs them in. role is "teacher",
// "student" or "admin". On failure the returned account has id 0 (and a warning is logged).
Classroom::Account createUser(quint16 port, const QByteArray &adminToken, const QString &username,
                              const QString &role);

// Runs one read-only SQL statement on a SQLite database file (the server's own, while it runs:
// WAL readers never block it) and returns the rows as text (NULL -> null QString). nullopt when
// the file cannot be opened or the statement fails. Uses the system libsqlite3, loaded at run time.
std::optional<QList<QStringList>> queryDatabase(const QString &databasePath, const QString &sql);
// The first column of the first row of a query on the database file (its own short-lived
// QSqlDatabase connection), or an invalid QVariant when the query fails.
// queryDatabase() and sqlValue() also take a TestServer's PostgreSQL address (databasePath()
// of a *.pg test, #15); there "PRAGMA integrity_check" runs amcheck on every index instead.
QVariant sqlValue(const QString &databasePath, const QString &sql);
// Runs one writing statement with positional binds on the server's database (SQLite file or
// PostgreSQL address) and returns the rows it changed, -1 on failure.
int execDatabase(const QString &database, const QString &sql, const QVariantList &binds = {});
// "STATUS BODY…" for failure messages.
QString describe(const HttpReply &reply);
// Empty when the reply is the JSON error of API.md with this status and code and a message;
// otherwise what is wrong, for QVERIFY2.
QString checkError(const HttpReply &reply, int status, const QString &code);

// Resident set size (VmRSS of /proc/PID/status) in KiB; -1 when unavailable.
qint64 residentSetKiB(qint64 pid);

// A command-line run of a program (blockhaus --restore, --self-check, --version, ...) to its end.
struct FinishedRun
{
    int exitCode = -1; // -1: crashed or did not end in time (then killed)
    QByteArray output; // standard output, then standard error
    QByteArray errors; // standard error alone
};
FinishedRun
runToEnd(const QString &program, const QStringList &arguments,
         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
         int timeoutMs = 60'000);

} // namespace Blockhaus::Test
