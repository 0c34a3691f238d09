#pragma once

#include "common/money.h"
#include "common/result.h"

#include <QString>

namespace kedai::payments {

/// The largest amount makeDynamicQris() writes (10 digits), far above any shop order.
inline constexpr common::Rupiah kMaxQrisAmount = 9'999'999'999LL;

/// Turns the shop's static QRIS into a one-time code for `amount`, producing exactly the string
/// of the common conversion (PROTOCOLS.md §5.3): drop the old CRC, "010211" → "010212", insert
/// "54" + LL + amount before "5802ID", append the new CRC.
///
/// Unlike the scripts, it first checks that the input parses with a valid CRC, is static
/// ("qris.already_dynamic" otherwise), has no amount yet, has country "ID" and contains
/// "010211" and "5802ID" only where tags 01 and 58 are (so the text replacement cannot touch
/// other data), and that 1 <= amount <= kMaxQrisAmount ("qris.amount_out_of_range"). The result
/// is parsed again and must carry the same fields with tag 54 == amount.
common::Result<QString> makeDynamicQris(const QString &staticQris, common::Rupiah amount);

} // namespace kedai::payments
