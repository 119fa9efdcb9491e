// SPDX-License-Identifier: AGPL-3.0-or-later
// AppSettings: the teacher's choices that outlive a run (port, data folder, interface language,
// and values IT sets by hand such as quota/studentMB), kept in QSettings as organization
// "Blockhaus", application "Blockhaus". Its own small library (blockhaus_settings, Qt Core only)
// so that both builds read them: app/main.cpp at every start, headless or not (the command line
// and BLOCKHAUS_LANGUAGE win over them), and the dashboard's Settings tab, which edits them.
#pragma once

#include <optional>

#include <QSettings>
#include <QString>

namespace Blockhaus::App {

class AppSettings
{
public:
    // The user's settings (registry on Windows, plist on macOS, ~/.config/Blockhaus on Linux).
    AppSettings();
    // An INI file instead; for tests and portable setups.
    explicit AppSettings(const QString &iniFile);

    static constexpr quint16 defaultPort = 8601;

    // "" follows the system language; otherwise "de" or "en".
    QString language() const;
    void setLanguage(const QString &language);
    // 0: the default port (defaultPort).
    quint16 port() const;
    void setPort(quint16 port);
    // "": the default folder (the user's application data).
    QString dataDirectory() const;
    void setDataDirectory(const QString &directory);
    // A value saved under key that has no setter here (quota/studentMB, library/cacheMB: set by
    // IT in the settings file), as text; nullopt when nothing is saved under key.
    std::optional<QString> text(const QString &key) const;

    // Writes pending changes to disk; false when they could not be stored.
    bool sync();
    QString fileName() const { return m_settings.fileName(); }

private:
    QSettings m_settings;
};

} // namespace Blockhaus::App
