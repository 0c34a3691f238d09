#include "domain/product.h"

#include <QRegularExpression>

namespace kedai::domain {

QString productKindName(ProductKind kind)
{
    switch (kind) {
    case ProductKind::Digital: return QStringLiteral("digital");
    case ProductKind::Counted: return QStringLiteral("counted");
    case ProductKind::Ppob: return QStringLiteral("ppob");
    }
    return QStringLiteral("digital");
}

ProductKind parseProductKind(const QString &text)
{
    if (text == QLatin1String("counted"))
        return ProductKind::Counted;
    if (text == QLatin1String("ppob"))
        return ProductKind::Ppob;
    return ProductKind::Digital;
}

QString Product::shownCategory() const
{
    return category.isEmpty() ? QStringLiteral("Lainnya") : category;
}

common::Rupiah Product::priceFor(Tier tier) const
{
    switch (tier) {
    case Tier::Bronze: return priceBronze;
    case Tier::Silver: return priceSilver;
    case Tier::Gold: return priceGold;
    }
    return priceBronze;
}

void Product::setPrice(Tier tier, common::Rupiah price)
{
    switch (tier) {
    case Tier::Bronze: priceBronze = price; break;
    case Tier::Silver: priceSilver = price; break;
    case Tier::Gold: priceGold = price; break;
    }
}

QString normalizeProductCode(const QString &code)
{
    return code.trimmed().toUpper();
}

bool isValidProductCode(const QString &code)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z0-9_-]{1,20}$"));
    return re.match(code).hasMatch();
}

} // namespace kedai::domain
