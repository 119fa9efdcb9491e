// SPDX-License-Identifier: AGPL-3.0-or-later
// Service::Maintenance on a real SQLite database: only an administrator may back up, a blank
// target is refused before any file is touched, a backup is a consistent copy that a restore
// puts back in place (keeping the database it replaces), and a file that is not a Blockhaus
// backup changes nothing. Every refusal carries a marked sentence with its parts, so the
// dashboard and the command line can show it in the teacher's language.
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "server/core/sentence.h"
#include "server/db/connectionpool.h"
#include "server/db/migrations.h"
#include "server/service/maintenance.h"
#include "server/service/runner.h"

using namespace Qt::StringLiterals;
using namespace Blockhaus;

namespace {

Core::Caller callerWith(Core::Role role)
{
    return {7, role, u"someone"_s, u"Someone"_s, {}};
}

// Opens a database file with Qt's SQLite driver and answers one query's first value.
QVariant valueIn(const QString &path, const QString &sql)
{
    static int serial = 0;
    const QString name = u"tst-maintenance-%1"_s.arg(++serial);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// Knows one "Sentence" template, as a catalogue does: "[de] " + the template. A sentence that
// was filled in before translation (not marked with its parts) is not found in it.
class OneSentenceTranslator : public QTranslator
{
public:
    explicit OneSentenceTranslator(const char *source)
        : m_source(source)
    {
    }
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char * = nullptr,
                      int = -1) const override
    {
        if (qstrcmp(context, "Sentence") != 0 || qstrcmp(sourceText, m_source) != 0)
            return {};
        return u"[de] "_s + QString::fromUtf8(sourceText);
    }

private:
    const char *m_source;
};

} // namespace

class TestMaintenance : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void anAdministratorGetsAConsistentCopy();
    void onlyAnAdministratorMayBackUp_data();
    void onlyAnAdministratorMayBackUp();
    void aBlankTargetIsRefused_data();
    void aBlankTargetIsRefused();
    void aMissingFolderIsNamedInTheTeachersLanguage();
    void aRestorePutsTheBackupInPlaceAndKeepsTheOldDatabase();
    void whatIsNotABlockhausBackupChangesNothing_data();
    void whatIsNotABlockhausBackupChangesNothing();

private:
    Result<QString> backUp(const Core::Caller &caller, const QString &target);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Db::ConnectionPool> m_pool;
    std::unique_ptr<Service::Runner> m_runner;
};

void TestMaintenance::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Db::DbConfig config;
    config.sqlitePath = m_dir->filePath(u"live.sqlite3"_s);
    config.poolSize = 2;
    m_pool = std::make_unique<Db::ConnectionPool>(config);
    m_runner = std::make_unique<Service::Runner>(*m_pool);
    auto migrated =
        m_pool->runSync<int>([](Db::Connection &db) { return Db::Migrations::migrate(db); });
    QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
}

void TestMaintenance::cleanup()
{
    m_runner.reset();
    m_pool.reset();
    m_dir.reset();
}

Result<QString> TestMaintenance::backUp(const Core::Caller &caller, const QString &target)
{
    return m_runner->runSync<QString>([&caller, &target](Service::Work &work) {
        return Service::Maintenance().backup(work, caller, target);
    });
}

void TestMaintenance::anAdministratorGetsAConsistentCopy()
{
    const QString target = m_dir->filePath(u"copy.sqlite3"_s);
    int steps = 0;
    auto backup = m_runner->runSync<QString>([&](Service::Work &work) {
        return Service::Maintenance().backup(work, callerWith(Core::Role::Admin), target,
                                             [&steps](int, int) { return ++steps > 0; });
    });
    QVERIFY2(backup.ok(), qPrintable(backup.ok() ? QString() : backup.error().message));
    QCOMPARE(QDir::cleanPath(*backup), QDir::cleanPath(target));
    QVERIFY(steps > 0);
    QCOMPARE(valueIn(target, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    QCOMPARE(
        valueIn(target, u"SELECT value FROM schema_meta WHERE key = 'schema_version'"_s).toInt(),
        Db::Migrations::latestVersion(Db::Driver::Sqlite));
}

void TestMaintenance::onlyAnAdministratorMayBackUp_data()
{
    QTest::addColumn<Core::Role>("role");
    QTest::newRow("teacher") << Core::Role::Teacher;
    QTest::newRow("student") << Core::Role::Student;
}

void TestMaintenance::onlyAnAdministratorMayBackUp()
{
    QFETCH(Core::Role, role);
    const QString target = m_dir->filePath(u"refused.sqlite3"_s);
    auto backup = backUp(callerWith(role), target);
    QVERIFY(!backup.ok());
    QCOMPARE(backup.error().kind, ErrorKind::Forbidden);
    QVERIFY2(backup.error().message.contains(u"administrator"_s),
             qPrintable(backup.error().message));
    QVERIFY(!QFile::exists(target));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(u"refused"_s),
             QStringList());
}

void TestMaintenance::aBlankTargetIsRefused_data()
{
    QTest::addColumn<QString>("target");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << u"   "_s;
}

void TestMaintenance::aBlankTargetIsRefused()
{
    QFETCH(QString, target);
    const QStringList before = QDir::current().entryList(QDir::Files | QDir::Hidden);
    auto backup = backUp(callerWith(Core::Role::Admin), target);
    QVERIFY(!backup.ok());
    QCOMPARE(backup.error().kind, ErrorKind::BadRequest);
    QCOMPARE(backup.error().message, u"Choose a file name for the backup."_s);
    QCOMPARE(QDir::current().entryList(QDir::Files | QDir::Hidden), before);
}

void TestMaintenance::aMissingFolderIsNamedInTheTeachersLanguage()
{
    const QString folder = m_dir->filePath(u"no such folder"_s);
    auto backup = backUp(callerWith(Core::Role::Admin), folder + u"/copy.sqlite3"_s);
    QVERIFY(!backup.ok());
    QCOMPARE(backup.error().kind, ErrorKind::BadRequest);
    // The API and the log get English with the folder filled in ...
    QCOMPARE(backup.error().message,
             u"The folder %1 does not exist."_s.arg(QDir::toNativeSeparators(folder)));
    QCOMPARE(backup.error().source, QByteArray("The folder %1 does not exist."));
    // ... the dashboard the translated template with the same part.
    OneSentenceTranslator german("The folder %1 does not exist.");
    QVERIFY(QCoreApplication::installTranslator(&german));
    const QString shown = Core::translatedMessage(backup.error());
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(shown, u"[de] The folder %1 does not exist."_s.arg(QDir::toNativeSeparators(folder)));
}

void TestMaintenance::aRestorePutsTheBackupInPlaceAndKeepsTheOldDatabase()
{
    const QString backupPath = m_dir->filePath(u"copy.sqlite3"_s);
    QVERIFY(backUp(callerWith(Core::Role::Admin), backupPath).ok());

    // Another data folder, its server stopped: first a restore into an empty folder, then one
    // over the database that restore made.
    const QString folder = m_dir->filePath(u"other"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString database = folder + u"/blockhaus.sqlite3"_s;
    const QString safety = folder + u"/backups"_s;
    const Service::Maintenance maintenance;
    auto first = maintenance.restore(backupPath, database, safety);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first->schemaVersion, Db::Migrations::latestVersion(Db::Driver::Sqlite));
    QCOMPARE(first->bytes, QFileInfo(backupPath).size());
    QVERIFY(first->safetyCopy.isEmpty());
    QCOMPARE(valueIn(database, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);

    auto second = maintenance.restore(backupPath, database, safety);
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QVERIFY(!second->safetyCopy.isEmpty());
    QVERIFY(second->safetyCopy.startsWith(safety));
    QCOMPARE(valueIn(second->safetyCopy, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
}

void TestMaintenance::whatIsNotABlockhausBackupChangesNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<ErrorKind>("errorKind");
    QTest::addColumn<QString>("source"); // the marked template
    QTest::newRow("no name") << u"blank"_s << ErrorKind::BadRequest
                             << u"Name the backup file to restore."_s;
    QTest::newRow("missing") << u"missing"_s << ErrorKind::NotFound << u"There is no file %1."_s;
    QTest::newRow("newer") << u"newer"_s << ErrorKind::Unprocessable
                           << u"%1 was written by a newer Blockhaus (schema %2, this one knows "
                              "%3). Update Blockhaus first."_s;
}

void TestMaintenance::whatIsNotABlockhausBackupChangesNothing()
{
    QFETCH(QString, kind);
    QFETCH(ErrorKind, errorKind);
    QFETCH(QString, source);
    QString candidate = m_dir->filePath(u"candidate.sqlite3"_s);
    if (kind == u"blank"_s) {
        candidate.clear();
    } else if (kind == u"newer"_s) {
        QVERIFY(backUp(callerWith(Core::Role::Admin), candidate).ok());
        valueIn(candidate, u"UPDATE schema_meta SET value = '999' WHERE key = 'schema_version'"_s);
        QCOMPARE(valueIn(candidate, u"SELECT value FROM schema_meta"_s).toInt(), 999);
    }
    m_runner.reset();
    m_pool.reset(); // the server is stopped for a restore (and its log folded in)
    const QString database = m_dir->filePath(u"live.sqlite3"_s);
    const QByteArray before = [&database] {
        QFile file(database);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(!before.isEmpty());

    auto restored = Service::Maintenance().restore(candidate, database, m_dir->filePath(u"b"_s));
    QVERIFY(!restored.ok());
    QCOMPARE(restored.error().kind, errorKind);
    QCOMPARE(QString::fromUtf8(restored.error().source), source);
    if (kind != u"blank"_s) // said of the teacher's file, never of Blockhaus' working copy
        QCOMPARE(restored.error().args.value(0), QDir::toNativeSeparators(candidate));
    QFile file(database);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"b"_s)));
}

QTEST_GUILESS_MAIN(TestMaintenance)
#include "tst_maintenance.moc"
