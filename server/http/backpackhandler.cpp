// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/http/backpackhandler.h"

#include <QJsonArray>

#include "server/http/bodyparsers.h"
#include "server/http/handlerutil.h"
#include "server/http/jsonio.h"
#include "server/service/assets.h"

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
    const int limit = query.hasQueryItem(u"limit"_s)
        ? query.queryItemValue(u"limit"_s).toInt(&limitOk)
        : Service::Backpack::defaultPageSize;
    const int offset =
        query.hasQueryItem(u"offset"_s) ? query.queryItemValue(u"offset"_s).toInt(&offsetOk) : 0;
    if (!limitOk || !offsetOk)
        return badRequest(u"limit and offset must be whole numbers of zero or more."_s);
    auto items = backpack().list(db, caller, limit, offset);
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
    auto input = parseBackpackBody(*body);
    if (!input)
        return input.error();
    auto item = backpack().add(
        db, caller, {input->type, input->mime, input->name, input->data, input->thumbnail});
    if (!item)
        return item.error();
    return Reply::json(201, toJson(*item));
}

Result<Reply> BackpackHandler::remove(const RequestContext &context, const Core::Caller &caller,
                                      Service::Work &db) const
{
    auto done = backpack().remove(db, caller, context.params.value(u"id"_s));
    if (!done)
        return done.error();
    return Reply::noContent();
}

Service::Backpack BackpackHandler::backpack() const
{
    return Service::Backpack(m_services.config.quota, m_services.config.assetLimit);
}

} // namespace Blockhaus::Http
