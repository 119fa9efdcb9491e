// SPDX-License-Identifier: AGPL-3.0-or-later
// Validation of a Scratch 3 project.json and the assets it names.
#pragma once

#include <QByteArray>
#include <QStringList>

#include "server/core/result.h"

namespace Blockhaus::Sb3 {

struct ProjectInfo
{
    QStringList assetRefs; // md5ext of every costume and sound, in order of appearance
};

// Accepts a JSON object with a "targets" array holding exactly one stage, every target with
// "costumes" and "sounds" arrays whose entries name an asset (md5ext, or assetId + dataFormat),
// and "meta.semver" 3.x. Anything else is Unprocessable with a sentence saying what is wrong.
Result<ProjectInfo> validateProject(const QByteArray &body);

} // namespace Blockhaus::Sb3
