// SPDX-License-Identifier: AGPL-3.0-or-later
// Logging category of the database layer.
#pragma once

#include <QLoggingCategory>

namespace Blockhaus::Db {
Q_DECLARE_LOGGING_CATEGORY(lcDb)
} // namespace Blockhaus::Db
