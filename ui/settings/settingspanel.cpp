// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/settings/settingspanel.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/settings/autostart.h"
#include "ui/settings/librarybox.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

// Below 1024 a port needs administrator rights on Linux and macOS.
constexpr int lowestPort = 1024;
constexpr int highestPort = 65535;

// A form label whose mnemonic (&) focuses the given control even when the row is a layout.
QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

QLabel *hintLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    // Smaller, but in the normal text colour: a "disabled" grey fails contrast on projectors and
    // some screen readers skip disabled labels.
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

} // namespace

SettingsPanel::SettingsPanel(MaintenanceService *service, App::AppSettings *settings,
                             QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_settings(settings)
{
    auto *layout = new QVBoxLayout(this);

    auto *startGroup = new QGroupBox(tr("When Blockhaus starts"));
    auto *form = new QFormLayout(startGroup);

    m_port = new QSpinBox;
    m_port->setRange(lowestPort, highestPort);
    m_port->setValue(m_settings->port() > 0 ? m_settings->port() : App::AppSettings::defaultPort);
    // Saved when the teacher is done typing (Enter or leaving the field), not per keystroke.
    m_port->setKeyboardTracking(false);
    m_port->setAccessibleName(tr("Port"));
    m_port->setAccessibleDescription(tr("Takes effect after a restart."));
    auto *portRow = new QVBoxLayout;
    portRow->addWidget(m_port);
    portRow->addWidget(hintLabel(tr("Students type this number after the address. Takes effect "
                                    "after a restart.")));
    form->addRow(buddyLabel(tr("&Port:"), m_port), portRow);

    m_dataDirectory = new QLineEdit;
    m_dataDirectory->setReadOnly(true);
    m_dataDirectory->setAccessibleName(tr("Data folder"));
    m_dataDirectory->setPlaceholderText(tr("The usual folder for application data"));
    m_changeDataDirectory = new QPushButton(tr("C&hange\u2026"));
    m_changeDataDirectory->setAccessibleName(tr("Change data folder"));
    m_openDataDirectory = new QPushButton(tr("&Open data folder"));
    m_openDataDirectory->setAccessibleName(tr("Open data folder"));
    auto *folderButtons = new QHBoxLayout;
    folderButtons->addWidget(m_dataDirectory, 1);
    folderButtons->addWidget(m_changeDataDirectory);
    folderButtons->addWidget(m_openDataDirectory);
    auto *folderRow = new QVBoxLayout;
    folderRow->addLayout(folderButtons);
    folderRow->addWidget(hintLabel(tr("Takes effect after a restart; the current data stays where "
                                      "it is. Copy it there with a backup if you want to keep "
                                      "it.")));
    form->addRow(buddyLabel(tr("&Data folder:"), m_dataDirectory), folderRow);

    m_language = new QComboBox;
    m_language->addItem(tr("Follow the system"), QString());
    // Each language in its own name, so that it is found without reading the other one.
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_settings->language())));
    m_language->setAccessibleName(tr("Interface language"));
    auto *languageRow = new QVBoxLayout;
    languageRow->addWidget(m_language);
    languageRow->addWidget(hintLabel(tr("Applies the next time Blockhaus starts.")));
    form->addRow(buddyLabel(tr("&Interface language:"), m_language), languageRow);

    m_autostart = new QCheckBox(tr("&Start Blockhaus when I log in"));
    m_autostart->setAccessibleName(tr("Start Blockhaus when I log in"));
    m_autostart->setEnabled(Autostart::isSupported());
    m_autostart->setChecked(Autostart::isEnabled());
    form->addRow(m_autostart);
    layout->addWidget(startGroup);

    auto *backupGroup = new QGroupBox(tr("Backup"));
    auto *backupLayout = new QVBoxLayout(backupGroup);
    backupLayout->addWidget(
        hintLabel(tr("A backup is one file with every class, account and project. Students can "
                     "keep working while it is made.")));
    m_databaseSize = new QLabel;
    m_databaseSize->setAccessibleName(tr("Database size"));
    backupLayout->addWidget(m_databaseSize);
    auto *backupRow = new QHBoxLayout;
    m_backup = new QPushButton(tr("&Back up now\u2026"));
    m_backup->setAccessibleName(tr("Back up now"));
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Backup progress"));
    m_progress->setVisible(false);
    backupRow->addWidget(m_backup);
    backupRow->addWidget(m_progress, 1);
    backupLayout->addLayout(backupRow);
    auto *restoreRow = new QHBoxLayout;
    m_restore = new QPushButton(tr("&Restore from a backup\u2026"));
    m_restore->setAccessibleName(tr("Restore from a backup"));
    m_restore->setAccessibleDescription(
        tr("Replaces the current classes and projects with those in a backup file."));
    // No percentage to show: the swap is one step. A busy bar while it runs, named in words.
    m_restoreProgress = new QProgressBar;
    m_restoreProgress->setRange(0, 0);
    m_restoreProgress->setAccessibleName(tr("Restore in progress"));
    m_restoreProgress->setVisible(false);
    restoreRow->addWidget(m_restore);
    restoreRow->addWidget(m_restoreProgress, 1);
    backupLayout->addLayout(restoreRow);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    backupLayout->addWidget(m_message);
    layout->addWidget(backupGroup);
    layout->addWidget(new LibraryBox(m_service)); // #13: the Scratch library offline
    layout->addStretch();

    const QString configured = m_settings->dataDirectory();
    m_dataDirectory->setText(QDir::toNativeSeparators(
        !configured.isEmpty() ? configured : (m_service ? m_service->dataDirectory() : QString())));

    connect(m_port, &QSpinBox::valueChanged, this,
            [this](int port) { setPort(static_cast<quint16>(port)); });
    connect(m_changeDataDirectory, &QPushButton::clicked, this,
            &SettingsPanel::chooseDataDirectory);
    connect(m_openDataDirectory, &QPushButton::clicked, this, &SettingsPanel::openDataDirectory);
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this](int index) { setLanguage(m_language->itemData(index).toString()); });
    // toggled, not clicked: the keyboard (space) and setChecked() from tests take the same path.
    connect(m_autostart, &QCheckBox::toggled, this, [this](bool enabled) {
        if (!setAutostart(enabled)) {
            const QSignalBlocker blocker(m_autostart);
            m_autostart->setChecked(Autostart::isEnabled());
        }
    });
    connect(m_backup, &QPushButton::clicked, this, &SettingsPanel::askForBackupPath);
    connect(m_restore, &QPushButton::clicked, this, &SettingsPanel::askToRestore);
    connect(&m_watcher, &QFutureWatcher<Outcome<QString>>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    updateDatabaseSize();
    updateButtons();
}

QString SettingsPanel::message() const
{
    return m_message->text();
}

void SettingsPanel::showMessage(const QString &text, bool problem)
{
    // Words carry the meaning; the prefix only repeats it for a quick glance.
    m_message->setText(problem ? tr("Problem: %1").arg(text) : text);
}

void SettingsPanel::updateButtons()
{
    m_openDataDirectory->setEnabled(m_service != nullptr);
    m_backup->setEnabled(m_service != nullptr && !m_backupRunning && !m_restoreRunning);
    m_restore->setEnabled(m_service != nullptr && !m_backupRunning && !m_restoreRunning);
}

void SettingsPanel::updateDatabaseSize()
{
    const qint64 bytes = m_service ? m_service->databaseBytes() : -1;
    m_databaseSize->setText(
        bytes < 0 ? QString()
                  : tr("The database is %1 in size.").arg(QLocale().formattedDataSize(bytes)));
}

void SettingsPanel::setPort(quint16 port)
{
    m_settings->setPort(port == App::AppSettings::defaultPort ? 0 : port);
    m_settings->sync();
    if (m_port->value() != port) {
        const QSignalBlocker blocker(m_port);
        m_port->setValue(port);
    }
}

void SettingsPanel::setDataDirectory(const QString &directory)
{
    m_settings->setDataDirectory(directory);
    m_settings->sync();
    m_dataDirectory->setText(QDir::toNativeSeparators(directory));
    if (directory.isEmpty()) {
        showMessage(tr("Blockhaus will use its usual data folder after a restart. The current "
                       "data stays where it is."));
        return;
    }
    showMessage(tr("Blockhaus will use the folder %1 after a restart. The current data stays "
                   "where it is.")
                    .arg(QDir::toNativeSeparators(directory)));
}

void SettingsPanel::setLanguage(const QString &language)
{
    m_settings->setLanguage(language);
    m_settings->sync();
    const int index = std::max(0, m_language->findData(language));
    if (m_language->currentIndex() != index) {
        const QSignalBlocker blocker(m_language);
        m_language->setCurrentIndex(index);
    }
    showMessage(tr("The new language applies the next time Blockhaus starts."));
}

bool SettingsPanel::setAutostart(bool enabled)
{
    QString error;
    if (!Autostart::setEnabled(enabled, Autostart::currentProgram(), &error)) {
        showMessage(error, true);
        return false;
    }
    if (m_autostart->isChecked() != enabled) {
        const QSignalBlocker blocker(m_autostart);
        m_autostart->setChecked(enabled);
    }
    showMessage(enabled ? tr("Blockhaus will start when you log in.")
                        : tr("Blockhaus will no longer start when you log in."));
    return true;
}

void SettingsPanel::chooseDataDirectory()
{
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Data folder for Blockhaus"), m_dataDirectory->text());
    if (!directory.isEmpty())
        setDataDirectory(directory);
}

void SettingsPanel::openDataDirectory()
{
    if (!m_service)
        return;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_service->dataDirectory())))
        showMessage(tr("The folder %1 could not be opened.")
                        .arg(QDir::toNativeSeparators(m_service->dataDirectory())),
                    true);
}

QString SettingsPanel::suggestedBackupPath()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    // No colons: they are not allowed in Windows file names.
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH-mm"_s);
    return documents + u"/Blockhaus backup "_s + stamp + u".sqlite3"_s;
}

void SettingsPanel::askForBackupPath()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save a backup of Blockhaus"), suggestedBackupPath(),
                                     tr("Blockhaus backups (*.sqlite3)"));
    if (!path.isEmpty())
        startBackup(path);
}

QFuture<void> SettingsPanel::startBackup(const QString &path)
{
    if (!m_service || m_backupRunning) {
        showMessage(m_service ? tr("A backup is already being made.")
                              : tr("Backups need the server to be running."),
                    true);
        // QPromise rather than makeReadyFuture, whose overloads changed between Qt 6.4 and 6.8.
        QPromise<void> done;
        done.start();
        done.finish();
        return done.future();
    }
    m_backupRunning = true;
    updateButtons();
    m_progress->setValue(0);
    m_progress->setVisible(true);
    showMessage(tr("Backing up to %1\u2026").arg(QDir::toNativeSeparators(path)));
    QFuture<Outcome<QString>> backup = m_service->backupTo(path);
    m_watcher.setFuture(backup);
    return backup.then(this, [this](const Outcome<QString> &outcome) {
        m_backupRunning = false;
        m_progress->setVisible(false);
        updateButtons();
        updateDatabaseSize();
        if (!outcome.ok()) {
            showMessage(outcome.error, true);
            return;
        }
        m_lastBackupFolder = QFileInfo(*outcome.value).absolutePath();
        showMessage(tr("Backup saved: %1").arg(QDir::toNativeSeparators(*outcome.value)));
    });
}

QString SettingsPanel::restoreStartFolder() const
{
    const QString folder = !m_lastBackupFolder.isEmpty()
        ? m_lastBackupFolder
        : QFileInfo(suggestedBackupPath()).absolutePath();
    // A folder that is gone (a USB stick pulled out, no Documents folder): the home folder.
    return QFileInfo(folder).isDir() ? folder : QDir::homePath();
}

void SettingsPanel::askToRestore()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Restore a backup of Blockhaus"),
                                     restoreStartFolder(), tr("Blockhaus backups (*.sqlite3)"));
    if (path.isEmpty() || !confirmRestore(path))
        return;
    startRestore(path);
}

bool SettingsPanel::confirmRestore(const QString &path)
{
    QMessageBox box(this);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(tr("Restore from a backup?"));
    box.setText(tr("Replace the current classes and projects with those in %1?")
                    .arg(QDir::toNativeSeparators(QFileInfo(path).fileName())));
    const QString folder = m_service ? m_service->backupFolder() : QString();
    const QString kept = folder.isEmpty()
        ? tr("A copy of the current database is kept first, so nothing is lost.")
        : tr("A copy of the current database is kept first as %1, so nothing is lost.")
              .arg(QDir::toNativeSeparators(folder + u"/blockhaus-before-restore-"_s
                                            + tr("DATE-TIME", "placeholder in a file name")
                                            + u".sqlite3"_s));
    box.setInformativeText(
        tr("Every class, account and project Blockhaus has now is replaced by what the backup "
           "%1 holds; work saved after that backup was made is no longer shown.")
            .arg(QDir::toNativeSeparators(path))
        + u"\n\n"_s + kept + u"\n\n"_s
        + tr("Students are disconnected for a moment and have to sign in again. Their pages "
             "stay open."));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    restore->setAccessibleName(tr("Restore"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    box.setDefaultButton(cancel); // replacing the classes is never the Enter key's accident
    box.exec();
    return box.clickedButton() == restore;
}

QFuture<void> SettingsPanel::startRestore(const QString &path)
{
    if (!m_service || m_backupRunning || m_restoreRunning) {
        showMessage(!m_service ? tr("Restoring needs the server to be running.")
                               : tr("Wait until the backup or restore that runs is done."),
                    true);
        QPromise<void> done;
        done.start();
        done.finish();
        return done.future();
    }
    m_restoreRunning = true;
    updateButtons();
    m_restoreProgress->setVisible(true);
    const QString restoring = tr("Restoring %1\u2026 Students are disconnected for a moment.")
                                  .arg(QDir::toNativeSeparators(path));
    showMessage(restoring);
    // The other tabs cannot reach the database during the swap: a slow one (a large backup)
    // holds the window in a modal progress state, without a way to cancel halfway. A quick one
    // is over before the dialog shows, a second later.
    auto *progress = new QProgressDialog(restoring, QString(), 0, 0, this);
    progress->setWindowTitle(tr("Restoring a backup"));
    progress->setAccessibleName(tr("Restore in progress"));
    progress->setCancelButton(nullptr);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(1000);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QTimer::singleShot(1000, progress, &QProgressDialog::show);
    QPointer<QProgressDialog> shown(progress);
    return m_service->restore(path).then(this, [this, shown](const Outcome<Restored> &outcome) {
        delete shown.data();
        m_restoreRunning = false;
        m_restoreProgress->setVisible(false);
        updateButtons();
        updateDatabaseSize();
        if (!outcome.ok()) {
            showMessage(outcome.error, true);
            return;
        }
        const Restored &restored = *outcome.value;
        QString text = tr("Restored %1 (%2, schema version %3)")
                           .arg(QDir::toNativeSeparators(restored.file),
                                QLocale().formattedDataSize(restored.bytes))
                           .arg(restored.schemaVersion);
        text = restored.safetyCopy.isEmpty()
            ? tr("%1.").arg(text)
            : tr("%1; the database it replaced is kept as %2.")
                  .arg(text, QDir::toNativeSeparators(restored.safetyCopy));
        showMessage(text + u' ' + tr("Students sign in again."));
        emit databaseRestored();
    });
}

} // namespace Blockhaus::Ui
