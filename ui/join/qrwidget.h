// SPDX-License-Identifier: AGPL-3.0-or-later
// QrWidget: shows one QR code as large as the widget allows, sharp at any size and readable by
// a tablet camera in light and dark themes.
#pragma once

#include <QImage>
#include <QWidget>

#include "ui/join/qrcode.h"

namespace Blockhaus::Ui {

class QrWidget : public QWidget
{
    Q_OBJECT

public:
    explicit QrWidget(QWidget *parent = nullptr);

    // Encodes `text` (UTF-8) and repaints; an empty text shows nothing.
    void setText(const QString &text);
    QString text() const { return m_text; }
    const QrCode &code() const { return m_code; }

    // Where the square sits when the widget is not square; centred by default.
    void setAlignment(Qt::Alignment alignment);
    Qt::Alignment alignment() const { return m_alignment; }

    // The square the code (with its quiet zone) is drawn in, in widget coordinates. Empty when
    // there is nothing to draw.
    QRect codeRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Whole device pixels per module: fractional modules would blur or leave uneven gaps.
    int moduleSizeInDevicePixels() const;
    void updateAccessibility();

    QString m_text;
    QrCode m_code;
    QImage m_cache; // the rendered code at the current size and device pixel ratio
    Qt::Alignment m_alignment = Qt::AlignCenter;
};

} // namespace Blockhaus::Ui
