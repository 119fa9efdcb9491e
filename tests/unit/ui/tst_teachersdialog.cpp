// SPDX-License-Identifier: AGPL-3.0-or-later
// The Teachers dialog (#13) over a real in-process server: it lists the teacher accounts, makes
// a new one whose generated password is shown once (and works over HTTP), and gives a teacher a
// new password (the old one stops working). Every wait is bounded.
#include <QAbstractButton>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/teachers/teachersdialog.h"
#include "ui/welcome/passwordnotice.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;
using namespace Blockhaus::Test;

namespace {

constexpr int waitMs = 10000;

template<typename T>
[[nodiscard]] bool settle(const QFuture<T> &future)
{
    return QTest::qWaitFor([&future] { return future.isFinished(); }, waitMs);
}

int loginStatus(quint16 port, const QString &username, const QString &password)
{
    Client client(port);
    return client.login(username, password).status;
}

} // namespace

class TestTeachersDialog : public QObject
{
    Q_OBJECT

private slots:
    void listsCreatesAndResetsTeachers();
};

void TestTeachersDialog::listsCreatesAndResetsTeachers()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    App::Options options = inProcessServerOptions(dataDir.path(), u"teachers-admin-1"_s);
    options.headless = false;
    App::ServerController server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    Ui::TeachersDialog dialog(server.classroomService());
    dialog.show();
    for (QWidget *widget : dialog.findChildren<QWidget *>()) {
        if (dialog.table()->isAncestorOf(widget))
            continue; // the table's own parts (headers, corner) are named by the table
        if (qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
            || qobject_cast<QTableWidget *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
    QTRY_COMPARE_WITH_TIMEOUT(dialog.table()->rowCount(), 1, waitMs); // the window's own account
    QVERIFY(dialog.teachers().constFirst().admin);

    QSignalSpy shown(&dialog, &Ui::TeachersDialog::passwordShown);
    QVERIFY(settle(dialog.createTeacher(u"Ms Weber"_s, u"weber"_s)));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(0).toString(), u"weber"_s);
    const QString first = shown.at(0).at(1).toString();
    QCOMPARE(first.size(), 20);
    auto *notice = dialog.findChild<Ui::PasswordNotice *>();
    QVERIFY(notice && notice->isVisible());
    QCOMPARE(notice->passwordField()->text(), first);
    notice->close();
    QCOMPARE(loginStatus(server.port(), u"weber"_s, first), 201);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.table()->rowCount(), 2, waitMs);

    // A taken username is said in words and makes nothing.
    QVERIFY(settle(dialog.createTeacher(u"Other"_s, u"weber"_s)));
    QCOMPARE(shown.size(), 1);
    QVERIFY(dialog.message().startsWith(u"Problem:"_s));

    qint64 weberId = 0;
    for (const Ui::TeacherSummary &teacher : dialog.teachers()) {
        if (teacher.username == u"weber"_s)
            weberId = teacher.id;
    }
    QVERIFY(weberId > 0);
    QVERIFY(settle(dialog.resetPassword(weberId)));
    QCOMPARE(shown.size(), 2);
    const QString second = shown.at(1).at(1).toString();
    QVERIFY(second != first);
    QCOMPARE(loginStatus(server.port(), u"weber"_s, first), 401);
    QCOMPARE(loginStatus(server.port(), u"weber"_s, second), 201);
    dialog.close();
    server.stop();
}

QTEST_MAIN(TestTeachersDialog)
#include "tst_teachersdialog.moc"
