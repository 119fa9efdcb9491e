// SPDX-License-Identifier: AGPL-3.0-or-later
// Which machine a request comes from behind a reverse proxy (#15, --trusted-proxy): the
// X-Forwarded-For header counts only from a trusted proxy, read from the right.
#include <QTest>

#include "server/http/clientaddress.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus::Http;

class TestClientAddress : public QObject
{
    Q_OBJECT

private slots:
    void clientIsTakenFromTrustedProxiesOnly_data();
    void clientIsTakenFromTrustedProxiesOnly();
};

void TestClientAddress::clientIsTakenFromTrustedProxiesOnly_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QList<QByteArray>>("forwardedFor");
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no proxy configured: the header never counts")
        << u"127.0.0.1"_s << QList<QByteArray>{"10.0.0.7"} << QString() << u"127.0.0.1"_s;
    QTest::newRow("peer is not a trusted proxy")
        << u"10.0.0.9"_s << QList<QByteArray>{"10.0.0.7"} << u"127.0.0.1"_s << u"10.0.0.9"_s;
    QTest::newRow("trusted proxy forwards a student")
        << u"127.0.0.1"_s << QList<QByteArray>{"10.0.0.7"} << u"127.0.0.1"_s << u"10.0.0.7"_s;
    QTest::newRow("dual-stack peer matches the IPv4 proxy")
        << u"::ffff:127.0.0.1"_s << QList<QByteArray>{"10.0.0.7"} << u"127.0.0.1"_s
        << u"10.0.0.7"_s;
    QTest::newRow("a forged left part is not believed")
        << u"127.0.0.1"_s << QList<QByteArray>{"127.0.0.1, 10.0.0.7"} << u"127.0.0.1"_s
        << u"10.0.0.7"_s;
    QTest::newRow("right-most untrusted hop across two proxies")
        << u"192.168.1.2"_s << QList<QByteArray>{"6.6.6.6, 10.0.0.7, 192.168.1.1"}
        << u"192.168.1.2,192.168.1.1"_s << u"10.0.0.7"_s;
    QTest::newRow("several header lines read as one list")
        << u"127.0.0.1"_s << QList<QByteArray>{"6.6.6.6", "10.0.0.8"} << u"127.0.0.1"_s
        << u"10.0.0.8"_s;
    QTest::newRow("a hop with a port")
        << u"127.0.0.1"_s << QList<QByteArray>{"10.0.0.7:51234"} << u"127.0.0.1"_s << u"10.0.0.7"_s;
    QTest::newRow("an IPv6 hop in brackets")
        << u"127.0.0.1"_s << QList<QByteArray>{"[2001:db8::5]:443"} << u"127.0.0.1"_s
        << u"2001:db8::5"_s;
    QTest::newRow("garbage stops at the proxy")
        << u"127.0.0.1"_s << QList<QByteArray>{"not-an-address"} << u"127.0.0.1"_s
        << u"127.0.0.1"_s;
    QTest::newRow("no header from the proxy: the proxy")
        << u"127.0.0.1"_s << QList<QByteArray>{} << u"127.0.0.1"_s << u"127.0.0.1"_s;
    QTest::newRow("only trusted hops: the left-most of them")
        << u"127.0.0.1"_s << QList<QByteArray>{"192.168.1.1"} << u"127.0.0.1,192.168.1.1"_s
        << u"192.168.1.1"_s;
}

void TestClientAddress::clientIsTakenFromTrustedProxiesOnly()
{
    QFETCH(QString, peer);
    QFETCH(QList<QByteArray>, forwardedFor);
    QFETCH(QString, trusted);
    QFETCH(QString, expected);
    QList<QHostAddress> proxies;
    for (const QString &address : trusted.split(u',', Qt::SkipEmptyParts))
        proxies.append(QHostAddress(address));
    const QHostAddress client = clientAddress(QHostAddress(peer), forwardedFor, proxies);
    QVERIFY2(client.isEqual(QHostAddress(expected), QHostAddress::TolerantConversion),
             qPrintable(client.toString()));
}

QTEST_GUILESS_MAIN(TestClientAddress)
#include "tst_clientaddress.moc"
