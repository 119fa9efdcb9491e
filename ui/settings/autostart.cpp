// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/settings/autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace Blockhaus::Ui::Autostart {

using namespace Qt::StringLiterals;

namespace {

#if defined(Q_OS_WIN)

// HKCU\...\Run: programs Windows starts when this user logs in; no administrator rights needed.
const QString runKey = u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s;
const QString runValue = u"Blockhaus"_s;

#elif defined(Q_OS_MACOS)

const QString agentLabel = u"org.blockhaus.Blockhaus"_s;

QString agentPath()
{
    return QDir::homePath() + u"/Library/LaunchAgents/"_s + agentLabel + u".plist"_s;
}

#elif defined(Q_OS_UNIX)

// XDG autostart: $XDG_CONFIG_HOME/autostart (the generic config folder, without the application's
// own subfolder). QStandardPaths honours its test mode here, so tests never touch the real one.
QString desktopEntryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/autostart/blockhaus.desktop"_s;
}

// Exec= quoting of the Desktop Entry Specification: a path with reserved characters is quoted,
// with ", `, $ and \ escaped; then the value itself escapes \ once more, and % is doubled.
QString execValue(const QString &program)
{
    static const QString reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    bool needsQuotes = false;
    for (const QChar c : program)
        needsQuotes = needsQuotes || reserved.contains(c);
    QString argument = program;
    if (needsQuotes) {
        QString quoted;
        for (const QChar c : program) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                quoted += u'\\';
            quoted += c;
        }
        argument = u'"' + quoted + u'"';
    }
    argument.replace(u"\\"_s, u"\\\\"_s);
    argument.replace(u"%"_s, u"%%"_s);
    return argument;
}

#endif

} // namespace

QString currentProgram()
{
    // An AppImage runs from a temporary mount that is gone after the next log-in.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty() && QFileInfo(appImage).isFile())
        return appImage;
    return QCoreApplication::applicationFilePath();
}

#if defined(Q_OS_WIN)

bool isSupported()
{
    return true;
}

QString location()
{
    return runKey + u"\\"_s + runValue;
}

bool isEnabled()
{
    return QSettings(runKey, QSettings::NativeFormat).contains(runValue);
}

bool setEnabled(bool enabled, const QString &program, QString *errorText)
{
    QSettings run(runKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(runValue, u"\""_s + QDir::toNativeSeparators(program) + u"\""_s);
    else
        run.remove(runValue);
    run.sync();
    if (run.status() != QSettings::NoError) {
        if (errorText)
            *errorText = QCoreApplication::translate("Blockhaus::Ui::Autostart",
                                                     "Windows did not accept the change.");
        return false;
    }
    return true;
}

#elif defined(Q_OS_MACOS)

bool isSupported()
{
    return true;
}

QString location()
{
    return agentPath();
}

bool isEnabled()
{
    return QFileInfo::exists(agentPath());
}

bool setEnabled(bool enabled, const QString &program, QString *errorText)
{
    const QString path = agentPath();
    if (!enabled) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        if (errorText)
            *errorText =
                QCoreApplication::translate("Blockhaus::Ui::Autostart", "%1 could not be removed.")
                    .arg(path);
        return false;
    }
    // Inside an app bundle the executable sits in Contents/MacOS; launchd starts it directly.
    const QString plist =
        u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<plist version=\"1.0\">\n<dict>\n"
        "  <key>Label</key>\n  <string>%1</string>\n"
        "  <key>ProgramArguments</key>\n  <array>\n    <string>%2</string>\n  </array>\n"
        "  <key>RunAtLoad</key>\n  <true/>\n"
        "</dict>\n</plist>\n"_s.arg(agentLabel, program.toHtmlEscaped());
    QSaveFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly)
        || file.write(plist.toUtf8()) < 0 || !file.commit()) {
        if (errorText)
            *errorText =
                QCoreApplication::translate("Blockhaus::Ui::Autostart", "%1 could not be written.")
                    .arg(path);
        return false;
    }
    return true;
}

#elif defined(Q_OS_UNIX)

bool isSupported()
{
    return true;
}

QString location()
{
    return desktopEntryPath();
}

bool isEnabled()
{
    return QFileInfo::exists(desktopEntryPath());
}

bool setEnabled(bool enabled, const QString &program, QString *errorText)
{
    const QString path = desktopEntryPath();
    if (!enabled) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        if (errorText)
            *errorText =
                QCoreApplication::translate("Blockhaus::Ui::Autostart", "%1 could not be removed.")
                    .arg(path);
        return false;
    }
    const QString entry = u"[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Blockhaus\n"
                          "Comment=Scratch classroom server\n"
                          "Exec=%1\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n"_s.arg(execValue(program));
    // QSaveFile: a desktop session never reads a half-written entry.
    QSaveFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly)
        || file.write(entry.toUtf8()) < 0 || !file.commit()) {
        if (errorText)
            *errorText =
                QCoreApplication::translate("Blockhaus::Ui::Autostart", "%1 could not be written.")
                    .arg(path);
        return false;
    }
    return true;
}

#else

bool isSupported()
{
    return false;
}

QString location()
{
    return {};
}

bool isEnabled()
{
    return false;
}

bool setEnabled(bool, const QString &, QString *errorText)
{
    if (errorText)
        *errorText = QCoreApplication::translate("Blockhaus::Ui::Autostart",
                                                 "This is not available on this system.");
    return false;
}

#endif

} // namespace Blockhaus::Ui::Autostart
