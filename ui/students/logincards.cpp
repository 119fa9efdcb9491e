// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/students/logincards.h"

#include <algorithm>

#include <QFont>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QtMath>

#include "ui/join/qrcode.h"

using namespace Qt::StringLiterals;

namespace Blockhaus::Ui {

namespace {

constexpr int columns = 2;
constexpr int rows = 4;
constexpr int resolutionDpi = 300;
constexpr qreal pageMarginMm = 10;

// Card geometry in millimetres; on A4 with 10 mm margins a card is 95 x 69 mm.
constexpr qreal paddingMm = 5;
// Width of the QR symbol itself (without its quiet zone). Tablet cameras at arm's length
// focus and lock on reliably from about 25 mm; 30 mm leaves room for a worn print.
constexpr qreal qrSymbolMm = 30;
// The white quiet zone around the symbol may reach this close to the card's cut edge.
constexpr qreal qrEdgeMm = 1.5;
constexpr qreal cutLineMm = 0.25;

const QColor ink(0x11, 0x11, 0x11);
const QColor mutedInk(0x55, 0x55, 0x55);
const QColor ruleColor(0xbb, 0xbb, 0xbb);
const QColor cutColor(0x99, 0x99, 0x99);

QFont sansFont(qreal pointSize, QFont::Weight weight = QFont::Normal)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSizeF(pointSize);
    font.setWeight(weight);
    return font;
}

// Credentials are typed letter by letter by children, so the font must tell l, 1 and I and
// O and 0 apart: monospace fonts with a slashed or dotted zero first, then the system's.
QFont monoFont(qreal pointSize)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setFamilies({u"DejaVu Sans Mono"_s, u"Cascadia Mono"_s, u"Consolas"_s, u"Menlo"_s,
                      u"Noto Sans Mono"_s, font.family()});
    font.setStyleHint(QFont::TypeWriter);
    font.setFixedPitch(true);
    font.setPointSizeF(pointSize);
    font.setWeight(QFont::Bold);
    return font;
}

// Shrinks `font` in half-point steps until `text` fits `width` on `device`, but not below
// `minimumPoints`. Metrics must come from the device: points map to its resolution, not the
// screen's.
QFont fitted(QFont font, const QString &text, qreal width, qreal minimumPoints,
             QPaintDevice *device)
{
    while (font.pointSizeF() - 0.5 >= minimumPoints
           && QFontMetricsF(font, device).horizontalAdvance(text) > width)
        font.setPointSizeF(font.pointSizeF() - 0.5);
    return font;
}

// Draws one line of text with its top at `top` and returns the y below it. Names and
// addresses may be elided if they still do not fit; credentials get a lower minimum size
// instead, as a cut-off password is useless.
qreal drawLine(QPainter &painter, const QFont &font, const QColor &color, const QString &text,
               qreal left, qreal top, qreal width, Qt::TextElideMode elide = Qt::ElideRight)
{
    const QFontMetricsF metrics(font, painter.device());
    const QString shown = elide == Qt::ElideNone ? text : metrics.elidedText(text, elide, width);
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(QRectF(left, top, width, metrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    return top + metrics.height();
}

// The name, as large as fits: one line down to 14 pt, else two wrapped lines down to 11 pt,
// else (one very long word) one elided line.
qreal drawName(QPainter &painter, const QString &name, qreal left, qreal top, qreal width)
{
    QPaintDevice *device = painter.device();
    const QFont oneLine = fitted(sansFont(18, QFont::Bold), name, width, 14, device);
    if (QFontMetricsF(oneLine, device).horizontalAdvance(name) <= width)
        return drawLine(painter, oneLine, ink, name, left, top, width);
    for (qreal points = 16; points >= 11; points -= 0.5) {
        const QFont font = sansFont(points, QFont::Bold);
        const QFontMetricsF metrics(font, device);
        const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
        const QRectF bounds = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, name);
        if (bounds.width() <= width && bounds.height() <= 2 * metrics.height() + 1) {
            painter.setFont(font);
            painter.setPen(ink);
            painter.drawText(QRectF(left, top, width, bounds.height()), flags, name);
            return top + bounds.height();
        }
    }
    return drawLine(painter, sansFont(11, QFont::Bold), ink, name, left, top, width);
}

// A small grey caption above a large monospace value; returns the y below the value.
qreal drawCredential(QPainter &painter, const QString &label, const QString &value,
                     qreal valuePoints, qreal left, qreal top, qreal width)
{
    QPaintDevice *device = painter.device();
    qreal y = drawLine(painter, sansFont(8), mutedInk, label, left, top, width);
    const QFont font = fitted(monoFont(valuePoints), value, width, 4, device);
    y = drawLine(painter, font, ink, value, left, y, width, Qt::ElideNone);
    return y;
}

// Dashed cut lines around the first `count` cells of a page's grid. Every line is drawn once
// and in the same direction: two cards' overlapping borders would interleave their dashes
// into what looks like a solid line.
void drawCutLines(QPainter &painter, const QRectF &area, int count, qreal mm)
{
    QPen pen(cutColor, cutLineMm * mm);
    // Dash and gap in pen widths: 2 mm dashes, 1.5 mm gaps, easy to follow with scissors.
    pen.setDashPattern({8, 6});
    pen.setCapStyle(Qt::FlatCap);
    painter.setPen(pen);
    const qreal cardWidth = area.width() / columns;
    const qreal cardHeight = area.height() / rows;
    const int usedRows = (count + columns - 1) / columns;
    const auto x = [&](int column) { return area.left() + column * cardWidth; };
    const auto y = [&](int row) { return area.top() + row * cardHeight; };
    // Horizontal lines: above each used row as wide as that row or the one above, and below the
    // last row as wide as it is.
    for (int row = 0; row <= usedRows; ++row) {
        const int above = row == 0 ? 0 : std::min(columns, count - (row - 1) * columns);
        const int below = row == usedRows ? 0 : std::min(columns, count - row * columns);
        painter.drawLine(QPointF(x(0), y(row)), QPointF(x(std::max(above, below)), y(row)));
    }
    // Vertical lines: left of each column and right of the last, over the rows that use them.
    for (int column = 0; column <= columns; ++column) {
        const int filledRows = (count - std::max(0, column - 1) + columns - 1) / columns;
        const int fullRows = column == 0 ? usedRows : filledRows;
        painter.drawLine(QPointF(x(column), y(0)), QPointF(x(column), y(fullRows)));
    }
}

} // namespace

int LoginCardsWriter::cardsPerPage()
{
    return columns * rows;
}

void LoginCardsWriter::paint(QPainter &painter, const QRectF &rect, const LoginCard &card)
{
    QPaintDevice *device = painter.device();
    const qreal mm = device->logicalDpiX() / 25.4;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    // QR modules must stay hard-edged squares; a smoothed edge is what scanners misread.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);

    const QRectF content =
        rect.adjusted(paddingMm * mm, paddingMm * mm, -paddingMm * mm, -paddingMm * mm);
    const qreal left = content.left();
    const qreal width = content.width();

    // Header across the whole card: the name is what the teacher looks for when handing out.
    qreal y = content.top();
    y = drawName(painter, card.displayName, left, y, width);
    y = drawLine(painter, sansFont(10), mutedInk, tr("Class: %1").arg(card.className), left, y,
                 width);
    y += 1.5 * mm;
    painter.setPen(QPen(ruleColor, 0.2 * mm));
    painter.drawLine(QPointF(left, y), QPointF(content.right(), y));
    y += 0.5 * mm;

    // Footer: the join address as text, for devices without a camera.
    const QString joinLine = tr("Join: %1").arg(card.joinUrl);
    const QFont urlFont = fitted(sansFont(9), joinLine, width, 6.5, device);
    const qreal urlHeight = QFontMetricsF(urlFont, device).height();
    drawLine(painter, urlFont, ink, joinLine, left, content.bottom() - urlHeight, width,
             Qt::ElideMiddle);

    // QR code, right-aligned between header and footer. Its quiet zone is white already and
    // may reach into the padding, so the symbol itself lines up with the text's edge.
    const QrCode code = QrCode::encode(card.joinUrl.toUtf8());
    qreal textRight = content.right();
    if (!code.isNull()) {
        const int quiet = QrCode::standardQuietZone;
        const int modules = code.size() + 2 * quiet;
        const qreal bottom = content.bottom() - urlHeight - 0.5 * mm;
        const qreal available =
            std::min(bottom - y, (rect.right() - qrEdgeMm * mm) - content.center().x());
        const qreal wanted = qrSymbolMm * mm * modules / code.size();
        // Whole device pixels per module: every module the same size on the printed page.
        const int modulePixels = std::max(1, qFloor(std::min(wanted, available) / modules));
        const QImage image = code.toImage(modulePixels, quiet);
        const qreal side = image.width();
        // Whole-pixel position too, so no module is a pixel wider than its neighbours.
        const qreal x = qRound(
            std::min(content.right() + quiet * modulePixels, rect.right() - qrEdgeMm * mm) - side);
        const qreal top = qRound(y + (bottom - y - side) / 2);
        painter.drawImage(QRectF(x, top, side, side), image);
        textRight = x;
    }

    // Credentials in the left column, under the header.
    const qreal columnWidth = textRight - left - 1 * mm;
    qreal cy = y + 1.5 * mm;
    cy = drawCredential(painter, tr("Username:"), card.username, 15, left, cy, columnWidth);
    cy += 1.5 * mm;
    cy = drawCredential(painter, tr("Password:"), card.password, 15, left, cy, columnWidth);
    cy += 1.5 * mm;
    drawCredential(painter, tr("Class code:"), card.joinCode, 12, left, cy, columnWidth);

    painter.restore();
}

bool LoginCardsWriter::writePdf(const QList<LoginCard> &cards, const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (cards.isEmpty())
        return fail(tr("There are no students to print login cards for."));

    // A save file: a failed or interrupted write never leaves a truncated PDF behind (or
    // replaces an earlier good one).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Could not write %1: %2").arg(path, file.errorString()));

    QPdfWriter writer(&file);
    writer.setResolution(resolutionDpi);
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                    QMarginsF(pageMarginMm, pageMarginMm, pageMarginMm, pageMarginMm),
                    QPageLayout::Millimeter));
    writer.setTitle(u"Blockhaus login cards"_s);
    writer.setCreator(u"Blockhaus login cards"_s);

    QPainter painter;
    if (!painter.begin(&writer))
        return fail(tr("Could not write %1.").arg(path));

    // The painter's origin is the top left of the printable area inside the margins.
    const QRectF area(QPointF(0, 0), writer.pageLayout().paintRectPixels(resolutionDpi).size());
    const qreal cardWidth = area.width() / columns;
    const qreal cardHeight = area.height() / rows;
    const qreal mm = resolutionDpi / 25.4;
    const int perPage = cardsPerPage();
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const int slot = int(i % perPage);
        if (slot == 0 && i > 0 && !writer.newPage()) {
            painter.end();
            return fail(tr("Could not write %1.").arg(path));
        }
        const QRectF cardRect(area.left() + (slot % columns) * cardWidth,
                              area.top() + (slot / columns) * cardHeight, cardWidth, cardHeight);
        paint(painter, cardRect, cards.at(i));
        const bool lastOnPage = slot == perPage - 1 || i == cards.size() - 1;
        if (lastOnPage)
            drawCutLines(painter, area, slot + 1, mm);
    }
    if (!painter.end())
        return fail(tr("Could not write %1.").arg(path));
    if (!file.commit())
        return fail(tr("Could not write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace Blockhaus::Ui
