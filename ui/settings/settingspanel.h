// SPDX-License-Identifier: AGPL-3.0-or-later
// SettingsPanel: the "Settings" tab. Port, data folder and interface language (saved in
// AppSettings, used at the next start), open the data folder, start with the log-in, and "Back up
// now": a consistent copy of the database through MaintenanceService, with a progress bar; and
// "Restore from a backup…" (#13): a file, a confirmation in words, the swap in the server while
// the window keeps running, and what was restored in words. The panel never waits: backup and
// restore are futures that end in a sentence.
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>

#include "app/settings/appsettings.h"
#include "ui/maintenanceservice.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Blockhaus::Ui {

class SettingsPanel : public QWidget
{
    Q_OBJECT

public:
    // service may be null (no server running): backups and "Open data folder" are then off.
    // settings must outlive the panel.
    SettingsPanel(MaintenanceService *service, App::AppSettings *settings,
                  QWidget *parent = nullptr);

    // The steps behind the controls, callable without dialogs (tests, later automation).
    QFuture<void> startBackup(const QString &path);
    // Puts the backup at path in place of the running database, without asking (the button asks
    // first: askToRestore). Ends with databaseRestored() and the result in message().
    QFuture<void> startRestore(const QString &path);
    // The confirmation: what a restore of path will do, in words; true when the teacher chose
    // "Restore".
    bool confirmRestore(const QString &path);
    bool setAutostart(bool enabled);
    void setPort(quint16 port);
    void setDataDirectory(const QString &directory);
    void setLanguage(const QString &language); // "", "de" or "en"

    // The file name the backup dialog suggests: Documents/Blockhaus backup YYYY-MM-DD HH-MM.sqlite3
    static QString suggestedBackupPath();
    bool backupRunning() const { return m_backupRunning; }
    bool restoreRunning() const { return m_restoreRunning; }
    QString message() const; // the last sentence about a backup or a setting
    // Where the restore's file dialog starts: the folder of this session's last backup, else
    // the folder "Back up now" suggests; the home folder when that one does not exist.
    QString restoreStartFolder() const;

signals:
    // The server now serves the restored database: lists shown elsewhere are out of date.
    void databaseRestored();

private:
    void askToRestore();
    void chooseDataDirectory();
    void openDataDirectory();
    void askForBackupPath();
    void showMessage(const QString &text, bool problem = false);
    void updateDatabaseSize();
    void updateButtons();

    MaintenanceService *m_service = nullptr;
    App::AppSettings *m_settings = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_dataDirectory = nullptr;
    QPushButton *m_changeDataDirectory = nullptr;
    QPushButton *m_openDataDirectory = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_autostart = nullptr;
    QLabel *m_databaseSize = nullptr;
    QPushButton *m_backup = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_restore = nullptr;
    QProgressBar *m_restoreProgress = nullptr;
    QLabel *m_message = nullptr;
    QFutureWatcher<Outcome<QString>> m_watcher;
    bool m_backupRunning = false;
    bool m_restoreRunning = false;
    QString m_lastBackupFolder;
};

} // namespace Blockhaus::Ui
