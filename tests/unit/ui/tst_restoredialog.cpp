// SPDX-License-Identifier: AGPL-3.0-or-later
// "Restore from a backup…" in the Settings tab (issue #13, step 5), clicked as a teacher would,
// against a real server in this process: the button opens the file dialog, then a confirmation
// that says in words what will happen (the classes and projects are replaced, a copy of the
// current database is kept, students are disconnected); Cancel changes nothing; Restore swaps the
// database while the window runs and says what was restored and where the old one is kept; a
// damaged file is refused with the sentence that says why, and nothing changes.
// QStandardPaths' test mode keeps the user's real settings untouched.
#include <functional>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/dashboardwindow.h"
#include "ui/settings/settingspanel.h"
#include "ui/students/studentspanel.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

const QString adminPassword = u"restore-dialog-admin-3"_s;
constexpr int waitBoundMs = 60'000;

QPushButton *buttonNamed(const QWidget &parent, const QString &accessibleName)
{
    for (QPushButton *button : parent.findChildren<QPushButton *>())
        if (button->accessibleName() == accessibleName)
            return button;
    return nullptr;
}

// Answers the dialogs the restore button opens, as a teacher would: picks `file` in the file
// dialog, reads the confirmation into `text` and clicks the button named `answer` there. A
// dialog that is not answered within the bound is rejected, so the test fails instead of hanging.
class Teacher : public QObject
{
public:
    Teacher(QString file, QString answer)
        : m_file(std::move(file))
        , m_answer(std::move(answer))
    {
        connect(&m_poll, &QTimer::timeout, this, &Teacher::look);
        m_poll.start(50);
        m_bound.start();
    }
    bool pickedFile = false;
    bool answered = false;
    QString startFolder; // where the file dialog opened
    QString text;

private:
    void look()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        if (m_bound.elapsed() > waitBoundMs) {
            if (auto *dialog = qobject_cast<QDialog *>(modal))
                dialog->reject();
            return;
        }
        // Acted on from a fresh event, not inside this timer's slot: a dialog opened by the
        // action runs a nested loop, and Qt does not fire a timer again while its slot runs.
        if (auto *files = qobject_cast<QFileDialog *>(modal); files && !pickedFile) {
            pickedFile = true;
            startFolder = files->directory().absolutePath();
            QPointer<QFileDialog> dialog(files);
            const QFileInfo file(m_file);
            QTimer::singleShot(0, this, [dialog, file] {
                if (!dialog)
                    return;
                // Typed into the file name field, as a teacher may.
                auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
                if (name)
                    name->setText(file.absoluteFilePath());
                static_cast<QDialog *>(dialog.data())->accept(); // public in QDialog, virtual
            });
            return;
        }
        if (auto *box = qobject_cast<QMessageBox *>(modal); box && !answered) {
            QPushButton *button = buttonNamed(*box, m_answer);
            if (!button)
                return;
            answered = true;
            text = box->text() + u'\n' + box->informativeText();
            QPointer<QPushButton> target(button);
            QTimer::singleShot(0, this, [target] {
                if (target)
                    QTest::mouseClick(target, Qt::LeftButton);
            });
        }
    }

    QString m_file;
    QString m_answer;
    QTimer m_poll;
    QElapsedTimer m_bound;
};

QStringList classNames(quint16 port)
{
    Client admin(port);
    if (admin.login(u"admin"_s, adminPassword).status != 201)
        return {u"(admin cannot sign in)"_s};
    QStringList names;
    const QJsonArray classes = admin.get("/api/v1/classes"_ba).object()[u"classes"_s].toArray();
    for (const QJsonValue &value : classes)
        names << value.toObject()[u"name"_s].toString();
    names.sort();
    return names;
}

} // namespace

class TestRestoreDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cancelChangesNothing();
    void damagedFileIsRefusedInWords();
    void restoreSaysWhatWasRestored();
    void windowShowsTheRestoredClasses();

private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_files;
    std::unique_ptr<App::ServerController> m_server;
    std::unique_ptr<App::AppSettings> m_settings;
    QString m_backup;
};

void TestRestoreDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_settings = std::make_unique<App::AppSettings>();
    QVERIFY(m_dataDir.isValid());
    QVERIFY(m_files.isValid());
    App::Options options = inProcessServerOptions(m_dataDir.path(), adminPassword);
    options.headless = false;
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));

    // The backup holds class "Backed up"; class "Later" is made after it.
    makeClassroom(m_server->port(), adminPassword, u"Backed up"_s, {u"Ada"_s});
    m_backup = m_files.filePath(u"before.sqlite3"_s);
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    QFuture<void> backedUp = panel.startBackup(m_backup);
    QTRY_VERIFY_WITH_TIMEOUT(backedUp.isFinished(), waitBoundMs);
    QVERIFY(QFile::exists(m_backup));
    makeClassroom(m_server->port(), adminPassword, u"Later"_s, {});
    QCOMPARE(classNames(m_server->port()), QStringList({u"Backed up"_s, u"Later"_s}));
}

void TestRestoreDialog::cleanupTestCase()
{
    m_server.reset();
    if (m_settings)
        QFile::remove(m_settings->fileName());
}

void TestRestoreDialog::cancelChangesNothing()
{
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    panel.show();
    QSignalSpy restored(&panel, &Ui::SettingsPanel::databaseRestored);
    QPushButton *restore = buttonNamed(panel, u"Restore from a backup"_s);
    QVERIFY(restore);
    QVERIFY(restore->isEnabled());
    const QString before = panel.message();

    Teacher teacher(m_backup, u"Cancel"_s);
    QTest::mouseClick(restore, Qt::LeftButton); // returns once both dialogs are answered
    QVERIFY(teacher.pickedFile);
    QVERIFY(teacher.answered);
    QCOMPARE(teacher.startFolder, QDir(panel.restoreStartFolder()).absolutePath());
    // The confirmation says what would happen, in words.
    QVERIFY2(teacher.text.contains(u"Replace the current classes and projects with those in "
                                   "before.sqlite3?"_s),
             qPrintable(teacher.text));
    QVERIFY2(teacher.text.contains(u"A copy of the current database is kept first as "_s
                                   + QDir::toNativeSeparators(m_server->backupFolder())),
             qPrintable(teacher.text));
    QVERIFY2(teacher.text.contains(u"Students are disconnected for a moment"_s),
             qPrintable(teacher.text));

    QVERIFY(!panel.restoreRunning());
    QCOMPARE(panel.message(), before);
    QTest::qWait(200); // a restore that had started would be running now
    QCOMPARE(restored.count(), 0);
    QCOMPARE(classNames(m_server->port()), QStringList({u"Backed up"_s, u"Later"_s}));
}

void TestRestoreDialog::damagedFileIsRefusedInWords()
{
    const QString damaged = m_files.filePath(u"damaged.sqlite3"_s);
    {
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
    }
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    panel.show();
    QSignalSpy restored(&panel, &Ui::SettingsPanel::databaseRestored);
    QPushButton *restore = buttonNamed(panel, u"Restore from a backup"_s);
    QVERIFY(restore);

    Teacher teacher(damaged, u"Restore"_s);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(teacher.answered);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.restoreRunning(), waitBoundMs);
    const QString message = panel.message();
    QVERIFY2(message.startsWith(u"Problem: "_s + QDir::toNativeSeparators(damaged)
                                + u" is not a Blockhaus backup"_s),
             qPrintable(message));
    QCOMPARE(restored.count(), 0);
    QVERIFY(restore->isEnabled());
    QCOMPARE(classNames(m_server->port()), QStringList({u"Backed up"_s, u"Later"_s}));
}

void TestRestoreDialog::restoreSaysWhatWasRestored()
{
    Ui::SettingsPanel panel(m_server->maintenanceService(), m_settings.get());
    panel.show();
    QSignalSpy restored(&panel, &Ui::SettingsPanel::databaseRestored);
    QPushButton *restore = buttonNamed(panel, u"Restore from a backup"_s);
    QPushButton *backUp = buttonNamed(panel, u"Back up now"_s);
    QVERIFY(restore && backUp);

    Teacher teacher(m_backup, u"Restore"_s);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(teacher.pickedFile);
    QVERIFY(teacher.answered);
    // The window did not wait for the swap: the restore runs, nothing else may start meanwhile.
    QVERIFY(panel.restoreRunning());
    QVERIFY(!restore->isEnabled());
    QVERIFY(!backUp->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.restoreRunning(), waitBoundMs);

    const QString message = panel.message();
    QVERIFY2(message.startsWith(u"Restored "_s + QDir::toNativeSeparators(m_backup) + u" ("_s),
             qPrintable(message));
    QVERIFY2(message.contains(u"schema version "_s), qPrintable(message));
    QVERIFY2(message.contains(u"; the database it replaced is kept as "_s
                              + QDir::toNativeSeparators(m_server->backupFolder())),
             qPrintable(message));
    QVERIFY2(message.contains(u"Students sign in again."_s), qPrintable(message));
    QCOMPARE(restored.count(), 1);
    QVERIFY(restore->isEnabled());
    QCOMPARE(classNames(m_server->port()), QStringList({u"Backed up"_s}));
}

void TestRestoreDialog::windowShowsTheRestoredClasses()
{
    // The whole window over the same services: after a restore its Students tab lists the
    // backup's classes, without a snapshot telling it (none is connected here).
    Ui::DashboardWindow window(m_server->joinUrls(), m_server->port());
    window.setCloseDecider([](bool) { return Ui::DashboardWindow::CloseChoice::Stop; });
    window.setClassroomService(m_server->classroomService());
    window.setMaintenanceService(m_server->maintenanceService(), m_settings.get());
    window.show();
    Client admin(m_server->port());
    QCOMPARE(admin.login(u"admin"_s, adminPassword).status, 201);
    const HttpReply created = admin.postJson("/api/v1/classes"_ba, {{u"name"_s, u"Newest"_s}});
    QVERIFY2(statusIs(created, 201), qPrintable(describe(created)));
    auto selected = window.studentsPanel()->reloadClasses(created.object()[u"id"_s].toInteger());
    QTRY_VERIFY_WITH_TIMEOUT(selected.isFinished(), waitBoundMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.studentsPanel()->currentClassName(), u"Newest"_s, waitBoundMs);

    auto done = window.settingsPanel()->startRestore(m_backup);
    QTRY_VERIFY_WITH_TIMEOUT(done.isFinished(), waitBoundMs);
    QVERIFY2(window.settingsPanel()->message().startsWith(u"Restored "_s),
             qPrintable(window.settingsPanel()->message()));
    QTRY_COMPARE_WITH_TIMEOUT(window.studentsPanel()->currentClassName(), u"Backed up"_s,
                              waitBoundMs);
    window.close();
}

QTEST_MAIN(TestRestoreDialog)
#include "tst_restoredialog.moc"
