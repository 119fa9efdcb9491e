// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/loadcheck/loadrun.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <vector>

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace Blockhaus::LoadCheck {

using namespace Qt::StringLiterals;

namespace {

struct Request
{
    QByteArray method = "GET";
    QByteArray path;
    QByteArray token;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType = "application/json";
};

struct Reply
{
    int status = 0; // 0: transport error or timeout
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;
    qint64 latencyNs = 0;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

using ReplyHandler = std::function<void(const Reply &)>;

// One keep-alive HTTP/1.1 connection. One request at a time; reconnects when the server closed
// the connection. Responses are parsed incrementally (Content-Length or chunked).
class Connection : public QObject
{
public:
    Connection(quint16 port, int timeoutMs, QObject *parent)
        : QObject(parent)
        , m_port(port)
        , m_timeoutMs(timeoutMs)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { fail(); });
        connect(&m_socket, &QTcpSocket::connected, this, [this] {
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            flush();
        });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });
        connect(&m_socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) {
                    if (error != QAbstractSocket::RemoteHostClosedError)
                        onDisconnected();
                });
    }

    // The socket is a member: destroying it aborts a live connection, which emits disconnected()
    // and errorOccurred() into this object after its other members are gone. Cut those signals
    // first, so a run torn down with connections still open never runs a handler on freed state.
    ~Connection() override
    {
        QObject::disconnect(&m_socket, nullptr, this, nullptr);
        m_timer.stop();
        m_handler = nullptr;
    }

    bool busy() const { return static_cast<bool>(m_handler); }

    void send(const Request &request, ReplyHandler handler)
    {
        m_handler = std::move(handler);
        m_pending.clear();
        m_pending.reserve(request.body.size() + 512);
        m_pending += request.method + ' ' + request.path
            + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port) + "\r\n";
        if (!request.token.isEmpty())
            m_pending += "Authorization: Bearer " + request.token + "\r\n";
        for (const auto &h : request.headers)
            m_pending += h.first + ": " + h.second + "\r\n";
        if (!request.body.isEmpty() || request.method != "GET") {
            m_pending += "Content-Type: " + request.contentType
                + "\r\nContent-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        }
        m_pending += "\r\n";
        m_pending += request.body;
        resetParser();
        m_clock.start();
        m_timer.start(m_timeoutMs);
        if (m_socket.state() == QAbstractSocket::ConnectedState) {
            flush();
        } else if (m_socket.state() == QAbstractSocket::UnconnectedState) {
            m_socket.connectToHost(u"127.0.0.1"_s, m_port);
        } // else: connecting; flush() runs on connected()
    }

private:
    enum class Stage { Head, Body, ChunkSize, ChunkData, ChunkTrailer, UntilClose };

    void flush()
    {
        if (!m_pending.isEmpty()) {
            m_socket.write(m_pending);
            m_pending.clear();
        }
    }

    void resetParser()
    {
        m_buffer.clear();
        m_reply = Reply();
        m_stage = Stage::Head;
        m_remaining = 0;
        m_closeAfter = false;
    }

    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        if (!m_handler) {
            m_buffer.clear(); // nothing expected; ignore
            return;
        }
        parse();
    }

    void parse()
    {
        for (;;) {
            switch (m_stage) {
            case Stage::Head: {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                if (!parseHead(m_buffer.left(end)))
                    return fail();
                m_buffer.remove(0, end + 4);
                break;
            }
            case Stage::Body:
                if (m_buffer.size() < m_remaining)
                    return;
                m_reply.body += m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining);
                return complete();
            case Stage::ChunkSize: {
                const qsizetype end = m_buffer.indexOf("\r\n");
                if (end < 0)
                    return;
                bool ok = false;
                QByteArray sizeText = m_buffer.left(end);
                const qsizetype semicolon = sizeText.indexOf(';');
                if (semicolon >= 0)
                    sizeText.truncate(semicolon);
                m_remaining = sizeText.trimmed().toLongLong(&ok, 16);
                if (!ok || m_remaining < 0)
                    return fail();
                m_buffer.remove(0, end + 2);
                m_stage = m_remaining == 0 ? Stage::ChunkTrailer : Stage::ChunkData;
                break;
            }
            case Stage::ChunkData:
                if (m_buffer.size() < m_remaining + 2)
                    return;
                m_reply.body += m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining + 2);
                m_stage = Stage::ChunkSize;
                break;
            case Stage::ChunkTrailer: {
                const qsizetype end = m_buffer.indexOf("\r\n");
                if (end < 0)
                    return;
                m_buffer.remove(0, end + 2);
                if (end == 0)
                    return complete();
                break;
            }
            case Stage::UntilClose:
                m_reply.body += m_buffer;
                m_buffer.clear();
                return;
            }
        }
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
        if (statusLine.size() < 2 || !statusLine[0].startsWith("HTTP/1."))
            return false;
        bool ok = false;
        m_reply.status = statusLine[1].toInt(&ok);
        if (!ok)
            return false;
        m_closeAfter = statusLine[0] == "HTTP/1.0";
        qint64 contentLength = -1;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            m_reply.headers.append({name, value});
            if (name == "content-length")
                contentLength = value.toLongLong();
            else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                chunked = true;
            else if (name == "connection")
                m_closeAfter = value.toLower().contains("close");
        }
        const bool noBody = m_reply.status == 204 || m_reply.status == 304
            || (m_reply.status >= 100 && m_reply.status < 200);
        if (chunked) {
            m_stage = Stage::ChunkSize;
        } else if (noBody || contentLength == 0) {
            m_stage = Stage::Body;
            m_remaining = 0;
        } else if (contentLength > 0) {
            m_stage = Stage::Body;
            m_remaining = contentLength;
        } else {
            m_stage = Stage::UntilClose;
            m_closeAfter = true;
        }
        return true;
    }

    void complete()
    {
        m_reply.latencyNs = m_clock.nsecsElapsed();
        ReplyHandler handler = take();
        if (m_closeAfter)
            m_socket.abort();
        dispatch(std::move(handler), m_reply);
    }

    void fail()
    {
        Reply failed;
        failed.latencyNs = m_clock.nsecsElapsed();
        ReplyHandler handler = take();
        m_socket.abort(); // may emit disconnected(); the handler is already taken
        dispatch(std::move(handler), failed);
    }

    void onDisconnected()
    {
        if (!m_handler)
            return;
        if (m_stage == Stage::UntilClose && m_reply.status != 0) {
            m_reply.latencyNs = m_clock.nsecsElapsed();
            dispatch(take(), m_reply);
            return;
        }
        fail();
    }

    ReplyHandler take()
    {
        m_timer.stop();
        m_pending.clear();
        ReplyHandler handler = std::move(m_handler);
        m_handler = nullptr;
        return handler;
    }

    // The handler runs from the event loop, not from inside a socket signal, so it may send the
    // next request on this connection straight away.
    void dispatch(ReplyHandler handler, Reply reply)
    {
        if (!handler)
            return;
        QMetaObject::invokeMethod(
            this, [handler = std::move(handler), reply = std::move(reply)] { handler(reply); },
            Qt::QueuedConnection);
    }

    QTcpSocket m_socket;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint16 m_port;
    int m_timeoutMs;
    QByteArray m_pending;
    QByteArray m_buffer;
    Reply m_reply;
    Stage m_stage = Stage::Head;
    qint64 m_remaining = 0;
    bool m_closeAfter = false;
    ReplyHandler m_handler;
};

// Runs queued requests on a fixed set of connections; calls the job's handler with each reply.
class Queue : public QObject
{
public:
    Queue(quint16 port, int connections, int timeoutMs, QObject *parent)
        : QObject(parent)
    {
        for (int i = 0; i < connections; ++i)
            m_connections.push_back(new Connection(port, timeoutMs, this));
    }

    void add(Request request, ReplyHandler handler)
    {
        m_jobs.push_back({std::move(request), std::move(handler)});
        pump();
    }

    // Called once when no job is queued or running any more.
    void whenIdle(std::function<void()> callback)
    {
        m_idle = std::move(callback);
        checkIdle();
    }

private:
    void pump()
    {
        for (Connection *c : m_connections) {
            if (m_jobs.empty())
                break;
            if (c->busy())
                continue;
            auto job = std::move(m_jobs.front());
            m_jobs.pop_front();
            ++m_running;
            c->send(job.first, [this, handler = std::move(job.second)](const Reply &reply) {
                --m_running;
                handler(reply);
                pump();
                checkIdle();
            });
        }
    }

    void checkIdle()
    {
        if (m_idle && m_jobs.empty() && m_running == 0) {
            auto callback = std::move(m_idle);
            m_idle = nullptr;
            callback();
        }
    }

    std::vector<Connection *> m_connections;
    std::deque<std::pair<Request, ReplyHandler>> m_jobs;
    int m_running = 0;
    std::function<void()> m_idle;
};

struct Client
{
    QString username;
    QString password;
    QByteArray token;
    int projectId = 0;
    int version = 0; // the version this client edits next (If-Match)
    int saves = 0; // sequence number for markers
    // Last acknowledged save (G1: a 200 means committed).
    int ackedVersion = 0;
    QByteArray ackedMarker;
    QByteArray pendingMarker; // marker of the save in flight
    Connection *connection = nullptr;
};

QByteArray ifMatch(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

} // namespace

class LoadRun::Impl : public QObject
{
public:
    explicit Impl(LoadOptions options)
        : m_options(std::move(options))
        , m_setup(m_options.port, m_options.setupConnections, m_options.timeoutMs, this)
    {
        if (!m_options.students.isEmpty())
            m_options.clients = static_cast<int>(m_options.students.size());
        buildProjectTemplate();
    }

    void start(Done done, Progress progress)
    {
        m_done = std::move(done);
        m_progress = std::move(progress);
        if (m_options.serverPid > 0) {
            connect(&m_rssTimer, &QTimer::timeout, this, [this] { sampleRss(); });
            m_rssTimer.start(100);
        }
        if (!m_options.students.isEmpty()) {
            for (const StudentLogin &s : std::as_const(m_options.students)) {
                Client c;
                c.username = s.username;
                c.password = s.password;
                m_clients.push_back(c);
            }
            logInStudents();
            return;
        }
        step(u"log in as admin"_s);
        QJsonObject body{{u"username"_s, m_options.adminUser},
                         {u"password"_s, m_options.adminPassword}};
        m_setup.add(post("/api/v1/session", body, {}), [this](const Reply &r) {
            if (r.status != 201)
                return abort(u"admin login failed"_s, r);
            m_adminToken = r.object().value(u"token"_s).toString().toUtf8();
            createClass();
        });
    }

private:
    // ---- setup ---------------------------------------------------------------------------

    void createClass()
    {
        step(u"create a class"_s);
        const QString name =
            u"bench %1 %2"_s.arg(m_options.scenario)
                .arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s));
        m_setup.add(post("/api/v1/classes", {{u"name"_s, name}}, m_adminToken),
                    [this](const Reply &r) {
                        if (r.status != 201)
                            return abort(u"creating the class failed"_s, r);
                        m_classId = r.object().value(u"id"_s).toInt();
                        addStudents();
                    });
    }

    void addStudents()
    {
        step(u"add %1 students"_s.arg(m_options.clients));
        const QByteArray path = "/api/v1/classes/" + QByteArray::number(m_classId) + "/students";
        constexpr int batchSize = 50;
        for (int first = 0; first < m_options.clients; first += batchSize) {
            QJsonArray names;
            for (int i = first; i < std::min(first + batchSize, m_options.clients); ++i)
                names.append(u"Bench Student %1"_s.arg(i + 1));
            m_setup.add(post(path, {{u"names"_s, names}}, m_adminToken), [this](const Reply &r) {
                if (r.status != 201)
                    return abort(u"adding students failed"_s, r);
                const QJsonArray students = r.object().value(u"students"_s).toArray();
                for (const QJsonValue &s : students) {
                    Client c;
                    c.username = s[u"username"_s].toString();
                    c.password = s[u"password"_s].toString();
                    m_clients.push_back(c);
                }
            });
        }
        m_setup.whenIdle([this] {
            if (m_failed)
                return;
            if (static_cast<int>(m_clients.size()) != m_options.clients)
                return abort(u"the server returned %1 students, expected %2"_s.arg(m_clients.size())
                                 .arg(m_options.clients),
                             {});
            logInStudents();
        });
    }

    void logInStudents()
    {
        step(u"log the students in"_s);
        for (Client &c : m_clients) {
            QJsonObject body{{u"username"_s, c.username}, {u"password"_s, c.password}};
            m_setup.add(post("/api/v1/session", body, {}), [this, &c](const Reply &r) {
                if (r.status != 201)
                    return abort(u"student login failed for %1"_s.arg(c.username), r);
                c.token = r.object().value(u"token"_s).toString().toUtf8();
            });
        }
        m_setup.whenIdle([this] {
            if (!m_failed)
                prepareScenario();
        });
    }

    void prepareScenario()
    {
        const QString &s = m_options.scenario;
        if (s == u"save"_s || s == u"list"_s) {
            step(u"create one project per client"_s);
            for (std::size_t i = 0; i < m_clients.size(); ++i)
                createProject(m_clients[i], u"Bench %1"_s.arg(i + 1));
        } else if (s == u"conflict"_s) {
            // Only the owner may change a project, so every client acts as student 1.
            step(u"create the shared project"_s);
            createProject(m_clients.front(), u"Bench conflict"_s);
        } else if (s == u"assets"_s) {
            m_asset = svgAsset(m_options.size);
            m_assetPath = "/api/v1/assets/"
                + QCryptographicHash::hash(m_asset, QCryptographicHash::Md5).toHex() + ".svg";
        }
        m_setup.whenIdle([this] {
            if (m_failed)
                return;
            if (m_options.scenario == u"conflict"_s) {
                for (Client &c : m_clients) {
                    c.token = m_clients.front().token;
                    c.projectId = m_clients.front().projectId;
                    c.version = m_clients.front().version;
                }
                m_conflictBaseVersion = m_clients.front().version;
            }
            run();
        });
    }

    void createProject(Client &c, const QString &title)
    {
        Request request;
        request.method = "POST";
        request.path = "/api/v1/projects?title=" + QUrl::toPercentEncoding(title);
        request.token = c.token;
        request.body = projectBody("create");
        m_setup.add(request, [this, &c](const Reply &r) {
            if (r.status != 201)
                return abort(u"creating a project failed"_s, r);
            const QJsonObject meta = r.object();
            c.projectId = meta.value(u"id"_s).toInt();
            c.version = meta.value(u"version"_s).toInt();
        });
    }

    // ---- measurement ---------------------------------------------------------------------

    void run()
    {
        step(u"run %1 with %2 clients for %3 ms"_s.arg(m_options.scenario)
                 .arg(m_options.clients)
                 .arg(m_options.durationMs));
        for (Client &c : m_clients)
            c.connection = new Connection(m_options.port, m_options.timeoutMs, this);
        m_peakRssDuringRunKiB = 0;
        m_running = true;
        m_runClock.start();
        QTimer::singleShot(m_options.durationMs, this, [this] {
            m_running = false;
            m_elapsedNs = m_runClock.nsecsElapsed();
            maybeFinishRun();
        });
        for (Client &c : m_clients)
            next(c);
    }

    void next(Client &c)
    {
        if (!m_running) {
            maybeFinishRun();
            return;
        }
        ++m_inFlight;
        const QString &s = m_options.scenario;
        Request request;
        request.token = c.token;
        if (s == u"status"_s) {
            request.path = "/api/v1/status";
        } else if (s == u"list"_s) {
            request.path = "/api/v1/projects";
        } else if (s == u"assets"_s) {
            request.method = "PUT";
            request.path = m_assetPath;
            request.body = m_asset;
            request.contentType = "image/svg+xml";
        } else { // save, conflict
            request.method = "PUT";
            request.path = "/api/v1/projects/" + QByteArray::number(c.projectId);
            request.headers.append({"If-Match", ifMatch(c.version)});
            const QByteArray marker =
                "m" + c.username.toUtf8() + "-" + QByteArray::number(++c.saves);
            request.body = projectBody(marker);
            c.pendingMarker = marker;
        }
        c.connection->send(request, [this, &c](const Reply &r) { onReply(c, r); });
    }

    void onReply(Client &c, const Reply &r)
    {
        --m_inFlight;
        ++m_statusCounts[r.status];
        m_latenciesNs.push_back(r.latencyNs);
        const QString &s = m_options.scenario;
        if (s == u"save"_s || s == u"conflict"_s) {
            if (r.status == 200) {
                const int version = r.object().value(u"version"_s).toInt();
                ++m_acknowledgedSaves;
                if (version != c.version + 1)
                    ++m_unexpectedVersions;
                c.version = version;
                c.ackedVersion = version;
                c.ackedMarker = c.pendingMarker;
                if (s == u"conflict"_s)
                    m_conflictAcks.push_back({version, c.ackedMarker});
            } else if (r.status == 412) {
                const int current = r.object().value(u"current_version"_s).toInt();
                if (current > 0)
                    c.version = current; // reload, as the editor would, and try again
            } else if (r.status == 0 || r.status >= 500) {
                // The outcome is unknown; re-read the version before the next attempt.
                c.version = -1;
            }
        }
        if (c.version == -1)
            return refreshVersion(c);
        next(c);
    }

    void refreshVersion(Client &c)
    {
        ++m_inFlight;
        Request request;
        request.path = "/api/v1/projects/" + QByteArray::number(c.projectId) + "/meta";
        request.token = c.token;
        c.connection->send(request, [this, &c](const Reply &r) {
            --m_inFlight;
            c.version = r.status == 200 ? r.object().value(u"version"_s).toInt() : -1;
            if (c.version == -1 && m_running) {
                // Server unhappy; back off briefly instead of spinning.
                ++m_inFlight;
                QTimer::singleShot(100, this, [this, &c] {
                    --m_inFlight;
                    refreshVersion(c);
                });
                return;
            }
            next(c);
        });
    }

    void maybeFinishRun()
    {
        if (m_running || m_inFlight > 0 || m_verifying)
            return;
        m_verifying = true;
        m_rssTimer.stop();
        verify();
    }

    // ---- verification (save, conflict) ----------------------------------------------------

    void verify()
    {
        const QString &s = m_options.scenario;
        if (s == u"save"_s) {
            step(u"verify the last acknowledged save of every project"_s);
            for (Client &c : m_clients) {
                if (c.ackedVersion == 0)
                    continue;
                checkProject(c.token, c.projectId, c.ackedVersion, c.ackedMarker);
            }
        } else if (s == u"conflict"_s) {
            step(u"verify the shared project"_s);
            // Every acknowledged save made its own new version (two 200s for the same version
            // would be a lost update), and the newest acknowledged content is what the server
            // holds (G1).
            const Client &c = m_clients.front();
            std::sort(m_conflictAcks.begin(), m_conflictAcks.end());
            for (std::size_t i = 1; i < m_conflictAcks.size(); ++i) {
                if (m_conflictAcks[i].first == m_conflictAcks[i - 1].first) {
                    ++m_lostSaves;
                    step(u"lost save: two saves acknowledged as version %1"_s.arg(
                        m_conflictAcks[i].first));
                }
            }
            const int newest = m_conflictAcks.empty() ? 0 : m_conflictAcks.back().first;
            const QByteArray newestMarker =
                m_conflictAcks.empty() ? QByteArray() : m_conflictAcks.back().second;
            if (!newestMarker.isEmpty())
                checkProject(c.token, c.projectId, newest, newestMarker);
        }
        m_setup.whenIdle([this] { logOut(); });
    }

    void logOut()
    {
        if (m_options.logOutAtEnd) {
            step(u"log the students out"_s);
            for (const Client &c : m_clients) {
                if (c.token.isEmpty())
                    continue;
                Request request;
                request.method = "DELETE";
                request.path = "/api/v1/session";
                request.token = c.token;
                m_setup.add(request, [](const Reply &) {});
            }
        }
        m_setup.whenIdle([this] { report(); });
    }

    void checkProject(const QByteArray &token, int projectId, int version, const QByteArray &marker)
    {
        Request request;
        request.path = "/api/v1/projects/" + QByteArray::number(projectId);
        request.token = token;
        m_setup.add(request, [this, version, marker](const Reply &r) {
            ++m_verified;
            const QByteArray etag = r.header("etag");
            if (r.status != 200 || etag != ifMatch(version) || !r.body.contains(marker)) {
                ++m_lostSaves;
                step(u"lost save: expected version %1 with marker %2, got status %3 ETag %4"_s
                         .arg(version)
                         .arg(QString::fromUtf8(marker))
                         .arg(r.status)
                         .arg(QString::fromUtf8(etag)));
            }
        });
    }

    // ---- report -------------------------------------------------------------------------

    static double percentileMs(const std::vector<qint64> &sorted, double p)
    {
        if (sorted.empty())
            return 0;
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
        const std::size_t index = std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1);
        return static_cast<double>(sorted[index]) / 1e6;
    }

    static double round2(double value) { return std::round(value * 100.0) / 100.0; }

    void report()
    {
        std::vector<qint64> sorted = m_latenciesNs;
        std::sort(sorted.begin(), sorted.end());
        const double seconds = static_cast<double>(m_elapsedNs) / 1e9;
        const auto requests = static_cast<qint64>(sorted.size());
        qint64 errors5xx = 0;
        QJsonObject codes;
        for (const auto &[code, count] : m_statusCounts) {
            if (code >= 500)
                errors5xx += count;
            codes.insert(QString::number(code), count);
        }
        QJsonObject result{
            {u"scenario"_s, m_options.scenario},
            {u"clients"_s, m_options.clients},
            {u"duration_s"_s, round2(seconds)},
            {u"requests"_s, requests},
            {u"requests_per_s"_s, round2(seconds > 0 ? requests / seconds : 0)},
            {u"p50_ms"_s, round2(percentileMs(sorted, 50))},
            {u"p95_ms"_s, round2(percentileMs(sorted, 95))},
            {u"p99_ms"_s, round2(percentileMs(sorted, 99))},
            {u"max_ms"_s, round2(sorted.empty() ? 0 : static_cast<double>(sorted.back()) / 1e6)},
            {u"status"_s, codes},
            {u"errors_5xx"_s, errors5xx},
            {u"transport_errors"_s, m_statusCounts.count(0) ? m_statusCounts.at(0) : 0},
        };
        const QString &s = m_options.scenario;
        if (s == u"save"_s || s == u"conflict"_s) {
            result.insert(u"acknowledged_saves"_s, m_acknowledgedSaves);
            result.insert(u"saves_per_s"_s,
                          round2(seconds > 0 ? m_acknowledgedSaves / seconds : 0));
            result.insert(u"lost_saves"_s, m_lostSaves);
            result.insert(u"unexpected_versions"_s, m_unexpectedVersions);
            result.insert(u"project_bytes"_s, m_options.size);
        }
        if (s == u"conflict"_s) {
            result.insert(u"conflicts_412"_s,
                          m_statusCounts.count(412) ? m_statusCounts.at(412) : 0);
        }
        if (s == u"assets"_s)
            result.insert(u"asset_bytes"_s, m_asset.size());
        if (m_options.serverPid > 0) {
            result.insert(u"server_peak_rss_kib"_s, m_peakRssDuringRunKiB);
            result.insert(u"server_hwm_kib"_s, readStatusKiB("VmHWM:"));
        }

        LoadReport report;
        report.completed = true;
        report.scenario = m_options.scenario;
        report.clients = m_options.clients;
        report.durationS = round2(seconds);
        report.requests = requests;
        report.requestsPerS = result[u"requests_per_s"_s].toDouble();
        report.p50Ms = result[u"p50_ms"_s].toDouble();
        report.p95Ms = result[u"p95_ms"_s].toDouble();
        report.p99Ms = result[u"p99_ms"_s].toDouble();
        report.maxMs = result[u"max_ms"_s].toDouble();
        report.statusCounts = m_statusCounts;
        report.errors5xx = errors5xx;
        report.acknowledgedSaves = m_acknowledgedSaves;
        report.savesPerS = result[u"saves_per_s"_s].toDouble();
        report.lostSaves = m_lostSaves;
        report.unexpectedVersions = m_unexpectedVersions;
        report.verifiedProjects = m_verified;
        report.serverPeakRssKiB = m_peakRssDuringRunKiB;
        report.json = result;
        finish(report);
    }

    // ---- helpers ------------------------------------------------------------------------

    void step(const QString &what)
    {
        if (m_progress)
            m_progress(what);
    }

    void finish(const LoadReport &report)
    {
        m_rssTimer.stop();
        if (!m_done)
            return;
        // Called once, from the event loop: the owner may delete the run in it.
        QMetaObject::invokeMethod(
            this, [done = std::move(m_done), report] { done(report); }, Qt::QueuedConnection);
        m_done = nullptr;
    }

    void abort(const QString &what, const Reply &r)
    {
        if (m_failed)
            return;
        m_failed = true;
        LoadReport report;
        report.scenario = m_options.scenario;
        report.clients = m_options.clients;
        report.failure = u"%1 (status %2): %3"_s.arg(what).arg(r.status).arg(
            QString::fromUtf8(r.body.left(500)));
        step(report.failure);
        finish(report);
    }

    static Request post(const QByteArray &path, const QJsonObject &body, const QByteArray &token)
    {
        Request request;
        request.method = "POST";
        request.path = path;
        request.token = token;
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return request;
    }

    // A valid Scratch 3 project.json padded to --size bytes; the marker goes into a variable so
    // verification can recognise which save the server holds.
    void buildProjectTemplate()
    {
        m_projectHead =
            R"({"targets":[{"isStage":true,"name":"Stage","variables":{"marker":["marker",")";
        m_projectMiddle = R"("],"pad":["pad",")";
        m_projectTail =
            R"("]},"lists":{},"broadcasts":{},"blocks":{},"comments":{},)"
            R"("currentCostume":0,"costumes":[],"sounds":[],"volume":100,"layerOrder":0,)"
            R"("tempo":60,"videoTransparency":50,"videoState":"on",)"
            R"("textToSpeechLanguage":null}],"monitors":[],"extensions":[],)"
            R"("meta":{"semver":"3.0.0","vm":"0.2.0","agent":"bench"}})";
    }

    QByteArray projectBody(const QByteArray &marker) const
    {
        const qsizetype fixed =
            m_projectHead.size() + marker.size() + m_projectMiddle.size() + m_projectTail.size();
        const qsizetype pad = std::max<qsizetype>(0, m_options.size - fixed);
        QByteArray body;
        body.reserve(fixed + pad);
        body += m_projectHead;
        body += marker;
        body += m_projectMiddle;
        body += QByteArray(pad, 'x');
        body += m_projectTail;
        return body;
    }

    static QByteArray svgAsset(int size)
    {
        QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"96\" height=\"96\">"
                         "<rect width=\"96\" height=\"96\" fill=\"#6b3fa0\"/><!-- ";
        const QByteArray tail = " --></svg>";
        const qsizetype pad = std::max<qsizetype>(0, size - svg.size() - tail.size());
        svg += QByteArray(pad, 'x');
        svg += tail;
        return svg;
    }

    qint64 readStatusKiB(const QByteArray &field) const
    {
        QFile file(u"/proc/%1/status"_s.arg(m_options.serverPid));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith(field))
                return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
        }
        return -1;
    }

    void sampleRss()
    {
        const qint64 kib = readStatusKiB("VmRSS:");
        if (m_running)
            m_peakRssDuringRunKiB = std::max(m_peakRssDuringRunKiB, kib);
    }

    LoadOptions m_options;
    Done m_done;
    Progress m_progress;
    Queue m_setup;
    QByteArray m_adminToken;
    int m_classId = 0;
    std::deque<Client> m_clients; // deque: references stay valid while it grows
    QByteArray m_asset;
    QByteArray m_assetPath;
    QByteArray m_projectHead;
    QByteArray m_projectMiddle;
    QByteArray m_projectTail;
    int m_conflictBaseVersion = 0;
    std::vector<std::pair<int, QByteArray>> m_conflictAcks;

    bool m_failed = false;
    bool m_running = false;
    bool m_verifying = false;
    int m_inFlight = 0;
    QElapsedTimer m_runClock;
    qint64 m_elapsedNs = 0;
    std::vector<qint64> m_latenciesNs;
    std::map<int, qint64> m_statusCounts;
    qint64 m_acknowledgedSaves = 0;
    qint64 m_unexpectedVersions = 0;
    qint64 m_lostSaves = 0;
    qint64 m_verified = 0;
    QTimer m_rssTimer;
    qint64 m_peakRssDuringRunKiB = 0;
};

LoadRun::LoadRun(LoadOptions options, QObject *parent)
    : QObject(parent)
    , m_impl(std::make_unique<Impl>(std::move(options)))
{
}

LoadRun::~LoadRun() = default;

void LoadRun::start(Done done, Progress progress)
{
    m_impl->start(std::move(done), std::move(progress));
}

QStringList scenarios()
{
    return {u"status"_s, u"list"_s, u"save"_s, u"conflict"_s, u"assets"_s};
}

} // namespace Blockhaus::LoadCheck
