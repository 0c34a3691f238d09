#pragma once

#include "common/result.h"
#include "domain/customer.h"
#include "domain/ledger.h"
#include "store/database.h"

#include <QList>

#include <memory>
#include <optional>

namespace kedai::store {

/// Customers, their channel identities, and the saldo ledger.
class CustomerRepository
{
public:
    explicit CustomerRepository(std::shared_ptr<Database> db) : m_db(std::move(db)) {}

    /// The customer behind (channel, externalId); created with its identity on first contact.
    /// `phone` is the normalised number when the channel knows it (may equal externalId).
    common::Result<domain::Customer> ensure(const QString &channel, const QString &externalId, const QString &phone,
                                            const QString &name);
    /// The customer behind (channel, externalId), without creating one.
    common::Result<std::optional<domain::Customer>> byIdentity(const QString &channel, const QString &externalId);
    common::Result<std::optional<domain::Customer>> byId(qint64 id);
    common::Result<std::optional<domain::Customer>> byPhone(const QString &phone);
    /// Search in phone and name; empty term = all (newest first), at most `limit`.
    common::Result<QList<domain::Customer>> list(const QString &term = {}, int limit = 500);

    common::Result<domain::Customer> setTier(qint64 customerId, domain::Tier tier, const QString &actor);
    common::Result<domain::Customer> setBlocked(qint64 customerId, bool blocked, const QString &actor);

    /// The only way saldo changes outside a purchase: one transaction that updates
    /// customers.saldo (refusing a negative result) and writes the ledger row and an audit row.
    /// Errors: ledger.zero, ledger.insufficient (details: saldo, delta), ledger.too_large, customer.not_found.
    common::Result<domain::LedgerEntry> postLedger(qint64 customerId, common::Rupiah delta, domain::LedgerKind kind,
                                                   const QString &actor, const QString &reference, const QString &note);
    common::Result<QList<domain::LedgerEntry>> ledger(qint64 customerId, int limit = 100);

    /// Customers whose saldo differs from the sum of their ledger deltas (should be empty).
    common::Result<QList<qint64>> ledgerMismatches();

private:
    std::shared_ptr<Database> m_db;
};

} // namespace kedai::store
