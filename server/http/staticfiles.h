// SPDX-License-Identifier: AGPL-3.0-or-later
// StaticFiles serves the students' web pages from the web root (GET outside /api/).
#pragma once

#include <QString>

#include "server/http/reply.h"
#include "server/http/request.h"

namespace Blockhaus::Http {

class StaticFiles
{
public:
    explicit StaticFiles(QString webRoot);
    Reply serve(const RequestContext &context) const;

private:
    QString m_root; // canonical path, empty when there is no web root
};

} // namespace Blockhaus::Http
