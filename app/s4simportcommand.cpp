// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/s4simportcommand.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>

#include "app/datafolder.h"
#include "app/starterror.h"
#include "server/core/sentence.h"
#include "server/service/s4simport.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;
using Service::S4sItem;

namespace {

void printLine(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
}

// The item's kind as the report names it.
QString kindName(const QString &kind)
{
    if (kind == u"account"_s)
        return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "account");
    if (kind == u"class"_s)
        return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "class");
    if (kind == u"member"_s)
        return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "class member");
    if (kind == u"project"_s)
        return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "project");
    return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "backpack item");
}

QString describe(const S4sItem &item)
{
    return QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "%1 %2 \u201c%3\u201d")
        .arg(kindName(item.kind), item.sourceId, item.label);
}

// One line per item, flushed at once: a script (and the test of a killed run) follows them.
void printProgress(const S4sItem &item)
{
    switch (item.outcome) {
    case S4sItem::Outcome::Imported:
        printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "imported %1")
                      .arg(describe(item)));
        break;
    case S4sItem::Outcome::AlreadyThere:
        printLine(
            QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "already there %1")
                .arg(describe(item)));
        break;
    case S4sItem::Outcome::Skipped:
        printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "skipped %1: %2")
                      .arg(describe(item), Core::translatedMessage(item.reason)));
        break;
    }
    std::fflush(stdout);
}

void printReport(const Service::S4sImportReport &report)
{
    using Outcome = S4sItem::Outcome;
    printLine(QString());
    printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand",
                                          "Report of the import from Scratch4School:"));
#define KIND_TITLE(text) QT_TRANSLATE_NOOP("Blockhaus::App::S4sImportCommand", text)
    const QList<std::pair<QString, const char *>> kinds = {
        {u"account"_s, KIND_TITLE("Accounts")},
        {u"class"_s, KIND_TITLE("Classes (Scratch4School groups)")},
        {u"member"_s, KIND_TITLE("Class members")},
        {u"project"_s, KIND_TITLE("Projects")},
        {u"backpack"_s, KIND_TITLE("Backpack items")}};
#undef KIND_TITLE
    int importedNow = 0;
    int skipped = 0;
    for (const auto &[kind, title] : kinds) {
        const int imported = report.count(kind, Outcome::Imported);
        importedNow += imported;
        skipped += report.count(kind, Outcome::Skipped);
        printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand",
                                              "    %1: %2 imported, %3 already there, %4 skipped")
                      .arg(QCoreApplication::translate("Blockhaus::App::S4sImportCommand", title))
                      .arg(imported)
                      .arg(report.count(kind, Outcome::AlreadyThere))
                      .arg(report.count(kind, Outcome::Skipped)));
    }
    if (skipped > 0) {
        printLine(
            QCoreApplication::translate("Blockhaus::App::S4sImportCommand", "Skipped, and why:"));
        for (const S4sItem &item : report.items) {
            if (item.outcome == Outcome::Skipped)
                printLine(u"    "_s + describe(item) + u": "_s
                          + Core::translatedMessage(item.reason));
        }
    }
    bool remarks = false;
    for (const S4sItem &item : report.items) {
        if (!item.hasRemark)
            continue;
        if (!remarks)
            printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand",
                                                  "Imported with a remark:"));
        remarks = true;
        printLine(u"    "_s + describe(item) + u": "_s + Core::translatedMessage(item.reason));
    }
    printLine(QCoreApplication::translate(
                  "Blockhaus::App::S4sImportCommand",
                  "Not imported, as Blockhaus has no place for them: %1 projects in "
                  "Scratch4School's trash, %2 older versions (earlier commits and other "
                  "users' working copies; each project comes with its newest version), %3 "
                  "assignments with %4 submissions, %5 shares of projects with users or "
                  "groups.")
                  .arg(report.trashedProjects)
                  .arg(report.olderVersions)
                  .arg(report.assignments)
                  .arg(report.assignmentSubmissions)
                  .arg(report.projectPermissions));
    printLine(QCoreApplication::translate(
        "Blockhaus::App::S4sImportCommand",
        "Passwords are not imported: Scratch4School signs people in through the "
        "school's sign-in. The imported accounts cannot sign in to Blockhaus with a "
        "password until a teacher sets one (dashboard: the Students tab, a student, "
        "Reset password)."));
    if (importedNow == 0 && !report.stopped)
        printLine(QCoreApplication::translate(
            "Blockhaus::App::S4sImportCommand",
            "Everything importable was already there: nothing was changed."));
}

} // namespace

int runS4sImport(const Options &options)
{
    StartError error;
    // Like --restore: with the folder locked no Blockhaus can start on it meanwhile, and a
    // running one makes this refuse. With PostgreSQL the lock still keeps a Blockhaus started on
    // this folder away; items are transactions of their own either way.
    const auto lock = lockDataFolder(options.dataDir, &error);
    if (!lock) {
        std::fprintf(stderr, "blockhaus: %s\n", qPrintable(error.message));
        return ExitStartFailed;
    }
    const Service::S4sImportSource source{options.importS4s, options.databasePassword,
                                          options.s4sUploads};
    const Service::S4sImportTarget target{databaseFile(options.dataDir),
                                          backupFolder(options.dataDir), options.database,
                                          options.databasePassword};
    printLine(QCoreApplication::translate("Blockhaus::App::S4sImportCommand",
                                          "Importing from Scratch4School: %1, uploads folder %2")
                  .arg(options.importS4s.startsWith(u"postgres"_s)
                           ? options.importS4s.section(u'@', -1)
                           : QDir::toNativeSeparators(options.importS4s),
                       QDir::toNativeSeparators(options.s4sUploads)));
    std::fflush(stdout);
    auto report = Service::S4sImport::run(source, target, printProgress);
    if (!report) {
        std::fprintf(stderr, "blockhaus: %s\n",
                     qPrintable(Core::translatedMessage(report.error())));
        if (report.error().kind == ErrorKind::Internal && !report.error().message.isEmpty())
            std::fprintf(stderr, "blockhaus: %s\n", qPrintable(report.error().message));
        return ExitStartFailed;
    }
    printReport(*report);
    std::fflush(stdout);
    if (report->stopped) {
        std::fprintf(stderr, "blockhaus: %s\n",
                     qPrintable(QCoreApplication::translate(
                                    "Blockhaus::App::S4sImportCommand",
                                    "The import stopped early: %1 Run it again to continue "
                                    "where it stopped.")
                                    .arg(Core::translatedMessage(report->stopReason))));
        if (!report->stopReason.message.isEmpty())
            std::fprintf(stderr, "blockhaus: %s\n", qPrintable(report->stopReason.message));
        return ExitStartFailed;
    }
    return ExitStopped;
}

} // namespace Blockhaus::App
