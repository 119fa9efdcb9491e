// SPDX-License-Identifier: AGPL-3.0-or-later
// Logging category of the HTTP layer.
#pragma once

#include <QLoggingCategory>

namespace Blockhaus::Http {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
} // namespace Blockhaus::Http
