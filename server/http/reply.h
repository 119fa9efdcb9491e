// SPDX-License-Identifier: AGPL-3.0-or-later
// A response as a value: status, headers, body.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Blockhaus::Http {

struct Reply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
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
};

QByteArray reasonPhrase(int status);

} // namespace Blockhaus::Http
