// SPDX-License-Identifier: AGPL-3.0-or-later
// LoginCardsWriter: the printable login cards a teacher cuts out and hands to students — name,
// username, password, class, join address and a QR code of it — laid out and written as a PDF.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QRectF>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

namespace Blockhaus::Ui {

struct LoginCard
{
    QString displayName;
    QString username;
    QString password;
    QString className;
    QString joinCode;
    // The full join page address (`<address>/join/<CODE>`): what the QR code encodes, and
    // printed as text for students whose device has no camera.
    QString joinUrl;
};

class LoginCardsWriter
{
    // Not a QObject; the context keeps the namespace so lupdate and the runtime agree.
    Q_DECLARE_TR_FUNCTIONS(Blockhaus::Ui::LoginCardsWriter)

public:
    // Cards on one A4 portrait page: 2 columns by 4 rows, separated by dashed cut lines.
    static int cardsPerPage();

    // Writes `cards` to a PDF at `path`, cardsPerPage() to a page. Returns false and sets
    // `error` (when given) to a readable reason if the file cannot be written; an empty list
    // is an error too, as a PDF without pages is no use to print.
    static bool writePdf(const QList<LoginCard> &cards, const QString &path, QString *error);

    // Draws one card into `rect` (device units of the painter's device), without its cut
    // line. Sizes are physical (millimetres and points from the device's resolution), so the
    // QR code keeps the width a tablet camera needs on any printer or preview device.
    static void paint(QPainter &painter, const QRectF &rect, const LoginCard &card);
};

} // namespace Blockhaus::Ui
