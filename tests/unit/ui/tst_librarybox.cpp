// SPDX-License-Identifier: AGPL-3.0-or-later
// The Settings tab's Scratch library group (#13) over the real MaintenanceService of an
// in-process server whose library downloads from a fake upstream on 127.0.0.1: size, progress,
// pause and resume (continuing from what is cached), and the result in words.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "app/servercontroller.h"
#include "tests/support/fakeupstream.h"
#include "tests/support/inprocessserver.h"
#include "tests/support/testsupport.h"
#include "ui/settings/librarybox.h"

using namespace Blockhaus;
using namespace Blockhaus::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int waitBoundMs = 30'000;
constexpr int served = 20; // files the upstream has
constexpr int unknown = 2; // files of the catalogue the upstream answers 404 for

QPushButton *buttonNamed(const QWidget &box, const QString &accessibleName)
{
    for (QPushButton *button : box.findChildren<QPushButton *>())
        if (button->accessibleName() == accessibleName)
            return button;
    return nullptr;
}

QString labelText(const QWidget &box, const QString &accessibleName)
{
    for (QLabel *label : box.findChildren<QLabel *>())
        if (label->accessibleName() == accessibleName)
            return label->text();
    return {};
}

} // namespace

class TestLibraryBox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void downloadPausesResumesAndSaysWhatIsMissing();

private:
    FakeUpstream m_upstream;
    QTemporaryDir m_dataDir;
    QTemporaryDir m_webRoot;
    std::unique_ptr<App::ServerController> m_server;
};

void TestLibraryBox::initTestCase()
{
    QVERIFY(m_upstream.listen());
    // Slow enough that a pause lands in the middle of the download.
    m_upstream.setDelayMs(150);
    QVERIFY(m_dataDir.isValid() && m_webRoot.isValid());
    QJsonArray costumes;
    for (int i = 0; i < served + unknown; ++i) {
        const QByteArray bytes = "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba
            + QByteArray::number(i) + " --></svg>"_ba;
        const QString name = md5ext(bytes, u"svg"_s);
        if (i < served)
            m_upstream.serve(name, bytes);
        costumes.append(QJsonObject{{u"name"_s, u"Costume %1"_s.arg(i)}, {u"md5ext"_s, name}});
    }
    QVERIFY(QDir(m_webRoot.path()).mkpath(u"libraries"_s));
    QFile catalogue(m_webRoot.path() + u"/libraries/costumes.json"_s);
    QVERIFY(catalogue.open(QIODevice::WriteOnly));
    QVERIFY(catalogue.write(QJsonDocument(costumes).toJson()) > 0);
    catalogue.close();

    App::Options options = inProcessServerOptions(m_dataDir.path(), u"library-box-admin-1"_s);
    options.headless = false;
    options.webRoot = m_webRoot.path();
    options.libraryUpstream = m_upstream.urlTemplate();
    m_server = std::make_unique<App::ServerController>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestLibraryBox::cleanupTestCase()
{
    m_server.reset();
}

void TestLibraryBox::downloadPausesResumesAndSaysWhatIsMissing()
{
    Ui::LibraryBox box(m_server->maintenanceService());
    box.show();
    QTRY_VERIFY_WITH_TIMEOUT(box.state().known, waitBoundMs);
    QCOMPARE(box.state().total, served + unknown);
    QCOMPARE(box.state().cached, 0);
    QVERIFY2(labelText(box, u"Scratch library on this computer"_s).startsWith(u"0 of 22"_s),
             qPrintable(labelText(box, u"Scratch library on this computer"_s)));

    QPushButton *download = buttonNamed(box, u"Download the Scratch library for offline use"_s);
    QVERIFY(download);
    QVERIFY(download->isEnabled());
    download->click();
    // Progress is shown while it runs; then the teacher pauses.
    QTRY_VERIFY_WITH_TIMEOUT(box.state().filling && box.state().done > 0, waitBoundMs);
    QVERIFY(box.findChild<QProgressBar *>()->isVisible());
    QPushButton *pause = buttonNamed(box, u"Pause the download"_s);
    QVERIFY(pause);
    pause->click();
    QTRY_VERIFY_WITH_TIMEOUT(!box.state().filling, waitBoundMs);
    QPushButton *resume = buttonNamed(box, u"Resume the download"_s);
    QVERIFY(resume);
    QVERIFY(box.state().cached < served);
    const int requestsBeforeResume = m_upstream.requestCount();

    // Resume continues from what is cached: no file is downloaded twice.
    resume->click();
    QTRY_VERIFY_WITH_TIMEOUT(box.state().cached == served && !box.state().filling, waitBoundMs);
    QVERIFY(m_upstream.requestCount() - requestsBeforeResume <= served + unknown);
    for (int i = 0; i < served; ++i) {
        const QByteArray bytes = "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- "_ba
            + QByteArray::number(i) + " --></svg>"_ba;
        QCOMPARE(m_upstream.requestCount(md5ext(bytes, u"svg"_s)), 1);
    }
    // The result in words: what is here, and what could not be downloaded.
    QTRY_COMPARE_WITH_TIMEOUT(labelText(box, u"Library download result"_s),
                              u"20 of 22 library files are on this computer; 2 could not be "
                              "downloaded: no internet?"_s,
                              waitBoundMs);
    QVERIFY(buttonNamed(box, u"Download the Scratch library for offline use"_s));

    // One file for a USB stick, and back: everything is already here, so nothing is added.
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString archive = out.filePath(u"scratch-library.zip"_s);
    QVERIFY(buttonNamed(box, u"Export the library to a file"_s));
    box.exportTo(archive);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(box, u"Library download result"_s),
                              u"Library files saved: 20. Copy the file to another computer and "
                              "import it there."_s,
                              waitBoundMs);
    QVERIFY(QFile::exists(archive));
    QVERIFY(buttonNamed(box, u"Import the library from a file"_s));
    box.importFrom(archive);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(box, u"Library download result"_s),
                              u"Library files added: 0; already on this computer: 20."_s,
                              waitBoundMs);
}

QTEST_MAIN(TestLibraryBox)
#include "tst_librarybox.moc"
