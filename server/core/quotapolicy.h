// SPDX-License-Identifier: AGPL-3.0-or-later
// How many bytes each user may store (#12): a setting of the server that both doors hand to the
// service, which applies it (store/storagequota.h checks a write against the limit).
#pragma once

#include <QtGlobal>

#include "server/core/types.h"

namespace Blockhaus::Core {

// The limits of one server. 0 means no limit.
struct QuotaPolicy
{
    static constexpr qint64 defaultStudentBytes = 200'000'000; // 200 MB
    qint64 studentBytes = defaultStudentBytes;
    // Teachers and admins are exempt unless a limit is configured for them: they run the
    // server on their own disk and import whole classes' work.
    qint64 staffBytes = 0;

    qint64 limitFor(Role role) const { return role == Role::Student ? studentBytes : staffBytes; }
};

} // namespace Blockhaus::Core
