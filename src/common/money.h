#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace kedai::common {

/// Money is integer rupiah, never floating point.
using Rupiah = qint64;

/// "Rp 50.000" (Indonesian grouping with dots; negative as "-Rp 5.000").
QString formatRupiah(Rupiah amount);

/// Parses a whole, non-negative rupiah amount: "50000", "50.000", "Rp 50.000", "rp50,000".
/// Rejects fractions, signs, letters and amounts above kMaxRupiah.
std::optional<Rupiah> parseRupiah(const QString &text);

/// a * b, or nullopt when the product leaves [0, kMaxRupiah].
std::optional<Rupiah> multiplyRupiah(Rupiah unit, qint64 qty);

/// One trillion rupiah: far above any shop amount, far below overflow.
inline constexpr Rupiah kMaxRupiah = 1'000'000'000'000LL;

} // namespace kedai::common
