#pragma once

#include "cache/icache.h"
#include "common/result.h"
#include "domain/customer.h"
#include "store/customerrepository.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace kedai::bot {

/// Cache-aside for the customer behind each message, read on every message so that a known
/// customer costs no database round trip:
/// - `identity:<channel>:<externalId>` → customer id (10 min);
/// - `customer:<id>` → id, phone, name, tier, blocked (10 min), invalidated by the engine after
///   every committed change of tier, block or name (HandleOutcome::customerRecords);
/// - `balance:<id>` → saldo (1 min), invalidated after every committed ledger entry
///   (HandleOutcome::customers).
/// The record carries no saldo (Customer::saldo is 0): a purchase changes the saldo, and keeping
/// it apart means a purchase does not evict the record the next message needs.
///
/// Only committed rows are cached: a customer created by the message's own transaction is
/// cached by a later message, so a rolled-back registration cannot leave a cached id behind.
/// The saldo shown may lag a write by the time its invalidation takes; money never depends on
/// it (a purchase debits with `saldo >= total` in the database).
class CustomerCache
{
public:
    CustomerCache(std::shared_ptr<store::CustomerRepository> customers, std::shared_ptr<cache::ICache> cache);

    /// CustomerRepository::ensure through the cache. `wrote` tells whether the database was
    /// written (a new customer, a first name): the record must be invalidated after the commit.
    common::Result<domain::Customer> ensure(const QString &channel, const QString &externalId, const QString &phone,
                                            const QString &name, bool *wrote = nullptr);
    /// The known customer with this phone number (any channel), or nullopt; never creates one.
    common::Result<std::optional<domain::Customer>> findByPhone(const QString &phone);
    /// The customer's saldo, to show it.
    common::Result<common::Rupiah> saldo(qint64 customerId);

    static QString recordKey(qint64 customerId);
    static QString balanceKey(qint64 customerId);
    static QString identityKey(const QString &channel, const QString &externalId);
    static QByteArray encode(const domain::Customer &customer);
    static std::optional<domain::Customer> decode(const QByteArray &bytes);

private:
    std::optional<domain::Customer> cached(const QString &channel, const QString &externalId);
    /// Caches a committed customer; returns it without saldo, as the cache would.
    domain::Customer remember(const QString &channel, const QString &externalId, domain::Customer customer);

    std::shared_ptr<store::CustomerRepository> m_customers;
    std::shared_ptr<cache::ICache> m_cache;
};

} // namespace kedai::bot
