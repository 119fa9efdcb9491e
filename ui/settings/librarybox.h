// SPDX-License-Identifier: AGPL-3.0-or-later
// LibraryBox: the Settings tab's "Scratch library" group (#13): how much of the library is on this
// computer, "Download the Scratch library for offline use" with progress, pause and resume, and
// the result in words. All through MaintenanceService; the GUI thread never waits.
#pragma once

#include <QFutureWatcher>
#include <QGroupBox>

#include "ui/maintenanceservice.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace Blockhaus::Ui {

class LibraryBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit LibraryBox(MaintenanceService *service, QWidget *parent = nullptr);

    // The last state shown (for tests).
    const LibraryState &state() const { return m_state; }
    // What the Export and Import buttons do once the teacher picked a file.
    void exportTo(const QString &path);
    void importFrom(const QString &path);

signals:
    void stateShown(); // after each refresh reached the screen

private:
    void refresh();
    void showState(const LibraryState &state);
    void onButton();
    void setFileBusy(bool busy);

    MaintenanceService *m_service = nullptr;
    QLabel *m_size = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_button = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_import = nullptr;
    QFutureWatcher<Outcome<int>> m_exportWatcher;
    QFutureWatcher<Outcome<LibraryImportResult>> m_importWatcher;
    QFutureWatcher<LibraryState> m_watcher;
    LibraryState m_state;
    bool m_refreshAgain = false; // a change arrived while a refresh ran
    bool m_paused = false; // the teacher paused the last download
    bool m_keepResult = false; // an export's or import's result stays until the next download
};

} // namespace Blockhaus::Ui
