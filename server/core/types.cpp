// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/core/types.h"

namespace Blockhaus::Core {

using namespace Qt::StringLiterals;

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

QString copyStateToString(CopyState state)
{
    switch (state) {
    case CopyState::InProgress:
        return u"in_progress"_s;
    case CopyState::HandedIn:
        return u"handed_in"_s;
    case CopyState::Returned:
        return u"returned"_s;
    case CopyState::NotStarted:
        break;
    }
    return u"not_started"_s;
}

CopyState copyStateFromString(const QString &text)
{
    if (text == u"in_progress"_s)
        return CopyState::InProgress;
    if (text == u"handed_in"_s)
        return CopyState::HandedIn;
    if (text == u"returned"_s)
        return CopyState::Returned;
    return CopyState::NotStarted;
}

} // namespace Blockhaus::Core
