#pragma once

#include <QString>

namespace kedai::bench {

struct QrGenOptions
{
    QString staticQris;         ///< the shop's static QRIS (from the fixtures)
    int amounts = 10'000;       ///< distinct amounts, one QR each; a run stops earlier at its budget
    double budgetSeconds = 1.0; ///< time limit of each measured run
    int threads = 2;            ///< "all cores"
};

/// QR generations per second: makeDynamicQris + renderQrisPng (1 thread and all cores), and
/// writeQrisPng into a temp dir, beside a baseline measured in the same run: libqrencode's
/// QRcode_encodeString of the same strings + the same-size raster + zlib level 9, with no Kedai
/// code. Prints the figures and where the time goes. Returns false when a generation failed.
bool runQrGeneration(const QrGenOptions &options);

} // namespace kedai::bench
