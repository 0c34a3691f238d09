#pragma once

#include <QtGlobal>

namespace kedai::cache {

/// How long each kind of cached data may be served without asking the database. Every write
/// invalidates its entries at once; the TTL only bounds the damage of a lost invalidation.
struct CacheTtl
{
    /// Products, prices and stock counts: read on every catalog reply, changed by staff and sales.
    static constexpr qint64 kCatalogMs = 5 * 60 * 1000;
    /// A customer's saldo: shown after every purchase, so kept short.
    static constexpr qint64 kBalanceMs = 60 * 1000;
    /// Who is behind a channel identity, and their tier and block: rarely change.
    static constexpr qint64 kCustomerMs = 10 * 60 * 1000;
    /// Shop settings: rarely change.
    static constexpr qint64 kSettingsMs = 10 * 60 * 1000;
    /// Upper bound while Redis is down: other instances' invalidations cannot reach us then.
    static constexpr qint64 kDegradedMs = 10 * 1000;
};

} // namespace kedai::cache
