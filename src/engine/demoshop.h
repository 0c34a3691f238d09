#pragma once

#include "common/result.h"
#include "store/catalogrepository.h"
#include "store/customerrepository.h"

namespace kedai::engine {

/// The demo shop of a first run (`--demo`): 8 products in 3 categories with stock items and
/// tier prices, and demo customers with saldo (credited through the ledger like any top-up).
class DemoShop
{
public:
    /// Seeds only when the catalog is empty; returns whether it seeded.
    static common::Result<bool> seedIfEmpty(store::CatalogRepository &catalog, store::CustomerRepository &customers);

    static QString demoCustomerPhone() { return QStringLiteral("628111000001"); }
};

} // namespace kedai::engine
