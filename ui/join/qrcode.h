// SPDX-License-Identifier: AGPL-3.0-or-later
// QrCode: a QR code's module matrix, encoded by libqrencode, and its rendering as a crisp
// black-on-white image. The one place that knows libqrencode; its header stays in qrcode.cpp.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>

namespace Blockhaus::Ui {

class QrCode
{
public:
    // Modules of light space around the symbol that the QR standard asks for; scanners miss
    // codes that sit on a dark background without it.
    static constexpr int standardQuietZone = 4;

    // Encodes `text` as 8-bit data with error correction level M (15 % of the symbol may be
    // covered or smudged, as on a projector screen), in the smallest version that fits.
    // Returns a null code for empty input or input longer than a QR code holds.
    static QrCode encode(const QByteArray &text);

    bool isNull() const { return m_size == 0; }
    // Modules per side: 21 for version 1, +4 per version, 177 for version 40.
    int size() const { return m_size; }
    // True for a dark module; (0, 0) is the top-left corner.
    bool isDark(int x, int y) const;

    // The symbol with `quietZone` light modules around it, each module `moduleSize` pixels wide,
    // dark modules black and light ones white, without smoothing. A null image for a null code.
    QImage toImage(int moduleSize, int quietZone = standardQuietZone) const;

private:
    int m_size = 0;
    QList<bool> m_modules; // row-major, m_size * m_size
};

} // namespace Blockhaus::Ui
