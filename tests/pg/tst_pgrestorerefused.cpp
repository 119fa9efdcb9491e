// SPDX-License-Identifier: AGPL-3.0-or-later
// The dashboard's "Restore from a backup…" on PostgreSQL (#13, #15): a restore swaps the data
// folder's SQLite file, so with --database the running server's maintenance service refuses at
// once with a sentence and keeps serving its PostgreSQL database; no file appears in the data
// folder.

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/pgdatabase.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestPgRestoreRefused : public QObject
{
    Q_OBJECT

private slots:
    void restoreIsRefusedOnPostgres();
};

void TestPgRestoreRefused::restoreIsRefusedOnPostgres()
{
    Test::PgTestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.errorText()));
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    App::Options options =
        Test::inProcessServerOptions(dataDir.path(), u"correct-horse-battery-7"_s);
    options.headless = true;
    options.database = database.url();
    options.databasePassword = qEnvironmentVariable("BLOCKHAUS_DATABASE_PASSWORD");
    App::ServerController server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    // A real Blockhaus backup (the database of a SQLite server that ran and stopped), so that
    // only the driver can be the reason for the refusal.
    QTemporaryDir sqliteDir;
    QVERIFY(sqliteDir.isValid());
    {
        App::Options sqliteOptions =
            Test::inProcessServerOptions(sqliteDir.path(), u"correct-horse-battery-7"_s);
        sqliteOptions.headless = true;
        App::ServerController sqliteServer(sqliteOptions);
        QVERIFY2(sqliteServer.start(&error), qPrintable(error));
        sqliteServer.stop();
    }
    const QString backup = sqliteDir.filePath(u"blockhaus.sqlite3"_s);
    QVERIFY(QFileInfo::exists(backup));
    auto restored = server.maintenanceService()->restore(backup);
    restored.waitForFinished();
    QVERIFY(restored.isFinished());
    const auto outcome = restored.result();
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error, u"This server cannot restore a backup."_s);
    QVERIFY2(!QFileInfo::exists(dataDir.filePath(u"blockhaus.sqlite3"_s)),
             qPrintable(QDir(dataDir.path()).entryList().join(u", "_s)));
    QVERIFY(server.port() != 0);
    server.stop();
}

QTEST_GUILESS_MAIN(TestPgRestoreRefused)
#include "tst_pgrestorerefused.moc"
