#pragma once

#include <QString>

#include <optional>

namespace kedai::domain {

/// Customer price tier.
enum class Tier { Bronze, Silver, Gold };

QString tierName(Tier tier);                        ///< "bronze" | "silver" | "gold"
std::optional<Tier> parseTier(const QString &text); ///< case-insensitive, also "perunggu/perak/emas"

} // namespace kedai::domain
