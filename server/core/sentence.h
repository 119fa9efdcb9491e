// SPDX-License-Identifier: AGPL-3.0-or-later
// Sentences for people. Every refusal carries an English sentence, which the API sends as it is
// (API.md); the dashboard shows the same refusal in the teacher's language. Literals are marked
// where they are written with QT_TRANSLATE_NOOP("Sentence", ...), so lupdate finds them in
// core/, store/ and service/ and one catalogue serves both doors.
#pragma once

#include <QString>

#include "server/core/result.h"

namespace Blockhaus::Core {

// The sentence of error in the language of the installed translators (English without one):
// its own message when it has one, else the default sentence of its kind. Internal failures
// never show their (log-only) message; they get a calm "nothing was changed".
QString translatedMessage(const Error &error);

// The English default sentence of a kind, for errors made without a message.
QString defaultMessage(ErrorKind kind);

} // namespace Blockhaus::Core
