// SPDX-License-Identifier: AGPL-3.0-or-later
// For e2e.firsthour (#13): the whole dashboard as the blockhaus executable shows it (main()'s
// steps: the application, the saved settings, startServer with the port question, and the window
// of App::DashboardLauncher), in a real X window under Xvfb, driven as a teacher's mouse drives
// it. Widgets are found by their accessible names (QAccessible) and clicked with
// QTest::mouseClick; the keyboard types only the names a teacher must type (their own, the
// class's, a student's). What the dashboard opens in the browser is caught by a URL handler and
// printed for the node test, which opens it in Chromium.
//
// Usage: e2e_firsthourhelper ARTIFACTS_DIR [blockhaus options...]. Reads one command per line on
// standard input and answers on standard output:
//   welcome                 -> "teacher USERNAME PASSWORD", "join ADDRESS CODE", "ok welcome"
//   students NAME           -> "student USERNAME PASSWORD", "ok students"
//   teacherpage             -> "link URL", "ok teacherpage"
//   projects NAME           -> "project TITLE" per project of that student, "ok projects"
//   quit                    -> closes the window as the teacher does; "stopped" at the end
// A step that cannot be done prints "fail REASON" and ends the helper with exit code 1. Each
// step saves what the teacher sees as dashboard-firsthour-*.png in ARTIFACTS_DIR.
#include <cstdio>
#include <functional>

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRadioButton>
#include <QSocketNotifier>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include "app/dashboardlauncher.h"
#include "app/options.h"
#include "app/servercontroller.h"
#include "app/settings/appsettings.h"
#include "app/startup.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

constexpr int stepTimeoutMs = 30000;

QString artifactsDir;
int linksOpened = 0; // by the dashboard, in "the browser" (Browser below)

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString &reason)
{
    say(u"fail "_s + reason);
    std::fflush(stderr);
    std::_Exit(1);
}

// What a screen reader reads as the widget's name: its accessible name, else its text.
QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *face = QAccessible::queryAccessibleInterface(widget);
    return face ? face->text(QAccessible::Name) : QString();
}

// The visible widget with that accessible name in any visible window (the active modal dialog
// first, as the teacher sees it), or null.
template<typename T = QWidget>
T *findVisible(const QString &name)
{
    QWidgetList windows;
    if (QWidget *modal = QApplication::activeModalWidget())
        windows.append(modal);
    windows.append(QApplication::topLevelWidgets());
    for (QWidget *window : std::as_const(windows)) {
        if (!window->isVisible())
            continue;
        const QList<T *> candidates = window->findChildren<T *>();
        for (T *widget : candidates) {
            if (widget->isVisible() && accessibleName(widget) == name)
                return widget;
        }
    }
    return nullptr;
}

template<typename T = QWidget>
T *waitFor(const QString &name)
{
    T *found = nullptr;
    if (!QTest::qWaitFor([&] { return (found = findVisible<T>(name)) != nullptr; }, stepTimeoutMs))
        fail(u"nothing called \u201c%1\u201d appeared"_s.arg(name));
    return found;
}

void waitUntil(const std::function<bool()> &condition, const QString &what)
{
    if (!QTest::qWaitFor(condition, stepTimeoutMs))
        fail(u"timed out waiting until %1"_s.arg(what));
}

// Where a teacher clicks: on a radio button or check box its indicator (the widget may be as wide
// as the form while only the box and the text take a click), else the middle.
QPoint clickPoint(QWidget *widget)
{
    if (qobject_cast<QRadioButton *>(widget) || qobject_cast<QCheckBox *>(widget))
        return {qMin(8, widget->width() / 2), widget->height() / 2};
    return widget->rect().center();
}

// A click at a point of a widget, refused as a real mouse click would be: on a disabled widget,
// or on a window that an open dialog blocks (QTest delivers to the widget directly, so the
// dialog's modality is checked here).
void clickAt(QWidget *widget, QPoint point)
{
    const QString name = accessibleName(widget);
    if (!widget->isEnabled())
        fail(u"\u201c%1\u201d cannot be clicked: it is disabled"_s.arg(name));
    QWidget *modal = QApplication::activeModalWidget();
    if (modal && widget->window() != modal)
        fail(u"\u201c%1\u201d cannot be clicked: the dialog \u201c%2\u201d is in the way"_s.arg(
            name, modal->windowTitle()));
    QTest::mouseClick(widget, Qt::LeftButton, {}, point);
}

void click(QWidget *widget)
{
    clickAt(widget, clickPoint(widget));
}

void clickNamed(const QString &name)
{
    click(waitFor(name));
}

// Clicks into a text field and types what the teacher must type there.
void typeInto(const QString &fieldName, const QString &text)
{
    QWidget *field = waitFor(fieldName);
    click(field);
    QTest::keyClicks(field, text);
}

// A click that opens a modal dialog with exec(): the clicks inside it run from its own event
// loop, so they are queued before the click.
void clickIntoModal(QWidget *widget, std::function<void()> inside)
{
    QTimer::singleShot(0, widget, [inside = std::move(inside)] {
        waitUntil([] { return QApplication::activeModalWidget() != nullptr; },
                  u"a dialog opened"_s);
        inside();
    });
    click(widget);
}

QMainWindow *dashboard()
{
    for (QWidget *window : QApplication::topLevelWidgets())
        if (auto *main = qobject_cast<QMainWindow *>(window); main && main->isVisible())
            return main;
    fail(u"the dashboard window is not shown"_s);
}

// A tab as a screen reader lists it (the tab bar's accessible children), clicked where it is.
void clickTab(const QString &title)
{
    QTabBar *bar = dashboard()->findChild<QTabWidget *>()->tabBar();
    QAccessibleInterface *tabs = QAccessible::queryAccessibleInterface(bar);
    for (int i = 0; tabs && i < tabs->childCount(); ++i) {
        QAccessibleInterface *tab = tabs->child(i);
        if (tab && tab->text(QAccessible::Name).startsWith(title)) {
            clickAt(bar, bar->mapFromGlobal(tab->rect().center()));
            waitUntil(
                [bar, title] {
                    return bar->tabText(bar->currentIndex()).remove(u'&').startsWith(title);
                },
                u"the tab %1 shows"_s.arg(title));
            return;
        }
    }
    fail(u"there is no tab %1"_s.arg(title));
}

// The cells of a table as its accessible interface reads them.
QList<QStringList> accessibleRows(QWidget *table)
{
    QList<QStringList> rows;
    QAccessibleInterface *face = QAccessible::queryAccessibleInterface(table);
    QAccessibleTableInterface *cells = face ? face->tableInterface() : nullptr;
    if (!cells)
        fail(u"\u201c%1\u201d is not a table"_s.arg(accessibleName(table)));
    for (int row = 0; row < cells->rowCount(); ++row) {
        QStringList line;
        for (int column = 0; column < cells->columnCount(); ++column) {
            QAccessibleInterface *cell = cells->cellAt(row, column);
            line.append(cell ? cell->text(QAccessible::Name) : QString());
        }
        rows.append(line);
    }
    return rows;
}

// The teacher's view at this step, for the reviewers (the window and any dialog over it), with
// the status line in words; a wrapped text cut off at its size ends the test.
void snapshot(const QString &step)
{
    if (auto *status = findVisible<QLabel>(u"Server status"_s))
        say(u"status %1: %2"_s.arg(step, status->accessibleDescription()));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QWidget *shown = QApplication::activeModalWidget();
    if (!shown)
        shown = dashboard();
    for (QLabel *label : shown->findChildren<QLabel *>()) {
        const int needed = label->heightForWidth(label->width());
        if (label->isVisible() && label->wordWrap() && label->height() < needed)
            fail(u"at %1 the text \u201c%2\u201d is cut off (%3 of %4 px)"_s.arg(
                step, label->text(), QString::number(label->height()), QString::number(needed)));
    }
    if (artifactsDir.isEmpty())
        return;
    QDir().mkpath(artifactsDir);
    shown->grab().save(artifactsDir + u"/dashboard-firsthour-"_s + step + u".png"_s);
}

// Steps --------------------------------------------------------------------------------------

// First start: the welcome asks for the teacher's name, a password (made for them here) and the
// first class; it closes, the password is shown once, and the Join tab shows the class code.
void welcome()
{
    const QString create = u"Create the class and show the join screen"_s;
    QWidget *createButton = waitFor(create);
    QWidget *welcomeDialog = createButton->window();
    snapshot(u"1-welcome"_s);
    typeInto(u"Your name"_s, u"Ms Weber"_s);
    clickNamed(u"Make a password for me"_s);
    waitUntil([] { return !findVisible(u"Password"_s)->isEnabled(); },
              u"the password fields are off"_s);
    typeInto(u"Name of your class"_s, u"5b"_s);
    snapshot(u"2-welcome-filled"_s);
    QPointer<QWidget> watched(welcomeDialog);
    click(createButton);
    waitUntil([&watched] { return !watched || !watched->isVisible(); }, u"the welcome closes"_s);

    auto *username = waitFor<QLineEdit>(u"Your username"_s);
    auto *password = waitFor<QLineEdit>(u"Your password"_s);
    waitUntil([password] { return !password->text().isEmpty(); }, u"the password is shown"_s);
    snapshot(u"3-password-shown-once"_s);
    say(u"teacher %1 %2"_s.arg(username->text(), password->text()));
    clickNamed(u"Close"_s);
    waitUntil([] { return !findVisible(u"Your password"_s); }, u"the password notice closes"_s);

    // The Join tab (shown by the welcome) with the new class's code.
    auto *code = waitFor<QLabel>(u"Class join code"_s);
    auto *address = waitFor<QLabel>(u"Join address"_s);
    waitUntil([code] { return !code->text().isEmpty(); }, u"the class code is shown"_s);
    snapshot(u"4-join"_s);
    say(u"join %1 %2"_s.arg(address->text(), code->text()));
}

// Students tab: "Add students…", one name, and the new account's password as the dialog shows it.
void addStudent(const QString &name)
{
    clickTab(u"Students"_s);
    QWidget *add = waitFor(u"Add students"_s);
    waitUntil([add] { return add->isEnabled(); }, u"the class is chosen"_s);
    clickIntoModal(add, [name] {
        typeInto(u"Names, one per line"_s, name);
        snapshot(u"5-add-students"_s);
        clickNamed(u"Create accounts"_s);
    });
    QWidget *table = waitFor(u"New accounts with their passwords"_s);
    QList<QStringList> rows;
    waitUntil(
        [&] {
            rows = accessibleRows(table);
            return !rows.isEmpty();
        },
        u"the new account is listed"_s);
    snapshot(u"6-new-accounts"_s);
    for (const QStringList &row : std::as_const(rows)) {
        if (row.value(0) == name)
            say(u"student %1 %2"_s.arg(row.value(1), row.value(2)));
    }
    clickNamed(u"Close"_s);
    waitUntil([] { return !findVisible(u"New accounts with their passwords"_s); },
              u"the accounts dialog closes"_s);
}

void openTeacherPage()
{
    clickTab(u"Students"_s);
    const int before = linksOpened;
    clickNamed(u"Open the teacher page in the browser"_s);
    waitUntil([before] { return linksOpened > before; }, u"the browser is asked to open a page"_s);
}

// Projects tab: the student's saved projects, as the teacher finds them.
void showProjects(const QString &name)
{
    clickTab(u"Projects"_s);
    QWidget *tab = dashboard()->findChild<QTabWidget *>()->currentWidget();
    QListWidget *students = nullptr;
    for (auto *list : tab->findChildren<QListWidget *>())
        if (list->isVisible() && accessibleName(list) == u"Students of the class"_s)
            students = list;
    if (!students)
        fail(u"the Projects tab lists no students"_s);
    QListWidgetItem *item = nullptr;
    waitUntil(
        [&] {
            const auto found = students->findItems(name, Qt::MatchContains);
            item = found.value(0);
            return item != nullptr;
        },
        name + u" is listed on the Projects tab"_s);
    clickAt(students->viewport(), students->visualItemRect(item).center());
    auto *projects = waitFor<QListView>(u"Projects of the student"_s);
    waitUntil([projects] { return projects->model()->rowCount() > 0; },
              u"the student's projects are shown"_s);
    snapshot(u"7-projects"_s);
    for (int row = 0; row < projects->model()->rowCount(); ++row)
        say(u"project "_s + projects->model()->index(row, 0).data().toString());
}

// As the teacher closes the window (the title bar's close button; Xvfb has no window manager to
// draw it, so close() stands in for that one click) and answers the question.
void quit()
{
    QMainWindow *window = dashboard();
    QTimer::singleShot(0, window, [] {
        waitUntil([] { return QApplication::activeModalWidget() != nullptr; },
                  u"the close question is asked"_s);
        snapshot(u"8-close-question"_s);
        clickNamed(u"Stop the server"_s);
    });
    window->close();
}

class Browser : public QObject
{
    Q_OBJECT

public slots:
    void open(const QUrl &url)
    {
        say(u"link "_s + QString::fromUtf8(url.toEncoded()));
        ++linksOpened;
    }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s ARTIFACTS_DIR [blockhaus options...]\n", argv[0]);
        return 2;
    }
    artifactsDir = QString::fromLocal8Bit(argv[1]);
    // The rest are the executable's own arguments.
    for (int i = 1; i + 1 < argc; ++i)
        argv[i] = argv[i + 1];
    --argc;

    // main.cpp's steps, with the same parts.
    bool headless = true;
    const std::unique_ptr<QCoreApplication> app =
        App::DashboardLauncher::createApplication(argc, argv, &headless);
    if (headless) {
        std::fprintf(stderr, "no display: run under xvfb-run with QT_QPA_PLATFORM=xcb\n");
        return 2;
    }
    QCoreApplication::setOrganizationName(u"Blockhaus"_s);
    QCoreApplication::setApplicationName(u"Blockhaus"_s);
    App::AppSettings settings;
    App::Options options = App::parseOptions(QCoreApplication::arguments());
    App::applySavedSettings(options, settings);
    options.headless = headless;
    App::DashboardLauncher launcher(headless, settings);
    App::StartError startError;
    const std::unique_ptr<App::ServerController> server =
        App::startServer(options, launcher.portQuestion(), &startError);
    if (!server) {
        launcher.reportStartError(startError);
        return startError.exitCode();
    }
    Browser browser;
    QDesktopServices::setUrlHandler(u"http"_s, &browser, "open");
    launcher.show(*server);
    say(u"platform "_s + QGuiApplication::platformName());
    say(u"data %1"_s.arg(server->dataDir()));
    say(u"listening on port %1"_s.arg(server->port()));

    QSocketNotifier input(0, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, app.get(), [&input] {
        char buffer[512];
        if (!std::fgets(buffer, sizeof buffer, stdin)) {
            input.setEnabled(false);
            QCoreApplication::exit(3); // the test went away without "quit"
            return;
        }
        input.setEnabled(false); // one step at a time: the steps run nested event loops
        const QString line = QString::fromUtf8(buffer).trimmed();
        const QString command = line.section(u' ', 0, 0);
        const QString argument = line.section(u' ', 1);
        if (command == u"welcome"_s)
            welcome();
        else if (command == u"students"_s)
            addStudent(argument);
        else if (command == u"teacherpage"_s)
            openTeacherPage();
        else if (command == u"projects"_s)
            showProjects(argument);
        else if (command == u"quit"_s) {
            quit();
            return; // the answer to the question stops the application
        } else
            fail(u"unknown command "_s + line);
        say(u"ok "_s + command);
        input.setEnabled(true);
    });
    const int code = app->exec();
    QDesktopServices::unsetUrlHandler(u"http"_s);
    launcher.closeWindow();
    server->stop();
    say(code == 0 ? u"stopped"_s : u"stopped with %1"_s.arg(code));
    return code;
}

#include "firsthourhelper.moc"
