#include "domain/tier.h"

namespace kedai::domain {

QString tierName(Tier tier)
{
    switch (tier) {
    case Tier::Bronze: return QStringLiteral("bronze");
    case Tier::Silver: return QStringLiteral("silver");
    case Tier::Gold: return QStringLiteral("gold");
    }
    return QStringLiteral("bronze");
}

std::optional<Tier> parseTier(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("bronze") || t == QLatin1String("perunggu"))
        return Tier::Bronze;
    if (t == QLatin1String("silver") || t == QLatin1String("perak"))
        return Tier::Silver;
    if (t == QLatin1String("gold") || t == QLatin1String("emas"))
        return Tier::Gold;
    return std::nullopt;
}

} // namespace kedai::domain
