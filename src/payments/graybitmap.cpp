#include "payments/graybitmap.h"

#include <algorithm>
#include <cstring>

namespace kedai::payments {

GrayBitmap GrayBitmap::filled(int width, int height, quint8 gray)
{
    GrayBitmap bitmap;
    bitmap.width = std::max(width, 0);
    bitmap.height = std::max(height, 0);
    bitmap.pixels = QByteArray(qsizetype(bitmap.width) * bitmap.height, char(gray));
    return bitmap;
}

void GrayBitmap::fillRect(int x, int y, int w, int h, quint8 gray)
{
    const int left = std::max(x, 0);
    const int top = std::max(y, 0);
    const int right = std::min(x + w, width);
    const int bottom = std::min(y + h, height);
    if (left >= right || top >= bottom)
        return;
    char *data = pixels.data();
    for (int row = top; row < bottom; ++row)
        std::memset(data + qsizetype(row) * width + left, gray, size_t(right - left));
}

} // namespace kedai::payments
