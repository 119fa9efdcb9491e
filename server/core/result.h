// SPDX-License-Identifier: AGPL-3.0-or-later
// Value-or-error results that every layer returns: the doors map them once (http/errors.cpp to
// status codes and JSON, the dashboard's adapter to a sentence in the teacher's language).
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Blockhaus {

// What went wrong, independent of transport. http/errors.cpp owns the mapping to status codes.
enum class ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    PreconditionFailed, // a stale If-Match (G1): 412
    Exists, // a unique name is taken: 409
    PayloadTooLarge,
    UnsupportedMediaType,
    Unprocessable,
    PreconditionRequired,
    TooManyRequests,
    Unavailable, // pool exhausted, database busy for too long (G10)
    StorageFull, // disk full / max_page_count (G5, G7)
    // A user's storage quota would be exceeded (#12). A refusal like a conflict, not a database
    // failure: it undoes only its own write, never a group-commit batch.
    QuotaExceeded,
    // An assignment copy the student may no longer change (#16): handed in, returned without
    // leave to continue, or past its due time. 423 assignment_closed.
    AssignmentClosed,
    Internal,
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    // A sentence a teacher can read, in English (what the API sends); empty: the default sentence
    // for the kind. Core::translatedMessage() gives it in the dashboard's language: a literal
    // marked with QT_TRANSLATE_NOOP("Sentence", ...) is its own translation key.
    QString message;
    QJsonObject extra; // extra fields merged into the JSON error body
    int retryAfterSeconds = 0;
    bool transient = false; // busy / serialization failure: the whole transaction may be retried
    QByteArray source; // the untranslated template when the message has parts filled in
    QStringList args; // those parts
};

inline Error makeError(ErrorKind kind, QString message = {}, QJsonObject extra = {})
{
    return Error{kind, std::move(message), std::move(extra), 0, false, {}, {}};
}

// A refusal with a marked sentence: source is the English text, QT_TRANSLATE_NOOP("Sentence",
// "..."), with %1, %2 ... for args. The English message is filled in
// here; the dashboard translates the template and fills in the same parts.
Error makeError(ErrorKind kind, const char *source, const QStringList &args = {});

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_value(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<T>(m_value); }
    const T &value() const { return std::get<T>(m_value); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    const Error &error() const { return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
};

struct Ok
{
};

} // namespace Blockhaus
