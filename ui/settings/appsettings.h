// SPDX-License-Identifier: AGPL-3.0-or-later
// AppSettings: the teacher's choices that outlive a run (port, data folder, interface language),
// kept in QSettings as organization "Blockhaus", application "Blockhaus". app/main.cpp reads
// them at start; the command line and BLOCKHAUS_LANGUAGE win over them.
#pragma once

#include <QSettings>
#include <QString>

namespace Blockhaus::Ui {

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

    // Writes pending changes to disk; false when they could not be stored.
    bool sync();
    QString fileName() const { return m_settings.fileName(); }

private:
    QSettings m_settings;
};

} // namespace Blockhaus::Ui
