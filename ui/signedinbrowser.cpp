// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/signedinbrowser.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QObject>

#include "ui/classroomservice.h"

namespace Blockhaus::Ui {

QFuture<void> openSignedIn(ClassroomService *service, QObject *context, const QString &path,
                           std::function<void(const QString &problem)> report)
{
    return service->loginLink(path).then(context, [report](const Outcome<QUrl> &link) {
        if (!link.ok()) {
            report(link.error);
            return;
        }
        // The link works once and only for a minute: it is opened at once and shown nowhere.
        if (!QDesktopServices::openUrl(*link.value))
            report(QCoreApplication::translate(
                "Blockhaus::Ui::SignedInBrowser",
                "No browser could be started. Open a browser and sign in on this computer's "
                "Blockhaus page with your username and password."));
    });
}

} // namespace Blockhaus::Ui
