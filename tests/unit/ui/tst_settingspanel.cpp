// SPDX-License-Identifier: AGPL-3.0-or-later
// The Settings tab against a real server in the same process: "Back up now" writes a consistent
// database file without blocking the window and says so in words; a failing target says what is
// wrong and leaves nothing. Saved settings round-trip, and the log-in autostart entry is written
// and removed. QStandardPaths' test mode redirects every configuration path first, so the
// user's real settings and autostart folder are never touched.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/settings/autostart.h"
#include "ui/settings/settingspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"settings-admin-1"_s;
constexpr int waitBoundMs = 20'000;

QPushButton *buttonNamed(const QWidget &panel, const QString &accessibleName)
{
    for (QPushButton *button : panel.findChildren<QPushButton *>())
        if (button->accessibleName() == accessibleName)
            return button;
    return nullptr;
}

} // namespace

class TestSettingsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void backUpNowWritesAConsistentFile();
    void backupReportsProgressToOneHundred();
    void failingBackupSaysWhyAndLeavesNoFile();
    void settingsRoundTrip();
    void autostartEntryIsWrittenAndRemoved();
    void everyInteractiveChildHasAnAccessibleName();

private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_backupDir;
    std::unique_ptr<App::ServerController> m_server;
    std::unique_ptr<App::AppSettings> m_settings;
};

void TestSettingsPanel::initTestCase()
{
    // Before any QSettings exists: QSettings and QStandardPaths then use ~/.qttest.
    QStandardPaths::setTestModeEnabled(true);
    m_settings = std::make_unique<App::AppSettings>();
    const QString testConfig =
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY2(testConfig.contains(u".qttest"_s), qPrintable(testConfig));
    QVERIFY2(m_settings->fileName().startsWith(testConfig), qPrintable(m_settings->fileName()));
    QFile::remove(m_settings->fileName());

    QVERIFY(m_dataDir.isValid());
    QVERIFY(m_backupDir.isValid());
    App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
    options.headless = false;
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->maintenanceService());
    QCOMPARE(m_server->maintenanceService()->dataDirectory(), m_dataDir.path());
    QVERIFY(m_server->maintenanceService()->databaseBytes() > 0);
}

void TestSettingsPanel::cleanupTestCase()
{
    m_server.reset();
    if (m_settings)
        QFile::remove(m_settings->fileName());
    Ui::Autostart::setEnabled(false, {}, nullptr);
}

void TestSettingsPanel::backUpNowWritesAConsistentFile()
{
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    panel.show();
    QPushButton *backUp = buttonNamed(panel, u"Back up now"_s);
    QVERIFY(backUp);
    QVERIFY(backUp->isEnabled());

    const QString target = m_backupDir.filePath(u"Blockhaus backup.sqlite3"_s);
    QFuture<void> done = panel.startBackup(target);
    // The window did not wait: the backup runs, and a second one cannot start meanwhile.
    QVERIFY(panel.backupRunning());
    QVERIFY(!backUp->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(done.isFinished(), waitBoundMs);

    QVERIFY(!panel.backupRunning());
    QVERIFY(backUp->isEnabled());
    QVERIFY2(panel.message().startsWith(u"Backup saved: "_s), qPrintable(panel.message()));
    QVERIFY2(panel.message().contains(u"Blockhaus backup.sqlite3"_s), qPrintable(panel.message()));
    QVERIFY(QFile::exists(target));
    QCOMPARE(sqlValue(target, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    // The first admin account, made at start, is in it.
    QCOMPARE(sqlValue(target, u"SELECT count(*) FROM users WHERE username = 'admin'"_s).toInt(), 1);
}

void TestSettingsPanel::backupReportsProgressToOneHundred()
{
    Ui::MaintenanceService *service = m_server->maintenanceService();
    const QString target = m_backupDir.filePath(u"progress.sqlite3"_s);
    QFuture<Ui::Outcome<QString>> backup = service->backupTo(target);
    QCOMPARE(backup.progressMinimum(), 0);
    QCOMPARE(backup.progressMaximum(), 100);
    QTRY_VERIFY_WITH_TIMEOUT(backup.isFinished(), waitBoundMs);
    QVERIFY2(backup.result().ok(), qPrintable(backup.result().error));
    QCOMPARE(backup.progressValue(), 100);
    QVERIFY(QFile::exists(target));
}

void TestSettingsPanel::failingBackupSaysWhyAndLeavesNoFile()
{
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    const QString target = m_backupDir.filePath(u"no such folder/backup.sqlite3"_s);
    QFuture<void> done = panel.startBackup(target);
    QTRY_VERIFY_WITH_TIMEOUT(done.isFinished(), waitBoundMs);
    QVERIFY2(panel.message().startsWith(u"Problem: "_s), qPrintable(panel.message()));
    QVERIFY2(panel.message().contains(u"does not exist"_s), qPrintable(panel.message()));
    QVERIFY(!QFile::exists(target));
    QVERIFY(buttonNamed(panel, u"Back up now"_s)->isEnabled());
}

void TestSettingsPanel::settingsRoundTrip()
{
    {
        App::AppSettings settings;
        QCOMPARE(settings.language(), QString());
        QCOMPARE(settings.port(), quint16(0));
        QCOMPARE(settings.dataDirectory(), QString());
        settings.setLanguage(u"de"_s);
        settings.setPort(9123);
        settings.setDataDirectory(m_backupDir.path());
        QVERIFY(settings.sync());
    }
    {
        App::AppSettings settings;
        QCOMPARE(settings.language(), u"de"_s);
        QCOMPARE(settings.port(), quint16(9123));
        QCOMPARE(settings.dataDirectory(), m_backupDir.path());
        // What the panel shows comes from there, and its setters write there.
        Ui::SettingsPanel panel(m_server->maintenanceService(), &settings);
        const auto spinBoxes = panel.findChildren<QAbstractSpinBox *>();
        QCOMPARE(spinBoxes.size(), 1);
        QCOMPARE(spinBoxes.first()->text(), u"9123"_s);
        panel.setPort(8601); // the default: stored as "not chosen"
        panel.setDataDirectory(QString());
        QVERIFY2(panel.message().contains(u"usual data folder"_s), qPrintable(panel.message()));
        panel.setLanguage(u"en"_s);
        QVERIFY2(panel.message().contains(u"next time"_s), qPrintable(panel.message()));
    }
    {
        App::AppSettings settings;
        QCOMPARE(settings.language(), u"en"_s);
        QCOMPARE(settings.port(), quint16(0));
        QCOMPARE(settings.dataDirectory(), QString());
        settings.setLanguage(u"xx"_s); // unknown: follows the system
        QCOMPARE(settings.language(), QString());
        settings.setLanguage(QString());
    }
}

void TestSettingsPanel::autostartEntryIsWrittenAndRemoved()
{
#if defined(Q_OS_LINUX)
    const QString entry = Ui::Autostart::location();
    QVERIFY2(entry.contains(u".qttest"_s), qPrintable(entry)); // never the real one
    QVERIFY(entry.endsWith(u"/autostart/blockhaus.desktop"_s));
    QVERIFY(Ui::Autostart::setEnabled(false, {}, nullptr));

    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    QAbstractButton *checkBox = nullptr;
    const auto buttons = panel.findChildren<QAbstractButton *>();
    for (QAbstractButton *button : buttons)
        if (button->isCheckable())
            checkBox = button;
    QVERIFY(checkBox && checkBox->isCheckable());
    QVERIFY(!checkBox->isChecked());

    QVERIFY(panel.setAutostart(true));
    QVERIFY(checkBox->isChecked());
    QFile file(entry);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    file.close();
    QVERIFY2(text.startsWith(u"[Desktop Entry]\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\nType=Application\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\nExec="_s + QCoreApplication::applicationFilePath() + u'\n'),
             qPrintable(text));

    QVERIFY(panel.setAutostart(false));
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!checkBox->isChecked());

    // The checkbox itself (keyboard space or a click) takes the same path.
    checkBox->click();
    QVERIFY(QFile::exists(entry));
    QVERIFY(Ui::Autostart::isEnabled());
    checkBox->click();
    QVERIFY(!QFile::exists(entry));
#else
    QSKIP("The autostart entry is tested on Linux; Windows and macOS need their own runner.");
#endif
}

void TestSettingsPanel::everyInteractiveChildHasAnAccessibleName()
{
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    panel.show();
    int interactive = 0;
    for (QWidget *child : panel.findChildren<QWidget *>()) {
        const bool isInteractive = qobject_cast<QAbstractButton *>(child)
            || qobject_cast<QAbstractSpinBox *>(child) || qobject_cast<QComboBox *>(child)
            || qobject_cast<QLineEdit *>(child) || qobject_cast<QProgressBar *>(child);
        // The line edit inside a spin box is named through its spin box.
        if (!isInteractive || qobject_cast<QAbstractSpinBox *>(child->parentWidget()))
            continue;
        ++interactive;
        QVERIFY2(!child->accessibleName().isEmpty(), child->metaObject()->className());
        if (!qobject_cast<QProgressBar *>(child))
            QVERIFY2(child->focusPolicy() & Qt::TabFocus, qPrintable(child->accessibleName()));
    }
    QVERIFY(interactive >= 8);
}

QTEST_MAIN(TestSettingsPanel)
#include "tst_settingspanel.moc"
