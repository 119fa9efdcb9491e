// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/cloudhub.h"

#include <algorithm>
#include <cmath>

#include <QJsonDocument>
#include <QPointer>

#include "server/http/httplog.h"
#include "server/service/cloudvariables.h"
#include "server/service/runner.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;
using Service::CloudVariables;

namespace {

// Changes a connection may send while its join is being checked (the editor sends its pending
// creates right after the handshake); more close the connection.
constexpr int maxQueuedWhileJoining = 32;

QByteArray setLine(const QString &name, const QString &value)
{
    return QJsonDocument(
               QJsonObject{{u"method"_s, u"set"_s}, {u"name"_s, name}, {u"value"_s, value}})
               .toJson(QJsonDocument::Compact)
        + '\n';
}

// project_id as the editor sends it: a string of digits (or a number).
qint64 projectIdOf(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        return number >= 1 && number < 9e15 && number == std::floor(number)
            ? static_cast<qint64>(number)
            : 0;
    }
    const QString text = value.toString();
    if (text.isEmpty() || text.size() > 18)
        return 0;
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

} // namespace

CloudHub::CloudHub(Service::Runner &runner, Authenticate authenticate,
                   const WebSocketSession::Limits &limits, int flushIntervalMs, int sessionCheckMs,
                   QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_authenticate(std::move(authenticate))
    , m_limits(limits)
{
    m_clock.start();
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &CloudHub::flush);
    m_flushTimer.start();
    m_sessionTimer.setInterval(sessionCheckMs);
    connect(&m_sessionTimer, &QTimer::timeout, this, &CloudHub::checkSessions);
    m_sessionTimer.start();
}

CloudHub::~CloudHub()
{
    shutdown();
}

void CloudHub::accept(QTcpSocket *socket, QByteArray alreadyRead, const Core::Caller &caller,
                      const QString &token)
{
    auto *session = new WebSocketSession(socket, std::move(alreadyRead), m_limits, this);
    if (m_shutDown) {
        session->close(WebSocketCloseCode::goingAway, u"shutting down"_s);
        connect(session, &WebSocketSession::closed, session, &QObject::deleteLater);
        return;
    }
    Client client;
    client.caller = caller;
    client.token = token;
    client.tokens = CloudVariables::maxUpdatesPerSecond;
    client.refilledAtMs = m_clock.elapsed();
    m_clients.insert(session, client);
    connect(session, &WebSocketSession::textReceived, this,
            [this, session](const QByteArray &text) { onText(session, text); });
    connect(session, &WebSocketSession::closed, this, [this, session] { onClosed(session); });
}

void CloudHub::onText(WebSocketSession *session, const QByteArray &text)
{
    // The editor may send several messages in one, one JSON object per line.
    for (const QByteArray &line : text.split('\n')) {
        auto it = m_clients.find(session);
        if (it == m_clients.end() || !session->isOpen())
            return;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            session->close(CloudCloseCode::badMessage, u"not a JSON object"_s);
            return;
        }
        const QJsonObject message = document.object();
        const QString method = message.value(u"method"_s).toString();
        Client &client = *it;
        if (method == u"handshake"_s) {
            handshake(session, client, message);
        } else if (method == u"set"_s || method == u"create"_s || method == u"rename"_s
                   || method == u"delete"_s) {
            if (client.phase == Phase::AwaitHandshake) {
                session->close(CloudCloseCode::badMessage, u"handshake first"_s);
                return;
            }
            if (client.phase == Phase::Joining) {
                if (client.queued.size() >= maxQueuedWhileJoining) {
                    session->close(CloudCloseCode::badMessage, u"too many messages"_s);
                    return;
                }
                client.queued.append(message);
                continue;
            }
            change(session, client, message);
        } else {
            session->close(CloudCloseCode::badMessage, u"unknown method"_s);
            return;
        }
    }
}

void CloudHub::handshake(WebSocketSession *session, Client &client, const QJsonObject &message)
{
    if (client.phase != Phase::AwaitHandshake) {
        session->close(CloudCloseCode::badMessage, u"one handshake per connection"_s);
        return;
    }
    // "user" is what the client claims; the signed-in session decides who this is.
    const qint64 projectId = projectIdOf(message.value(u"project_id"_s));
    if (!projectId) {
        session->close(CloudCloseCode::badMessage, u"no project_id"_s);
        return;
    }
    client.phase = Phase::Joining;
    client.projectId = projectId;
    const Core::Caller caller = client.caller;
    QPointer<WebSocketSession> guard(session);
    m_runner
        .run<QList<Core::CloudValue>>([caller, projectId](Service::Work &work) {
            return CloudVariables().join(work, caller, projectId);
        })
        .then(this, [this, guard, projectId](const Result<QList<Core::CloudValue>> &result) {
            if (guard)
                joined(guard.data(), projectId, result);
        });
}

void CloudHub::joined(WebSocketSession *session, qint64 projectId,
                      const Result<QList<Core::CloudValue>> &result)
{
    auto it = m_clients.find(session);
    if (m_shutDown || it == m_clients.end() || !session->isOpen())
        return;
    if (!result) {
        const bool refused = result.error().kind == ErrorKind::NotFound
            || result.error().kind == ErrorKind::Forbidden;
        session->close(refused ? CloudCloseCode::projectUnavailable
                               : WebSocketCloseCode::tryAgainLater,
                       refused ? u"project not available"_s : u"try again later"_s);
        return;
    }
    auto project = m_projects.find(projectId);
    if (project == m_projects.end()) {
        // First connection: the stored values, overlaid with accepted changes not yet written
        // (a project whose last connection left moments ago may have some).
        project = m_projects.insert(projectId, Project{});
        for (const Core::CloudValue &value : *result)
            project->values.insert(value.name, value.value);
        for (const QList<Core::CloudChange> *list : {&m_inFlight, &m_pending}) {
            for (const Core::CloudChange &change : *list) {
                if (change.projectId != projectId)
                    continue;
                if (change.kind == Core::CloudChange::Kind::Set) {
                    project->values.insert(change.name, change.value);
                } else if (change.kind == Core::CloudChange::Kind::Delete) {
                    project->values.remove(change.name);
                } else if (project->values.contains(change.name)) {
                    project->values.insert(change.newName, project->values.take(change.name));
                }
            }
        }
    }
    project->members.insert(session);
    Client &client = *it;
    client.phase = Phase::Joined;
    QByteArray all;
    for (auto value = project->values.cbegin(); value != project->values.cend(); ++value)
        all += setLine(value.key(), value.value());
    if (!all.isEmpty())
        session->sendText(all);
    const QList<QJsonObject> queued = std::exchange(client.queued, {});
    for (const QJsonObject &message : queued) {
        auto again = m_clients.find(session);
        if (again == m_clients.end() || !session->isOpen())
            return;
        change(session, *again, message);
    }
}

bool CloudHub::takeToken(Client &client)
{
    const qint64 now = m_clock.elapsed();
    const double rate = CloudVariables::maxUpdatesPerSecond;
    client.tokens = std::min(rate, client.tokens + (now - client.refilledAtMs) * rate / 1000.0);
    client.refilledAtMs = now;
    if (client.tokens < 1.0)
        return false;
    client.tokens -= 1.0;
    return true;
}

void CloudHub::change(WebSocketSession *session, Client &client, const QJsonObject &message)
{
    auto project = m_projects.find(client.projectId);
    if (project == m_projects.end())
        return;
    // A refused change is dropped and the connection stays (documented in docs/architecture.md):
    // an over-eager script must not cut off the rest of the class's variables.
    if (!takeToken(client))
        return;
    const QString method = message.value(u"method"_s).toString();
    const QString name = message.value(u"name"_s).toString();
    if (!CloudVariables::isValidName(name))
        return;
    Core::CloudChange change;
    change.projectId = client.projectId;
    change.name = name;
    if (method == u"set"_s || method == u"create"_s) {
        const auto value = CloudVariables::valueText(message.value(u"value"_s));
        if (!value)
            return;
        if (!project->values.contains(name)
            && project->values.size() >= CloudVariables::maxVariables)
            return;
        change.kind = Core::CloudChange::Kind::Set;
        change.value = *value;
        project->values.insert(name, *value);
        broadcast(client.projectId, session, setLine(name, *value));
    } else if (method == u"delete"_s) {
        if (!project->values.remove(name))
            return;
        change.kind = Core::CloudChange::Kind::Delete;
    } else {
        const QString newName = message.value(u"new_name"_s).toString();
        if (!CloudVariables::isValidName(newName) || !project->values.contains(name)
            || newName == name)
            return;
        change.kind = Core::CloudChange::Kind::Rename;
        change.newName = newName;
        project->values.insert(newName, project->values.take(name));
    }
    queueChange(change);
}

void CloudHub::broadcast(qint64 projectId, WebSocketSession *except, const QByteArray &line)
{
    const auto project = m_projects.constFind(projectId);
    if (project == m_projects.cend())
        return;
    // A copy: a send may drop a slow reader, whose closed() edits the member set.
    const QSet<WebSocketSession *> members = project->members;
    for (WebSocketSession *member : members) {
        if (member != except)
            member->sendText(line);
    }
}

void CloudHub::queueChange(const Core::CloudChange &change)
{
    // Last value wins: a set replaces the unwritten set of the same variable, unless a rename or
    // delete of that project came after it (order matters then).
    if (change.kind == Core::CloudChange::Kind::Set) {
        for (qsizetype i = m_pending.size() - 1; i >= 0; --i) {
            Core::CloudChange &earlier = m_pending[i];
            if (earlier.projectId != change.projectId)
                continue;
            if (earlier.kind != Core::CloudChange::Kind::Set)
                break;
            if (earlier.name == change.name) {
                earlier.value = change.value;
                return;
            }
        }
    }
    m_pending.append(change);
}

void CloudHub::flush()
{
    if (m_pending.isEmpty() || !m_inFlight.isEmpty())
        return; // one write at a time keeps the batches in order
    m_inFlight = std::exchange(m_pending, {});
    const quint64 serial = ++m_flushSerial;
    const QList<Core::CloudChange> batch = m_inFlight;
    m_inFlightWrite = m_runner.run<Ok>(
        [batch](Service::Work &work) { return CloudVariables().apply(work, batch); });
    m_inFlightWrite.then(this,
                         [this, serial](const Result<Ok> &result) { flushed(serial, result); });
}

void CloudHub::flushed(quint64 serial, const Result<Ok> &result)
{
    if (serial != m_flushSerial || m_inFlight.isEmpty())
        return; // already handled (shutdown waited for it)
    QList<Core::CloudChange> written = std::exchange(m_inFlight, {});
    if (!result) {
        // Kept for the next flush, before anything newer (a busy pool must not lose values).
        qCWarning(lcHttp) << "cloud variables not written yet:" << result.error().message;
        m_pending = written + m_pending;
        return;
    }
    QSet<qint64> projects;
    for (const Core::CloudChange &change : written)
        projects.insert(change.projectId);
    for (const qint64 projectId : projects)
        forgetIdleProject(projectId);
}

bool CloudHub::hasUnwritten(qint64 projectId) const
{
    const auto of = [projectId](const Core::CloudChange &change) {
        return change.projectId == projectId;
    };
    return std::any_of(m_pending.cbegin(), m_pending.cend(), of)
        || std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), of);
}

void CloudHub::forgetIdleProject(qint64 projectId)
{
    const auto project = m_projects.constFind(projectId);
    if (project != m_projects.cend() && project->members.isEmpty() && !hasUnwritten(projectId))
        m_projects.erase(project);
}

void CloudHub::checkSessions()
{
    // A connection outlives the request that opened it: a logout or password reset must end it
    // too (the session rule of RELIABILITY.md), within one check interval.
    if (m_checkingSessions || m_clients.isEmpty())
        return;
    QList<QPointer<WebSocketSession>> sessions;
    QStringList tokens;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        sessions << QPointer<WebSocketSession>(it.key());
        tokens << it->token;
    }
    m_checkingSessions = true;
    m_runner
        .run<QList<bool>>([authenticate = m_authenticate, tokens](Service::Work &work) {
            QList<bool> ended;
            for (const QString &token : tokens) {
                const Result<Core::Caller> caller = authenticate(work, token);
                ended << (!caller && caller.error().kind == ErrorKind::Unauthorized);
            }
            return Result<QList<bool>>(ended);
        })
        .then(this, [this, sessions](const Result<QList<bool>> &ended) {
            m_checkingSessions = false;
            if (!ended || m_shutDown)
                return; // a busy pool: the next check decides
            for (qsizetype i = 0; i < sessions.size() && i < ended->size(); ++i) {
                if (ended->at(i) && sessions.at(i) && m_clients.contains(sessions.at(i).data()))
                    sessions.at(i)->close(CloudCloseCode::signedOut, u"signed out"_s);
            }
        });
}

void CloudHub::onClosed(WebSocketSession *session)
{
    const auto it = m_clients.constFind(session);
    if (it != m_clients.cend()) {
        const qint64 projectId = it->projectId;
        m_clients.erase(it);
        auto project = m_projects.find(projectId);
        if (project != m_projects.end()) {
            project->members.remove(session);
            forgetIdleProject(projectId);
        }
    }
    session->deleteLater();
}

void CloudHub::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_flushTimer.stop();
    m_sessionTimer.stop();
    const QList<WebSocketSession *> sessions = m_clients.keys();
    for (WebSocketSession *session : sessions)
        session->close(WebSocketCloseCode::goingAway, u"server shutting down"_s);
    // Everything accepted is written before the server stops: the write in flight first (so the
    // batches stay in order), then the rest, waiting however long the pool takes.
    if (!m_inFlight.isEmpty()) {
        m_inFlightWrite.waitForFinished();
        flushed(m_flushSerial,
                m_inFlightWrite.isCanceled()
                    ? Result<Ok>(makeError(ErrorKind::Unavailable, u"cancelled"_s))
                    : m_inFlightWrite.result());
    }
    if (!m_pending.isEmpty()) {
        const QList<Core::CloudChange> batch = std::exchange(m_pending, {});
        const Result<Ok> written = m_runner.runSync<Ok>(
            [&batch](Service::Work &work) { return CloudVariables().apply(work, batch); });
        if (!written)
            qCWarning(lcHttp) << "cloud variables lost at shutdown:" << written.error().message;
    }
}

} // namespace Blockhaus::Http
