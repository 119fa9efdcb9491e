// SPDX-License-Identifier: AGPL-3.0-or-later
// Opens a page of this Blockhaus in the browser of this computer, already signed in as the
// dashboard's account (#13), through a one-time link (ClassroomService::loginLink): never with a
// password in the address.
#pragma once

#include <functional>

#include <QFuture>
#include <QString>

class QObject;

namespace Blockhaus::Ui {

class ClassroomService;

// Asks for a link to path ("/teacher", "/editor?project=3") and opens it with QDesktopServices
// on the GUI thread (context's). report gets a sentence for the teacher when that fails (no link,
// no browser), nothing otherwise. The future finishes after the browser was asked.
QFuture<void> openSignedIn(ClassroomService *service, QObject *context, const QString &path,
                           std::function<void(const QString &problem)> report);

} // namespace Blockhaus::Ui
