// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/settings/librarybox.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

LibraryBox::LibraryBox(MaintenanceService *service, QWidget *parent)
    : QGroupBox(tr("Scratch library"), parent)
    , m_service(service)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The costumes, sprites, sounds and backdrops students pick in the "
                                "editor. Downloaded once, they work without the internet."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_size = new QLabel;
    m_size->setWordWrap(true);
    m_size->setAccessibleName(tr("Scratch library on this computer"));
    layout->addWidget(m_size);

    m_progress = new QProgressBar;
    m_progress->setAccessibleName(tr("Library download progress"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);

    m_button = new QPushButton(tr("Download the Scratch library for offline use"));
    m_button->setAccessibleName(m_button->text());
    connect(m_button, &QPushButton::clicked, this, &LibraryBox::onButton);
    layout->addWidget(m_button);

    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setAccessibleName(tr("Library download result"));
    layout->addWidget(m_result);

    // One file for a USB stick: download once, copy to every teacher laptop.
    auto *fileRow = new QHBoxLayout;
    m_export = new QPushButton(tr("Export the library to a file…"));
    m_export->setAccessibleName(tr("Export the library to a file"));
    m_import = new QPushButton(tr("Import the library from a file…"));
    m_import->setAccessibleName(tr("Import the library from a file"));
    fileRow->addWidget(m_export);
    fileRow->addWidget(m_import);
    fileRow->addStretch();
    layout->addLayout(fileRow);
    connect(m_export, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the Scratch library"), QDir::home().filePath(u"scratch-library.zip"_s),
            tr("Zip files (*.zip)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(m_import, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import the Scratch library"), QDir::homePath(), tr("Zip files (*.zip)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(&m_exportWatcher, &QFutureWatcher<Outcome<int>>::finished, this, [this]() {
        setFileBusy(false);
        m_keepResult = true;
        const Outcome<int> outcome = m_exportWatcher.result();
        m_result->setText(outcome.ok()
                              ? tr("Library files saved: %1. Copy the file to another computer "
                                   "and import it there.")
                                    .arg(QLocale().toString(*outcome.value))
                              : outcome.error);
    });
    connect(
        &m_importWatcher, &QFutureWatcher<Outcome<LibraryImportResult>>::finished, this, [this]() {
            setFileBusy(false);
            m_keepResult = true;
            const Outcome<LibraryImportResult> outcome = m_importWatcher.result();
            if (!outcome.ok()) {
                m_result->setText(outcome.error);
            } else {
                const LibraryImportResult &done = *outcome.value;
                const QLocale locale;
                QString text = tr("Library files added: %1; already on this computer: %2.")
                                   .arg(locale.toString(done.added), locale.toString(done.present));
                if (done.damaged > 0)
                    text +=
                        u' ' + tr("Damaged files skipped: %1.").arg(locale.toString(done.damaged));
                if (done.overLimit > 0)
                    text += u' '
                        + tr("Left out because the library's size limit on this computer is "
                             "reached: %1 (see --library-cache-mb).")
                              .arg(locale.toString(done.overLimit));
                m_result->setText(text);
            }
            refresh();
        });

    connect(&m_watcher, &QFutureWatcher<LibraryState>::finished, this, [this]() {
        showState(m_watcher.result());
        if (std::exchange(m_refreshAgain, false))
            refresh();
    });
    if (m_service)
        m_service->watchLibrary(this, [this]() { refresh(); });
    refresh();
}

void LibraryBox::refresh()
{
    if (!m_service) {
        showState(LibraryState{});
        return;
    }
    // One read at a time: progress signals arrive faster than the disk is looked at.
    if (m_watcher.isRunning()) {
        m_refreshAgain = true;
        return;
    }
    m_watcher.setFuture(m_service->libraryState());
}

void LibraryBox::showState(const LibraryState &state)
{
    m_state = state;
    const QLocale locale;
    if (!state.known) {
        m_size->setText(tr("This server keeps no copy of the Scratch library."));
        m_button->setEnabled(false);
        m_progress->setVisible(false);
        setFileBusy(false);
        emit stateShown();
        return;
    }
    m_size->setText(tr("%1 of %2 library files are on this computer (%3).")
                        .arg(locale.toString(state.cached), locale.toString(state.total),
                             locale.formattedDataSize(state.cacheBytes)));
    m_progress->setVisible(state.filling);
    if (state.filling) {
        m_progress->setRange(0, std::max(1, state.fillTotal));
        m_progress->setValue(state.done);
        m_progress->setFormat(
            tr("%1 of %2").arg(locale.toString(state.done), locale.toString(state.fillTotal)));
        m_button->setText(tr("Pause the download"));
        m_result->setText(tr("Downloading the Scratch library…"));
    } else {
        const bool complete = state.total > 0 && state.cached >= state.total;
        m_button->setText(m_paused && !complete
                              ? tr("Resume the download")
                              : tr("Download the Scratch library for offline use"));
        if (m_keepResult) {
            // The last export or import says what it did.
        } else if (m_paused && !complete) {
            m_result->setText(
                tr("Paused. %1 of %2 library files are on this computer.")
                    .arg(locale.toString(state.cached), locale.toString(state.total)));
        } else if (state.fillTotal > 0) {
            // The result in words, after a download ran.
            const int missing = state.total - state.cached;
            m_result->setText(
                missing > 0
                    ? tr("%1 of %2 library files are on this computer; %3 could not be "
                         "downloaded: no internet?")
                          .arg(locale.toString(state.cached), locale.toString(state.total),
                               locale.toString(missing))
                    : tr("The whole Scratch library is on this computer: it works without the "
                         "internet."));
        }
        m_button->setEnabled(!complete && state.upstream);
        if (!state.upstream && !complete && !m_keepResult)
            m_result->setText(tr("No download address is set (Blockhaus was started with "
                                 "--library-upstream none)."));
    }
    m_button->setAccessibleName(m_button->text());
    if (!m_exportWatcher.isRunning() && !m_importWatcher.isRunning())
        setFileBusy(false);
    emit stateShown();
}

void LibraryBox::onButton()
{
    if (!m_service)
        return;
    m_keepResult = false;
    if (m_state.filling) {
        m_paused = true;
        m_service->pauseLibraryDownload();
    } else {
        m_paused = false;
        m_service->startLibraryDownload();
        // Shown at once as running; the first progress signal follows.
        m_state.filling = true;
        m_button->setText(tr("Pause the download"));
        m_button->setAccessibleName(m_button->text());
    }
    refresh();
}

void LibraryBox::exportTo(const QString &path)
{
    if (!m_service || m_exportWatcher.isRunning() || m_importWatcher.isRunning())
        return;
    setFileBusy(true);
    m_result->setText(tr("Exporting the Scratch library…"));
    m_exportWatcher.setFuture(m_service->exportLibrary(path));
}

void LibraryBox::importFrom(const QString &path)
{
    if (!m_service || m_exportWatcher.isRunning() || m_importWatcher.isRunning())
        return;
    setFileBusy(true);
    m_result->setText(tr("Importing the Scratch library…"));
    m_importWatcher.setFuture(m_service->importLibrary(path));
}

void LibraryBox::setFileBusy(bool busy)
{
    m_export->setEnabled(!busy && m_state.known);
    m_import->setEnabled(!busy && m_state.known);
}

} // namespace Blockhaus::Ui
