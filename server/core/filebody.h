// SPDX-License-Identifier: AGPL-3.0-or-later
// A body that lives in a file (a large static file, an .sb3 export written to a temporary file),
// so that it is never held in memory whole. Shared by whoever holds it (the copies of an HTTP
// reply); a temporary file is removed when the last holder is gone, whether or not it was sent.
#pragma once

#include <QString>

namespace Blockhaus::Core {

struct FileBody
{
    QString path;
    qint64 size = 0; // the length promised; a file that changed size ends the transfer
    bool removeWhenDone = false;

    FileBody(QString filePath, qint64 fileSize, bool temporary);
    ~FileBody();
    FileBody(const FileBody &) = delete;
    FileBody &operator=(const FileBody &) = delete;
};

} // namespace Blockhaus::Core
