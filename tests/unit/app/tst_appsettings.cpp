// SPDX-License-Identifier: AGPL-3.0-or-later
// The saved settings in both builds (blockhaus_settings, no dashboard needed): what the Settings
// tab saves round-trips, and the saved port and data folder are the defaults of every start,
// headless too, while --port and --data-dir on the command line win over them.
#include <optional>

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/options.h"
#include "app/settings/appsettings.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void savedValuesRoundTrip();
    void savedPortAndFolderAreTheDefaults_data();
    void savedPortAndFolderAreTheDefaults();
    void savedDatabaseIsTheDefault_data();
    void savedDatabaseIsTheDefault();

private:
    QTemporaryDir m_dir;
};

void TestAppSettings::initTestCase()
{
    // parseOptions reads the user's settings for sizes not given: never the real ones here.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestAppSettings::savedValuesRoundTrip()
{
    const QString file = m_dir.filePath(u"roundtrip.ini"_s);
    {
        App::AppSettings settings(file);
        QCOMPARE(settings.port(), quint16(0));
        QCOMPARE(settings.dataDirectory(), QString());
        QCOMPARE(settings.text(u"quota/studentMB"_s), std::nullopt);
        settings.setPort(9123);
        settings.setDataDirectory(m_dir.path());
        settings.setLanguage(u"de"_s);
        QVERIFY(settings.sync());
    }
    {
        QSettings byHand(file, QSettings::IniFormat); // as IT would edit the file
        byHand.setValue(u"quota/studentMB"_s, 50);
    }
    const App::AppSettings settings(file);
    QCOMPARE(settings.port(), quint16(9123));
    QCOMPARE(settings.dataDirectory(), m_dir.path());
    QCOMPARE(settings.language(), u"de"_s);
    QCOMPARE(settings.text(u"quota/studentMB"_s), std::optional<QString>(u"50"_s));
}

void TestAppSettings::savedPortAndFolderAreTheDefaults_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("savedPort"); // 0: none saved
    QTest::addColumn<QString>("savedFolder"); // empty: none saved
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("folder"); // empty: the default folder
    const QStringList headless{u"blockhaus"_s, u"--headless"_s};
    QTest::newRow("nothing saved") << headless << 0 << QString() << 8601 << QString();
    QTest::newRow("saved") << headless << 9123 << u"/srv/saved"_s << 9123 << u"/srv/saved"_s;
    QTest::newRow("command line wins")
        << (headless + QStringList{u"--port"_s, u"9000"_s, u"--data-dir"_s, u"/srv/given"_s})
        << 9123 << u"/srv/saved"_s << 9000 << u"/srv/given"_s;
    QTest::newRow("--port 0 wins")
        << (headless + QStringList{u"--port"_s, u"0"_s}) << 9123 << QString() << 0 << QString();
}

void TestAppSettings::savedPortAndFolderAreTheDefaults()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, savedPort);
    QFETCH(QString, savedFolder);
    QFETCH(int, port);
    QFETCH(QString, folder);
    const QString file = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".ini"_s);
    App::AppSettings saved(file);
    saved.setPort(static_cast<quint16>(savedPort));
    saved.setDataDirectory(savedFolder);

    App::Options options = App::parseOptions(arguments);
    const QString defaultFolder = options.dataDir;
    App::applySavedSettings(options, saved);
    QCOMPARE(options.port, quint16(port));
    QCOMPARE(options.dataDir, folder.isEmpty() ? defaultFolder : folder);
}

// The database address (#15): --database, else the settings file's server/database (set by IT by
// hand, like the quotas), else none (SQLite in the data folder); the password from the
// environment, so that it need not be on the command line.
void TestAppSettings::savedDatabaseIsTheDefault_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("saved"); // empty: none saved
    QTest::addColumn<QString>("database");
    const QStringList headless{u"blockhaus"_s, u"--headless"_s};
    const QString given = u"postgresql://bh@given.example/bh"_s;
    const QString saved = u"postgresql://bh@saved.example:6543/scratch"_s;
    QTest::newRow("nothing: SQLite") << headless << QString() << QString();
    QTest::newRow("saved") << headless << saved << saved;
    QTest::newRow("command line wins")
        << (headless + QStringList{u"--database"_s, given}) << saved << given;
}

void TestAppSettings::savedDatabaseIsTheDefault()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, saved);
    QFETCH(QString, database);
    const QString file =
        m_dir.filePath(u"database-"_s + QString::fromLatin1(QTest::currentDataTag()) + u".ini"_s);
    if (!saved.isEmpty()) {
        QSettings byHand(file, QSettings::IniFormat);
        byHand.setValue(u"server/database"_s, saved);
    }
    qputenv("BLOCKHAUS_DATABASE_PASSWORD", "from-the-environment");
    App::Options options = App::parseOptions(arguments);
    qunsetenv("BLOCKHAUS_DATABASE_PASSWORD");
    App::applySavedSettings(options, App::AppSettings(file));
    QCOMPARE(options.database, database);
    QCOMPARE(options.databasePassword, u"from-the-environment"_s);
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
