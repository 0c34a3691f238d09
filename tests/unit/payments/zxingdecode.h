#pragma once

// Reading the QR codes back with ZXing (an independent decoder), PLATFORM.md §2.

#include <QString>

#include <ZXing/ReadBarcode.h>

#include <cstdint>

namespace kedai::test {

/// The text of the QR code in an 8-bit grayscale image, or a null QString when none is found.
inline QString decodeQr(const uchar *pixels, int width, int height, int bytesPerLine)
{
    const ZXing::ImageView view(reinterpret_cast<const uint8_t *>(pixels), width, height, ZXing::ImageFormat::Lum,
                                bytesPerLine);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    const ZXing::Result result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid())
        return QString();
    return QString::fromStdString(result.text());
}

} // namespace kedai::test
