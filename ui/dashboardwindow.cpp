// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/dashboardwindow.h"

#include <algorithm>

#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/assignments/assignmentspanel.h"
#include "ui/classroomservice.h"
#include "ui/conflicts/conflictmodel.h"
#include "ui/health/healthpanel.h"
#include "ui/help/helppanel.h"
#include "ui/join/joinaddresses.h"
#include "ui/join/joinpanel.h"
#include "ui/join/projectorwindow.h"
#include "ui/live/livepanel.h"
#include "ui/online/onlinemodel.h"
#include "ui/projects/projectspanel.h"
#include "ui/settings/settingspanel.h"
#include "ui/students/rostermodel.h"
#include "ui/students/studentspanel.h"
#include "ui/welcome/passwordnotice.h"
#include "ui/welcome/welcomedialog.h"

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &accessibleName)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder); // Qt's default indicator would sort descending
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

QLineEdit *makeFilter(const QString &placeholder, QSortFilterProxyModel *proxy)
{
    auto *filter = new QLineEdit;
    filter->setPlaceholderText(placeholder);
    filter->setAccessibleName(placeholder);
    filter->setClearButtonEnabled(true);
    QObject::connect(filter, &QLineEdit::textChanged, proxy,
                     [proxy](const QString &text) { proxy->setFilterFixedString(text); });
    return filter;
}

} // namespace

DashboardWindow::DashboardWindow(const QStringList &joinUrls, quint16 port, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Blockhaus \u2013 port %1").arg(port));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    // The one line a teacher reads first: state in words, with a shape, on a tinted band.
    m_status = new QLabel;
    m_status->setObjectName(u"statusLine"_s);
    m_status->setAccessibleName(tr("Server status"));
    m_status->setWordWrap(true);
    m_status->setMargin(10);
    QFont statusFont = m_status->font();
    statusFont.setPointSizeF(statusFont.pointSizeF() * 1.3);
    m_status->setFont(statusFont);
    layout->addWidget(m_status);

    m_tabs = new QTabWidget;
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(makeJoinTab(joinUrls, port), tr("Join"));
    m_tabs->addTab(makeOnlineTab(), tr("Online"));
    m_conflictsPage = makeConflictsTab();
    m_conflictsTab = m_tabs->addTab(m_conflictsPage, tr("Conflicts"));
    m_health = new HealthPanel;
    m_tabs->addTab(m_health, tr("Health"));
    layout->addWidget(m_tabs, 1);

    setCentralWidget(central);
    showSummary({HealthSummary::Level::Good, tr("Starting"), tr("Waiting for the first figures.")});
    resize(1000, 700);
}

QWidget *DashboardWindow::makeJoinTab(const QStringList &joinUrls, quint16 port)
{
    m_join = new JoinPanel;
    // The server lists every address it listens on, loopback included; when it listens on the
    // network, the LAN addresses ranked for students (physical before virtual) are better.
    const bool onNetwork = std::any_of(joinUrls.cbegin(), joinUrls.cend(), [](const QString &url) {
        return !url.contains(u"127.0.0.1"_s) && !url.contains(u"localhost"_s)
            && !url.contains(u"[::1]"_s);
    });
    const QStringList lan = onNetwork ? JoinAddresses::systemUrls(port) : QStringList();
    m_join->setAddresses(lan.isEmpty() ? joinUrls : lan);
    m_join->setClass({}, {});
    connect(m_join, &JoinPanel::projectorRequested, this, &DashboardWindow::showProjector);
    return m_join;
}

void DashboardWindow::setClassroomService(ClassroomService *service)
{
    if (m_students || !service)
        return;
    m_classroom = service;
    m_students = new StudentsPanel(service);
    m_students->setJoinAddress(m_join->currentAddress());
    connect(m_students, &StudentsPanel::classSelected, m_join, &JoinPanel::setClass);
    connect(m_join, &JoinPanel::currentJoinUrlChanged, m_students,
            [this] { m_students->setJoinAddress(m_join->currentAddress()); });
    connect(m_students, &StudentsPanel::noClassesYet, this, &DashboardWindow::offerWelcome);
    m_tabs->insertTab(1, m_students, tr("Students"));

    // Projects follow the class and the roster the Students tab shows.
    m_projects = new ProjectsPanel(service);
    m_projects->setJoinAddress(m_join->currentAddress());
    connect(m_join, &JoinPanel::currentJoinUrlChanged, m_projects,
            [this] { m_projects->setJoinAddress(m_join->currentAddress()); });
    connect(m_students, &StudentsPanel::classSelected, m_projects,
            [this](const QString &name, const QString &) {
                m_projects->setClass(m_students->currentClassId(), name);
            });
    connect(m_students->roster(), &QAbstractItemModel::modelReset, m_projects,
            [this] { m_projects->setStudents(m_students->roster()->students()); });
    m_tabs->insertTab(2, m_projects, tr("Projects"));

    // Assignments (#16) of the class the Students tab shows.
    m_assignments = new AssignmentsPanel(service);
    connect(m_students, &StudentsPanel::classSelected, m_assignments,
            [this](const QString &name, const QString &) {
                m_assignments->setClass(m_students->currentClassId(), name);
            });
    m_tabs->insertTab(3, m_assignments, tr("Assignments"));
    m_students->reloadClasses(); // the join panel needs the class code before the tab is opened
    m_conflictsTab = m_tabs->indexOf(m_conflictsPage);
}

void DashboardWindow::setHelpQueueService(HelpQueueService *service)
{
    if (m_help || !service)
        return;
    m_help = new HelpPanel(service, m_classroom);
    // Right after Projects when those tabs exist, else after Online.
    const int at = m_projects ? m_tabs->indexOf(m_projects) + 1 : 2;
    m_tabs->insertTab(at, m_help, tr("Help"));
    connect(m_help, &HelpPanel::waitingCountChanged, this, &DashboardWindow::updateHelpTabTitle);
    updateHelpTabTitle(std::max(0, m_help->waitingCount()));
    m_conflictsTab = m_tabs->indexOf(m_conflictsPage);
}

void DashboardWindow::updateHelpTabTitle(int waiting)
{
    // The count in words in the title itself, not a colour or an icon alone.
    m_tabs->setTabText(m_tabs->indexOf(m_help),
                       waiting == 0 ? tr("Help") : tr("Help (%1 waiting)").arg(waiting));
}

void DashboardWindow::setLiveControlService(LiveControlService *service)
{
    if (m_livePanel || !service)
        return;
    m_livePanel = new LivePanel(service);
    const int at = m_projects ? m_tabs->indexOf(m_projects) + 1 : 1;
    m_tabs->insertTab(at, m_livePanel, tr("Live lesson"));
    m_conflictsTab = m_tabs->indexOf(m_conflictsPage);
    // Classes and the teacher's projects change elsewhere: fresh whenever the tab is opened.
    connect(m_tabs, &QTabWidget::currentChanged, m_livePanel, [this](int index) {
        if (m_tabs->widget(index) == m_livePanel)
            m_livePanel->reload();
    });
}

void DashboardWindow::setCloseDecider(std::function<CloseChoice(bool)> decider)
{
    m_closeDecider = std::move(decider);
}

DashboardWindow::CloseChoice DashboardWindow::askAboutClosing(bool trayAvailable)
{
    QMessageBox box(this);
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Close Blockhaus?"));
    box.setText(tr("Stop the server? Students who are working will lose their connection; their "
                   "saved work stays safe."));
    QPushButton *keep = nullptr;
    if (trayAvailable) {
        box.setInformativeText(
            tr("Or keep Blockhaus running in the background: it stays in the system tray."));
        keep = box.addButton(tr("&Keep running in the tray"), QMessageBox::AcceptRole);
    }
    QPushButton *stop = box.addButton(tr("&Stop the server"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep ? keep : stop);
    box.exec();
    if (box.clickedButton() == keep && keep)
        return CloseChoice::KeepRunning;
    if (box.clickedButton() == stop)
        return CloseChoice::Stop;
    return CloseChoice::Cancel;
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    if (m_stopping) {
        event->accept();
        return;
    }
    const CloseChoice choice =
        m_closeDecider ? m_closeDecider(m_trayAvailable) : askAboutClosing(m_trayAvailable);
    switch (choice) {
    case CloseChoice::KeepRunning:
        event->ignore();
        hide();
        break;
    case CloseChoice::Stop:
        m_stopping = true;
        event->accept();
        emit stopRequested();
        break;
    case CloseChoice::Cancel:
        event->ignore();
        break;
    }
}

void DashboardWindow::setMaintenanceService(MaintenanceService *service, App::AppSettings *settings)
{
    if (m_settings || !settings)
        return;
    m_settings = new SettingsPanel(service, settings);
    // After a restore the classes, rosters and projects are those of the backup (#13).
    connect(m_settings, &SettingsPanel::databaseRestored, this, [this] {
        if (m_students)
            m_students->reloadClasses();
    });
    m_health->setMaintenanceService(service); // "Check this computer…" (#13)
    m_tabs->addTab(m_settings, tr("Settings")); // last: the least used tab
}

void DashboardWindow::offerWelcome()
{
    if (m_welcomeOffered)
        return; // once per start: "Later" means later
    m_welcomeOffered = true;
    auto *welcome = new WelcomeDialog(this);
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    // A class made meanwhile on the web pages (the teacher page, another teacher) answers the
    // welcome's question: it closes itself instead of blocking the window.
    connect(m_students, &StudentsPanel::classesExist, welcome, &QDialog::reject);
    connect(welcome, &QDialog::accepted, this, [this, welcome] {
        m_students->createClass(welcome->className());
        m_tabs->setCurrentWidget(m_join); // the class code arrives there when it is created
        // The teacher's own account for the web pages (#13); a made password is shown once.
        const bool made = !welcome->chosenPassword().has_value();
        m_classroom->setOwnAccount(welcome->teacherName(), welcome->chosenPassword())
            .then(this, [this, made](const Outcome<OwnAccount> &account) {
                if (!account.ok()) {
                    auto *box = new QMessageBox(QMessageBox::Warning, tr("Your account"),
                                                account.error, QMessageBox::Ok, this);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                    return;
                }
                if (!made)
                    return;
                auto *notice =
                    new PasswordNotice(account.value->username, account.value->password, this);
                notice->setAttribute(Qt::WA_DeleteOnClose);
                notice->open();
            });
    });
    welcome->open();
}

void DashboardWindow::showProjector()
{
    auto *screen = new ProjectorWindow(this);
    screen->setAttribute(Qt::WA_DeleteOnClose);
    screen->setJoinInfo(m_join->currentAddress(), m_join->className(), m_join->joinCode());
    screen->showOnScreen();
}

QWidget *DashboardWindow::makeOnlineTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_onlineModel = new OnlineModel(this);
    m_onlineFilter = new QSortFilterProxyModel(this);
    m_onlineFilter->setSourceModel(m_onlineModel);
    m_onlineFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_onlineFilter->setFilterKeyColumn(-1);
    layout->addWidget(makeFilter(tr("Find a student"), m_onlineFilter));
    m_onlineView = makeTable(m_onlineFilter, tr("Who is online"));
    layout->addWidget(m_onlineView);
    return page;
}

QWidget *DashboardWindow::makeConflictsTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *explanation = new QLabel(
        tr("A conflict is a save from an older version: the student was asked what to do, and "
           "nothing was lost."));
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    m_conflictModel = new ConflictModel(this);
    m_conflictProxy = new QSortFilterProxyModel(this);
    m_conflictProxy->setSourceModel(m_conflictModel);
    m_conflictProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_conflictProxy->setFilterKeyColumn(-1);
    m_conflictProxy->setSortRole(Qt::UserRole);
    m_conflictFilter = makeFilter(tr("Filter conflicts"), m_conflictProxy);
    layout->addWidget(m_conflictFilter);
    m_conflictView = makeTable(m_conflictProxy, tr("Save conflicts"));
    m_conflictView->sortByColumn(ConflictModel::Time, Qt::DescendingOrder); // newest first
    layout->addWidget(m_conflictView);
    return page;
}

QString DashboardWindow::statusText() const
{
    return m_status->text();
}

void DashboardWindow::showSummary(const HealthSummary &summary)
{
    m_summary = summary;
    // Words first; the shape (●, ▲, ■) and the tint only repeat them.
    QString shape;
    QString tint;
    switch (summary.level) {
    case HealthSummary::Level::Good:
        shape = u"\u25CF"_s;
        tint = u"#e6f4ea; color: #1e4620"_s;
        break;
    case HealthSummary::Level::Warning:
        shape = u"\u25B2"_s;
        tint = u"#fff4e0; color: #5c3700"_s;
        break;
    case HealthSummary::Level::Problem:
        shape = u"\u25A0"_s;
        tint = u"#fdecea; color: #7a1414"_s;
        break;
    }
    m_status->setText(u"%1 <b>%2</b> \u2013 %3"_s.arg(shape, summary.headline.toHtmlEscaped(),
                                                      summary.detail.toHtmlEscaped()));
    m_status->setStyleSheet(
        u"QLabel#statusLine { background: %1; border-radius: 6px; }"_s.arg(tint));
    m_status->setAccessibleDescription(summary.headline + u": "_s + summary.detail);
}

void DashboardWindow::updateConflictTabTitle()
{
    const int count = int(m_conflictModel->conflicts().size());
    m_tabs->setTabText(m_conflictsTab,
                       count == 0 ? tr("Conflicts") : tr("Conflicts (%1)").arg(count));
}

void DashboardWindow::showSnapshot(Live::LiveSnapshotPtr snapshot)
{
    if (!snapshot)
        return;
    showSummary(HealthSummary::evaluate(*snapshot, m_previous.get()));
    m_onlineModel->setOnline(snapshot->online, snapshot->takenAt);
    if (m_conflictModel->setConflicts(snapshot->recentConflicts))
        updateConflictTabTitle();
    m_health->showSnapshot(*snapshot);
    if (m_students)
        m_students->showSnapshot(*snapshot);
    m_previous = std::move(snapshot);
}

} // namespace Blockhaus::Ui
