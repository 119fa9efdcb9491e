// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/dashboardcaller.h"

#include <QCoreApplication>

#include "server/store/userstore.h"

namespace Blockhaus::Service {

Result<Core::Caller> dashboardCaller(Work &work)
{
    Db::Connection &db = work.connection();
    const Error missing =
        makeError(ErrorKind::Forbidden,
                  QT_TRANSLATE_NOOP("Sentence",
                                    "The administrator account of this Blockhaus is "
                                    "missing or disabled, so classes cannot be "
                                    "managed here."));
    auto record = Store::UserStore::loginRecord(db, QStringView(localAdministratorName).toString());
    if (!record)
        return record.error().kind == ErrorKind::NotFound ? missing : record.error();
    auto user = Store::UserStore::user(db, record->id);
    if (!user)
        return user.error().kind == ErrorKind::NotFound ? missing : user.error();
    if (user->role != Core::Role::Admin)
        return missing;
    return Core::Caller::of(*user);
}

} // namespace Blockhaus::Service
