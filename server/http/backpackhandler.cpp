// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/backpackhandler.h"

#include <QJsonArray>

#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/sb3/assetname.h"
#include "server/store/backpackstore.h"

namespace Blockhaus::Http {

using namespace Qt::StringLiterals;

void BackpackHandler::registerRoutes(Router &router) const
{
    auto bind = [this](auto member) {
        return [this, member](const RequestContext &c, const Core::Caller *caller,
                              Service::Work &db) { return (this->*member)(c, *caller, db); };
    };
    router.add("GET", u"/api/v1/backpack"_s, Access::LoggedIn, 0, bind(&BackpackHandler::list));
    router.add("POST", u"/api/v1/backpack"_s, Access::LoggedIn, m_services.config.backpackLimit,
               bind(&BackpackHandler::add));
    router.add("DELETE", u"/api/v1/backpack/{id}"_s, Access::LoggedIn, 0,
               bind(&BackpackHandler::remove));
}

Result<Reply> BackpackHandler::list(const RequestContext &context, const Core::Caller &caller,
                                    Service::Work &db) const
{
    bool limitOk = true;
    bool offsetOk = true;
    const QUrlQuery &query = context.request.query;
    int limit =
        query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : 20;
    const int offset =
        query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&offsetOk) : 0;
    if (!limitOk || !offsetOk || limit < 0 || offset < 0)
        return badRequest(u"limit and offset must be whole numbers of zero or more."_s);
    limit = std::min(limit, 100);
    auto items = Store::BackpackStore::list(db, caller.userId, limit, offset);
    if (!items)
        return items.error();
    QJsonArray array;
    for (const Core::BackpackItem &item : std::as_const(*items))
        array.append(toJson(item));
    return Reply::json(200, array);
}

Result<Reply> BackpackHandler::add(const RequestContext &context, const Core::Caller &caller,
                                   Service::Work &db) const
{
    auto body = jsonObjectBody(context.request);
    if (!body)
        return body.error();
    auto input = parseBackpackBody(*body, m_services.config.assetLimit);
    if (!input)
        return input.error();
    auto item = Store::BackpackStore::add(
        db, caller.userId, input->type, input->name, input->mime,
        {Sb3::md5Hex(input->data), input->format, input->data},
        {Sb3::md5Hex(input->thumbnail), input->thumbnailFormat, input->thumbnail},
        m_services.config.quota.limitFor(caller.role));
    if (!item)
        return item.error();
    return Reply::json(201, toJson(*item));
}

Result<Reply> BackpackHandler::remove(const RequestContext &context, const Core::Caller &caller,
                                      Service::Work &db) const
{
    auto done = Store::BackpackStore::remove(db, caller.userId, context.params.value(u"id"_s));
    if (!done)
        return done.error();
    return Reply::noContent();
}

} // namespace Blockhaus::Http
