// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/store/clock.h"

#include "server/store/types.h"

namespace Blockhaus::Store {

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

Role roleFromString(const QString &text, bool *ok)
{
    if (ok)
        *ok = true;
    if (text == u"admin"_s)
        return Role::Admin;
    if (text == u"teacher"_s)
        return Role::Teacher;
    if (ok && text != u"student"_s)
        *ok = false;
    return Role::Student;
}

QString roleToString(Role role)
{
    switch (role) {
    case Role::Admin:
        return u"admin"_s;
    case Role::Teacher:
        return u"teacher"_s;
    case Role::Student:
        break;
    }
    return u"student"_s;
}

} // namespace Blockhaus::Store
