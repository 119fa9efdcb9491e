// SPDX-License-Identifier: AGPL-3.0-or-later
// The dashboard's "Check this computer…" through StoreMaintenanceService (issue #13): against a
// real server running in this process, the check runs in a thread of its own (the caller's
// thread keeps its event loop), answers in words, refuses a second check while one runs, and
// leaves no class or account behind.

#include <memory>

#include <QFuture>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/pgdatabase.h"
#include "tests/support/testsupport.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

class TestCapacityCheck : public QObject
{
    Q_OBJECT

private slots:
    void checkAnswersInWordsAndCleansUp();
};

void TestCapacityCheck::checkAnswersInWordsAndCleansUp()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    App::Options options = inProcessServerOptions(dataDir.path(), u"correct-horse-battery-7"_s);
    options.headless = true;
    std::unique_ptr<PgTestDatabase> postgres; // the *.pg run (#15)
    options.database = requestedPostgresAddress(postgres);
    QCOMPARE(options.database.isEmpty(), !TestServer::postgresRequested());
    options.databasePassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    App::ServerController server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    Ui::MaintenanceService *service = server.maintenanceService();
    QVERIFY(service);

    QFutureWatcher<Ui::Outcome<Ui::CapacityCheck>> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(service->checkCapacity(3));
    // One at a time: a second click while the first runs is answered at once.
    const auto second = service->checkCapacity(3);
    QVERIFY(second.isFinished());
    QVERIFY(!second.result().ok());
    QVERIFY(finished.wait(120'000) || !finished.isEmpty());
    const Ui::Outcome<Ui::CapacityCheck> outcome = watcher.result();
    QVERIFY2(outcome.ok(), qPrintable(outcome.error));
    const QString text = outcome.value->answer + u'\n' + outcome.value->lines.join(u'\n');
    QVERIFY2(outcome.value->answer.contains(u"students saving at once"_s), qPrintable(text));
    QVERIFY2(text.contains(u"saves/s"_s) && text.contains(u"fsync/s"_s), qPrintable(text));
    QVERIFY2(text.contains(u"removed: yes"_s), qPrintable(text));
    QVERIFY2(outcome.value->passed, qPrintable(text));
    const QString database =
        postgres ? postgres->url() : server.dataDir() + u"/blockhaus.sqlite3"_s;
    QCOMPARE(sqlValue(database, u"SELECT COUNT(*) FROM groups"_s).toInt(), 0);
    QCOMPARE(sqlValue(database, u"SELECT COUNT(*) FROM users WHERE role = 'student'"_s).toInt(), 0);
    QCOMPARE(sqlValue(database, u"SELECT COUNT(*) FROM projects"_s).toInt(), 0);
    server.stop();
}

QTEST_GUILESS_MAIN(TestCapacityCheck)
#include "tst_capacitycheck.moc"
