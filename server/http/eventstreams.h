// SPDX-License-Identifier: AGPL-3.0-or-later
// EventStreams: the open server-sent event streams of the students' and teachers' pages
// (GET /api/v1/events, #16), one per page. Lives in the server thread; a stream is a socket taken
// over from its HTTP connection (Reply::takeover) after the head. Caps streams per account and in
// total, writes the live controls' events to the pages they concern, sends a comment heartbeat,
// drops clients that do not read, and closes everything on shutdown.
#pragma once

#include <functional>
#include <memory>

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QTimer>

#include "server/core/livecontrol.h"
#include "server/core/result.h"
#include "server/http/services.h"
#include "server/live/classevents.h"

class QTcpSocket;

namespace Blockhaus::Http {

class EventStreams : public QObject
{
    Q_OBJECT

public:
    EventStreams(Live::ClassEvents &events, const HttpConfig &config, QObject *parent = nullptr);
    ~EventStreams() override;

    // A place for one more stream, held from the request until its socket is taken over (or the
    // reply is dropped: the place is freed with the last copy). Events published meanwhile wait
    // in it, so none falls between the state read and the stream's start.
    struct Ticket;
    // Thread-safe. Null when userId already has maxEventStreamsPerUser streams or the server has
    // maxEventStreams.
    std::shared_ptr<Ticket> reserve(qint64 userId);
    // Server thread: socket (whose reply head was written) becomes userId's stream, starting
    // with the reconnect delay and the state of classes.
    void open(const std::shared_ptr<Ticket> &ticket, QTcpSocket *socket,
              const QList<Core::LiveMembership> &classes);
    // Closes every stream (shutdown); pages reconnect to whoever serves next.
    void closeAll();
    int count() const { return static_cast<int>(m_streams.size()); }
    // Several processes on one database (PostgreSQL): a press reaches only the streams of the
    // process that took it, so while streams are open the state of every class is read about
    // once a second through poll, and a change another process made is told to this process's
    // pages as a pencils event.
    using StatePoll = std::function<QFuture<Result<QList<Core::ClassLiveState>>>()>;
    void setSharedPoll(StatePoll poll, int intervalMs = 1000);

    // The wire text of one event (exposed for tests of the format).
    static QByteArray format(const QByteArray &event, const QByteArray &data);

private:
    struct Stream
    {
        QTcpSocket *socket = nullptr;
        qint64 userId = 0;
        QHash<qint64, bool> classes; // class id -> the user teaches it
        std::shared_ptr<Ticket> ticket; // the place it holds
        bool progressed = true; // bytes reached the kernel since the last heartbeat
        qint64 received = 0; // bytes the client sent (it should send none)
    };
    struct Shared;

    void deliver(const Live::ClassEvent &event);
    void deliverTo(Stream &stream, const Live::ClassEvent &event);
    void heartbeat();
    // Queues bytes on the stream; false when the client was dropped (too much unsent).
    bool send(Stream &stream, const QByteArray &bytes);
    void drop(QTcpSocket *socket);
    void pollShared();
    void compareShared(const QList<Core::ClassLiveState> &states);

    const HttpConfig &m_config;
    std::shared_ptr<Shared> m_shared;
    QHash<QTcpSocket *, Stream> m_streams;
    QTimer m_heartbeat;
    StatePoll m_poll;
    QTimer m_pollTimer;
    bool m_polling = false;
    bool m_polledOnce = false;
    QHash<qint64, bool> m_knownDown; // class id -> pencils down, as this process last told pages
};

} // namespace Blockhaus::Http
