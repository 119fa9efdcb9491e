// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/cloudvariables.h"

#include <QRegularExpression>

#include "server/store/cloudvariablestore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;

bool CloudVariables::isValidName(const QString &name)
{
    if (!name.startsWith(u"☁ "_s) || name.size() <= 2 || name.size() > maxNameLength)
        return false;
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

std::optional<QString> CloudVariables::valueText(const QJsonValue &value)
{
    QString text;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!qIsFinite(number))
            return std::nullopt;
        text = QString::number(number, 'g', QLocale::FloatingPointShortest);
    } else if (value.isString()) {
        text = value.toString();
    } else {
        return std::nullopt;
    }
    static const QRegularExpression decimal(u"^-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$"_s);
    if (text.size() > maxValueLength || !decimal.match(text).hasMatch())
        return std::nullopt;
    return text;
}

Result<bool> CloudVariables::available(Work &work, const Core::Caller &caller,
                                       qint64 projectId) const
{
    auto meta = Store::ProjectStore::meta(work.connection(), caller, projectId);
    if (!meta) {
        if (meta.error().kind == ErrorKind::NotFound || meta.error().kind == ErrorKind::Forbidden)
            return false;
        return meta.error();
    }
    return Store::CloudVariableStore::sharesClassWithOwner(work.connection(), projectId,
                                                           caller.userId);
}

Result<QList<Core::CloudValue>> CloudVariables::join(Work &work, const Core::Caller &caller,
                                                     qint64 projectId) const
{
    auto meta = Store::ProjectStore::meta(work.connection(), caller, projectId);
    if (!meta)
        return meta.error();
    auto shares = Store::CloudVariableStore::sharesClassWithOwner(work.connection(), projectId,
                                                                  caller.userId);
    if (!shares)
        return shares.error();
    if (!*shares) {
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence",
                                           "Cloud variables of a project are shared only within "
                                           "the class of its owner."));
    }
    return Store::CloudVariableStore::values(work.connection(), projectId);
}

Result<Ok> CloudVariables::apply(Work &work, const QList<Core::CloudChange> &changes) const
{
    if (changes.isEmpty())
        return Ok{};
    return Store::CloudVariableStore::apply(work.connection(), changes);
}

} // namespace Blockhaus::Service
