#include "qrgenbench.h"

#include "benchutil.h"
#include "payments/dynamicqris.h"
#include "payments/pngencoder.h"
#include "payments/qrimage.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <qrencode.h>

#include <cstring>
#include <memory>
#include <tuple>

namespace kedai::bench {

namespace {

const QString kShopName = QStringLiteral("Warung Sayur Bu Sugeng");

common::Rupiah amountAt(int i)
{
    return 10'000 + 137LL * i; // distinct, from Rp10.000 to about Rp1,4 juta
}

bool isPng(const QByteArray &bytes)
{
    return bytes.size() > 100 && bytes.startsWith("\x89PNG\r\n\x1a\n");
}

/// The least a QR PNG costs without Kedai: libqrencode on the same string (level M, 8-bit), the
/// modules drawn into a grayscale raster as large as Kedai's image (row by row, each scaled row
/// copied), PNG scanlines (filter 0) deflated by zlib at level 9 as Kedai's encoder does.
bool baselinePng(const QByteArray &payload, int height)
{
    std::unique_ptr<QRcode, void (*)(QRcode *)> code(QRcode_encodeString(payload.constData(), 0, QR_ECLEVEL_M,
                                                                         QR_MODE_8, 1),
                                                     QRcode_free);
    if (!code)
        return false;
    const int modules = code->width;
    const int total = modules + 8;
    const int scale = std::max(1, (720 + total / 2) / total);
    const int side = total * scale;
    const int margin = 4 * scale;
    const int stride = side + 1; // filter byte + pixels
    std::vector<unsigned char> raw(size_t(stride) * size_t(std::max(height, side)), 255);
    for (size_t y = 0; y < raw.size() / size_t(stride); ++y)
        raw[y * size_t(stride)] = 0;
    std::vector<unsigned char> line(size_t(side), 255);
    for (int my = 0; my < modules; ++my) {
        for (int mx = 0; mx < modules; ++mx)
            std::memset(line.data() + margin + mx * scale, (code->data[my * modules + mx] & 1) ? 0 : 255,
                        size_t(scale));
        for (int r = 0; r < scale; ++r)
            std::memcpy(raw.data() + size_t(margin + my * scale + r) * size_t(stride) + 1, line.data(), size_t(side));
    }
    // The same PNG settings as Kedai's encoder (pngencoder.cpp): rows filtered "Up", zlib level 6.
    const size_t rows = raw.size() / size_t(stride);
    for (size_t y = rows - 1; y >= 1; --y) {
        unsigned char *row = raw.data() + y * size_t(stride);
        const unsigned char *above = row - stride;
        row[0] = 2;
        for (int x = 1; x < stride; ++x)
            row[x] = (unsigned char)(row[x] - above[x]);
    }
    return qCompress(raw.data(), qsizetype(raw.size()), 6).size() > 4;
}

/// The image's PNG scanlines: filter 0 (None, as encodeGrayPng writes them) or 2 (Up: each row
/// minus the row above, which makes the repeated rows of a scaled QR code all zeros).
std::vector<unsigned char> scanlines(const payments::GrayBitmap &bitmap, bool up)
{
    std::vector<unsigned char> raw;
    raw.reserve(size_t(bitmap.width + 1) * size_t(bitmap.height));
    for (int y = 0; y < bitmap.height; ++y) {
        const uchar *row = bitmap.row(y);
        if (!up || y == 0) {
            raw.push_back(0);
            raw.insert(raw.end(), row, row + bitmap.width);
            continue;
        }
        raw.push_back(2);
        const uchar *above = bitmap.row(y - 1);
        for (int x = 0; x < bitmap.width; ++x)
            raw.push_back(uchar(row[x] - above[x]));
    }
    return raw;
}

/// Deflated size of `raw` at `level` (qCompress: zlib's compress2 behind a 4-byte length).
qsizetype deflatedSize(const std::vector<unsigned char> &raw, int level)
{
    return qCompress(raw.data(), qsizetype(raw.size()), level).size() - 4;
}

void printRun(const char *label, const Measured &m, double baseline = 0)
{
    char suffix[128];
    if (baseline > 0)
        std::snprintf(suffix, sizeof suffix, "   p50 %.2f ms  (%d)  %5.1f %% of baseline", m.percentile(0.5), m.done,
                      100.0 * m.perSecond() / baseline);
    else
        std::snprintf(suffix, sizeof suffix, "   p50 %.2f ms  (%d)", m.percentile(0.5), m.done);
    printRate(label, m.perSecond(), suffix);
}

} // namespace

bool runQrGeneration(const QrGenOptions &o)
{
    const int n = std::max(1, o.amounts);
    const int cores = std::max(1, o.threads);
    std::printf("QR generation: %d distinct amounts, %.1f s per run at most, %d cores\n", n, o.budgetSeconds, cores);

    // The conversion alone, which also prepares the strings the baseline encodes.
    std::vector<QByteArray> payloads(static_cast<size_t>(n));
    const Measured convert = runParallel(1, n, 60, [&](int i) {
        auto dynamic = payments::makeDynamicQris(o.staticQris, amountAt(i));
        if (!dynamic)
            return false;
        payloads[size_t(i)] = dynamic->toUtf8();
        return true;
    });
    if (convert.failed > 0) {
        std::fprintf(stderr, "bench: makeDynamicQris failed for %d amounts\n", convert.failed);
        return false;
    }

    auto first = payments::renderQrisBitmap(QString::fromUtf8(payloads[0]), kShopName, amountAt(0));
    if (!first) {
        std::fprintf(stderr, "bench: renderQrisBitmap: %s\n", qPrintable(first.error().message));
        return false;
    }
    const int height = first->height;
    std::printf("  image: %d x %d px, payload %lld bytes\n", first->width, first->height,
                static_cast<long long>(payloads[0].size()));

    const auto baseline = [&](int i) { return baselinePng(payloads[size_t(i)], height); };
    const auto kedai = [&](int i) {
        auto dynamic = payments::makeDynamicQris(o.staticQris, amountAt(i));
        if (!dynamic)
            return false;
        auto png = payments::renderQrisPng(*dynamic, kShopName, amountAt(i));
        return png && isPng(*png);
    };
    // The real path ends in a file (the image the customer is sent): a fresh folder per run.
    QTemporaryDir dir1, dirN;
    const auto writeInto = [&](const QTemporaryDir &dir) {
        return [&o, &dir](int i) {
            auto dynamic = payments::makeDynamicQris(o.staticQris, amountAt(i));
            if (!dynamic)
                return false;
            const QString path = dir.filePath(QStringLiteral("qris-%1.png").arg(i));
            auto written = payments::writeQrisPng(*dynamic, kShopName, amountAt(i), path);
            return written && QFileInfo(*written).size() > 100;
        };
    };

    const Measured base1 = runParallel(1, n, o.budgetSeconds, baseline);
    const Measured kedai1 = runParallel(1, n, o.budgetSeconds, kedai);
    const Measured baseN = runParallel(cores, n, o.budgetSeconds, baseline);
    const Measured kedaiN = runParallel(cores, n, o.budgetSeconds, kedai);
    const Measured write1 = runParallel(1, n, o.budgetSeconds, writeInto(dir1));
    const Measured writeN = runParallel(cores, n, o.budgetSeconds, writeInto(dirN));

    // Where the time goes, one thread: the QR modules, the raster with its text, the PNG.
    const Measured encode = runParallel(1, n, o.budgetSeconds / 3, [&](int i) {
        QRcode *code = QRcode_encodeString(payloads[size_t(i)].constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        QRcode_free(code);
        return code != nullptr;
    });
    const Measured raster = runParallel(1, n, o.budgetSeconds / 3, [&](int i) {
        return payments::renderQrisBitmap(QString::fromUtf8(payloads[size_t(i)]), kShopName, amountAt(i)).ok();
    });
    const Measured png = runParallel(1, n, o.budgetSeconds / 3,
                                     [&](int) { return isPng(payments::encodeGrayPng(first.value())); });

    // The PNG's cost is the deflate level: the same scanlines at the levels zlib offers.
    // What-if: the Up filter before deflating (a different PNG encoder, not Kedai's).
    const std::vector<unsigned char> none = scanlines(first.value(), false);
    const std::vector<unsigned char> up = scanlines(first.value(), true);
    struct Level
    {
        const char *filter;
        int level;
        Measured m;
        qsizetype bytes;
    };
    std::vector<Level> levels;
    for (const auto &[filter, raw, level] : {std::tuple{"None", &none, 1}, std::tuple{"None", &none, 6},
                                             std::tuple{"None", &none, 9}, std::tuple{"Up (what-if)", &up, 6}}) {
        const Measured m = runParallel(1, n, o.budgetSeconds / 4,
                                       [&, raw = raw, level = level](int) { return deflatedSize(*raw, level) > 0; });
        levels.push_back({filter, level, m, deflatedSize(*raw, level)});
    }

    char label[96];
    printRun("baseline: qrencode + raster + Up/zlib 6, 1 thread", base1);
    std::snprintf(label, sizeof label, "baseline: qrencode + raster + Up/zlib 6, %d thr", cores);
    printRun(label, baseN);
    printRun("convert + renderQrisPng, 1 thread", kedai1, base1.perSecond());
    std::snprintf(label, sizeof label, "convert + renderQrisPng, %d threads", cores);
    printRun(label, kedaiN, baseN.perSecond());
    printRun("convert + writeQrisPng (temp dir), 1 thread", write1, base1.perSecond());
    std::snprintf(label, sizeof label, "convert + writeQrisPng (temp dir), %d threads", cores);
    printRun(label, writeN, baseN.perSecond());
    std::printf("  where the time goes (1 thread):\n");
    printRun("  makeDynamicQris", convert);
    printRun("  QRcode_encodeString (libqrencode)", encode);
    printRun("  renderQrisBitmap (QR + raster + text)", raster);
    printRun("  encodeGrayPng (filter Up + zlib level 6)", png);
    for (const Level &l : levels) {
        std::snprintf(label, sizeof label, "  filter %s, zlib level %d: %lld bytes", l.filter, l.level,
                      static_cast<long long>(l.bytes));
        printRun(label, l.m);
    }
    std::printf("KEDAI_QR_PER_S=%.0f\nKEDAI_QR_BASELINE_PER_S=%.0f\n", kedai1.perSecond(), base1.perSecond());

    int failed = base1.failed + baseN.failed + kedai1.failed + kedaiN.failed + write1.failed + writeN.failed
                 + encode.failed + raster.failed + png.failed;
    for (const Level &l : levels)
        failed += l.m.failed;
    if (failed > 0) {
        std::fprintf(stderr, "bench: %d QR generations failed\n", failed);
        return false;
    }
    return true;
}

} // namespace kedai::bench
