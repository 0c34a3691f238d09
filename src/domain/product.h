#pragma once

#include "common/money.h"
#include "domain/tier.h"

#include <QString>

namespace kedai::domain {

enum class ProductKind { Digital, Counted, Ppob };
QString productKindName(ProductKind kind);
ProductKind parseProductKind(const QString &text);

/// A catalog entry. Codes are unique, upper case (e.g. "NF1").
struct Product
{
    qint64 id = 0;
    QString code;
    QString name;
    QString description;
    QString terms;
    QString category;
    ProductKind kind = ProductKind::Digital;
    common::Rupiah priceBronze = 0;
    common::Rupiah priceSilver = 0;
    common::Rupiah priceGold = 0;
    bool active = true;
    int lowStockThreshold = 3;
    // Derived by the store when listing:
    qint64 stockAvailable = 0;
    qint64 sold = 0;

    common::Rupiah priceFor(Tier tier) const;
    /// The category customers see: uncategorised products are listed under "Lainnya" (the
    /// catalog groups by it, and a search for it finds them).
    QString shownCategory() const;
    void setPrice(Tier tier, common::Rupiah price);
};

/// Product codes: 1-20 of A-Z, 0-9, '-', '_'; stored upper case.
QString normalizeProductCode(const QString &code);
bool isValidProductCode(const QString &code);

} // namespace kedai::domain
