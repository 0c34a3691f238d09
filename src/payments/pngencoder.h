#pragma once

#include "payments/graybitmap.h"

#include <QByteArray>

namespace kedai::payments {

/// Encodes an 8-bit grayscale PNG (colour type 0, no interlace) with zlib from QtCore, so that
/// writing the QRIS image needs no QImage and no libQt6Gui. Returns empty for an empty bitmap.
QByteArray encodeGrayPng(const GrayBitmap &bitmap);

} // namespace kedai::payments
