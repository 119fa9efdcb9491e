// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/core/timetext.h"

#include "server/core/types.h"

namespace Blockhaus::Core {

using namespace Qt::StringLiterals;

QString toText(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

QString nowText()
{
    return toText(QDateTime::currentDateTimeUtc());
}

QDateTime fromText(const QString &stored)
{
    // The stored text ends in "Z", so the parsed time is already UTC.
    return QDateTime::fromString(stored, Qt::ISODateWithMs);
}

QString toApiTime(const QString &stored)
{
    if (stored.isEmpty())
        return {};
    return fromText(stored).toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
}

} // namespace Blockhaus::Core
