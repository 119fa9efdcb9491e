// SPDX-License-Identifier: AGPL-3.0-or-later
#include "ui/join/qrcode.h"

#include <algorithm>
#include <memory>

#include <qrencode.h>

namespace Blockhaus::Ui {

namespace {

struct QrcodeFree
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeFree>;

} // namespace

QrCode QrCode::encode(const QByteArray &text)
{
    QrCode code;
    if (text.isEmpty())
        return code; // libqrencode rejects empty input (EINVAL); a null code says the same
    // Byte mode keeps lower-case URL paths exact and the version predictable. Version 0 lets
    // libqrencode choose the smallest symbol that holds the data.
    const QrcodePtr encoded(QRcode_encodeData(static_cast<int>(text.size()),
                                              reinterpret_cast<const unsigned char *>(text.data()),
                                              0, QR_ECLEVEL_M));
    if (!encoded)
        return code; // too long (ERANGE) or out of memory
    code.m_size = encoded->width;
    const qsizetype count = qsizetype(code.m_size) * code.m_size;
    code.m_modules.reserve(count);
    // Bit 0 of each byte is the module's colour; the other bits describe its role.
    for (qsizetype i = 0; i < count; ++i)
        code.m_modules.append((encoded->data[i] & 1) != 0);
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules.at(qsizetype(y) * m_size + x);
}

QImage QrCode::toImage(int moduleSize, int quietZone) const
{
    if (isNull() || moduleSize < 1 || quietZone < 0)
        return {};
    const int side = (m_size + 2 * quietZone) * moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    // Pixels are written directly: every module is an exact square, no painter, no smoothing.
    for (int y = 0; y < m_size; ++y) {
        for (int row = 0; row < moduleSize; ++row) {
            uchar *line = image.scanLine((quietZone + y) * moduleSize + row);
            for (int x = 0; x < m_size; ++x) {
                if (!isDark(x, y))
                    continue;
                uchar *start = line + (quietZone + x) * moduleSize;
                std::fill(start, start + moduleSize, uchar(0));
            }
        }
    }
    return image;
}

} // namespace Blockhaus::Ui
