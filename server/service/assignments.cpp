// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/service/assignments.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "server/core/text.h"
#include "server/core/timetext.h"
#include "server/store/assignmentstore.h"
#include "server/store/projectstore.h"

namespace Blockhaus::Service {

using namespace Qt::StringLiterals;
using Core::Caller;
using Store::AssignmentStore;

namespace {

Result<Ok> requireTeacher(const Caller &caller)
{
    if (!caller.isTeacherOrAdmin())
        return makeError(ErrorKind::Forbidden,
                         QT_TRANSLATE_NOOP("Sentence", "Only teachers can do this."));
    return Ok{};
}

// Free text (instructions, feedback): line breaks and tabs stay, other control and format
// characters go (no bidi tricks), the ends are trimmed.
QString cleanText(const QString &typed)
{
    QString text;
    text.reserve(typed.size());
    for (QChar c : typed) {
        if (c == u'\n' || c == u'\t'
            || (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format))
            text.append(c);
    }
    return text.trimmed();
}

Error tooLong(const char *field, int limit)
{
    Error error = makeError(ErrorKind::BadRequest,
                            QT_TRANSLATE_NOOP("Sentence", "The %1 may have at most %2 characters."),
                            {QString::fromLatin1(field), QString::number(limit)});
    error.extra = {{u"field"_s, QString::fromLatin1(field)}};
    return error;
}

// The backdrop of the empty project: plain white, as Scratch's own empty project.
const QByteArray backdropSvg =
    QByteArrayLiteral("<svg version=\"1.1\" width=\"480\" height=\"360\" viewBox=\"0 0 480 360\" "
                      "xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"480\" height=\"360\" "
                      "fill=\"#ffffff\"/></svg>");

} // namespace

QByteArray Assignments::emptyProject()
{
    const Core::AssetData backdrop = emptyBackdrop();
    const QString md5ext = backdrop.md5 + u".svg"_s;
    const QJsonObject costume{{u"name"_s, u"backdrop1"_s}, {u"assetId"_s, backdrop.md5},
                              {u"md5ext"_s, md5ext},       {u"dataFormat"_s, u"svg"_s},
                              {u"rotationCenterX"_s, 240}, {u"rotationCenterY"_s, 180}};
    const QJsonObject stage{{u"isStage"_s, true},
                            {u"name"_s, u"Stage"_s},
                            {u"variables"_s, QJsonObject{}},
                            {u"lists"_s, QJsonObject{}},
                            {u"broadcasts"_s, QJsonObject{}},
                            {u"blocks"_s, QJsonObject{}},
                            {u"comments"_s, QJsonObject{}},
                            {u"currentCostume"_s, 0},
                            {u"costumes"_s, QJsonArray{costume}},
                            {u"sounds"_s, QJsonArray{}},
                            {u"volume"_s, 100},
                            {u"layerOrder"_s, 0},
                            {u"tempo"_s, 60},
                            {u"videoTransparency"_s, 50},
                            {u"videoState"_s, u"on"_s},
                            {u"textToSpeechLanguage"_s, QJsonValue(QJsonValue::Null)}};
    const QJsonObject project{
        {u"targets"_s, QJsonArray{stage}},
        {u"monitors"_s, QJsonArray{}},
        {u"extensions"_s, QJsonArray{}},
        {u"meta"_s,
         QJsonObject{{u"semver"_s, u"3.0.0"_s}, {u"vm"_s, u"0.2.0"_s}, {u"agent"_s, u""_s}}}};
    return QJsonDocument(project).toJson(QJsonDocument::Compact);
}

Core::AssetData Assignments::emptyBackdrop()
{
    return {
        QString::fromLatin1(QCryptographicHash::hash(backdropSvg, QCryptographicHash::Md5).toHex()),
        u"svg"_s, backdropSvg};
}

Result<Core::Assignment> Assignments::create(Work &work, const Caller &caller, qint64 classId,
                                             const AssignmentRequest &request) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    Store::NewAssignment assignment;
    assignment.title = Core::cleanTitle(request.title, {});
    if (assignment.title.isEmpty() || assignment.title.size() > maxTitleLength) {
        Error error = makeError(
            ErrorKind::BadRequest,
            QT_TRANSLATE_NOOP("Sentence", "An assignment needs a title (at most %1 characters)."),
            {QString::number(maxTitleLength)});
        error.extra = {{u"field"_s, u"title"_s}};
        return error;
    }
    assignment.instructions = cleanText(request.instructions);
    if (assignment.instructions.size() > maxInstructionsLength)
        return tooLong("instructions", maxInstructionsLength);
    if (request.dueAt.isValid())
        assignment.dueAt = Core::toText(request.dueAt);
    assignment.allowContinue = request.allowContinue;
    assignment.starterProjectId = request.starterProjectId;
    if (assignment.starterProjectId <= 0) {
        assignment.emptyBody = emptyProject();
        assignment.emptyAsset = emptyBackdrop();
    }
    return AssignmentStore::create(work.connection(), caller, classId, assignment);
}

Result<QList<Core::Assignment>> Assignments::listForClass(Work &work, const Caller &caller,
                                                          qint64 classId) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return AssignmentStore::listForClass(work.connection(), caller, classId);
}

Result<Core::Assignment> Assignments::get(Work &work, const Caller &caller, qint64 id) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return AssignmentStore::forTeacher(work.connection(), caller, id);
}

Result<int> Assignments::handOut(Work &work, const Caller &caller, qint64 id) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return AssignmentStore::handOut(work.connection(), caller, id);
}

Result<QList<Core::AssignmentCopy>> Assignments::grid(Work &work, const Caller &caller,
                                                      qint64 id) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    return AssignmentStore::grid(work.connection(), caller, id);
}

Result<Core::AssignmentCopy> Assignments::returnCopy(Work &work, const Caller &caller, qint64 id,
                                                     qint64 studentId, const QString &feedback,
                                                     std::optional<bool> allowContinue) const
{
    if (auto allowed = requireTeacher(caller); !allowed)
        return allowed.error();
    const QString clean = cleanText(feedback);
    if (clean.size() > maxFeedbackLength)
        return tooLong("feedback", maxFeedbackLength);
    bool continueAllowed = false;
    if (allowContinue) {
        continueAllowed = *allowContinue;
    } else {
        // Not said: the assignment's own default.
        auto assignment = AssignmentStore::forTeacher(work.connection(), caller, id);
        if (!assignment)
            return assignment.error();
        continueAllowed = assignment->allowContinue;
    }
    return AssignmentStore::returnCopy(work.connection(), caller, id, studentId, clean,
                                       continueAllowed);
}

Result<QList<Core::MyAssignment>> Assignments::mine(Work &work, const Caller &caller) const
{
    return AssignmentStore::mine(work.connection(), caller);
}

Result<Core::MyAssignment> Assignments::open(Work &work, const Caller &caller, qint64 id) const
{
    return AssignmentStore::open(work.connection(), caller, id);
}

Result<Core::MyAssignment> Assignments::handIn(Work &work, const Caller &caller, qint64 id) const
{
    return AssignmentStore::handIn(work.connection(), caller, id);
}

Result<std::optional<Core::MyAssignment>> Assignments::ofProject(Work &work, const Caller &caller,
                                                                 qint64 projectId) const
{
    // Whoever may read the project may know whether it is an assignment copy.
    auto meta = Store::ProjectStore::meta(work.connection(), caller, projectId);
    if (!meta)
        return meta.error();
    auto copy = AssignmentStore::ofProject(work.connection(), projectId);
    if (!copy) {
        if (copy.error().kind == ErrorKind::NotFound)
            return std::optional<Core::MyAssignment>();
        return copy.error();
    }
    return std::optional<Core::MyAssignment>(*copy);
}

} // namespace Blockhaus::Service
