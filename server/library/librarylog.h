// SPDX-License-Identifier: AGPL-3.0-or-later
// Logging category of the library cache.
#pragma once

#include <QLoggingCategory>

namespace Blockhaus::Library {
Q_DECLARE_LOGGING_CATEGORY(lcLibrary)
} // namespace Blockhaus::Library
