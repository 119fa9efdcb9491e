// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/core/text.h"

namespace Blockhaus::Core {

QString cleanTitle(const QString &title, const QString &fallback)
{
    QString clean;
    for (QChar c : title) {
        if (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format)
            clean += c;
    }
    clean = clean.simplified().left(200);
    return clean.isEmpty() ? fallback : clean;
}

} // namespace Blockhaus::Core
