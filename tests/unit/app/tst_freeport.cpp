// SPDX-License-Identifier: AGPL-3.0-or-later
// The port probes behind the "port in use" answer: a port another program listens on is seen as
// taken and never suggested, and the suggestion is one a server can listen on. 127.0.0.1 only.
#include <QTcpServer>
#include <QTest>

#include "app/freeport.h"

using namespace Blockhaus;

class TestFreePort : public QObject
{
    Q_OBJECT

private slots:
    void aListeningPortIsInUse();
    void aClosedPortIsNotInUse();
    void portZeroIsNeverInUse();
    void theTakenPortIsNeverSuggested();
    void takenPortsAfterItAreSkipped();
    void theSuggestionIsBindable();
    void noSuggestionBeyondTheLastPort();
};

namespace {

const QHostAddress loopback(QHostAddress::LocalHost);

// Listens on a port the system picks whose next few ports are free too, so a test can take some
// of them on purpose. Tries a handful of times: other programs may own ports anywhere.
bool listenWithRoomAfter(QTcpServer &server, int room)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!server.listen(loopback, 0))
            return false;
        const quint16 port = server.serverPort();
        bool free = port <= 65535 - room;
        for (int i = 1; free && i <= room; ++i) {
            QTcpServer probe;
            free = probe.listen(loopback, static_cast<quint16>(port + i));
        }
        if (free)
            return true;
        server.close();
    }
    return false;
}

} // namespace

void TestFreePort::aListeningPortIsInUse()
{
    QTcpServer other;
    QVERIFY(other.listen(loopback, 0));
    QVERIFY(App::isPortInUse(loopback, other.serverPort()));
}

void TestFreePort::aClosedPortIsNotInUse()
{
    QTcpServer other;
    QVERIFY(other.listen(loopback, 0));
    const quint16 port = other.serverPort();
    other.close();
    QVERIFY(!App::isPortInUse(loopback, port));
}

void TestFreePort::portZeroIsNeverInUse()
{
    QVERIFY(!App::isPortInUse(loopback, 0));
    QVERIFY(!App::isPortInUse(QHostAddress(QHostAddress::Any), 0));
}

void TestFreePort::theTakenPortIsNeverSuggested()
{
    QTcpServer other;
    QVERIFY(listenWithRoomAfter(other, 1));
    const quint16 taken = other.serverPort();
    const quint16 suggested = App::suggestFreePort(loopback, taken);
    QCOMPARE(suggested, quint16(taken + 1));
}

void TestFreePort::takenPortsAfterItAreSkipped()
{
    QTcpServer other;
    QVERIFY(listenWithRoomAfter(other, 4));
    const quint16 taken = other.serverPort();
    QTcpServer next1;
    QTcpServer next2;
    QVERIFY(next1.listen(loopback, static_cast<quint16>(taken + 1)));
    QVERIFY(next2.listen(loopback, static_cast<quint16>(taken + 2)));
    QCOMPARE(App::suggestFreePort(loopback, taken), quint16(taken + 3));
    // With only two tries, both taken: no suggestion rather than a taken port.
    QCOMPARE(App::suggestFreePort(loopback, taken, 2), quint16(0));
}

void TestFreePort::theSuggestionIsBindable()
{
    QTcpServer other;
    QVERIFY(other.listen(loopback, 0));
    const quint16 suggested = App::suggestFreePort(loopback, other.serverPort());
    QVERIFY(suggested != 0);
    QVERIFY(suggested != other.serverPort());
    QVERIFY(suggested > other.serverPort() && suggested <= other.serverPort() + 20);
    QTcpServer ours;
    QVERIFY2(ours.listen(loopback, suggested), qPrintable(ours.errorString()));
}

void TestFreePort::noSuggestionBeyondTheLastPort()
{
    QCOMPARE(App::suggestFreePort(loopback, 65535), quint16(0));
}

QTEST_GUILESS_MAIN(TestFreePort)
#include "tst_freeport.moc"
