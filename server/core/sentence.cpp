// SPDX-License-Identifier: AGPL-3.0-or-later
#include "server/core/sentence.h"

#include <QCoreApplication>

namespace Blockhaus {

Error makeError(ErrorKind kind, const char *source, const QStringList &args)
{
    QString message = QString::fromUtf8(source);
    for (const QString &arg : args)
        message = message.arg(arg);
    Error error = makeError(kind, message);
    error.source = QByteArray(source);
    error.args = args;
    return error;
}

namespace Core {

namespace {

struct KindSentence
{
    ErrorKind kind;
    const char *sentence;
};

// The one table of default sentences (the API's and the dashboard's).
constexpr KindSentence defaults[] = {
    {ErrorKind::BadRequest, QT_TRANSLATE_NOOP("Sentence", "The request could not be understood.")},
    {ErrorKind::Unauthorized, QT_TRANSLATE_NOOP("Sentence", "Please log in first.")},
    {ErrorKind::Forbidden, QT_TRANSLATE_NOOP("Sentence", "You are not allowed to do this.")},
    {ErrorKind::NotFound, QT_TRANSLATE_NOOP("Sentence", "This was not found.")},
    {ErrorKind::PreconditionFailed,
     QT_TRANSLATE_NOOP("Sentence", "Someone saved a newer version in the meantime.")},
    {ErrorKind::Exists, QT_TRANSLATE_NOOP("Sentence", "This name is already taken.")},
    {ErrorKind::PayloadTooLarge, QT_TRANSLATE_NOOP("Sentence", "This is too large to upload.")},
    {ErrorKind::UnsupportedMediaType,
     QT_TRANSLATE_NOOP("Sentence", "This kind of file is not accepted here.")},
    {ErrorKind::Unprocessable, QT_TRANSLATE_NOOP("Sentence", "The content is not valid.")},
    {ErrorKind::PreconditionRequired,
     QT_TRANSLATE_NOOP("Sentence", "Saving needs the version you started from (If-Match: \"N\").")},
    {ErrorKind::TooManyRequests,
     QT_TRANSLATE_NOOP("Sentence", "Too many attempts. Please wait a little and try again.")},
    {ErrorKind::Unavailable,
     QT_TRANSLATE_NOOP("Sentence",
                       "The server is very busy right now. Please try again in a moment.")},
    {ErrorKind::StorageFull,
     QT_TRANSLATE_NOOP("Sentence",
                       "The teacher's computer has no room left to save. Nothing was changed.")},
    {ErrorKind::QuotaExceeded,
     QT_TRANSLATE_NOOP("Sentence",
                       "Your storage space is full. Delete projects for good to make "
                       "room. Nothing was changed.")},
    {ErrorKind::AssignmentClosed,
     QT_TRANSLATE_NOOP("Sentence",
                       "This assignment is closed: the project can no longer be changed.")},
    {ErrorKind::Internal,
     QT_TRANSLATE_NOOP("Sentence",
                       "Something went wrong on the server. Please tell your teacher.")},
};

const char *defaultSource(ErrorKind kind)
{
    for (const KindSentence &entry : defaults) {
        if (entry.kind == kind)
            return entry.sentence;
    }
    return defaults[std::size(defaults) - 1].sentence;
}

QString inTeachersLanguage(const char *source)
{
    return QCoreApplication::translate("Sentence", source);
}

} // namespace

QString defaultMessage(ErrorKind kind)
{
    return QString::fromUtf8(defaultSource(kind));
}

QString translatedMessage(const Error &error)
{
    if (error.kind == ErrorKind::Internal) {
        // An internal message ("A nested write failed.") is for the log, not for a teacher.
        return inTeachersLanguage(
            QT_TRANSLATE_NOOP("Sentence",
                              "Something went wrong. Nothing was changed; please try "
                              "again, and look at the log if it happens again."));
    }
    if (!error.source.isEmpty()) {
        QString sentence = inTeachersLanguage(error.source.constData());
        for (const QString &arg : error.args)
            sentence = sentence.arg(arg);
        return sentence;
    }
    if (!error.message.isEmpty())
        return inTeachersLanguage(error.message.toUtf8().constData());
    return inTeachersLanguage(defaultSource(error.kind));
}

} // namespace Core
} // namespace Blockhaus
