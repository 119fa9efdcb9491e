// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/settings/librarybox.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

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
        if (m_paused && !complete) {
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
        if (!state.upstream && !complete)
            m_result->setText(tr("No download address is set (Blockhaus was started with "
                                 "--library-upstream none)."));
    }
    m_button->setAccessibleName(m_button->text());
    emit stateShown();
}

void LibraryBox::onButton()
{
    if (!m_service)
        return;
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

} // namespace Blockhaus::Ui
