// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/core/filebody.h"

#include <QFile>

namespace Blockhaus::Core {

FileBody::FileBody(QString filePath, qint64 fileSize, bool temporary)
    : path(std::move(filePath))
    , size(fileSize)
    , removeWhenDone(temporary)
{
}

FileBody::~FileBody()
{
    if (removeWhenDone)
        QFile::remove(path);
}

} // namespace Blockhaus::Core
