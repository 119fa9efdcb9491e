// SPDX-License-Identifier: AGPL-3.0-or-later
// Cleaning of names and titles that people type: one rule for every door.
#pragma once

#include <QString>

namespace Blockhaus::Core {

// Without control and format characters (no bidi tricks on a login card), whitespace
// simplified, at most 200 characters; fallback when nothing is left.
QString cleanTitle(const QString &title, const QString &fallback);

} // namespace Blockhaus::Core
