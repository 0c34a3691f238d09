#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace kedai::payments {

/// An 8-bit grayscale raster (0 = black, 255 = white), row-major without padding. It stands in
/// for QImage so that QR rendering needs only QtCore: kedaid must not load libQt6Gui.
struct GrayBitmap
{
    int width = 0;
    int height = 0;
    QByteArray pixels; ///< width * height bytes

    static GrayBitmap filled(int width, int height, quint8 gray);
    quint8 pixelAt(int x, int y) const { return quint8(pixels.at(qsizetype(y) * width + x)); }
    const uchar *row(int y) const { return reinterpret_cast<const uchar *>(pixels.constData()) + qsizetype(y) * width; }
    /// Fills the rectangle, clipped to the bitmap.
    void fillRect(int x, int y, int w, int h, quint8 gray);
};

} // namespace kedai::payments
