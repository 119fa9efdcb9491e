// SPDX-License-Identifier: AGPL-3.0-or-later
// SettingsPanel: the "Settings" tab. Port, data folder and interface language (saved in
// AppSettings, used at the next start), open the data folder, start with the log-in, and "Back up
// now": a consistent copy of the database through MaintenanceService, with a progress bar. The
// panel never waits: the backup is a future that drives the bar and ends in a sentence.
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
    bool setAutostart(bool enabled);
    void setPort(quint16 port);
    void setDataDirectory(const QString &directory);
    void setLanguage(const QString &language); // "", "de" or "en"

    // The file name the backup dialog suggests: Documents/Blockhaus backup YYYY-MM-DD HH-MM.sqlite3
    static QString suggestedBackupPath();
    bool backupRunning() const { return m_backupRunning; }
    QString message() const; // the last sentence about a backup or a setting

private:
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
    QLabel *m_message = nullptr;
    QFutureWatcher<Outcome<QString>> m_watcher;
    bool m_backupRunning = false;
};

} // namespace Blockhaus::Ui
