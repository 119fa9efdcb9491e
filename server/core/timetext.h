// SPDX-License-Identifier: AGPL-3.0-or-later
// Timestamps as stored: ISO-8601 UTC with milliseconds, so that text order is time order.
#pragma once

#include <QDateTime>
#include <QString>

namespace Blockhaus::Core {

QString nowText();
QString toText(const QDateTime &time);
// The API form: seconds precision, "Z" suffix.
QString toApiTime(const QString &stored);
QDateTime fromText(const QString &stored);

} // namespace Blockhaus::Core
