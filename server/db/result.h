// SPDX-License-Identifier: AGPL-3.0-or-later
// Value-or-error results that every layer below http/ returns; http/errors.cpp maps them once.
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include <QJsonObject>
#include <QString>

namespace Blockhaus {

// What went wrong, independent of transport. http/errors.cpp owns the mapping to status codes.
enum class ErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict, // stale If-Match (G1)
    Exists, // a unique name is taken
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
    Internal,
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message; // empty: the default sentence for the kind
    QJsonObject extra; // extra fields merged into the JSON error body
    int retryAfterSeconds = 0;
    bool transient = false; // busy / serialization failure: the whole transaction may be retried
};

inline Error makeError(ErrorKind kind, QString message = {}, QJsonObject extra = {})
{
    return Error{kind, std::move(message), std::move(extra), 0, false};
}

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
