#pragma once

#include "common/money.h"
#include "common/result.h"
#include "payments/graybitmap.h"

#include <QByteArray>
#include <QString>

namespace kedai::payments {

struct QrisImageOptions
{
    /// The module scale is the whole number that brings the image closest to this width.
    int targetWidth = 720;
    /// White border around the code in modules; values below 4 (the QR minimum) are raised to 4.
    int quietZoneModules = 4;
};

/// Renders `payload` as a QR code (libqrencode, level M, 8-bit mode, case-sensitive), black on
/// white with a quiet zone, and draws `shopName` and formatRupiah(`amount`) under it with the
/// built-in bitmap font. An empty name or an amount of 0 leaves that line out. Needs only
/// QtCore, so it works in the daemon (QCoreApplication, no libQt6Gui). Errors:
/// "qris.image_invalid" (empty payload, NUL character, negative amount), "qris.image_too_large"
/// (payload does not fit a QR code), "qris.image_failed".
common::Result<GrayBitmap> renderQrisBitmap(const QString &payload, const QString &shopName, common::Rupiah amount,
                                            const QrisImageOptions &options = {});

/// renderQrisBitmap() as PNG bytes (8-bit grayscale).
common::Result<QByteArray> renderQrisPng(const QString &payload, const QString &shopName, common::Rupiah amount,
                                         const QrisImageOptions &options = {});

/// Writes renderQrisPng() to `path` atomically: the bytes go to `path + ".tmp"` (mode 0644),
/// which is then renamed over `path`. Returns `path`; "qris.write_failed" when it cannot.
common::Result<QString> writeQrisPng(const QString &payload, const QString &shopName, common::Rupiah amount,
                                     const QString &path, const QrisImageOptions &options = {});

} // namespace kedai::payments
