#pragma once

#include "payments/qrimage.h"

#include <QImage>

#include <algorithm>

namespace kedai::payments {

/// renderQrisBitmap() as a QImage (Format_Grayscale8) for code that links QtGui anyway (the
/// desktop GUI). Header-only on purpose: kedai_payments itself must not link libQt6Gui, because
/// kedaid may not load it. QImage needs no QGuiApplication, so this also works under a
/// QCoreApplication.
inline common::Result<QImage> renderQrisImage(const QString &payload, const QString &shopName, common::Rupiah amount,
                                              const QrisImageOptions &options = {})
{
    auto bitmap = renderQrisBitmap(payload, shopName, amount, options);
    if (!bitmap)
        return bitmap.error();
    QImage image(bitmap->width, bitmap->height, QImage::Format_Grayscale8);
    if (image.isNull())
        return common::makeError(QStringLiteral("qris.image_failed"), QStringLiteral("Cannot allocate the QRIS image"));
    for (int y = 0; y < bitmap->height; ++y)
        std::copy_n(bitmap->row(y), bitmap->width, image.scanLine(y));
    return image;
}

} // namespace kedai::payments
