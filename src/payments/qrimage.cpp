#include "payments/qrimage.h"

#include "payments/bitmapfont.h"
#include "payments/pngencoder.h"

#include <QFile>

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>

namespace kedai::payments {

using common::makeError;
using common::Result;

namespace {

constexpr int kMinQuietZone = 4;
constexpr int kMaxQuietZone = 40;
constexpr int kMinTextScale = 2;
constexpr int kMaxNameScale = 4;
constexpr int kMaxAmountScale = 6;

struct QrcodeDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrcodePtr = std::unique_ptr<QRcode, QrcodeDeleter>;

Result<QrcodePtr> encodeQr(const QString &payload)
{
    if (payload.isEmpty())
        return makeError(QStringLiteral("qris.image_invalid"),
                         QStringLiteral("Cannot draw a QR code of an empty payload"));
    if (payload.contains(QChar(u'\0'))) {
        return makeError(QStringLiteral("qris.image_invalid"),
                         QStringLiteral("Cannot draw a QR code of a payload containing a NUL character"));
    }
    const QByteArray data = payload.toUtf8();
    errno = 0;
    QrcodePtr code(QRcode_encodeString(data.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (code)
        return code;
    if (errno == ERANGE) {
        return makeError(QStringLiteral("qris.image_too_large"),
                         QStringLiteral("The payload (%1 bytes) is too long for a QR code at error correction level M")
                             .arg(data.size()));
    }
    return makeError(QStringLiteral("qris.image_failed"),
                     QStringLiteral("libqrencode could not encode the payload (errno %1)").arg(errno));
}

/// The largest scale in [minScale, maxScale] at which `length` glyphs fit in `available` pixels.
int fittingScale(qsizetype length, int available, int maxScale)
{
    int scale = maxScale;
    while (scale > kMinTextScale && BitmapFont::textWidth(length, scale) > available)
        --scale;
    return scale;
}

/// Cuts `text` to what fits at the smallest scale, marking the cut with "..".
QString fitText(const QString &text, int available)
{
    if (BitmapFont::textWidth(text.size(), kMinTextScale) <= available)
        return text;
    qsizetype keep = text.size();
    while (keep > 0 && BitmapFont::textWidth(keep + 2, kMinTextScale) > available)
        --keep;
    return text.left(keep).trimmed() + QLatin1String("..");
}

struct TextLine
{
    QString text;
    int scale = 0;
    int height() const { return text.isEmpty() ? 0 : BitmapFont::kGlyphHeight * scale; }
};

TextLine makeLine(const QString &raw, int available, int maxScale)
{
    TextLine line;
    line.text = fitText(BitmapFont::printable(raw.simplified()), available);
    line.scale = fittingScale(line.text.size(), available, maxScale);
    return line;
}

void drawCentered(GrayBitmap &bitmap, const TextLine &line, int y)
{
    const int x = (bitmap.width - BitmapFont::textWidth(line.text.size(), line.scale)) / 2;
    BitmapFont::drawText(bitmap, x, y, line.text, line.scale);
}

} // namespace

Result<GrayBitmap> renderQrisBitmap(const QString &payload, const QString &shopName, common::Rupiah amount,
                                    const QrisImageOptions &options)
{
    if (amount < 0) {
        return makeError(QStringLiteral("qris.image_invalid"),
                         QStringLiteral("Cannot draw a negative amount (%1)").arg(common::formatRupiah(amount)));
    }
    auto code = encodeQr(payload);
    if (!code)
        return code.error();
    const int modules = (*code)->width;
    const int quiet = std::clamp(options.quietZoneModules, kMinQuietZone, kMaxQuietZone);
    const int total = modules + 2 * quiet;
    const int target = std::clamp(options.targetWidth, total, 8192);
    const int scale = std::max(1, (target + total / 2) / total);
    const int side = total * scale;
    const int margin = quiet * scale;
    const int available = side - 2 * margin;

    const TextLine name = makeLine(shopName, available, kMaxNameScale);
    const TextLine price = makeLine(amount > 0 ? common::formatRupiah(amount) : QString(), available, kMaxAmountScale);
    const int gap = (name.height() > 0 && price.height() > 0) ? name.scale : 0; // descender rows add more
    const int textBlock = name.height() + gap + price.height();
    // The QR's own bottom quiet zone separates it from the text; a half margin closes the image.
    const int height = side + (textBlock > 0 ? textBlock + margin / 2 : 0);

    GrayBitmap bitmap = GrayBitmap::filled(side, height, 255);
    const unsigned char *cells = (*code)->data;
    for (int my = 0; my < modules; ++my) {
        for (int mx = 0; mx < modules; ++mx) {
            if (cells[my * modules + mx] & 1)
                bitmap.fillRect(margin + mx * scale, margin + my * scale, scale, scale, 0);
        }
    }
    if (name.height() > 0)
        drawCentered(bitmap, name, side);
    if (price.height() > 0)
        drawCentered(bitmap, price, side + name.height() + gap);
    return bitmap;
}

Result<QByteArray> renderQrisPng(const QString &payload, const QString &shopName, common::Rupiah amount,
                                 const QrisImageOptions &options)
{
    auto bitmap = renderQrisBitmap(payload, shopName, amount, options);
    if (!bitmap)
        return bitmap.error();
    QByteArray png = encodeGrayPng(*bitmap);
    if (png.isEmpty())
        return makeError(QStringLiteral("qris.image_failed"), QStringLiteral("Cannot encode the QRIS image as PNG"));
    return png;
}

Result<QString> writeQrisPng(const QString &payload, const QString &shopName, common::Rupiah amount,
                             const QString &path, const QrisImageOptions &options)
{
    auto png = renderQrisPng(payload, shopName, amount, options);
    if (!png)
        return png.error();
    const QString tmpPath = path + QLatin1String(".tmp");
    QFile tmp(tmpPath);
    const auto fail = [&](const QString &why) {
        tmp.close();
        QFile::remove(tmpPath);
        return makeError(QStringLiteral("qris.write_failed"),
                         QStringLiteral("Cannot write the QRIS image %1: %2").arg(path, why));
    };
    if (!tmp.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(tmp.errorString());
    if (tmp.write(*png) != png->size() || !tmp.flush())
        return fail(tmp.errorString());
    // Explicit mode: the file is served to other processes (and users), whatever the umask.
    if (!tmp.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther))
        return fail(tmp.errorString());
    tmp.close();
    // QFile::rename() refuses to replace an existing file; std::filesystem::rename replaces it
    // atomically, so a reader sees either the old image or the new one, never half of it.
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(tmpPath.toStdU16String()),
                            std::filesystem::path(path.toStdU16String()), ec);
    if (ec)
        return fail(QString::fromStdString(ec.message()));
    return path;
}

} // namespace kedai::payments
