// SPDX-License-Identifier: AGPL-3.0-or-later
// LivePanel: the "Live lesson" tab (#16). Choose a class, then "Pencils down" / "Continue"
// (the state is said in words, not only by colour), "Send my project to everyone…" (choose one
// of your projects), "Collect everyone's work now" and "Export collection…" (a zip, written on a
// worker while the window stays usable). Every call goes through LiveControlService and continues
// on the GUI thread; the window never waits.
#pragma once

#include <QFuture>
#include <QWidget>

#include "ui/livecontrolservice.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace Blockhaus::Ui {

class LivePanel : public QWidget
{
    Q_OBJECT

public:
    explicit LivePanel(LiveControlService *service, QWidget *parent = nullptr);

    // The steps behind the buttons, callable without dialogs (tests).
    QFuture<void> reload(); // classes and own projects
    QFuture<void> setPencilsDown(bool down);
    QFuture<void> sendProject(qint64 projectId);
    QFuture<void> collectNow();
    QFuture<void> exportTo(const QString &zipPath);

    qint64 classId() const;
    bool pencilsAreDown() const { return m_down; }
    qint64 lastCollectionId() const { return m_collection.id; }
    QString stateText() const;
    QString message() const;
    QComboBox *classBox() const { return m_classes; }
    QComboBox *projectBox() const { return m_projects; }
    QPushButton *pencilsButton() const { return m_pencils; }
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *collectButton() const { return m_collect; }
    QPushButton *exportButton() const { return m_export; }

private:
    QFuture<void> loadState();
    void showState(bool down);
    void showMessage(const QString &text);
    void updateButtons();
    void askExport();

    LiveControlService *m_service;
    QComboBox *m_classes = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_pencils = nullptr;
    QPushButton *m_continue = nullptr;
    QComboBox *m_projects = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_collect = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_message = nullptr;
    bool m_down = false;
    bool m_busy = false;
    CollectionSummary m_collection;
};

} // namespace Blockhaus::Ui
