// SPDX-License-Identifier: AGPL-3.0-or-later
// Fuzzes the handlers' request-body parsing on arbitrary bytes: the first byte picks the
// parser (login, class name, class patch, member ids, student names, share, backpack, new user,
// rename, If-Match, media type), the rest is the body or header value. Each parser must accept
// or answer an error of the kinds its route documents (400, 413, 415, 428), never crash, and
// what it accepts must hold the promised shape (and bounds, where the parser owns them).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>
#include <QJsonArray>

#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/http/request.h"

using namespace Blockhaus;
using namespace Blockhaus::Http;
using namespace Qt::StringLiterals;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

// Errors carry a kind from the given set and a sentence (empty only for kinds whose default
// sentence errors.cpp supplies).
void checkError(const Error &error, std::initializer_list<ErrorKind> allowed)
{
    bool known = false;
    for (ErrorKind kind : allowed)
        known = known || error.kind == kind;
    require(known);
    require(!error.message.isEmpty() || error.kind == ErrorKind::PayloadTooLarge);
}

template<typename T>
bool accepted(const Result<T> &result, std::initializer_list<ErrorKind> allowed)
{
    if (!result)
        checkError(result.error(), allowed);
    return result.ok();
}

void checkIds(const QList<qint64> &ids)
{
    for (qint64 id : ids)
        require(id >= 1);
}

void fuzzBody(std::uint8_t selector, const QJsonObject &body)
{
    constexpr auto bad = ErrorKind::BadRequest;
    switch (selector % 9) {
    // Names and credentials are only checked for their JSON type here; their bounds are
    // Service::Classroom's (tests/unit/service/tst_classroom.cpp).
    case 0:
        if (auto login = parseLoginBody(body); accepted(login, {bad}))
            require(body.value(u"username"_s).toString() == login->username);
        break;
    case 1:
        if (auto name = parseClassName(body.value(u"name"_s)); accepted(name, {bad}))
            require(body.value(u"name"_s).isString());
        break;
    case 2:
        if (auto patch = parseClassPatch(body); accepted(patch, {bad}) && patch->name)
            require(body.value(u"name"_s).isString());
        break;
    case 3:
        if (auto ids = parseIdList(body.value(u"user_ids"_s), u"user_ids"_s); accepted(ids, {bad}))
            checkIds(*ids);
        break;
    case 4:
        if (auto names = parseStudentNames(body); accepted(names, {bad}))
            require(names->size() == body.value(u"names"_s).toArray().size());
        break;
    case 5:
        if (auto groups = parseShareBody(body); accepted(groups, {bad})) {
            checkIds(*groups);
            for (qint64 id : std::as_const(*groups))
                require(groups->count(id) == 1);
        }
        break;
    case 6:
        // Only the shape: type, mime, sizes and the thumbnail's type are the service's rules.
        if (auto item = parseBackpackBody(body); accepted(item, {bad}))
            require(!item->data.isEmpty() && !item->thumbnail.isEmpty());
        break;
    case 7:
        if (auto user = parseNewUserBody(body); accepted(user, {bad}))
            require(user->password.has_value() == body.contains(u"password"_s));
        break;
    case 8:
        // The title as sent; cleaning it and refusing a blank one are the service's rules.
        if (auto title = parseRenameBody(body); accepted(title, {bad}))
            require(*title == body.value(u"title"_s).toString());
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t selector = data[0];
    // A real (null-terminated) copy, as the server's bodies are; ASan still sees overreads.
    const QByteArray rest(reinterpret_cast<const char *>(data + 1),
                          static_cast<qsizetype>(size - 1));
    Request request;
    request.method = "POST";
    if (selector >= 0xf0) {
        // Header parsing: If-Match (G1's 428) and Content-Type media types (415).
        request.headers.append(qMakePair(QByteArray("if-match"), rest));
        request.headers.append(qMakePair(QByteArray("content-type"), rest));
        if (auto version = parseIfMatch(request);
            accepted(version, {ErrorKind::PreconditionRequired}))
            require(*version >= 1);
        const QByteArray type = mediaType(rest);
        require(!type.contains(';') && type == type.toLower());
        return 0;
    }
    request.headers.append(
        qMakePair(QByteArray("content-type"), QByteArray("application/json; charset=utf-8")));
    request.body = rest;
    auto body = jsonObjectBody(request);
    if (!accepted(body, {ErrorKind::BadRequest}))
        return 0;
    fuzzBody(selector, *body);
    return 0;
}
