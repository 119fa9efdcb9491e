// SPDX-License-Identifier: AGPL-3.0-or-later
// Who the dashboard acts as: the teacher at this computer, through the built-in administrator.
#pragma once

#include "server/core/result.h"
#include "server/core/types.h"
#include "server/service/work.h"

namespace Blockhaus::Service {

// The username of the administrator made at first start.
inline constexpr char16_t localAdministratorName[] = u"admin";

// The caller the dashboard's operations are made as. Looked up on every call, so a disabled or
// missing account stops the dashboard too (Forbidden, with a sentence saying so).
Result<Core::Caller> dashboardCaller(Work &work);

} // namespace Blockhaus::Service
