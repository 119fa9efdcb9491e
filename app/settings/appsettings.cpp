// SPDX-License-Identifier: AGPL-3.0-or-later
#include "app/settings/appsettings.h"

namespace Blockhaus::App {

using namespace Qt::StringLiterals;

namespace {
const QString languageKey = u"interface/language"_s;
const QString portKey = u"server/port"_s;
const QString dataDirectoryKey = u"server/dataDirectory"_s;
} // namespace

// Named explicitly rather than through QCoreApplication, so that the same store is used before
// main() has set the application's names and in tests.
AppSettings::AppSettings()
    : m_settings(QSettings::UserScope, u"Blockhaus"_s, u"Blockhaus"_s)
{
}

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QString AppSettings::language() const
{
    const QString language = m_settings.value(languageKey).toString();
    // Anything else (a hand-edited file, a language dropped later) follows the system.
    return language == u"de"_s || language == u"en"_s ? language : QString();
}

void AppSettings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings.remove(languageKey);
    else
        m_settings.setValue(languageKey, language);
}

quint16 AppSettings::port() const
{
    bool ok = false;
    const int port = m_settings.value(portKey).toInt(&ok);
    return ok && port > 0 && port <= 65535 ? static_cast<quint16>(port) : 0;
}

void AppSettings::setPort(quint16 port)
{
    if (port == 0)
        m_settings.remove(portKey);
    else
        m_settings.setValue(portKey, port);
}

QString AppSettings::dataDirectory() const
{
    return m_settings.value(dataDirectoryKey).toString();
}

void AppSettings::setDataDirectory(const QString &directory)
{
    if (directory.isEmpty())
        m_settings.remove(dataDirectoryKey);
    else
        m_settings.setValue(dataDirectoryKey, directory);
}

std::optional<QString> AppSettings::text(const QString &key) const
{
    if (!m_settings.contains(key))
        return std::nullopt;
    return m_settings.value(key).toString();
}

bool AppSettings::sync()
{
    m_settings.sync();
    return m_settings.status() == QSettings::NoError;
}

} // namespace Blockhaus::App
