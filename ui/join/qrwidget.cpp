// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/join/qrwidget.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>
#include <QtMath>

namespace Blockhaus::Ui {

namespace {

constexpr int quietZone = QrCode::standardQuietZone;

} // namespace

QrWidget::QrWidget(QWidget *parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    updateAccessibility();
}

void QrWidget::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_code = QrCode::encode(text.toUtf8());
    m_cache = {};
    updateAccessibility();
    updateGeometry(); // a longer text needs more modules, so a larger minimum size
    update();
}

int QrWidget::moduleSizeInDevicePixels() const
{
    if (m_code.isNull())
        return 0;
    const qreal ratio = devicePixelRatioF();
    const int side = qMin(width(), height());
    return qFloor(side * ratio / (m_code.size() + 2 * quietZone));
}

QRect QrWidget::codeRect() const
{
    const int module = moduleSizeInDevicePixels();
    if (module < 1)
        return {};
    const qreal ratio = devicePixelRatioF();
    const int side = qFloor((m_code.size() + 2 * quietZone) * module / ratio);
    const QRect area = rect();
    return QStyle::alignedRect(layoutDirection(), m_alignment, QSize(side, side), area);
}

void QrWidget::setAlignment(Qt::Alignment alignment)
{
    m_alignment = alignment;
    update();
}

QSize QrWidget::sizeHint() const
{
    return {280, 280};
}

QSize QrWidget::minimumSizeHint() const
{
    // Two pixels per module is the least a phone camera reads reliably from a screen.
    const int modules = (m_code.isNull() ? 21 : m_code.size()) + 2 * quietZone;
    return {modules * 2, modules * 2};
}

void QrWidget::paintEvent(QPaintEvent *)
{
    const int module = moduleSizeInDevicePixels();
    if (module < 1)
        return;
    const qreal ratio = devicePixelRatioF();
    const int devicePixels = (m_code.size() + 2 * quietZone) * module;
    if (m_cache.width() != devicePixels || !qFuzzyCompare(m_cache.devicePixelRatio(), ratio)) {
        m_cache = m_code.toImage(module, quietZone);
        m_cache.setDevicePixelRatio(ratio);
    }
    // The image carries its own white quiet zone, so the code stays scannable on a dark theme.
    // Its device pixel ratio makes it land 1:1 on screen pixels: no scaling, no smoothing.
    QPainter painter(this);
    painter.drawImage(codeRect().topLeft(), m_cache);
}

void QrWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        updateAccessibility();
    QWidget::changeEvent(event);
}

void QrWidget::updateAccessibility()
{
    if (m_text.isEmpty()) {
        setAccessibleName(tr("QR code"));
        setAccessibleDescription(tr("No address to show yet."));
        setToolTip({});
        return;
    }
    setAccessibleName(tr("QR code for %1").arg(m_text));
    setAccessibleDescription(
        tr("Scanning it with a tablet or phone camera opens %1 in the browser.").arg(m_text));
    setToolTip(m_text);
}

} // namespace Blockhaus::Ui
