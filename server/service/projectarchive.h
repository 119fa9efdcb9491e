// SPDX-License-Identifier: AGPL-3.0-or-later
// A stored project as an .sb3 archive: the one code path behind GET /api/v1/projects/{id}/sb3
// and the dashboard's class export, so both hold the same entries.
#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

#include "server/core/filebody.h"
#include "server/core/result.h"
#include "server/core/types.h"

namespace Blockhaus::Db {
class Connection;
}

namespace Blockhaus::Service {

struct ProjectArchive
{
    QString title;
    QByteArray sb3; // project.json plus every asset it names
};

// Reads the project as caller (who must be allowed to read it; a trashed project is NotFound)
// and writes its current version with every asset it names. Runs on a worker thread.
Result<ProjectArchive> projectArchive(Db::Connection &db, const Core::Caller &caller, qint64 id);

struct ProjectArchiveFile
{
    QString title;
    // A temporary file, removed when the last reply holding it is gone (sent or not).
    std::shared_ptr<const Core::FileBody> file;
};

// The same archive written to a temporary file with one asset in memory at a time, so a large
// project is neither built nor held in memory while a slow client downloads it. Runs on a
// worker thread.
Result<ProjectArchiveFile> projectArchiveFile(Db::Connection &db, const Core::Caller &caller,
                                              qint64 id);

} // namespace Blockhaus::Service
