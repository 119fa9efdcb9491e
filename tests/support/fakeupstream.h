// SPDX-License-Identifier: AGPL-3.0-or-later
// A stand-in for the Scratch asset CDN on 127.0.0.1: serves GET /<md5ext> from a table, counts
// requests, and can delay, stall or answer with wrong bytes. It lives in the test's thread and
// answers while the test waits in an event loop (all waits in tests/support run one).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace Blockhaus::Test {

class FakeUpstream : public QObject
{
    Q_OBJECT

public:
    explicit FakeUpstream(QObject *parent = nullptr);
    ~FakeUpstream() override;

    bool listen(); // on 127.0.0.1, a free port
    quint16 port() const;
    // The --library-upstream value pointing here: http://127.0.0.1:PORT/{md5ext}
    QString urlTemplate() const;

    // GET /<md5ext> answers 200 with these bytes (they need not match the name: tests of the
    // MD5 check serve wrong ones). Unknown names answer 404.
    void serve(const QString &md5ext, const QByteArray &bytes) { m_assets.insert(md5ext, bytes); }
    void setDelayMs(int delayMs) { m_delayMs = delayMs; } // before every answer
    void setStalled(bool stalled) { m_stalled = stalled; } // read requests, never answer

    int requestCount() const { return m_total; }
    int requestCount(const QString &md5ext) const { return m_counts.value(md5ext); }

    // A port on 127.0.0.1 where nothing listens (connections are refused).
    static quint16 closedPort();

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QPointer<QTcpSocket> socket, const QString &md5ext);

    QTcpServer m_server;
    QHash<QString, QByteArray> m_assets;
    QHash<QString, int> m_counts;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_total = 0;
    int m_delayMs = 0;
    bool m_stalled = false;
};

} // namespace Blockhaus::Test
