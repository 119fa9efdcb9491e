// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/live/livepanel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QUuid>
#include <QVBoxLayout>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

LivePanel::LivePanel(LiveControlService *service, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_classes = new QComboBox(this);
    m_classes->setAccessibleName(tr("Class"));
    form->addRow(tr("&Class:"), m_classes);
    layout->addLayout(form);

    auto *pencilsBox = new QGroupBox(tr("Pencils down"), this);
    auto *pencilsLayout = new QVBoxLayout(pencilsBox);
    m_state = new QLabel(pencilsBox);
    m_state->setWordWrap(true);
    m_state->setAccessibleName(tr("Pencils down state"));
    QFont big = m_state->font();
    big.setBold(true);
    m_state->setFont(big);
    pencilsLayout->addWidget(m_state);
    auto *pencilsButtons = new QHBoxLayout;
    m_pencils = new QPushButton(tr("&Pencils down"), pencilsBox);
    m_pencils->setAccessibleName(tr("Pencils down: pause every student editor of the class"));
    m_continue = new QPushButton(tr("C&ontinue"), pencilsBox);
    m_continue->setAccessibleName(tr("Continue: end the pause"));
    pencilsButtons->addWidget(m_pencils);
    pencilsButtons->addWidget(m_continue);
    pencilsButtons->addStretch();
    pencilsLayout->addLayout(pencilsButtons);
    layout->addWidget(pencilsBox);

    auto *sendBox = new QGroupBox(tr("Send my project to everyone"), this);
    auto *sendLayout = new QHBoxLayout(sendBox);
    m_projects = new QComboBox(sendBox);
    m_projects->setAccessibleName(tr("Project to send"));
    m_send = new QPushButton(tr("&Send my project to everyone…"), sendBox);
    m_send->setAccessibleName(tr("Send the chosen project to every student of the class"));
    sendLayout->addWidget(m_projects, 1);
    sendLayout->addWidget(m_send);
    layout->addWidget(sendBox);

    auto *collectBox = new QGroupBox(tr("Collect everyone's work"), this);
    auto *collectLayout = new QHBoxLayout(collectBox);
    m_collect = new QPushButton(tr("Co&llect everyone's work now"), collectBox);
    m_collect->setAccessibleName(tr("Collect everyone's work now"));
    m_export = new QPushButton(tr("&Export collection…"), collectBox);
    m_export->setAccessibleName(tr("Export the last collection as a zip file"));
    collectLayout->addWidget(m_collect);
    collectLayout->addWidget(m_export);
    collectLayout->addStretch();
    layout->addWidget(collectBox);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Last result"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    layout->addStretch();

    connect(m_classes, &QComboBox::currentIndexChanged, this, [this]() {
        m_collection = {};
        loadState();
        updateButtons();
    });
    connect(m_pencils, &QPushButton::clicked, this, [this]() { setPencilsDown(true); });
    connect(m_continue, &QPushButton::clicked, this, [this]() { setPencilsDown(false); });
    connect(m_send, &QPushButton::clicked, this,
            [this]() { sendProject(m_projects->currentData().toLongLong()); });
    connect(m_collect, &QPushButton::clicked, this, [this]() { collectNow(); });
    connect(m_export, &QPushButton::clicked, this, &LivePanel::askExport);
    showState(false);
    updateButtons();
}

qint64 LivePanel::classId() const
{
    return m_classes->currentData().toLongLong();
}

QString LivePanel::stateText() const
{
    return m_state->text();
}

QString LivePanel::message() const
{
    return m_message->text();
}

void LivePanel::showState(bool down)
{
    m_down = down;
    // In words, never by colour alone.
    m_state->setText(down ? tr("Pencils down is ON: every student editor of this class is paused.")
                          : tr("Pencils down is off: students can work."));
    updateButtons();
}

void LivePanel::showMessage(const QString &text)
{
    m_message->setText(text);
}

void LivePanel::updateButtons()
{
    const bool haveClass = classId() > 0;
    m_pencils->setEnabled(haveClass && !m_busy && !m_down);
    m_continue->setEnabled(haveClass && !m_busy && m_down);
    m_send->setEnabled(haveClass && !m_busy && m_projects->currentData().toLongLong() > 0);
    m_collect->setEnabled(haveClass && !m_busy);
    m_export->setEnabled(haveClass && !m_busy && m_collection.id > 0);
}

QFuture<void> LivePanel::reload()
{
    return m_service->classes()
        .then(this,
              [this](const Outcome<QList<ClassSummary>> &outcome) {
                  if (!outcome.ok()) {
                      showMessage(outcome.error);
                  } else {
                      const qint64 keep = classId();
                      const QSignalBlocker blocker(m_classes);
                      m_classes->clear();
                      for (const ClassSummary &summary : *outcome.value)
                          m_classes->addItem(summary.name, summary.id);
                      const int index = m_classes->findData(keep);
                      m_classes->setCurrentIndex(index >= 0 ? index : 0);
                  }
                  return m_service->ownProjects();
              })
        .unwrap()
        .then(this,
              [this](const Outcome<QList<ProjectSummary>> &outcome) {
                  if (!outcome.ok()) {
                      showMessage(outcome.error);
                  } else {
                      m_projects->clear();
                      for (const ProjectSummary &project : *outcome.value)
                          m_projects->addItem(project.title, project.id);
                      if (outcome.value->isEmpty())
                          m_projects->setPlaceholderText(tr("You have no projects yet."));
                  }
                  updateButtons();
                  return loadState();
              })
        .unwrap();
}

QFuture<void> LivePanel::loadState()
{
    const qint64 id = classId();
    if (id <= 0) {
        showState(false);
        return QtFuture::makeReadyFuture();
    }
    return m_service->pencilsDown(id).then(this, [this, id](const Outcome<bool> &outcome) {
        if (id != classId())
            return; // another class was chosen meanwhile
        if (outcome.ok())
            showState(*outcome.value);
        else
            showMessage(outcome.error);
    });
}

QFuture<void> LivePanel::setPencilsDown(bool down)
{
    const qint64 id = classId();
    m_busy = true;
    updateButtons();
    return m_service->setPencilsDown(id, down).then(this, [this, id](const Outcome<bool> &outcome) {
        m_busy = false;
        if (!outcome.ok()) {
            showMessage(outcome.error);
            updateButtons();
            return;
        }
        if (id == classId())
            showState(*outcome.value);
        showMessage(*outcome.value ? tr("Pencils down: the student editors save and pause.")
                                   : tr("The class can work again."));
    });
}

QFuture<void> LivePanel::sendProject(qint64 projectId)
{
    // One press, one id: a retry of this same press never sends a second copy.
    const QString pressId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_busy = true;
    updateButtons();
    return m_service->sendToEveryone(classId(), projectId, pressId)
        .then(this, [this](const Outcome<int> &outcome) {
            m_busy = false;
            updateButtons();
            if (!outcome.ok()) {
                showMessage(outcome.error);
                return;
            }
            showMessage(tr("Sent to %n student(s). Each finds the copy in their projects.", "",
                           *outcome.value));
        });
}

QFuture<void> LivePanel::collectNow()
{
    m_busy = true;
    updateButtons();
    return m_service->collect(classId()).then(
        this, [this](const Outcome<CollectionSummary> &outcome) {
            m_busy = false;
            if (!outcome.ok()) {
                showMessage(outcome.error);
                updateButtons();
                return;
            }
            m_collection = *outcome.value;
            updateButtons();
            showMessage(tr("Collected %n project(s) at %1. They are kept as copies in your "
                           "projects; “Export collection…” saves them as one zip.",
                           "", m_collection.projectCount)
                            .arg(QLocale().toString(m_collection.collectedAt.toLocalTime().time(),
                                                    QLocale::ShortFormat)));
        });
}

QFuture<void> LivePanel::exportTo(const QString &zipPath)
{
    m_busy = true;
    updateButtons();
    showMessage(tr("Exporting…"));
    return m_service->exportCollection(m_collection.id, zipPath)
        .then(this, [this, zipPath](const Outcome<int> &outcome) {
            m_busy = false;
            updateButtons();
            if (!outcome.ok()) {
                showMessage(outcome.error);
                return;
            }
            showMessage(tr("Saved %n project(s) in %1.", "", *outcome.value)
                            .arg(QDir::toNativeSeparators(zipPath)));
        });
}

void LivePanel::askExport()
{
    const QString suggested = m_classes->currentText() + u" "_s
        + m_collection.collectedAt.toLocalTime().toString(u"yyyy-MM-dd HH-mm"_s) + u".zip"_s;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export collection"), suggested, tr("Zip (*.zip)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace Blockhaus::Ui
