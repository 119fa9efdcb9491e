// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/eventstreams.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QTcpSocket>

#include "server/http/httplog.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

namespace {

// The page's EventSource waits this long before it reconnects after a drop.
constexpr int retryMs = 2000;
// A stream's client sends nothing; more than this and it is not a page.
constexpr qint64 maxReceivedBytes = 16 * 1024;
// The kernel's share of a stream's unsent bytes: small, so that a client that stops reading is
// found after a few events rather than after megabytes.
constexpr int sendBufferBytes = 8 * 1024;

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// The counts behind the caps and the tickets waiting for their sockets; shared with the tickets,
// which may outlive the EventStreams (a reply still on its way at shutdown).
struct EventStreams::Shared
{
    QMutex mutex;
    QHash<qint64, int> perUser;
    int total = 0;
    QSet<Ticket *> waiting; // reserved, not yet open: they collect events
};

struct EventStreams::Ticket
{
    std::shared_ptr<Shared> shared;
    qint64 userId = 0;
    QList<Live::ClassEvent> pending; // guarded by shared->mutex while waiting

    ~Ticket()
    {
        QMutexLocker lock(&shared->mutex);
        shared->waiting.remove(this);
        --shared->total;
        auto it = shared->perUser.find(userId);
        if (it != shared->perUser.end() && --*it <= 0)
            shared->perUser.erase(it);
    }
};

EventStreams::EventStreams(Live::ClassEvents &events, const HttpConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_shared(std::make_shared<Shared>())
{
    // Published on pool workers after their commit; delivered here, in the server thread.
    connect(&events, &Live::ClassEvents::published, this, &EventStreams::deliver,
            Qt::QueuedConnection);
    m_heartbeat.setInterval(std::max(100, m_config.eventHeartbeatMs));
    connect(&m_heartbeat, &QTimer::timeout, this, &EventStreams::heartbeat);
}

EventStreams::~EventStreams()
{
    closeAll();
}

QByteArray EventStreams::format(const QByteArray &event, const QByteArray &data)
{
    // data is compact JSON: one line, so one data: field.
    return "event: " + event + "\ndata: " + data + "\n\n";
}

std::shared_ptr<EventStreams::Ticket> EventStreams::reserve(qint64 userId)
{
    QMutexLocker lock(&m_shared->mutex);
    if (m_shared->total >= m_config.maxEventStreams
        || m_shared->perUser.value(userId) >= m_config.maxEventStreamsPerUser)
        return nullptr;
    ++m_shared->total;
    ++m_shared->perUser[userId];
    auto ticket = std::shared_ptr<Ticket>(new Ticket{m_shared, userId, {}});
    m_shared->waiting.insert(ticket.get());
    return ticket;
}

void EventStreams::open(const std::shared_ptr<Ticket> &ticket, QTcpSocket *socket,
                        const QList<Core::LiveMembership> &classes)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, sendBufferBytes);
    Stream stream;
    stream.socket = socket;
    stream.userId = ticket->userId;
    stream.ticket = ticket;
    QJsonArray list;
    for (const Core::LiveMembership &membership : classes) {
        stream.classes.insert(membership.classId, membership.teaches);
        list.append(QJsonObject{{u"id"_s, membership.classId},
                                {u"name"_s, membership.name},
                                {u"teaches"_s, membership.teaches},
                                {u"pencils_down"_s, membership.pencilsDown}});
    }
    QList<Live::ClassEvent> pending;
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->waiting.remove(ticket.get());
        pending.swap(ticket->pending);
    }
    m_streams.insert(socket, stream);
    connect(socket, &QTcpSocket::disconnected, this, [this, socket]() { drop(socket); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket]() {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            drop(socket);
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket]() {
        auto it = m_streams.find(socket);
        if (it != m_streams.end())
            it->progressed = true;
    });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket]() {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            return;
        it->received += socket->skip(socket->bytesAvailable());
        if (it->received > maxReceivedBytes)
            drop(socket);
    });
    if (!m_heartbeat.isActive())
        m_heartbeat.start();
    // The state first, then what happened while it was read: every event carries its whole
    // news (pencils down or not), so replaying one the state already holds changes nothing.
    if (!send(m_streams[socket],
              "retry: " + QByteArray::number(retryMs) + "\n\n"
                  + format("state", json(QJsonObject{{u"classes"_s, list}})))) {
        return;
    }
    for (const Live::ClassEvent &event : std::as_const(pending)) {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            return;
        deliverTo(*it, event);
    }
}

void EventStreams::setSharedPoll(StatePoll poll, int intervalMs)
{
    m_poll = std::move(poll);
    m_pollTimer.setInterval(intervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &EventStreams::pollShared, Qt::UniqueConnection);
    m_pollTimer.start();
}

void EventStreams::pollShared()
{
    // Only while pages listen, one read at a time.
    if (!m_poll || m_polling || (m_streams.isEmpty() && m_polledOnce))
        return;
    m_polling = true;
    m_poll().then(this, [this](const Result<QList<Core::ClassLiveState>> &states) {
        m_polling = false;
        if (states)
            compareShared(*states);
    });
}

void EventStreams::compareShared(const QList<Core::ClassLiveState> &states)
{
    for (const Core::ClassLiveState &state : states) {
        const auto known = m_knownDown.constFind(state.classId);
        // A class seen for the first time is news only when it is down and this process had
        // already read the table once (else its pages got it with their state).
        const bool news = known == m_knownDown.constEnd() ? (m_polledOnce && state.pencilsDown)
                                                          : *known != state.pencilsDown;
        m_knownDown.insert(state.classId, state.pencilsDown);
        if (!news)
            continue;
        Live::ClassEvent event;
        event.kind = Live::ClassEvent::Kind::PencilsDown;
        event.classId = state.classId;
        event.down = state.pencilsDown;
        deliver(event);
    }
    m_polledOnce = true;
}

void EventStreams::deliver(const Live::ClassEvent &event)
{
    if (event.kind == Live::ClassEvent::Kind::PencilsDown)
        m_knownDown.insert(event.classId, event.down); // told here: the poll need not repeat it
    {
        QMutexLocker lock(&m_shared->mutex);
        for (Ticket *ticket : std::as_const(m_shared->waiting))
            ticket->pending.append(event);
    }
    const QList<QTcpSocket *> sockets = m_streams.keys();
    for (QTcpSocket *socket : sockets) {
        auto it = m_streams.find(socket);
        if (it != m_streams.end())
            deliverTo(*it, event);
    }
}

void EventStreams::deliverTo(Stream &stream, const Live::ClassEvent &event)
{
    switch (event.kind) {
    case Live::ClassEvent::Kind::PencilsDown:
        if (!stream.classes.contains(event.classId))
            return;
        send(stream,
             format("pencils",
                    json(QJsonObject{{u"class_id"_s, event.classId},
                                     {u"pencils_down"_s, event.down},
                                     {u"teaches"_s, stream.classes.value(event.classId)},
                                     {u"by"_s, event.from}})));
        return;
    case Live::ClassEvent::Kind::ProjectSent:
        if (stream.userId != event.userId)
            return;
        send(stream,
             format("project_sent",
                    json(QJsonObject{
                        {u"class_id"_s, event.classId},
                        {u"project"_s,
                         QJsonObject{{u"id"_s, event.projectId}, {u"title"_s, event.projectTitle}}},
                        {u"from"_s, event.from}})));
        return;
    }
}

bool EventStreams::send(Stream &stream, const QByteArray &bytes)
{
    QTcpSocket *socket = stream.socket;
    // A client that does not read: a bounded buffer, then a close (the page reconnects and gets
    // the state again). Nobody else waits for it.
    if (socket->bytesToWrite() + bytes.size() > m_config.maxEventStreamUnsentBytes) {
        qCDebug(lcHttp) << "dropping an event stream that is not read, user" << stream.userId;
        drop(socket);
        return false;
    }
    socket->write(bytes);
    return true;
}

void EventStreams::heartbeat()
{
    const QList<QTcpSocket *> sockets = m_streams.keys();
    for (QTcpSocket *socket : sockets) {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            continue;
        // Nothing reached the kernel for a whole period although bytes wait: its buffer is full
        // and the client takes nothing.
        if (socket->bytesToWrite() > 0 && !it->progressed) {
            qCDebug(lcHttp) << "dropping a stalled event stream, user" << it->userId;
            drop(socket);
            continue;
        }
        it->progressed = false;
        send(*it, ": keep-alive\n\n");
    }
    if (m_streams.isEmpty())
        m_heartbeat.stop();
}

void EventStreams::drop(QTcpSocket *socket)
{
    auto it = m_streams.find(socket);
    if (it == m_streams.end())
        return;
    m_streams.erase(it); // frees the stream's place (its ticket)
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void EventStreams::closeAll()
{
    m_heartbeat.stop();
    m_pollTimer.stop();
    const QList<QTcpSocket *> sockets = m_streams.keys();
    for (QTcpSocket *socket : sockets) {
        auto it = m_streams.find(socket);
        if (it == m_streams.end())
            continue;
        // A clean end: what was queued leaves, then the connection closes.
        m_streams.erase(it);
        disconnect(socket, nullptr, this, nullptr);
        socket->disconnectFromHost();
        if (socket->state() != QAbstractSocket::UnconnectedState)
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        else
            socket->deleteLater();
    }
}

} // namespace Blockhaus::Http
