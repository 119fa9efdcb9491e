// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/appicon.h"

#include <array>

#include <QString>

namespace Blockhaus::Ui {

using namespace Qt::StringLiterals;

QIcon applicationIcon()
{
    // Keep in step with resources/icons/CMakeLists.txt and tools/make-icons.py.
    static constexpr std::array sizes{16, 32, 48, 64, 128, 256};
    QIcon icon;
    for (const int size : sizes)
        icon.addFile(u":/icons/blockhaus-%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

} // namespace Blockhaus::Ui
