// SPDX-License-Identifier: AGPL-3.0-or-later
// A response as a value: status, headers, body.
#pragma once

#include <memory>

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include "server/core/filebody.h"

namespace Blockhaus::Http {

// A reply body on disk, streamed to the client in chunks by the connection instead of being held
// in memory (large static files, .sb3 exports); see core/filebody.h.
using ReplyFile = Core::FileBody;

struct Reply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body; // ignored when file is set
    std::shared_ptr<const ReplyFile> file;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool closeConnection = false;

    Reply &addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
        return *this;
    }
    static Reply json(int status, const QJsonObject &object);
    static Reply json(int status, const QJsonArray &array);
    static Reply bytes(int status, const QByteArray &contentType, const QByteArray &body);
    static Reply noContent();
    static Reply fromFile(int status, const QByteArray &contentType,
                          std::shared_ptr<const ReplyFile> file);
    qint64 bodySize() const { return file ? file->size : body.size(); }
};

QByteArray reasonPhrase(int status);

} // namespace Blockhaus::Http
