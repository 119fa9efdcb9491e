// SPDX-License-Identifier: AGPL-3.0-or-later
// CloudHub speaks the Scratch cloud data protocol (issue #16 part 5) over WebSocketSessions in
// the server thread: newline-separated JSON messages ("handshake", "set", "create", "rename",
// "delete"); on handshake a connection joins its project and receives every current value, and
// each accepted change goes to the project's other connections at once. The rules (who may join,
// names, values, how many variables, how fast) are Service::CloudVariables'; the hub keeps each
// project's values in memory while it is used and writes the accepted changes in batches (one
// transaction per flush, last value wins), and once more on shutdown.
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "server/core/cloudvariable.h"
#include "server/core/result.h"
#include "server/core/types.h"
#include "server/http/websocketsession.h"

class QTcpSocket;

namespace Blockhaus::Service {
class Runner;
class Work;
} // namespace Blockhaus::Service

namespace Blockhaus::Http {

// Close codes of the cloud protocol (4000-4999 are the application's, RFC 6455 section 7.4.2).
namespace CloudCloseCode {
constexpr quint16 badMessage = 4000; // not JSON, unknown method, no handshake first
constexpr quint16 signedOut = 4001; // the session ended (logout, password reset, expiry)
constexpr quint16 projectUnavailable = 4003; // not found, or no class shared with its owner
} // namespace CloudCloseCode

class CloudHub : public QObject
{
    Q_OBJECT

public:
    // The caller of a session token, or Unauthorized once the session ended (runs on a worker).
    using Authenticate = std::function<Result<Core::Caller>(Service::Work &, const QString &)>;

    // flushIntervalMs: how often accepted changes are written (one transaction each time);
    // sessionCheckMs: how often every connection's session is checked again (one job for all).
    CloudHub(Service::Runner &runner, Authenticate authenticate,
             const WebSocketSession::Limits &limits, int flushIntervalMs = 500,
             int sessionCheckMs = 30'000, QObject *parent = nullptr);
    ~CloudHub() override;

    // A socket after a successful upgrade, authenticated as caller by token (the signed-in
    // session, not what the client later claims).
    void accept(QTcpSocket *socket, QByteArray alreadyRead, const Core::Caller &caller,
                const QString &token);
    // Closes every connection (1001) and writes what is not yet written, waiting for it.
    void shutdown();
    int connectionCount() const { return static_cast<int>(m_clients.size()); }

private:
    enum class Phase { AwaitHandshake, Joining, Joined };
    struct Client
    {
        Core::Caller caller;
        QString token; // its session, checked again every sessionCheckMs
        Phase phase = Phase::AwaitHandshake;
        qint64 projectId = 0;
        QList<QJsonObject> queued; // changes sent while the join is checked
        double tokens = 0; // the rate limit's bucket
        qint64 refilledAtMs = 0;
    };
    struct Project
    {
        QMap<QString, QString> values;
        QSet<WebSocketSession *> members;
    };

    void onText(WebSocketSession *session, const QByteArray &text);
    void onClosed(WebSocketSession *session);
    void handshake(WebSocketSession *session, Client &client, const QJsonObject &message);
    void joined(WebSocketSession *session, qint64 projectId,
                const Result<QList<Core::CloudValue>> &result);
    void change(WebSocketSession *session, Client &client, const QJsonObject &message);
    bool takeToken(Client &client);
    void broadcast(qint64 projectId, WebSocketSession *except, const QByteArray &line);
    void queueChange(const Core::CloudChange &change);
    void flush();
    void flushed(quint64 serial, const Result<Ok> &result);
    void forgetIdleProject(qint64 projectId);
    void checkSessions();
    bool hasUnwritten(qint64 projectId) const;

    Service::Runner &m_runner;
    Authenticate m_authenticate;
    WebSocketSession::Limits m_limits;
    QHash<WebSocketSession *, Client> m_clients;
    QHash<qint64, Project> m_projects;
    QList<Core::CloudChange> m_pending; // accepted, not yet handed to a worker, in order
    QList<Core::CloudChange> m_inFlight; // being written by one worker
    QFuture<Result<Ok>> m_inFlightWrite;
    quint64 m_flushSerial = 0; // of the write in flight; its continuation checks it
    QTimer m_flushTimer;
    QTimer m_sessionTimer;
    bool m_checkingSessions = false;
    QElapsedTimer m_clock;
    bool m_shutDown = false;
};

} // namespace Blockhaus::Http
